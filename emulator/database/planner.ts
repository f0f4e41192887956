/**
 * Query planning: picks the index (if any) that narrows a query, and says whether its
 * order already satisfies the requested sort. The plan only chooses candidate documents;
 * every candidate is still checked by the full MongoDB matcher, so a plan can be
 * conservative but never wrong.
 */
import { IndexKey, keyForQueryValue } from './indexKeys'

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
  /** some document has an object on this path (its SQL order is not BSON order) */
  object: boolean
}

interface Range {
  lower?: { key: IndexKey; inclusive: boolean }
  upper?: { key: IndexKey; inclusive: boolean }
}

interface FieldConstraint {
  eq?: IndexKey[] // one or more alternatives ($in)
  range?: Range
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

const OPS = new Set(['$eq', '$in', '$gt', '$gte', '$lt', '$lte'])
const MAX_IN_EXPANSION = 200

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date) && !(v instanceof RegExp) && !(v as any)._bsontype
}

/** Collects the AND-ed conditions of a query per field path. */
function collectConstraints(query: Record<string, unknown>, out: Map<string, FieldConstraint>): void {
  for (const [field, cond] of Object.entries(query)) {
    if (field === '$and' && Array.isArray(cond)) {
      for (const sub of cond) if (isPlainObject(sub)) collectConstraints(sub, out)
      continue
    }
    if (field.startsWith('$')) continue
    const c = out.get(field) ?? {}
    if (isPlainObject(cond) && Object.keys(cond).some((k) => k.startsWith('$'))) {
      for (const [op, arg] of Object.entries(cond)) {
        if (!OPS.has(op)) continue
        if (op === '$eq') {
          const k = keyForQueryValue(arg)
          if (k) c.eq = [k]
        } else if (op === '$in') {
          if (!Array.isArray(arg) || arg.length === 0 || arg.length > MAX_IN_EXPANSION) continue
          const keys = arg.map(keyForQueryValue)
          if (keys.every((k): k is IndexKey => k !== null)) c.eq = keys
        } else {
          const k = keyForQueryValue(arg)
          if (!k || k.t === 1) continue
          c.range = c.range ?? {}
          if (op === '$gt' || op === '$gte') c.range.lower = { key: k, inclusive: op === '$gte' }
          else c.range.upper = { key: k, inclusive: op === '$lte' }
        }
      }
    } else {
      const k = keyForQueryValue(cond)
      if (k) c.eq = [k]
    }
    out.set(field, c)
  }
}

const EQ_OPS = new Set(['$eq', '$in'])
const RANGE_OPS = new Set(['$gt', '$gte', '$lt', '$lte'])

/**
 * Whether the index conditions alone decide the query: every condition is an equality on
 * one of `eqFields` or a range on `rangeField`, each of a value the index holds exactly.
 */
function isCovered(query: Record<string, unknown>, eqFields: string[], rangeField: string | null): boolean {
  const entries: [string, unknown][] = []
  const flatten = (q: Record<string, unknown>): boolean => {
    for (const [field, cond] of Object.entries(q)) {
      if (field === '$and' && Array.isArray(cond)) {
        if (!cond.every((c) => isPlainObject(c) && flatten(c))) return false
      } else if (field.startsWith('$')) {
        return false
      } else {
        entries.push([field, cond])
      }
    }
    return true
  }
  if (!flatten(query)) return false
  // One equality per equality field; a range field may be bounded by several conditions.
  if (new Set(entries.filter(([f]) => f !== rangeField).map(([f]) => f)).size !== entries.filter(([f]) => f !== rangeField).length) return false
  for (const [field, cond] of entries) {
    if (isPlainObject(cond) && Object.keys(cond).some((k) => k.startsWith('$'))) {
      const ops = Object.keys(cond)
      const args = ops.flatMap((op) => (op === '$in' && Array.isArray(cond[op]) ? cond[op] as unknown[] : [cond[op]]))
      if (!args.every((a) => keyForQueryValue(a) !== null)) return false
      if (eqFields.includes(field) && ops.length === 1 && EQ_OPS.has(ops[0])) continue
      if (field === rangeField && ops.every((op) => RANGE_OPS.has(op))) continue
      return false
    }
    if (!eqFields.includes(field) || keyForQueryValue(cond) === null) return false
  }
  return true
}

/** Stored ids are strings or numbers (never null), so a null among the wanted ids matches nothing. */
const isIdValue = (v: unknown): boolean => typeof v === 'string' || typeof v === 'number' || v === null

function idCondition(query: Record<string, unknown>): unknown[] | null {
  const cond = query._id
  if (cond === undefined) return null
  if (isIdValue(cond)) return [cond].filter((v) => v !== null)
  if (isPlainObject(cond)) {
    const keys = Object.keys(cond)
    if (keys.length === 1 && keys[0] === '$eq' && isIdValue(cond.$eq)) return [cond.$eq].filter((v) => v !== null)
    // e.g. a $lookup on _id from documents whose local field is missing asks for [null]
    if (keys.length === 1 && keys[0] === '$in' && Array.isArray(cond.$in) && cond.$in.length <= 1000 &&
      cond.$in.every(isIdValue)) return cond.$in.filter((v) => v !== null)
  }
  return null
}

const col = (f: FieldInfo, part: 't' | 'v'): string => `k${f.col}_${part}`

function rangeSql(f: FieldInfo, r: Range, params: (string | number)[]): string {
  const parts: string[] = []
  const rank = (r.lower ?? r.upper)!.key.t
  // MongoDB brackets ranges by type: $gt 5 only matches numbers.
  if (r.lower && r.upper && r.lower.key.t !== r.upper.key.t) return '0'
  parts.push(`${col(f, 't')} = ?`)
  params.push(rank)
  if (r.lower) {
    parts.push(`${col(f, 'v')} ${r.lower.inclusive ? '>=' : '>'} ?`)
    params.push(r.lower.key.v)
  }
  if (r.upper) {
    parts.push(`${col(f, 'v')} ${r.upper.inclusive ? '<=' : '<'} ?`)
    params.push(r.upper.key.v)
  }
  return parts.join(' AND ')
}

function orderSql(f: FieldInfo, direction: 1 | -1): string {
  const d = direction === 1 ? 'ASC' : 'DESC'
  return `${col(f, 't')} ${d}, ${col(f, 'v')} ${d}, rowid ASC`
}

/** Whether SQL order on this field equals MongoDB's sort order for every stored document. */
const sortable = (f: FieldInfo | undefined): f is FieldInfo => !!f && !f.multikey && !f.object

/**
 * Chooses how to find the candidates of `query`.
 * @param fields the indexed field paths of the collection and their column numbers
 */
export function planQuery(
  query: Record<string, unknown>,
  indexes: IndexSpec[],
  fields: Map<string, FieldInfo>,
  sort: SortSpec | undefined,
  /** the table holding a multikey field's per-element keys */
  elementTable: (f: FieldInfo) => string = (f) => `mk${f.col}`
): Plan {
  const ids = idCondition(query)
  if (ids) return { kind: 'ids', ids, describe: 'IDHACK' }

  const constraints = new Map<string, FieldConstraint>()
  collectConstraints(query, constraints)

  let best: { score: number; plan: Plan } | null = null
  for (const index of indexes) {
    let score = 0
    let alternatives: { sql: string[]; params: (string | number)[] }[] = [{ sql: [], params: [] }]
    let i = 0
    let multikeyPrefix: { f: FieldInfo; keys: IndexKey[] } | null = null
    const eqFields: string[] = []
    let rangeField: string | null = null
    // Leading equality keys.
    for (; i < index.keys.length; i++) {
      const f = fields.get(index.keys[i].field)
      const c = constraints.get(index.keys[i].field)
      if (!f || !c?.eq) break
      // A multikey field can only lead: its documents are added as a separate branch.
      if (f.multikey && i > 0) break
      if (alternatives.length * c.eq.length > MAX_IN_EXPANSION) break
      const next: typeof alternatives = []
      for (const alt of alternatives) {
        for (const k of c.eq) {
          // IS, not =: NaN is stored as NULL (SQLite has no NaN), and NaN equals NaN in MongoDB.
          next.push({ sql: [...alt.sql, `${col(f, 't')} = ? AND ${col(f, 'v')} IS ?`], params: [...alt.params, k.t, k.v] })
        }
      }
      alternatives = next
      eqFields.push(index.keys[i].field)
      score += 10
      if (f.multikey) {
        multikeyPrefix = { f, keys: c.eq }
        i++
        break
      }
    }
    let rangeUsed = false
    let orderBy: string | undefined
    if (!multikeyPrefix && i < index.keys.length) {
      const f = fields.get(index.keys[i].field)
      const c = constraints.get(index.keys[i].field)
      if (f && c?.range && !f.multikey) {
        const rangeParams: (string | number)[] = []
        const sql = rangeSql(f, c.range, rangeParams)
        alternatives = alternatives.map((a) => ({ sql: [...a.sql, sql], params: [...a.params, ...rangeParams] }))
        rangeUsed = true
        rangeField = index.keys[i].field
        score += 5
      }
      // The index order gives the sort when the sort is on the next key alone.
      if (sort && sort.length === 1 && sort[0][0] === index.keys[i].field && alternatives.length === 1 && sortable(f)) {
        orderBy = orderSql(f, sort[0][1])
        score += 2
      }
    }
    // A plan must narrow the candidates; an index that only gives the order is the scan below.
    if (score === 0 || alternatives[0].sql.length === 0) continue
    let where = alternatives.map((a) => `(${a.sql.join(' AND ')})`).join(' OR ')
    const params = alternatives.flatMap((a) => a.params)
    if (multikeyPrefix) {
      // Documents with an array on the field are found through their element keys.
      const { f, keys } = multikeyPrefix
      where = `(${where}) OR rowid IN (SELECT rowid FROM "${elementTable(f)}" WHERE ${keys.map(() => '(t = ? AND v IS ?)').join(' OR ')})`
      params.push(...keys.flatMap((k) => [k.t, k.v]))
    }
    const describe = `IXSCAN ${index.name}${rangeUsed ? ' (range)' : ''}${orderBy ? ' (sorted)' : ''}`
    const covered = !multikeyPrefix && isCovered(query, eqFields, rangeField)
    if (!best || score > best.score) best = { score, plan: { kind: 'index', index, where, params, orderBy, covered, describe } }
  }
  // Ordered by _id, or a range of _id (keyset paging): the primary key gives both, unless
  // an index narrows the query by equality.
  const idSort = sort && sort.length === 1 && sort[0][0] === '_id' ? sort[0][1] : undefined
  const idRange = constraints.get('_id')?.range
  const stringRange = idRange && [idRange.lower, idRange.upper].every((b) => !b || b.key.t === 3) ? idRange : undefined
  if ((idSort || stringRange) && (!best || best.score < 10)) {
    const where: string[] = []
    const params: (string | number)[] = []
    if (stringRange?.lower) { where.push(`id ${stringRange.lower.inclusive ? '>=' : '>'} ?`); params.push(stringRange.lower.key.v) }
    if (stringRange?.upper) { where.push(`id ${stringRange.upper.inclusive ? '<=' : '<'} ?`); params.push(stringRange.upper.key.v) }
    return {
      kind: 'scan',
      where: where.length ? where.join(' AND ') : undefined,
      params,
      orderBy: idSort ? `id ${idSort === 1 ? 'ASC' : 'DESC'}` : undefined,
      describe: `IDSCAN${stringRange ? ' (range)' : ''}${idSort ? ' (sorted)' : ''}`
    }
  }
  if (best) return best.plan

  // No condition narrows the scan; an index may still give the order.
  if (sort && sort.length === 1) {
    const f = fields.get(sort[0][0])
    if (sortable(f) && indexes.some((ix) => ix.keys[0].field === sort[0][0])) {
      return { kind: 'scan', orderBy: orderSql(f, sort[0][1]), describe: `IXSCAN sort ${sort[0][0]}` }
    }
  }
  return { kind: 'scan', describe: 'COLLSCAN' }
}
