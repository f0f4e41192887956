/**
 * MongoDB's sort order, for the sorts no index answers. It agrees with the SQLite order of
 * index keys (indexKeys.ts) wherever an index sorts, so a query gives the same page
 * whichever way it is answered:
 *  - types in BSON order: null and missing (equal) < numbers < strings < objects < arrays
 *    < other BSON values < booleans < dates < regular expressions;
 *  - numbers by value, NaN below all others, -0 equal to 0; strings by UTF-16 code units,
 *    as the matcher compares them;
 *  - an array sorts by its smallest element ascending and its largest descending; an empty
 *    array below null;
 *  - ties keep insertion order.
 */
import type { SortSpec } from './planner'
import { isDate, isRegExp } from './values'

/** Sort key of a path that reached only empty arrays: below null. */
const EMPTY = Symbol('empty array')

function rank(v: unknown): number {
  if (v === EMPTY) return 0
  if (v === null || v === undefined) return 1
  if (typeof v === 'number') return 2
  if (typeof v === 'string') return 3
  if (typeof v === 'boolean') return 8
  if (isDate(v)) return 9
  if (isRegExp(v)) return 11
  if (Array.isArray(v)) return 5
  if (typeof v === 'object' && !(v as { _bsontype?: string })._bsontype) return 4
  return 6
}

const cmp = <T extends string | number>(a: T, b: T): number => (a < b ? -1 : a > b ? 1 : 0)

/** NaN first, then by value; -0 equals 0. */
function compareNumbers(a: number, b: number): number {
  if (Number.isNaN(a) || Number.isNaN(b)) return Number(!Number.isNaN(a)) - Number(!Number.isNaN(b))
  return cmp(a, b)
}

/** Compares two values in BSON order (arrays as whole values). */
function compareValues(a: unknown, b: unknown): number {
  const ra = rank(a)
  const rb = rank(b)
  if (ra !== rb) return ra - rb
  switch (ra) {
    case 2: return compareNumbers(a as number, b as number)
    case 3: return cmp(a as string, b as string)
    case 4: return compareObjects(a as Record<string, unknown>, b as Record<string, unknown>)
    case 5: return compareArrays(a as unknown[], b as unknown[])
    case 8: return Number(a) - Number(b)
    case 9: return compareNumbers((a as Date).getTime(), (b as Date).getTime())
    case 11: return cmp((a as RegExp).source, (b as RegExp).source) || cmp((a as RegExp).flags, (b as RegExp).flags)
    case 6: return cmp(String(a), String(b))
    default: return 0
  }
}

function compareArrays(a: unknown[], b: unknown[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const c = compareValues(a[i], b[i])
    if (c) return c
  }
  return a.length - b.length
}

/** Field by field in stored order: the value's type, then the name, then the value. */
function compareObjects(a: Record<string, unknown>, b: Record<string, unknown>): number {
  const ea = Object.entries(a)
  const eb = Object.entries(b)
  for (let i = 0; i < Math.min(ea.length, eb.length); i++) {
    const c = rank(ea[i][1]) - rank(eb[i][1]) || cmp(ea[i][0], eb[i][0]) || compareValues(ea[i][1], eb[i][1])
    if (c) return c
  }
  return ea.length - eb.length
}

/** Every value a document holds at a dotted path, descending through arrays as MongoDB does. */
function valuesAt(value: unknown, parts: string[], out: unknown[]): void {
  if (!parts.length) {
    if (!Array.isArray(value)) out.push(value)
    else if (!value.length) out.push(EMPTY)
    else out.push(...value)
    return
  }
  const [part, ...rest] = parts
  if (Array.isArray(value)) {
    if (/^\d+$/.test(part) && Number(part) < value.length) valuesAt(value[Number(part)], rest, out)
    for (const el of value) {
      if (el !== null && typeof el === 'object' && !Array.isArray(el)) valuesAt(Object.hasOwn(el, part) ? el[part] : undefined, rest, out)
    }
    return
  }
  if (value === null || typeof value !== 'object' || isDate(value)) {
    out.push(undefined)
    return
  }
  valuesAt(Object.hasOwn(value, part) ? (value as Record<string, unknown>)[part] : undefined, rest, out)
}

/** The value a document sorts by on `path`: the smallest (ascending) or largest (descending) it holds there. */
function sortKey(doc: Record<string, unknown>, path: string, direction: 1 | -1): unknown {
  const values: unknown[] = []
  valuesAt(doc, path.split('.'), values)
  if (!values.length) return null
  return values.reduce((best, v) => (compareValues(v, best) * direction < 0 ? v : best))
}

/**
 * Sorts documents by `spec`; ties keep the order of `rowid` (insertion order).
 * @returns a new array
 */
export function sortDocuments<T extends { doc: Record<string, unknown>; rowid: number }>(items: T[], spec: SortSpec): T[] {
  const keyed = items.map((item) => ({ item, keys: spec.map(([path, dir]) => sortKey(item.doc, path, dir)) }))
  keyed.sort((x, y) => {
    for (let i = 0; i < spec.length; i++) {
      const c = compareValues(x.keys[i], y.keys[i]) * spec[i][1]
      if (c) return c
    }
    return x.item.rowid - y.item.rowid
  })
  return keyed.map((k) => k.item)
}
