/**
 * The document store: CloudBase collections kept in one SQLite file (WAL mode, synchronous
 * FULL, so a write is on disk before it is acknowledged). MongoDB semantics for matching,
 * projection, sort, updates and aggregation come from `mingo`; SQLite indexes on declared
 * fields narrow the documents mingo has to look at.
 */
import Database from 'better-sqlite3'
import { randomBytes } from 'node:crypto'
import { EmulatorError, invalidParam } from '../errors'
import { Doc, decodeStored, encodeStored, isPlainObject } from './codec'
import { applyOperators, checkOperatorUpdate, checkPipeline, checkProjection, compileMatcher, isFieldPath, project, runStages } from './engine'
import { elementKeysForPath, idKey, IndexKey, isOrderedRank, KEY_FORMAT, keyForPath, RANK } from './indexKeys'
import { sortDocuments } from './order'
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

interface FindOptions {
  sort?: SortSpec
  skip?: number
  limit?: number
  projection?: Record<string, unknown>
}

interface StoreStats {
  /** documents read from disk and checked against a query (MongoDB's totalDocsExamined) */
  docsExamined: number
  /** the plan of the most recent query, for diagnostics */
  lastPlan: string
}

const COLLECTION_NAME = /^[A-Za-z0-9_\-.]{1,100}$/
const SQL_MAX_VARS = 500

/** CloudBase-style document id: 32 lowercase hex characters. */
export const newDocId = (): string => randomBytes(16).toString('hex')

export const docKey = (collection: string, id: unknown): string => `${collection}\u0000${idKey(id)}`

function isOperatorUpdate(update: Doc): boolean {
  return Object.keys(update).some((k) => k.startsWith('$'))
}

/** The table of a field's per-element keys (documents holding an array there). */
const elementTable = (meta: { table: string }, f: FieldInfo): string => `${meta.table}__mk${f.col}`

function createElementTable(db: Database.Database, meta: { table: string }, f: FieldInfo): void {
  const t = elementTable(meta, f)
  db.exec(`CREATE TABLE IF NOT EXISTS "${t}" (rowid INTEGER NOT NULL, t INTEGER NOT NULL, v)`)
  db.exec(`CREATE INDEX IF NOT EXISTS "${t}__tv" ON "${t}" (t, v)`)
  db.exec(`CREATE INDEX IF NOT EXISTS "${t}__row" ON "${t}" (rowid)`)
}

interface EqualityLookup { from: string; localField: string; foreignField: string; as: string }

function isEqualityLookup(stage: Doc): stage is { $lookup: EqualityLookup } {
  const l = stage.$lookup
  return isPlainObject(l) && typeof l.from === 'string' && isFieldPath(l.localField) && isFieldPath(l.foreignField) &&
    isFieldPath(l.as) && l.pipeline === undefined && l.let === undefined
}

/** A matching document and its row (insertion order breaks sort ties). */
interface Match {
  doc: Doc
  rowid: number
}

/** The field flags stored before `unordered` was named: `object` meant the same for objects. */
const loadField = (f: FieldInfo & { object?: boolean }): FieldInfo =>
  ({ path: f.path, col: f.col, multikey: !!f.multikey, unordered: !!(f.unordered ?? f.object) })

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
      const fields = new Map<string, FieldInfo>((JSON.parse(r.fields) as FieldInfo[]).map((f) => [f.path, loadField(f)]))
      this.collections.set(r.name, { name: r.name, table: r.tbl, indexes: JSON.parse(r.indexes), fields })
      for (const f of fields.values()) createElementTable(this.db, { table: r.tbl }, f)
      const max = (this.db.prepare(`SELECT MAX(seq) AS m FROM "${r.tbl}"`).get() as any).m
      if (typeof max === 'number' && max > this.seq) this.seq = max
    }
    this.upgradeKeys()
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
          const f: FieldInfo = { path: k.field, col: fields.size, multikey: false, unordered: false }
          fields.set(k.field, f)
          newFields.push(f)
        }
      }
    }
    const indexes = [...meta.indexes, ...fresh]
    this.db.transaction(() => {
      for (const f of newFields) {
        this.db.exec(`ALTER TABLE "${meta.table}" ADD COLUMN k${f.col}_t INTEGER`)
        this.db.exec(`ALTER TABLE "${meta.table}" ADD COLUMN k${f.col}_v`)
        createElementTable(this.db, meta, f)
      }
      if (newFields.length) this.fillKeys(meta, newFields, false)
      for (const s of fresh) this.createSqlIndex(meta, fields, s)
      this.db.prepare('UPDATE __collections SET indexes = ?, fields = ? WHERE name = ?')
        .run(JSON.stringify(indexes), JSON.stringify([...fields.values()]), name)
    })()
    meta.indexes = indexes
    meta.fields = fields
  }

  private createSqlIndex(meta: CollectionMeta, fields: Map<string, FieldInfo>, s: IndexSpec): void {
    const cols = s.keys.map((k) => `k${fields.get(k.field)!.col}_t, k${fields.get(k.field)!.col}_v`).join(', ')
    const ixName = `${meta.table}__${s.name.replace(/[^A-Za-z0-9_]/g, '_')}`
    try {
      this.db.exec(`CREATE ${s.unique ? 'UNIQUE ' : ''}INDEX "${ixName}" ON "${meta.table}" (${cols})`)
    } catch (e) {
      throw new EmulatorError('DATABASE_DUPLICATE_WRITE', `cannot create unique index ${s.name}: existing documents have duplicate keys`)
    }
  }

  /**
   * Computes the keys of `fields` (and the primary key too, with `ids`) for every stored
   * document, from its body. Runs inside a transaction.
   */
  private fillKeys(meta: CollectionMeta, fields: FieldInfo[], ids: boolean): void {
    const sets = [...(ids ? ['id = ?'] : []), ...fields.map((f) => `k${f.col}_t = ?, k${f.col}_v = ?`)].join(', ')
    const upd = this.db.prepare(`UPDATE "${meta.table}" SET ${sets} WHERE rowid = ?`)
    // In pages: SQLite cannot write on a connection while it is stepping through a read.
    const page = this.db.prepare(`SELECT rowid, body FROM "${meta.table}" WHERE rowid > ? ORDER BY rowid LIMIT 500`)
    for (let batch = page.all(0) as Row[]; batch.length; batch = page.all(batch[batch.length - 1].rowid) as Row[]) {
      for (const r of batch) {
        const doc = decodeStored(r.body)
        const { params } = this.keyColumns(fields, doc)
        upd.run(...(ids ? [idKey(doc._id)] : []), ...params, r.rowid)
        this.insertElementKeys(meta, fields, r.rowid, doc)
      }
    }
  }

  /**
   * Files written before the current key format hold keys computed differently: every id,
   * key column, element key and field flag is computed again, once, when they are opened.
   */
  private upgradeKeys(): void {
    if ((this.db.pragma('user_version', { simple: true }) as number) >= KEY_FORMAT) return
    this.db.transaction(() => {
      for (const meta of this.collections.values()) {
        const fields = [...meta.fields.values()]
        // Clear first, so that no half-converted key collides with an old one in a unique index.
        const clear = ['id = char(0) || rowid', ...fields.map((f) => `k${f.col}_t = NULL, k${f.col}_v = NULL`)].join(', ')
        this.db.exec(`UPDATE "${meta.table}" SET ${clear}`)
        for (const f of fields) {
          this.db.exec(`DELETE FROM "${elementTable(meta, f)}"`)
          f.multikey = false
          f.unordered = false
        }
        this.fillKeys(meta, fields, true)
        this.saveFlags(meta)
      }
      this.db.pragma(`user_version = ${KEY_FORMAT}`)
    })()
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
    const where = plan.where ? ` WHERE ${plan.where}` : ''
    yield * this.stmt(`SELECT rowid, id, seq, body FROM ${t}${where} ORDER BY ${plan.orderBy ?? 'rowid'}`).iterate(...(plan.params ?? [])) as IterableIterator<Row>
  }

  private plan(meta: CollectionMeta, query: Doc, sort?: SortSpec): Plan {
    return planQuery(query, meta.indexes, meta.fields, sort, (f) => elementTable(meta, f))
  }

  /** Documents matching `query`, in the order of the plan (made here unless given). */
  private *matching(meta: CollectionMeta, query: Doc, plan?: Plan): Generator<Match> {
    const matches = compileMatcher(query)
    const chosen = plan ?? this.plan(meta, query)
    this.stats.lastPlan = chosen.describe
    for (const row of this.candidates(meta, chosen)) {
      this.stats.docsExamined++
      const doc = decodeStored(row.body)
      if (matches(doc)) yield { doc, rowid: row.rowid }
    }
  }

  /** The documents of a page, read in the plan's order: reading stops once the page is full. */
  private pageInPlanOrder(meta: CollectionMeta, query: Doc, plan: Plan, skip: number, limit: number): Doc[] {
    const docs: Doc[] = []
    if (limit <= 0) return docs
    let matched = 0
    for (const { doc } of this.matching(meta, query, plan)) {
      if (matched++ < skip) continue
      docs.push(doc)
      if (docs.length >= limit) break
    }
    return docs
  }

  /** The documents of a page when no index gives the order: every match, sorted here. */
  private pageSortedInMemory(meta: CollectionMeta, query: Doc, plan: Plan, sort: SortSpec, skip: number, limit: number): Doc[] {
    const sorted = sortDocuments([...this.matching(meta, query, plan)], sort)
    return sorted.slice(skip, skip + limit).map((m) => m.doc)
  }

  find(collection: string, query: Doc, opts: FindOptions = {}): Doc[] {
    const meta = this.meta(collection)
    const skip = opts.skip ?? 0
    const limit = opts.limit ?? Infinity
    const projection = opts.projection && Object.keys(opts.projection).length ? opts.projection : undefined
    if (projection) checkProjection(projection)
    const plan = this.plan(meta, query, opts.sort)
    const inPlanOrder = !opts.sort?.length || (plan.kind !== 'ids' && plan.orderBy)
    const docs = inPlanOrder
      ? this.pageInPlanOrder(meta, query, plan, skip, limit)
      : this.pageSortedInMemory(meta, query, plan, opts.sort!, skip, limit)
    return projection ? project(docs, projection) : docs
  }

  count(collection: string, query: Doc): number {
    const meta = this.meta(collection)
    if (!Object.keys(query).length) {
      return (this.stmt(`SELECT COUNT(*) AS n FROM "${meta.table}"`).get() as { n: number }).n
    }
    const plan = this.plan(meta, query)
    if (plan.kind === 'index' && plan.covered) {
      compileMatcher(query) // the query is still checked
      this.stats.lastPlan = `${plan.describe} (count)`
      return (this.stmt(`SELECT COUNT(*) AS n FROM "${meta.table}" WHERE ${plan.where}`).get(...plan.params) as { n: number }).n
    }
    let n = 0
    for (const _ of this.matching(meta, query, plan)) n++
    return n
  }

  /** Every document of a collection matching `query`, in insertion order. */
  private documents(collection: string, query: Doc = {}): Doc[] {
    return [...this.matching(this.meta(collection), query)].map((m) => m.doc)
  }

  aggregate(collection: string, pipeline: Doc[]): Doc[] {
    this.meta(collection)
    checkPipeline(pipeline)
    // A leading $match narrows the documents through the indexes.
    const leading = pipeline[0]?.$match as Doc | undefined
    let docs = this.documents(collection, leading ?? {})
    const stages = leading ? pipeline.slice(1) : pipeline
    // Equality $lookup stages are joined here through the foreign collection's indexes;
    // everything else (including $lookup with a pipeline) runs in mingo.
    let segment: Doc[] = []
    for (const stage of stages) {
      if (!isEqualityLookup(stage)) {
        segment.push(stage)
        continue
      }
      docs = this.lookup(this.runStages(docs, segment), stage.$lookup)
      segment = []
    }
    return this.runStages(docs, segment)
  }

  private runStages(docs: Doc[], stages: Doc[]): Doc[] {
    // As in MongoDB, a $lookup from a collection that does not exist joins nothing.
    return runStages(docs, stages, (name) => (this.hasCollection(name) ? this.documents(name) : []))
  }

  /** `{ $lookup: { from, localField, foreignField, as } }`, answered with one indexed query. */
  private lookup(docs: Doc[], spec: EqualityLookup): Doc[] {
    const localValues = (d: Doc): unknown[] => {
      const v = project([d], { _v: `$${spec.localField}` })[0]?._v
      if (v === undefined || v === null) return [null]
      return Array.isArray(v) ? (v.length ? v : [null]) : [v]
    }
    const wanted = docs.map(localValues)
    const all = [...new Map(wanted.flat().map((v) => [JSON.stringify(v), v])).values()]
    const foreign = this.hasCollection(spec.from) && all.length ? this.documents(spec.from, { [spec.foreignField]: { $in: all } }) : []
    // Each join gets its own copy, made through the codec: structuredClone would make its
    // dates in another realm where one runs (a test sandbox), and the stages after it
    // would no longer take them for dates.
    const used = new Set<Doc>()
    const copy = (f: Doc): Doc => {
      if (!used.has(f)) {
        used.add(f)
        return f
      }
      return decodeStored(encodeStored(f))
    }
    return docs.map((d, i) => {
      const joins = compileMatcher({ [spec.foreignField]: { $in: wanted[i] } })
      return { ...d, [spec.as]: foreign.filter(joins).map(copy) }
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

  /** A document's key columns for `fields`, noting on each field what the document makes of it. */
  private keyColumns(fields: Iterable<FieldInfo>, doc: Doc): { cols: string[]; params: (string | number)[]; flagsChanged: boolean } {
    const params: (string | number)[] = []
    const cols: string[] = []
    let flagsChanged = false
    for (const f of fields) {
      const k = keyForPath(doc, f.path)
      if (k.t === RANK.MULTI && !f.multikey) { f.multikey = true; flagsChanged = true }
      if (k.t !== RANK.MULTI && !isOrderedRank(k.t) && !f.unordered) { f.unordered = true; flagsChanged = true }
      cols.push(`k${f.col}_t`, `k${f.col}_v`)
      params.push(k.t, k.v)
    }
    return { cols, params, flagsChanged }
  }

  /** The element keys of a document that holds arrays on multikey fields. */
  private insertElementKeys(meta: CollectionMeta, fields: Iterable<FieldInfo>, rowid: number, doc: Doc): IndexKey[][] {
    const inserted: IndexKey[][] = []
    for (const f of fields) {
      if (!f.multikey || keyForPath(doc, f.path).t !== RANK.MULTI) {
        inserted.push([])
        continue
      }
      const keys = elementKeysForPath(doc, f.path)
      const ins = this.stmt(`INSERT INTO "${elementTable(meta, f)}" (rowid, t, v) VALUES (?, ?, ?)`)
      for (const k of keys) ins.run(rowid, k.t, k.v)
      inserted.push(keys)
    }
    return inserted
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
    const fields = [...meta.fields.values()]
    const { cols, params, flagsChanged } = this.keyColumns(fields, doc)
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
    const elementKeys = this.insertElementKeys(meta, fields, rowid, doc)
    fields.forEach((f, i) => {
      if (f.multikey && this.uniqueSingleField(meta, f)) {
        this.checkElementUnique(meta, f, rowid, elementKeys[i].length ? elementKeys[i] : [keyForPath(doc, f.path)], collection)
      }
    })
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

  insert(collection: string, docs: Doc[]): unknown[] {
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

  /** Refuses an update that could not apply to any document, before any document is read. */
  static checkUpdate(update: Doc, replace: boolean): void {
    if (!replace) checkOperatorUpdate(isOperatorUpdate(update) ? update : { $set: update })
    else if (isOperatorUpdate(update)) throw invalidParam('a replacement document cannot contain update operators')
  }

  /**
   * Applies an update (operators, or a whole replacement document) to `doc`; the update
   * has passed `checkUpdate`.
   * @returns the new document, or null when nothing changed
   */
  static applyUpdate(doc: Doc, update: Doc, replace: boolean): Doc | null {
    if (replace) {
      const next = { ...update, _id: doc._id }
      return encodeStored(next) === encodeStored(doc) ? null : next
    }
    // $setOnInsert only applies when an upsert creates the document.
    const { $setOnInsert: _onInsert, ...modifier } = isOperatorUpdate(update) ? update : { $set: update }
    const next = structuredClone(doc)
    if (!applyOperators(next, modifier).length) return null
    // Whatever path an operator took there (a $rename onto _id, say), _id stays.
    if (next._id !== doc._id) throw invalidParam('不能更新_id的值')
    return next
  }

  /** The document an upsert creates from the query's equality fields and the update. */
  static upsertDoc(query: Doc, update: Doc, replace: boolean): Doc {
    if (replace) return { ...update, _id: query._id ?? newDocId() }
    const created: Doc = {}
    for (const [k, v] of Object.entries(query)) {
      if (k.startsWith('$') || k.includes('.')) continue
      if (isPlainObject(v) && Object.keys(v).some((x) => x.startsWith('$'))) {
        if (Object.keys(v).length === 1 && '$eq' in v) created[k] = v.$eq
        continue
      }
      created[k] = v
    }
    if (created._id === undefined) created._id = newDocId()
    const { $setOnInsert, ...modifier } = isOperatorUpdate(update) ? update : { $set: update }
    applyOperators(created, modifier)
    if ($setOnInsert) applyOperators(created, { $set: $setOnInsert })
    return created
  }

  update(collection: string, query: Doc, update: Doc, opts: { multi: boolean; replace: boolean; upsert: boolean }): { updated: number; matched: number; upsertId?: unknown } {
    const meta = this.meta(collection)
    Store.checkUpdate(update, opts.replace)
    return this.atomically(() => {
      let matched = 0
      let updated = 0
      for (const { doc } of [...this.matching(meta, query)]) {
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
    const meta = this.meta(collection)
    return this.atomically(() => {
      let deleted = 0
      for (const { doc } of [...this.matching(meta, query)]) {
        this.putDoc(collection, doc._id, null)
        deleted++
        if (!multi) break
      }
      return deleted
    })
  }

  findOneAndUpdate(collection: string, query: Doc, update: Doc): { updated: number; doc: Doc | null } {
    const meta = this.meta(collection)
    Store.checkUpdate(update, false)
    return this.atomically(() => {
      // Close the read cursor before writing: SQLite cannot write while a statement iterates.
      let doc: Doc | undefined
      for (const m of this.matching(meta, query)) {
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
