/**
 * Field names the engine cannot hold as data (`__proto__`, and the names of
 * Object.prototype's members such as `constructor` or `toString`, which mingo resolves
 * through the prototype) are refused wherever a request names them: in filters, update
 * documents, inserted documents, projections, sorts and aggregation stages, at any depth
 * and as any part of a dotted path. A refused request changes nothing; a request without
 * them (`prototype` is an ordinary name) acts on exactly the documents its filter names.
 *
 * Requests are written as JSON text and sent through the SDK's own requester, since the
 * SDK's serializer would itself drop a `__proto__` key before it left the process.
 */
import fc from 'fast-check'
import { Query } from 'mingo'
import { useTestEnv } from './conformance/helpers'

const getEnv = useTestEnv()
const db = () => getEnv().app.database()

function send(action: string, params: Record<string, unknown>): Promise<any> {
  const database = db() as any
  return new database.constructor.reqClass(database.config).send(action, params)
}

const RESERVED = new Set(['__proto__', ...Object.getOwnPropertyNames(Object.prototype)])
const isReserved = (name: string): boolean => name.split('.').some((part) => RESERVED.has(part))

// ------------------------------------------------------------------ JSON trees with any key

/** A JSON value whose objects are lists of entries, so that any key survives to the wire. */
type Tree = number | string | boolean | null | Tree[] | { entries: [string, Tree][] }

const toJson = (t: Tree): string => {
  if (Array.isArray(t)) return `[${t.map(toJson).join(',')}]`
  if (t !== null && typeof t === 'object') return `{${t.entries.map(([k, v]) => `${JSON.stringify(k)}:${toJson(v)}`).join(',')}}`
  return JSON.stringify(t)
}

/** Whether a tree names a reserved field anywhere. */
const namesReserved = (t: Tree): boolean => {
  if (Array.isArray(t)) return t.some(namesReserved)
  if (t !== null && typeof t === 'object') return t.entries.some(([k, v]) => isReserved(k) || namesReserved(v))
  return false
}

const ORDINARY = ['a', 'n', 'x', 'prototype', 'n.a', 'prototype.x']
const DANGEROUS = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', '__proto__.x', 'n.__proto__', 'a.constructor.b', 'n.toString']
const keyArb = fc.oneof({ arbitrary: fc.constantFrom(...ORDINARY), weight: 3 }, { arbitrary: fc.constantFrom(...DANGEROUS), weight: 1 })
const leafArb: fc.Arbitrary<Tree> = fc.constantFrom(1, 2, 'v', null, true)

const { tree: treeArb } = fc.letrec<{ tree: Tree; object: Tree }>((tie) => ({
  tree: fc.oneof({ depthSize: 'small', withCrossShrink: true }, leafArb, tie('object'), fc.array(tie('tree'), { maxLength: 2 })),
  object: fc.uniqueArray(fc.tuple(keyArb, tie('tree')), { maxLength: 3, selector: ([k]) => k }).map((entries) => ({ entries }))
}))
/** An object tree: a filter, a document, an update's fields. */
const objectArb = fc.uniqueArray(fc.tuple(keyArb, treeArb), { minLength: 1, maxLength: 3, selector: ([k]) => k }).map((entries): Tree => ({ entries }))

// ------------------------------------------------------------------ the data

const SEED = [
  { _id: 'd1', a: 1, n: { a: 1 }, prototype: { x: 1 } },
  { _id: 'd2', a: 2, n: { a: 2 }, prototype: 1 },
  { _id: 'd3', a: 'v', n: null, x: [1, 2] },
  { _id: 'd4', n: { a: 1, x: 'v' }, prototype: { x: 'v' } },
  { _id: 'd5', a: true, x: null }
]

async function snapshot(c: string): Promise<Record<string, unknown>[]> {
  return (await db().collection(c).limit(1000).get()).data as Record<string, unknown>[]
}

/** The ids mingo's matcher picks from `docs` for a filter free of reserved names. */
const matchedIds = (docs: Record<string, unknown>[], filter: Tree): unknown[] => {
  const q = new Query(JSON.parse(toJson(filter)))
  return docs.filter((d) => q.test(d)).map((d) => d._id)
}

type Operation = { kind: string; tree: Tree }

/** Sends one operation; returns what it did when accepted. */
async function perform(c: string, op: Operation): Promise<unknown> {
  const json = toJson(op.tree)
  switch (op.kind) {
    case 'get': return (await send('database.getDocument', { collectionName: c, query: json, limit: 100 })).data.list.map((d: string) => JSON.parse(d)._id)
    case 'count': return (await send('database.calculateDocument', { collectionName: c, query: json })).data.total
    case 'remove': return (await send('database.removeDocument', { collectionName: c, query: json, multi: true })).data.deleted
    case 'update by filter': return (await send('database.modifyDocument', { collectionName: c, query: json, data: '{"$set":{"touched":true}}', multi: true })).data.updated
    case 'update fields': return (await send('database.modifyDocument', { collectionName: c, query: '{"_id":"d1"}', data: `{"$set":${json}}`, multi: true })).data.updated
    case 'replace': return (await send('database.modifyDocument', { collectionName: c, query: '{"_id":"d2"}', data: json, merge: false, multi: false })).data.updated
    case 'insert': return (await send('database.insertDocument', { collectionName: c, data: [json] })).data.insertedIds
    case 'projection': return (await send('database.getDocument', { collectionName: c, query: '{}', projection: json, limit: 100 })).data.list.length
    case 'sort': return (await send('database.getDocument', { collectionName: c, query: '{}', order: json, limit: 100 })).data.list.length
    case 'match stage':
    case 'addFields stage':
    case 'project stage': {
      const stageKey = `$${op.kind.split(' ')[0]}`
      return (await send('database.aggregateDocuments', { collectionName: c, stages: [{ stageKey, stageValue: json }] })).data.list.length
    }
    default: throw new Error(`unknown operation ${op.kind}`)
  }
}

const operationArb = fc.record({
  kind: fc.constantFrom('get', 'count', 'remove', 'update by filter', 'update fields', 'replace', 'insert', 'projection', 'sort', 'match stage', 'addFields stage', 'project stage'),
  tree: objectArb
})

describe('reserved field names', () => {
  const outcomes = { refused: 0, accepted: 0 }

  it('are refused wherever a request names them, and nothing changes', async () => {
    await fc.assert(fc.asyncProperty(operationArb, async (op) => {
      const c = await getEnv().collection('reserved')
      await db().collection(c).add(SEED)
      const before = await snapshot(c)
      if (namesReserved(op.tree)) {
        outcomes.refused++
        const e = await perform(c, op).then(() => null, (err) => err)
        expect({ op: op.kind, json: toJson(op.tree), code: e?.code }).toEqual({ op: op.kind, json: toJson(op.tree), code: expect.stringMatching(/^(INVALID_PARAM|DATABASE_REQUEST_FAILED)$/) })
        expect(await snapshot(c)).toEqual(before)
        return
      }
      outcomes.accepted++
      const did = await perform(c, op).catch((err) => ({ failed: err.code }))
      // Without reserved names the request runs, and acts on what its filter names only.
      if (op.kind === 'get') expect(did).toEqual(matchedIds(before, op.tree))
      if (op.kind === 'count') expect(did).toBe(matchedIds(before, op.tree).length)
      if (op.kind === 'remove') {
        const gone = matchedIds(before, op.tree)
        expect(did).toBe(gone.length)
        expect(await snapshot(c)).toEqual(before.filter((d) => !gone.includes(d._id)))
      }
      if (op.kind === 'update by filter') {
        const hit = matchedIds(before, op.tree)
        expect(did).toBe(hit.length)
        expect((await snapshot(c)).filter((d) => d.touched).map((d) => d._id)).toEqual(hit)
      }
      if (op.kind === 'insert') {
        // kept as data: the stored document is the one sent
        const doc = JSON.parse(toJson(op.tree))
        expect(did).toHaveLength(1)
        const [id] = did as string[]
        expect((await db().collection(c).doc(id).get()).data).toEqual([{ ...doc, _id: id }])
      }
    }), { numRuns: 120 })
  })

  it('were generated both ways (the property above is not vacuous)', () => {
    expect(outcomes.refused).toBeGreaterThan(20)
    expect(outcomes.accepted).toBeGreaterThan(20)
  })

  it('the reported case: a remove filtered on __proto__ deletes nothing', async () => {
    const c = await getEnv().collection('reserved')
    await db().collection(c).add(SEED)
    const e = await send('database.removeDocument', { collectionName: c, query: '{"__proto__":{"x":1}}', multi: true }).catch((err) => err)
    expect(e.code).toBe('INVALID_PARAM')
    expect((await db().collection(c).count()).total).toBe(SEED.length)
  })
})
