/**
 * The `database.*` actions of the CloudBase server API, with the request and reply shapes
 * that `@cloudbase/database` (the SDK's database module) sends and parses.
 */
import { EJSON } from 'bson'
import { EmulatorError, invalidParam } from '../errors'
import { Doc, decode, encodeCanonical, isPlainObject, isReservedPath } from './codec'
import { isFieldPath } from './engine'
import { SortSpec } from './planner'
import { Store } from './store'
import { TransactionManager } from './transactions'

/** CloudBase's paging limits: 100 documents by default, 1000 at most. */
const DEFAULT_LIMIT = 100
const MAX_LIMIT = 1000
/** An aggregation without a $limit stage returns at most this many documents, as on CloudBase. */
const AGGREGATE_DEFAULT_LIMIT = 20

type Body = Record<string, any>
/** What an action puts in its reply besides `requestId`. */
type Reply = Record<string, unknown>

function collectionName(body: Body): string {
  const name = body.collectionName
  if (typeof name !== 'string' || !name) throw invalidParam('collectionName is required')
  return name
}

const absent = (value: unknown): boolean => value === undefined || value === null || value === ''

function queryOf(body: Body): Doc {
  if (absent(body.query)) return {}
  const q = decode(body.query, 'query')
  if (!isPlainObject(q)) throw invalidParam('query must be an object')
  return q
}

const LEGACY_DIRECTIONS: Record<string, 1 | -1> = { asc: 1, desc: -1 }

/** The sort of a query: `{ field: 1 | -1 }` from current SDKs, `[{ field, direction }]` from older ones. */
function sortOf(body: Body): SortSpec | undefined {
  if (absent(body.order)) return undefined
  const order = decode(body.order, 'order')
  let entries: [unknown, unknown][]
  if (Array.isArray(order)) {
    entries = order.map((o: unknown) => {
      if (!isPlainObject(o)) throw invalidParam('order must list { field, direction } objects')
      return [o.field, LEGACY_DIRECTIONS[String(o.direction ?? 'asc')]]
    })
  } else if (isPlainObject(order)) {
    entries = Object.entries(order)
  } else {
    throw invalidParam('order must be an object of field: 1 | -1')
  }
  return entries.map(([field, dir]) => {
    if (!isFieldPath(field) || isReservedPath(field)) throw invalidParam(`invalid sort field: ${JSON.stringify(field)}`)
    if (dir !== 1 && dir !== -1) throw invalidParam(`invalid sort direction for ${field}`)
    return [field, dir]
  })
}

function nonNegativeInt(value: unknown, what: string): number | undefined {
  if (value === undefined || value === null) return undefined
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) throw invalidParam(`${what} must be a non-negative integer`)
  return value
}

function dataDoc(text: unknown, what: string): Doc {
  const d = decode(text, what)
  // A plain object: Extended JSON can also decode to a date or a regular expression.
  if (!isPlainObject(d)) throw invalidParam(`${what} must be an object`)
  return d
}

/**
 * An aggregation's result document in the reply. mingo adds `$$ROOT` to a document by
 * reference, so a stage can make a document that contains itself (MongoDB would copy).
 */
function encodeAggregated(doc: Doc): string {
  try {
    return encodeCanonical(doc)
  } catch {
    throw new EmulatorError('DATABASE_REQUEST_FAILED', 'aggregation failed: a result document contains itself ($$ROOT placed inside the document)')
  }
}

function txIdOf(body: Body): string | undefined {
  return typeof body.transactionId === 'string' && body.transactionId ? body.transactionId : undefined
}

export class DatabaseActions {
  constructor(private readonly store: Store, private readonly tx: TransactionManager) {}

  run(action: string, body: Body): Reply {
    switch (action) {
      case 'database.getDocument': return this.getDocument(body)
      case 'database.calculateDocument': return { data: { total: this.store.count(collectionName(body), queryOf(body)) } }
      case 'database.insertDocument': return this.insertDocument(body)
      case 'database.modifyDocument': return this.modifyDocument(body)
      case 'database.removeDocument': return this.removeDocument(body)
      case 'database.modifyAndReturnDoc': return this.modifyAndReturnDoc(body)
      case 'database.aggregateDocuments': return this.aggregateDocuments(body)
      case 'database.addCollection': {
        this.store.createCollection(collectionName(body))
        return {}
      }
      case 'database.startTransaction': return { transactionId: this.tx.start() }
      case 'database.commitTransaction': {
        this.tx.commit(body.transactionId)
        return {}
      }
      case 'database.abortTransaction': {
        this.tx.abort(body.transactionId)
        return {}
      }
      case 'database.getInTransaction': {
        const doc = this.tx.getDoc(body.transactionId, collectionName(body), body._id)
        return { data: encodeCanonical(doc) }
      }
      case 'database.updateDocInTransaction': {
        const update = dataDoc(body.data, 'data')
        const replace = body.upsert === true && !Object.keys(update).some((k) => k.startsWith('$'))
        const r = this.tx.update(body.transactionId, collectionName(body), body._id, update, { replace, upsert: body.upsert === true })
        const reply: Reply = { updated: EJSON.stringify(r.updated, { relaxed: false }) }
        if (r.upsertId !== undefined) reply.upserted = JSON.stringify([{ _id: r.upsertId }])
        return reply
      }
      case 'database.deleteDocInTransaction': {
        const n = this.tx.remove(body.transactionId, collectionName(body), body._id)
        return { deleted: EJSON.stringify(n, { relaxed: false }) }
      }
      default:
        throw new EmulatorError('INVALID_ACTION', `unknown action: ${action}`)
    }
  }

  private getDocument(body: Body): Reply {
    const coll = collectionName(body)
    const query = queryOf(body)
    const txId = txIdOf(body)
    const requested = nonNegativeInt(body.limit, 'limit')
    const limit = Math.min(requested || DEFAULT_LIMIT, MAX_LIMIT)
    const offset = nonNegativeInt(body.offset, 'offset') ?? 0
    const projection = absent(body.projection) ? undefined : dataDoc(body.projection, 'projection')
    const sort = sortOf(body)
    let docs: Doc[]
    if (txId) {
      const doc = this.tx.getDoc(txId, coll, TransactionManager.idOf(query))
      docs = doc ? [doc] : []
    } else {
      docs = this.store.find(coll, query, { sort, skip: offset, limit, projection })
    }
    return { data: { list: docs.map(encodeCanonical), limit, offset } }
  }

  private insertDocument(body: Body): Reply {
    const coll = collectionName(body)
    if (!Array.isArray(body.data) || body.data.length === 0) throw invalidParam('data must be a non-empty array of documents')
    const now = Date.now()
    const docs = body.data.map((d: unknown, i: number) => {
      const doc = decode(d, `data[${i}]`, now)
      if (!isPlainObject(doc)) throw invalidParam(`data[${i}] must be an object`)
      return doc
    })
    const txId = txIdOf(body)
    const ids = txId ? this.tx.insert(txId, coll, docs) : this.store.insert(coll, docs)
    return { data: { insertedIds: ids } }
  }

  private modifyDocument(body: Body): Reply {
    const coll = collectionName(body)
    const query = queryOf(body)
    const update = dataDoc(body.data, 'data')
    const replace = body.merge === false
    const upsert = body.upsert === true
    const multi = body.multi !== false
    const txId = txIdOf(body)
    const r = txId
      ? this.tx.update(txId, coll, TransactionManager.idOf(query), update, { replace, upsert })
      : this.store.update(coll, query, update, { multi, replace, upsert })
    const data: Record<string, unknown> = { updated: r.updated }
    if ('matched' in r) data.matched = r.matched
    if (r.upsertId !== undefined) data.upsert_id = r.upsertId
    return { data }
  }

  private removeDocument(body: Body): Reply {
    const coll = collectionName(body)
    const query = queryOf(body)
    const txId = txIdOf(body)
    const deleted = txId
      ? this.tx.remove(txId, coll, TransactionManager.idOf(query))
      : this.store.remove(coll, query, body.multi !== false)
    return { data: { deleted } }
  }

  private modifyAndReturnDoc(body: Body): Reply {
    const coll = collectionName(body)
    const query = queryOf(body)
    const update = dataDoc(body.data, 'data')
    const txId = txIdOf(body)
    if (txId) {
      const id = TransactionManager.idOf(query)
      const r = this.tx.update(txId, coll, id, update, { replace: false, upsert: false })
      const doc = this.tx.getDoc(txId, coll, id)
      return { data: { updated: r.updated, doc: doc ? encodeCanonical(doc) : null } }
    }
    const r = this.store.findOneAndUpdate(coll, query, update)
    return { data: { updated: r.updated, doc: r.doc ? encodeCanonical(r.doc) : null } }
  }

  private aggregateDocuments(body: Body): Reply {
    const coll = collectionName(body)
    if (!Array.isArray(body.stages)) throw invalidParam('stages must be an array')
    const pipeline: Doc[] = body.stages.map((s: unknown, i: number) => {
      if (!isPlainObject(s) || typeof s.stageKey !== 'string' || !s.stageKey.startsWith('$')) throw invalidParam(`stages[${i}] has no valid stageKey`)
      return { [s.stageKey]: decode(s.stageValue, `stages[${i}].stageValue`) }
    })
    if (!pipeline.some((s: Doc) => '$limit' in s)) pipeline.push({ $limit: AGGREGATE_DEFAULT_LIMIT })
    return { data: { list: this.store.aggregate(coll, pipeline).map(encodeAggregated) } }
  }
}
