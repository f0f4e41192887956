/**
 * Query planning: picks how to find the candidate documents of a query (by `_id`, through
 * an index, or by reading everything), and says whether that order already satisfies the
 * requested sort. Every candidate is still checked by the full matcher, so a plan may
 * return too many candidates but never too few; a plan is `covered` (a count needs no
 * document) only when its SQL condition says exactly what the matcher would.
 *
 * The query is read once into per-field conditions (`readQuery`); the plan is the first of
 * the named cases in `planQuery` that applies.
 */
import { isPlainObject } from './codec'
import { FIRST_STRING_ID_KEY, idKey, IndexKey, keyForQueryValue, RANK } from './indexKeys'

export interface IndexSpec {
  name: string
  unique: boolean
  keys: { field: string; direction: 1 | -1 }[]
}

export interface FieldInfo {
  path: string
  col: number
  /** some document has an array on this path (MongoDB's multikey flag) */
  multikey: boolean
  /** some document has a value here whose SQL order is not BSON order (an object, a BSON type) */
  unordered: boolean
}

export type SortSpec = [string, 1 | -1][]

export type Plan =
  | { kind: 'ids'; ids: unknown[]; describe: string }
  | {
      kind: 'index'
      index: IndexSpec
      /** SQL WHERE over the key columns, and its parameters */
      where: string
      params: (string | number)[]
      /** ORDER BY that realises the requested sort, when the index gives it */
      orderBy?: string
      /** the SQL condition alone decides the query: counting needs no document */
      covered: boolean
      describe: string
    }
  | { kind: 'scan'; where?: string; params?: (string | number)[]; orderBy?: string; describe: string }

// ------------------------------------------------------------------ reading the query

/** A condition on one field that an index can answer exactly. */
type Condition =
  /** equal to one of `values` (`$eq`, a plain value, or `$in`) */
  | { kind: 'eq'; values: unknown[]; keys: IndexKey[] }
  /** `$gt`/`$gte` (lower) or `$lt`/`$lte` (upper) */
  | { kind: 'bound'; side: 'lower' | 'upper'; value: unknown; key: IndexKey; inclusive: boolean }

interface QueryShape {
  /** the AND-ed conditions an index can answer, per field path */
  fields: Map<string, Condition[]>
  /** the query also holds conditions only the matcher can decide */
  residue: boolean
}

const MAX_IN_EXPANSION = 200
const MAX_ID_LOOKUP = 1000
const BOUNDS: Record<string, { side: 'lower' | 'upper'; inclusive: boolean }> = {
  $gt: { side: 'lower', inclusive: false },
  $gte: { side: 'lower', inclusive: true },
  $lt: { side: 'upper', inclusive: false },
  $lte: { side: 'upper', inclusive: true }
}

const isOperatorObject = (v: unknown): v is Record<string, unknown> =>
  isPlainObject(v) && Object.keys(v).length > 0 && Object.keys(v).every((k) => k.startsWith('$'))

/** The condition `op: arg` on a field, or null when only the matcher can decide it. */
function conditionOf(op: string, arg: unknown): Condition | null {
  if (op === '$eq') {
    const key = keyForQueryValue(arg)
    return key && { kind: 'eq', values: [arg], keys: [key] }
  }
  if (op === '$in') {
    if (!Array.isArray(arg) || arg.length === 0) return null
    const keys = arg.map(keyForQueryValue)
    return keys.every((k): k is IndexKey => k !== null) ? { kind: 'eq', values: arg, keys } : null
  }
  const bound = BOUNDS[op]
  const key = bound && keyForQueryValue(arg)
  // A null bound matches null but not a missing field: the index holds both as one key.
  if (!key || key.t === RANK.NULL) return null
  return { kind: 'bound', side: bound.side, value: arg, key, inclusive: bound.inclusive }
}

/** Reads the AND-ed conditions of `query` into `shape`. */
function readQuery(query: Record<string, unknown>, shape: QueryShape): QueryShape {
  for (const [field, cond] of Object.entries(query)) {
    if (field === '$and' && Array.isArray(cond) && cond.length && cond.every(isPlainObject)) {
      for (const sub of cond) readQuery(sub, shape)
      continue
    }
    if (field.startsWith('$')) {
      shape.residue = true
      continue
    }
    const found = shape.fields.get(field) ?? []
    const entries: [string, unknown][] = isOperatorObject(cond) ? Object.entries(cond) : [['$eq', cond]]
    for (const [op, arg] of entries) {
      const c = conditionOf(op, arg)
      if (c) found.push(c)
      else shape.residue = true
    }
    if (found.length) shape.fields.set(field, found)
  }
  return shape
}

const conditionsOn = (shape: QueryShape, field: string): Condition[] => shape.fields.get(field) ?? []
const firstEq = (shape: QueryShape, field: string) =>
  conditionsOn(shape, field).find((c): c is Extract<Condition, { kind: 'eq' }> => c.kind === 'eq')
const boundsOn = (shape: QueryShape, field: string) =>
  conditionsOn(shape, field).filter((c): c is Extract<Condition, { kind: 'bound' }> => c.kind === 'bound')

// ------------------------------------------------------------------ SQL pieces

const col = (f: FieldInfo, part: 't' | 'v'): string => `k${f.col}_${part}`

/** Equality with one key. IS, not =: NaN is stored as NULL, and the matcher finds NaN equal to NaN. */
const equalitySql = (f: FieldInfo, k: IndexKey): { sql: string; params: (string | number)[] } =>
  ({ sql: `${col(f, 't')} = ? AND ${col(f, 'v')} IS ?`, params: [k.t, k.v] })

/**
 * All the bounds on one field. The matcher compares only values of one type (a number
 * bound never matches a string), so bounds of two types match nothing. A NaN number or an
 * invalid date is stored as NULL, and the matcher finds it equal to every value of its
 * type: it satisfies every inclusive bound and no strict one.
 */
function boundsSql(f: FieldInfo, bounds: Extract<Condition, { kind: 'bound' }>[]): { sql: string; params: (string | number)[] } {
  const nothing = { sql: '0', params: [] }
  const rank = bounds[0].key.t
  if (bounds.some((b) => b.key.t !== rank)) return nothing
  const parts = [`${col(f, 't')} = ?`]
  const params: (string | number)[] = [rank]
  for (const b of bounds) {
    const op = `${b.side === 'lower' ? '>' : '<'}${b.inclusive ? '=' : ''}`
    if (typeof b.key.v === 'number' && Number.isNaN(b.key.v)) {
      if (!b.inclusive) return nothing
      continue
    }
    parts.push(b.inclusive ? `(${col(f, 'v')} ${op} ? OR ${col(f, 'v')} IS NULL)` : `${col(f, 'v')} ${op} ?`)
    params.push(b.key.v)
  }
  return { sql: parts.join(' AND '), params }
}

function orderSql(f: FieldInfo, direction: 1 | -1): string {
  const d = direction === 1 ? 'ASC' : 'DESC'
  return `${col(f, 't')} ${d}, ${col(f, 'v')} ${d}, rowid ASC`
}

/** Whether SQL order on this field equals the sort order of every stored document. */
const sortable = (f: FieldInfo | undefined): f is FieldInfo => !!f && !f.multikey && !f.unordered

/** The single field of `sort`, if it sorts on one field. */
const singleSort = (sort: SortSpec | undefined): [string, 1 | -1] | undefined => (sort?.length === 1 ? sort[0] : undefined)

// ------------------------------------------------------------------ the cases

/** `_id` equal to listed strings or numbers: those documents (other types match no stored id). */
function idLookup(shape: QueryShape): Plan | null {
  const eq = firstEq(shape, '_id')
  if (!eq || eq.values.length > MAX_ID_LOOKUP) return null
  const ids = eq.values.filter((v) => typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v)))
  return { kind: 'ids', ids, describe: 'IDHACK' }
}

interface IndexCandidate {
  plan: Extract<Plan, { kind: 'index' }>
  /** how much the index narrows: 10 per equality key, 5 for a range, 2 for the order */
  score: number
}

/** SQL alternatives OR-ed together (`$in` on a key makes one per value), each AND-ing its parts. */
type Alternatives = { sql: string[]; params: (string | number)[] }[]

/**
 * The leading keys of `index` that the query holds an equality on. A multikey field can
 * only lead: documents holding an array there are found through their element keys.
 */
function equalityPrefix(index: IndexSpec, shape: QueryShape, fields: Map<string, FieldInfo>, used: Set<Condition>) {
  let alternatives: Alternatives = [{ sql: [], params: [] }]
  let length = 0
  let multikey: { f: FieldInfo; keys: IndexKey[] } | null = null
  for (const { field } of index.keys) {
    const f = fields.get(field)
    const eq = firstEq(shape, field)
    if (!f || !eq || (f.multikey && length > 0) || alternatives.length * eq.keys.length > MAX_IN_EXPANSION) break
    alternatives = alternatives.flatMap((alt) => eq.keys.map((k) => {
      const e = equalitySql(f, k)
      return { sql: [...alt.sql, e.sql], params: [...alt.params, ...e.params] }
    }))
    used.add(eq)
    length++
    if (f.multikey) {
      multikey = { f, keys: eq.keys }
      break
    }
  }
  return { alternatives, length, multikey }
}

/** The WHERE of an index plan: its alternatives, and for a multikey lead the documents holding a matching element. */
function indexWhere(alternatives: Alternatives, multikey: { f: FieldInfo; keys: IndexKey[] } | null,
  elementTable: (f: FieldInfo) => string): { where: string; params: (string | number)[] } {
  const where = alternatives.map((a) => `(${a.sql.join(' AND ')})`).join(' OR ')
  const params = alternatives.flatMap((a) => a.params)
  if (!multikey) return { where, params }
  const elements = multikey.keys.map(() => '(t = ? AND v IS ?)').join(' OR ')
  return {
    where: `(${where}) OR rowid IN (SELECT rowid FROM "${elementTable(multikey.f)}" WHERE ${elements})`,
    params: [...params, ...multikey.keys.flatMap((k) => [k.t, k.v])]
  }
}

/** What `index` can do for the query: equality on leading keys, then a range on the next key, then its order. */
function indexPlan(index: IndexSpec, shape: QueryShape, fields: Map<string, FieldInfo>, sort: SortSpec | undefined,
  elementTable: (f: FieldInfo) => string): IndexCandidate | null {
  const used = new Set<Condition>()
  const prefix = equalityPrefix(index, shape, fields, used)
  let alternatives = prefix.alternatives
  const next = !prefix.multikey && prefix.length < index.keys.length ? fields.get(index.keys[prefix.length].field) : undefined
  const bounds = next && !next.multikey ? boundsOn(shape, next.path) : []
  if (next && bounds.length) {
    const range = boundsSql(next, bounds)
    alternatives = alternatives.map((a) => ({ sql: [...a.sql, range.sql], params: [...a.params, ...range.params] }))
    bounds.forEach((b) => used.add(b))
  }
  const wanted = singleSort(sort)
  const orderBy = next && wanted?.[0] === next.path && sortable(next) ? orderSql(next, wanted[1]) : undefined
  // A plan must narrow the candidates; an index that only gives the order is a sorted scan.
  if (!alternatives[0].sql.length) return null
  const { where, params } = indexWhere(alternatives, prefix.multikey, elementTable)
  // Covered: the SQL says all the query says, and no document holds an array it would miss.
  const covered = !shape.residue && !prefix.multikey && [...shape.fields.values()].every((cs) => cs.every((c) => used.has(c)))
  const describe = `IXSCAN ${index.name}${bounds.length ? ' (range)' : ''}${orderBy ? ' (sorted)' : ''}`
  const score = 10 * prefix.length + (bounds.length ? 5 : 0) + (orderBy ? 2 : 0)
  return { score, plan: { kind: 'index', index, where, params, orderBy, covered, describe } }
}

/** The index that narrows the query most, if any does. */
function bestIndexPlan(shape: QueryShape, indexes: IndexSpec[], fields: Map<string, FieldInfo>, sort: SortSpec | undefined,
  elementTable: (f: FieldInfo) => string): IndexCandidate | null {
  let best: IndexCandidate | null = null
  for (const index of indexes) {
    const c = indexPlan(index, shape, fields, sort, elementTable)
    if (c && (!best || c.score > best.score)) best = c
  }
  return best
}

/** A range of `_id` or an order by `_id`: the primary key gives both. */
function idRangeOrOrder(shape: QueryShape, sort: SortSpec | undefined): Plan | null {
  const wanted = singleSort(sort)
  const idSort = wanted?.[0] === '_id' ? wanted[1] : undefined
  // Only string and number bounds: no stored id has another type. A NaN bound is left to the matcher.
  const bounds = boundsOn(shape, '_id').filter((b) => typeof b.value === 'string' || (typeof b.value === 'number' && !Number.isNaN(b.value)))
  if (!idSort && !bounds.length) return null
  const where: string[] = []
  const params: string[] = []
  for (const b of bounds) {
    // A bound only matches ids of its own type.
    where.push(typeof b.value === 'string' ? 'id >= ?' : 'id < ?')
    params.push(FIRST_STRING_ID_KEY)
    // Ids are finite: an infinite bound only brackets the type.
    if (typeof b.value === 'number' && !Number.isFinite(b.value)) continue
    where.push(`id ${b.side === 'lower' ? '>' : '<'}${b.inclusive ? '=' : ''} ?`)
    params.push(idKey(b.value))
  }
  return {
    kind: 'scan',
    where: where.length ? where.join(' AND ') : undefined,
    params,
    orderBy: idSort ? `id ${idSort === 1 ? 'ASC' : 'DESC'}` : undefined,
    describe: `IDSCAN${bounds.length ? ' (range)' : ''}${idSort ? ' (sorted)' : ''}`
  }
}

/** A scan in the order of an index on the sort field. */
function sortedScan(indexes: IndexSpec[], fields: Map<string, FieldInfo>, sort: SortSpec | undefined): Plan | null {
  const wanted = singleSort(sort)
  const f = wanted && fields.get(wanted[0])
  if (!wanted || !sortable(f) || !indexes.some((ix) => ix.keys[0].field === wanted[0])) return null
  return { kind: 'scan', orderBy: orderSql(f, wanted[1]), describe: `IXSCAN sort ${wanted[0]}` }
}

/**
 * Chooses how to find the candidates of `query`: the first case that applies.
 * @param fields the indexed field paths of the collection and their column numbers
 * @param elementTable the table holding a multikey field's per-element keys
 */
export function planQuery(
  query: Record<string, unknown>,
  indexes: IndexSpec[],
  fields: Map<string, FieldInfo>,
  sort: SortSpec | undefined,
  elementTable: (f: FieldInfo) => string
): Plan {
  const shape = readQuery(query, { fields: new Map(), residue: false })
  // 1. `_id` equality or `$in`: read just those documents (MongoDB's IDHACK).
  const byId = idLookup(shape)
  if (byId) return byId
  // 2. An index with an equality on its leading key narrows the most.
  const indexed = bestIndexPlan(shape, indexes, fields, sort, elementTable)
  if (indexed && indexed.score >= 10) return indexed.plan
  // 3. A range or an order on `_id` (keyset paging): the primary key gives both.
  const byIdRange = idRangeOrOrder(shape, sort)
  if (byIdRange) return byIdRange
  // 4. An index with a range on its leading key.
  if (indexed) return indexed.plan
  // 5. Nothing narrows the scan, but an index gives the order.
  const sorted = sortedScan(indexes, fields, sort)
  if (sorted) return sorted
  // 6. Read everything.
  return { kind: 'scan', describe: 'COLLSCAN' }
}
