/**
 * The document store: CloudBase collections kept in one SQLite file (WAL mode, synchronous
 * FULL, so a write is on disk before it is acknowledged). MongoDB semantics for matching,
 * projection, sort, updates and aggregation come from `mingo`; SQLite indexes on declared
 * fields narrow the documents mingo has to look at.
 */
import Database from 'better-sqlite3'
import { randomBytes } from 'node:crypto'
import { Query, find as mingoFind, aggregate as mingoAggregate, update as mingoUpdate } from 'mingo'
import { EmulatorError, invalidParam } from '../errors'
import { Doc, decodeStored, encodeStored } from './codec'
import { elementKeysForPath, IndexKey, keyForPath, RANK } from './indexKeys'
import { FieldInfo, IndexSpec, Plan, planQuery, SortSpec } from './planner'

export type { IndexSpec } from './planner'

interface CollectionMeta {
  name: string
  table: string
  indexes: IndexSpec[]
  fields: Map<string, FieldInfo>
}

interface Row {
  rowid: number
  id: string
  seq: number
  body: string
}

export interface FindOptions {
  sort?: SortSpec
  skip?: number
  limit?: number
  projection?: Record<string, unknown>
}

export interface StoreStats {
  /** documents read from disk and checked against a query (MongoDB's totalDocsExamined) */
  docsExamined: number
  /** the plan of the most recent query, for diagnostics */
  lastPlan: string
}

const COLLECTION_NAME = /^[A-Za-z0-9_\-.]{1,100}$/
const SQL_MAX_VARS = 500

/** CloudBase-style document id: 32 lowercase hex characters. */
export const newDocId = (): string => randomBytes(16).toString('hex')

/** Primary-key text of an `_id` value; string ids are stored as they are. */
export function idKey(id: unknown): string {
  if (typeof id === 'string') return id
  if (typeof id === 'number' && Number.isFinite(id)) return `\u0000n:${id}`
  throw invalidParam('_id must be a string or a number')
}

export const docKey = (collection: string, id: unknown): string => `${collection}\u0000${idKey(id)}`

function isOperatorUpdate(update: Doc): boolean {
  return Object.keys(update).some((k) => k.startsWith('$'))
}

function compileQuery(query: Doc): Query {
  try {
    return new Query(query)
  } catch (e) {
    throw new EmulatorError('DATABASE_REQUEST_FAILED', `invalid query: ${(e as Error).message}`)
  }
}

/** The table of a field's per-element keys (documents holding an array there). */
const elementTable = (meta: { table: string }, f: FieldInfo): string => `${meta.table}__mk${f.col}`

function createElementTable(db: Database.Database, meta: { table: string }, f: FieldInfo): void {
  const t = elementTable(meta, f)
  db.exec(`CREATE TABLE IF NOT EXISTS "${t}" (rowid INTEGER NOT NULL, t INTEGER NOT NULL, v)`)
  db.exec(`CREATE INDEX IF NOT EXISTS "${t}__tv" ON "${t}" (t, v)`)
  db.exec(`CREATE INDEX IF NOT EXISTS "${t}__row" ON "${t}" (rowid)`)
}

function isEqualityLookup(stage: Doc): stage is { $lookup: { from: string; localField: string; foreignField: string; as: string } } {
  const l = stage.$lookup
  return !!l && typeof l === 'object' && Object.keys(stage).length === 1 &&
    typeof l.from === 'string' && typeof l.localField === 'string' && typeof l.foreignField === 'string' &&
    typeof l.as === 'string' && l.pipeline === undefined && l.let === undefined
}

export class Store {
  readonly db: Database.Database
  readonly stats: StoreStats = { docsExamined: 0, lastPlan: '' }
  private readonly collections = new Map<string, CollectionMeta>()
  private seq = 0
  private readonly statements = new Map<string, Database.Statement>()

  constructor(file: string) {
    this.db = new Database(file)
    this.db.pragma('journal_mode = WAL')
    this.db.pragma('synchronous = FULL')
    this.db.pragma('busy_timeout = 5000')
    this.db.exec(`CREATE TABLE IF NOT EXISTS __collections (
      name TEXT PRIMARY KEY, tbl TEXT NOT NULL, indexes TEXT NOT NULL, fields TEXT NOT NULL, created INTEGER NOT NULL)`)
    for (const r of this.db.prepare('SELECT name, tbl, indexes, fields FROM __collections').all() as any[]) {
      const fields = new Map<string, FieldInfo>((JSON.parse(r.fields) as FieldInfo[]).map((f) => [f.path, f]))
      this.collections.set(r.name, { name: r.name, table: r.tbl, indexes: JSON.parse(r.indexes), fields })
      for (const f of fields.values()) createElementTable(this.db, { table: r.tbl }, f)
      const max = (this.db.prepare(`SELECT MAX(seq) AS m FROM "${r.tbl}"`).get() as any).m
      if (typeof max === 'number' && max > this.seq) this.seq = max
    }
  }

  /** A prepared statement, cached by its SQL text. */
  private stmt(sql: string): Database.Statement {
    let s = this.statements.get(sql)
    if (!s) {
      s = this.db.prepare(sql)
      this.statements.set(sql, s)
    }
    return s
  }

  close(): void {
    if (this.db.open) this.db.close()
  }

  // ---------------------------------------------------------------- collections

  listCollections(): string[] {
    return [...this.collections.keys()].sort()
  }

  hasCollection(name: string): boolean {
    return this.collections.has(name)
  }

  indexesOf(name: string): IndexSpec[] {
    return this.meta(name).indexes
  }

  private meta(name: string): CollectionMeta {
    const m = this.collections.get(name)
    if (!m) throw new EmulatorError('DATABASE_COLLECTION_NOT_EXIST', `Db or Table not exist: ${name}`)
    return m
  }

  /** Creates a collection; an existing one is an error, as on CloudBase. */
  createCollection(name: string): void {
    if (typeof name !== 'string' || !COLLECTION_NAME.test(name)) {
      throw invalidParam(`invalid collection name: ${String(name)}`)
    }
    if (this.collections.has(name)) {
      throw new EmulatorError('DATABASE_COLLECTION_ALREADY_EXIST', `collection already exists: ${name}`)
    }
    const table = `c${this.collections.size + 1}_${name.replace(/[^A-Za-z0-9_]/g, '_')}`
    this.db.transaction(() => {
      this.db.exec(`CREATE TABLE "${table}" (rowid INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, seq INTEGER NOT NULL, body TEXT NOT NULL)`)
      this.db.prepare('INSERT INTO __collections (name, tbl, indexes, fields, created) VALUES (?, ?, ?, ?, ?)')
        .run(name, table, '[]', '[]', Date.now())
    })()
    this.collections.set(name, { name, table, indexes: [], fields: new Map() })
  }

  /**
   * Declares indexes (idempotent by name). New indexed fields get key columns, filled in
   * for existing documents; a unique index that existing documents violate is refused.
   */
  ensureIndexes(name: string, specs: IndexSpec[]): void {
    const meta = this.meta(name)
    const fresh = specs.filter((s) => !meta.indexes.some((ix) => ix.name === s.name))
    if (!fresh.length) return
    const fields = new Map(meta.fields)
    const newFields: FieldInfo[] = []
    for (const s of fresh) {
      if (!s.keys.length) throw invalidParam(`index ${s.name} has no keys`)
      for (const k of s.keys) {
        if (!fields.has(k.field)) {
          const f: FieldInfo = { path: k.field, col: fields.size, multikey: false, object: false }
          fields.set(k.field, f)
          newFields.push(f)
        }
      }
    }
    const indexes = [...meta.indexes, ...fresh]
    const run = this.db.transaction(() => {
      for (const f of newFields) {
        this.db.exec(`ALTER TABLE "${meta.table}" ADD COLUMN k${f.col}_t INTEGER`)
        this.db.exec(`ALTER TABLE "${meta.table}" ADD COLUMN k${f.col}_v`)
        createElementTable(this.db, meta, f)
      }
      if (newFields.length) {
        const sets = newFields.map((f) => `k${f.col}_t = ?, k${f.col}_v = ?`).join(', ')
        const upd = this.db.prepare(`UPDATE "${meta.table}" SET ${sets} WHERE rowid = ?`)
        // In pages: SQLite cannot write on a connection while it is stepping through a read.
        const page = this.db.prepare(`SELECT rowid, body FROM "${meta.table}" WHERE rowid > ? ORDER BY rowid LIMIT 500`)
        const rows = function* (): Generator<Row> {
          for (let last = 0, batch = page.all(0) as Row[]; batch.length; last = batch[batch.length - 1].rowid, batch = page.all(last) as Row[]) yield * batch
        }
        for (const r of rows()) {
          const doc = decodeStored(r.body)
          const params: (string | number)[] = []
          for (const f of newFields) {
            const k = keyForPath(doc, f.path)
            if (k.t === RANK.MULTI) {
              f.multikey = true
              const ins = this.db.prepare(`INSERT INTO "${elementTable(meta, f)}" (rowid, t, v) VALUES (?, ?, ?)`)
              for (const e of elementKeysForPath(doc, f.path)) ins.run(r.rowid, e.t, e.v)
            }
            if (k.t === RANK.OBJECT) f.object = true
            params.push(k.t, k.v)
          }
          upd.run(...params, r.rowid)
        }
      }
      for (const s of fresh) {
        const cols = s.keys.map((k) => `k${fields.get(k.field)!.col}_t, k${fields.get(k.field)!.col}_v`).join(', ')
        const ixName = `${meta.table}__${s.name.replace(/[^A-Za-z0-9_]/g, '_')}`
        try {
          this.db.exec(`CREATE ${s.unique ? 'UNIQUE ' : ''}INDEX "${ixName}" ON "${meta.table}" (${cols})`)
        } catch (e) {
          throw new EmulatorError('DATABASE_DUPLICATE_WRITE', `cannot create unique index ${s.name}: existing documents have duplicate keys`)
        }
      }
      this.db.prepare('UPDATE __collections SET indexes = ?, fields = ? WHERE name = ?')
        .run(JSON.stringify(indexes), JSON.stringify([...fields.values()]), name)
    })
    run()
    meta.indexes = indexes
    meta.fields = fields
  }

  // ---------------------------------------------------------------- reading

  private *candidates(meta: CollectionMeta, plan: Plan): Generator<Row> {
    const t = `"${meta.table}"`
    if (plan.kind === 'ids') {
      const keys = [...new Set(plan.ids.map(idKey))]
      for (let i = 0; i < keys.length; i += SQL_MAX_VARS) {
        const chunk = keys.slice(i, i + SQL_MAX_VARS)
        const rows = this.stmt(`SELECT rowid, id, seq, body FROM ${t} WHERE id IN (${chunk.map(() => '?').join(',')}) ORDER BY rowid`)
          .all(...chunk) as Row[]
        yield * rows
      }
      return
    }
    if (plan.kind === 'index') {
      const sql = `SELECT rowid, id, seq, body FROM ${t} WHERE ${plan.where} ORDER BY ${plan.orderBy ?? 'rowid'}`
      yield * this.stmt(sql).iterate(...plan.params) as IterableIterator<Row>
      return
    }
    const where = plan.where ? ` WHERE ${plan.where}` : ''
    yield * this.stmt(`SELECT rowid, id, seq, body FROM ${t}${where} ORDER BY ${plan.orderBy ?? 'rowid'}`).iterate(...(plan.params ?? [])) as IterableIterator<Row>
  }

  private plan(meta: CollectionMeta, query: Doc, sort?: SortSpec): Plan {
    return planQuery(query, meta.indexes, meta.fields, sort, (f) => elementTable(meta, f))
  }

  /** Documents matching `query`, in the order of the plan (made here unless given). */
  private *matching(collection: string, query: Doc, plan?: Plan): Generator<{ doc: Doc }> {
    const meta = this.meta(collection)
    const matcher = compileQuery(query)
    const chosen = plan ?? this.plan(meta, query)
    this.stats.lastPlan = chosen.describe
    for (const row of this.candidates(meta, chosen)) {
      this.stats.docsExamined++
      const doc = decodeStored(row.body)
      if (matcher.test(doc)) yield { doc }
    }
  }

  find(collection: string, query: Doc, opts: FindOptions = {}): Doc[] {
    const skip = opts.skip ?? 0
    const limit = opts.limit ?? Infinity
    const plan = this.plan(this.meta(collection), query, opts.sort)
    let docs: Doc[]
    if (!opts.sort?.length || (plan.kind !== 'ids' && plan.orderBy)) {
      // The plan's order is the answer's order: stop reading once the page is full.
      docs = []
      let matched = 0
      for (const { doc } of this.matching(collection, query, plan)) {
        if (matched++ < skip) continue
        docs.push(doc)
        if (docs.length >= limit) break
      }
    } else {
      const all = [...this.matching(collection, query, plan)].map((m) => m.doc)
      try {
        docs = mingoFind(all, {}).sort(Object.fromEntries(opts.sort)).skip(skip).limit(limit === Infinity ? all.length : limit).all() as Doc[]
      } catch (e) {
        throw new EmulatorError('DATABASE_REQUEST_FAILED', `invalid sort: ${(e as Error).message}`)
      }
    }
    return opts.projection && Object.keys(opts.projection).length ? this.project(docs, opts.projection) : docs
  }

  private project(docs: Doc[], projection: Record<string, unknown>): Doc[] {
    try {
      return mingoFind(docs, {}, projection as any).all() as Doc[]
    } catch (e) {
      throw new EmulatorError('DATABASE_REQUEST_FAILED', `invalid projection: ${(e as Error).message}`)
    }
  }

  count(collection: string, query: Doc): number {
    const meta = this.meta(collection)
    if (!Object.keys(query).length) {
      return (this.stmt(`SELECT COUNT(*) AS n FROM "${meta.table}"`).get() as { n: number }).n
    }
    const plan = this.plan(meta, query)
    if (plan.kind === 'index' && plan.covered) {
      compileQuery(query)
      this.stats.lastPlan = `${plan.describe} (count)`
      return (this.stmt(`SELECT COUNT(*) AS n FROM "${meta.table}" WHERE ${plan.where}`).get(...plan.params) as { n: number }).n
    }
    let n = 0
    for (const _ of this.matching(collection, query, plan)) n++
    return n
  }

  aggregate(collection: string, pipeline: Doc[]): Doc[] {
    this.meta(collection)
    // A leading $match can use the indexes.
    let docs: Doc[]
    let rest = pipeline
    if (pipeline.length && pipeline[0].$match && typeof pipeline[0].$match === 'object') {
      docs = [...this.matching(collection, pipeline[0].$match)].map((m) => m.doc)
      rest = pipeline.slice(1)
    } else {
      docs = [...this.matching(collection, {})].map((m) => m.doc)
    }
    try {
      // Equality $lookup stages are joined here through the foreign collection's indexes;
      // everything else (including $lookup with a pipeline) runs in mingo.
      let segment: Doc[] = []
      for (const stage of rest) {
        if (isEqualityLookup(stage)) {
          docs = this.runPipeline(docs, segment)
          segment = []
          docs = this.lookup(docs, stage.$lookup)
        } else {
          segment.push(stage)
        }
      }
      return this.runPipeline(docs, segment)
    } catch (e) {
      if (e instanceof EmulatorError) throw e
      throw new EmulatorError('DATABASE_REQUEST_FAILED', `aggregation failed: ${(e as Error).message}`)
    }
  }

  private runPipeline(docs: Doc[], stages: Doc[]): Doc[] {
    if (!stages.length) return docs
    return mingoAggregate(docs, stages, {
      // As in MongoDB, a $lookup from a collection that does not exist joins nothing.
      collectionResolver: (name: string) => this.hasCollection(name) ? [...this.matching(name, {})].map((m) => m.doc) : []
    } as any) as Doc[]
  }

  /** `{ $lookup: { from, localField, foreignField, as } }`, answered with one indexed query. */
  private lookup(docs: Doc[], spec: { from: string; localField: string; foreignField: string; as: string }): Doc[] {
    const localValues = (d: Doc): unknown[] => {
      const v = mingoFind([d], {}, { _v: `$${spec.localField}` } as any).all()[0]?._v
      if (v === undefined || v === null) return [null]
      return Array.isArray(v) ? (v.length ? v : [null]) : [v]
    }
    const wanted = docs.map(localValues)
    const all = [...new Map(wanted.flat().map((v) => [JSON.stringify(v), v])).values()]
    const foreign = this.hasCollection(spec.from) && all.length
      ? [...this.matching(spec.from, { [spec.foreignField]: { $in: all } })].map((m) => m.doc)
      : []
    return docs.map((d, i) => {
      const test = new Query({ [spec.foreignField]: { $in: wanted[i] } })
      return { ...d, [spec.as]: foreign.filter((f) => test.test(f)).map((f) => structuredClone(f)) }
    })
  }

  /** Current stored state of one document: its sequence number (0 when absent) and body. */
  readDoc(collection: string, id: unknown): { seq: number; doc: Doc | null } {
    const meta = this.meta(collection)
    const row = this.stmt(`SELECT seq, body FROM "${meta.table}" WHERE id = ?`).get(idKey(id)) as Row | undefined
    if (row) this.stats.docsExamined++
    return row ? { seq: row.seq, doc: decodeStored(row.body) } : { seq: 0, doc: null }
  }

  get currentSeq(): number {
    return this.seq
  }

  // ---------------------------------------------------------------- writing

  /** Runs `fn` in one SQLite transaction: all of its writes land, or none. */
  atomically<T>(fn: () => T): T {
    return this.db.transaction(fn)()
  }

  private keyParams(meta: CollectionMeta, doc: Doc): { cols: string[]; params: (string | number)[]; flagsChanged: boolean } {
    const params: (string | number)[] = []
    let flagsChanged = false
    const cols: string[] = []
    for (const f of meta.fields.values()) {
      const k = keyForPath(doc, f.path)
      if (k.t === RANK.MULTI && !f.multikey) { f.multikey = true; flagsChanged = true }
      if (k.t === RANK.OBJECT && !f.object) { f.object = true; flagsChanged = true }
      cols.push(`k${f.col}_t`, `k${f.col}_v`)
      params.push(k.t, k.v)
    }
    return { cols, params, flagsChanged }
  }

  private saveFlags(meta: CollectionMeta): void {
    this.stmt('UPDATE __collections SET fields = ? WHERE name = ?').run(JSON.stringify([...meta.fields.values()]), meta.name)
  }

  private uniqueError(e: unknown, collection: string): never {
    const err = e as { code?: string; message?: string }
    if (err.code === 'SQLITE_CONSTRAINT_UNIQUE' || err.code === 'SQLITE_CONSTRAINT_PRIMARYKEY') {
      const what = /\.id$/.test(err.message ?? '') ? '_id' : 'unique index'
      throw new EmulatorError('DATABASE_DUPLICATE_WRITE', `duplicate key on ${what} in collection ${collection}`)
    }
    throw e
  }

  /** Writes a document's new state (null deletes it). Must run inside `atomically`. */
  putDoc(collection: string, id: unknown, doc: Doc | null): void {
    const meta = this.meta(collection)
    const key = idKey(id)
    const t = `"${meta.table}"`
    const exists = this.stmt(`SELECT rowid FROM ${t} WHERE id = ?`).get(key) as { rowid: number } | undefined
    if (exists) {
      for (const f of meta.fields.values()) {
        if (f.multikey) this.stmt(`DELETE FROM "${elementTable(meta, f)}" WHERE rowid = ?`).run(exists.rowid)
      }
    }
    if (doc === null) {
      if (exists) this.stmt(`DELETE FROM ${t} WHERE rowid = ?`).run(exists.rowid)
      return
    }
    const seq = ++this.seq
    const { cols, params, flagsChanged } = this.keyParams(meta, doc)
    const body = encodeStored(doc)
    let rowid: number
    try {
      if (exists) {
        const assign = ['seq', 'body', ...cols].map((c) => `${c} = ?`).join(', ')
        this.stmt(`UPDATE ${t} SET ${assign} WHERE rowid = ?`).run(seq, body, ...params, exists.rowid)
        rowid = exists.rowid
      } else {
        const names = ['id', 'seq', 'body', ...cols]
        rowid = Number(this.stmt(`INSERT INTO ${t} (${names.join(', ')}) VALUES (${names.map(() => '?').join(', ')})`).run(key, seq, body, ...params).lastInsertRowid)
      }
    } catch (e) {
      this.uniqueError(e, collection)
    }
    for (const f of meta.fields.values()) {
      if (!f.multikey) continue
      const keys = elementKeysForPath(doc, f.path)
      const isArray = keyForPath(doc, f.path).t === RANK.MULTI
      if (isArray) {
        const ins = this.stmt(`INSERT INTO "${elementTable(meta, f)}" (rowid, t, v) VALUES (?, ?, ?)`)
        for (const k of keys) ins.run(rowid, k.t, k.v)
      }
      if (this.uniqueSingleField(meta, f)) this.checkElementUnique(meta, f, rowid, isArray ? keys : [keyForPath(doc, f.path)], collection)
    }
    if (flagsChanged) this.saveFlags(meta)
  }

  private uniqueSingleField(meta: CollectionMeta, f: FieldInfo): boolean {
    return meta.indexes.some((ix) => ix.unique && ix.keys.length === 1 && ix.keys[0].field === f.path)
  }

  /** A unique index on a field some documents hold arrays in: no key may repeat across documents. */
  private checkElementUnique(meta: CollectionMeta, f: FieldInfo, rowid: number, keys: IndexKey[], collection: string): void {
    for (const k of keys) {
      const clash = this.stmt(`SELECT 1 FROM "${meta.table}" WHERE k${f.col}_t = ? AND k${f.col}_v IS ? AND rowid <> ? LIMIT 1`).get(k.t, k.v, rowid) ??
        this.stmt(`SELECT 1 FROM "${elementTable(meta, f)}" WHERE t = ? AND v IS ? AND rowid <> ? LIMIT 1`).get(k.t, k.v, rowid)
      if (clash) throw new EmulatorError('DATABASE_DUPLICATE_WRITE', `duplicate key on unique index (${f.path}) in collection ${collection}`)
    }
  }


  insert(collection: string, docs: Doc[]): string[] {
    const meta = this.meta(collection)
    const ids = docs.map((d) => {
      if (d._id === undefined) d._id = newDocId()
      return d._id
    })
    this.atomically(() => {
      for (const d of docs) {
        const exists = this.stmt(`SELECT 1 FROM "${meta.table}" WHERE id = ?`).get(idKey(d._id))
        if (exists) throw new EmulatorError('DATABASE_DUPLICATE_WRITE', `duplicate key on _id in collection ${collection}: ${String(d._id)}`)
        this.putDoc(collection, d._id, d)
      }
    })
    return ids
  }

  /**
   * Applies an update (operators, or a whole replacement document) to `doc`.
   * @returns the new document, or null when nothing changed
   */
  static applyUpdate(doc: Doc, update: Doc, replace: boolean): Doc | null {
    if (replace) {
      if (isOperatorUpdate(update)) throw invalidParam('a replacement document cannot contain update operators')
      const next = { ...update, _id: doc._id }
      return JSON.stringify(encodeStored(next)) === JSON.stringify(encodeStored(doc)) ? null : next
    }
    const modifier = isOperatorUpdate(update) ? update : { $set: update }
    for (const [op, spec] of Object.entries(modifier)) {
      if (!op.startsWith('$')) throw invalidParam(`cannot mix update operators and plain fields: ${op}`)
      if (spec && typeof spec === 'object' && Object.keys(spec).some((p) => p === '_id' || p.startsWith('_id.'))) {
        throw invalidParam('不能更新_id的值')
      }
    }
    const next = structuredClone(doc)
    let changed: string[]
    try {
      changed = mingoUpdate(next, modifier as any, undefined, undefined, { cloneMode: 'deep' })
    } catch (e) {
      throw new EmulatorError('DATABASE_REQUEST_FAILED', `invalid update: ${(e as Error).message}`)
    }
    return changed.length ? next : null
  }

  /** The document an upsert creates from the query's equality fields and the update. */
  static upsertDoc(query: Doc, update: Doc, replace: boolean): Doc {
    if (replace) return { ...update, _id: query._id ?? newDocId() }
    const base: Doc = {}
    for (const [k, v] of Object.entries(query)) {
      if (k.startsWith('$') || k.includes('.')) continue
      if (v !== null && typeof v === 'object' && !(v instanceof Date) && Object.keys(v).some((x) => x.startsWith('$'))) {
        if (Object.keys(v).length === 1 && '$eq' in v) base[k] = (v as Doc).$eq
        continue
      }
      base[k] = v
    }
    if (base._id === undefined) base._id = newDocId()
    const modifier = isOperatorUpdate(update) ? update : { $set: update }
    const setOnInsert = modifier.$setOnInsert
    delete modifier.$setOnInsert
    const created = Store.applyUpdate(base, modifier, false) ?? base
    return setOnInsert ? { ...created, ...setOnInsert } : created
  }

  update(collection: string, query: Doc, update: Doc, opts: { multi: boolean; replace: boolean; upsert: boolean }): { updated: number; matched: number; upsertId?: unknown } {
    return this.atomically(() => {
      let matched = 0
      let updated = 0
      for (const { doc } of [...this.matching(collection, query)]) {
        matched++
        const next = Store.applyUpdate(doc, update, opts.replace)
        if (next) {
          this.putDoc(collection, doc._id, next)
          updated++
        }
        if (!opts.multi) break
      }
      if (matched === 0 && opts.upsert) {
        const created = Store.upsertDoc(query, update, opts.replace)
        this.putDoc(collection, created._id, created)
        return { updated: 0, matched: 0, upsertId: created._id }
      }
      return { updated, matched }
    })
  }

  remove(collection: string, query: Doc, multi: boolean): number {
    return this.atomically(() => {
      let deleted = 0
      for (const { doc } of [...this.matching(collection, query)]) {
        this.putDoc(collection, doc._id, null)
        deleted++
        if (!multi) break
      }
      return deleted
    })
  }

  findOneAndUpdate(collection: string, query: Doc, update: Doc): { updated: number; doc: Doc | null } {
    return this.atomically(() => {
      // Close the read cursor before writing: SQLite cannot write while a statement iterates.
      let doc: Doc | undefined
      for (const m of this.matching(collection, query)) {
        doc = m.doc
        break
      }
      if (!doc) return { updated: 0, doc: null }
      const next = Store.applyUpdate(doc, update, false)
      if (next) this.putDoc(collection, doc._id, next)
      return { updated: next ? 1 : 0, doc: next ?? doc }
    })
  }

  /** Every document of a collection, in insertion order (export). */
  *allDocs(collection: string): Generator<Doc> {
    const meta = this.meta(collection)
    for (const r of this.stmt(`SELECT body FROM "${meta.table}" ORDER BY rowid`).iterate() as IterableIterator<Row>) {
      yield decodeStored(r.body)
    }
  }

  /** Removes every document of a collection (import replaces a collection's contents). */
  clear(collection: string): void {
    const meta = this.meta(collection)
    this.stmt(`DELETE FROM "${meta.table}"`).run()
    for (const f of meta.fields.values()) this.stmt(`DELETE FROM "${elementTable(meta, f)}"`).run()
  }
}
