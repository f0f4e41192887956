/**
 * Index keys: how a field's value is stored in SQLite so that equality, range and sort on
 * indexed fields can be answered by a SQLite index. Each indexed field path gets two
 * columns, a type rank (MongoDB's BSON comparison order) and a value whose SQLite order is
 * the order the matcher (mingo) compares values of that type in.
 */
import { invalidParam } from '../errors'
import { isDate, isRegExp } from './values'

/** BSON comparison order of types, as MongoDB sorts them. */
export const RANK = {
  NULL: 1, // null or missing
  NUMBER: 2,
  STRING: 3,
  OBJECT: 4,
  BOOL: 8,
  DATE: 9,
  OTHER: 50,
  /** the path holds an array, or runs through one: one document, several keys */
  MULTI: 99
} as const

export interface IndexKey {
  t: number
  v: string | number
}

/** Bumped whenever stored keys are computed differently; the store rebuilds older files. */
export const KEY_FORMAT = 2

const HIGH_UNITS = /[\uD800-\uFFFF]/

/**
 * Text whose SQLite order (UTF-8 bytes, that is code point order) is the UTF-16 code unit
 * order JavaScript and mingo compare strings in. The two differ only from U+D800 up:
 * moving code units U+D800..U+FFFF to U+E000..U+107FF keeps them above every other BMP
 * character and below nothing, and turns lone surrogates into real characters.
 */
function sortableText(s: string): string {
  if (!HIGH_UNITS.test(s)) return s
  let out = ''
  for (let i = 0; i < s.length; i++) {
    const u = s.charCodeAt(i)
    out += u < 0xd800 ? s[i] : String.fromCodePoint(u + 0x800)
  }
  return out
}

/** Hex text of a finite number whose text order is numeric order (IEEE 754 bits, sign-flipped). */
function sortableNumber(n: number): string {
  const view = new DataView(new ArrayBuffer(8))
  view.setFloat64(0, n === 0 ? 0 : n) // -0 is 0
  let hi = view.getUint32(0)
  let lo = view.getUint32(4)
  if (hi & 0x80000000) {
    hi = ~hi >>> 0
    lo = ~lo >>> 0
  } else {
    hi = (hi | 0x80000000) >>> 0
  }
  return hi.toString(16).padStart(8, '0') + lo.toString(16).padStart(8, '0')
}

/**
 * Primary-key text of an `_id` (a string or a finite number), ordered as MongoDB orders
 * ids: every number before every string, numbers by value, strings as the matcher
 * compares them.
 */
export function idKey(id: unknown): string {
  if (typeof id === 'string') return `\u0002${sortableText(id)}`
  if (typeof id === 'number' && Number.isFinite(id)) return `\u0001${sortableNumber(id)}`
  throw invalidParam('_id must be a string or a number')
}

/** The smallest key of a string id: numbers sort below it, strings from it on. */
export const FIRST_STRING_ID_KEY = '\u0002'

function scalarKey(value: unknown): IndexKey {
  if (value === null || value === undefined) return { t: RANK.NULL, v: 0 }
  if (typeof value === 'number') return { t: RANK.NUMBER, v: value }
  if (typeof value === 'string') return { t: RANK.STRING, v: sortableText(value) }
  if (typeof value === 'boolean') return { t: RANK.BOOL, v: value ? 1 : 0 }
  if (isDate(value)) return { t: RANK.DATE, v: value.getTime() }
  if (typeof value === 'object' && !isRegExp(value) && !(value as any)._bsontype) {
    return { t: RANK.OBJECT, v: JSON.stringify(value) }
  }
  return { t: RANK.OTHER, v: String(value) }
}

/** Whether SQLite orders keys of this rank as MongoDB orders their values. */
export const isOrderedRank = (t: number): boolean => t !== RANK.OBJECT && t !== RANK.OTHER && t !== RANK.MULTI

/** A document's own field (never one inherited from Object.prototype). */
const own = (o: object, key: string): unknown => (Object.hasOwn(o, key) ? (o as Record<string, unknown>)[key] : undefined)

/**
 * The key a document has for a dotted field path. A path that meets an array anywhere
 * gives a MULTI key: the planner treats such documents as candidates for every lookup.
 */
export function keyForPath(doc: Record<string, unknown>, path: string): IndexKey {
  let cur: unknown = doc
  for (const part of path.split('.')) {
    if (Array.isArray(cur)) return { t: RANK.MULTI, v: JSON.stringify(cur) }
    if (cur === null || typeof cur !== 'object' || isDate(cur)) return scalarKey(undefined)
    cur = own(cur, part)
  }
  if (Array.isArray(cur)) return { t: RANK.MULTI, v: JSON.stringify(cur) }
  return scalarKey(cur)
}

/**
 * The key of a value given in a query, or null when the value cannot be looked up in an
 * index (objects, arrays, regular expressions): the planner then leaves that condition to
 * the full matcher.
 */
export function keyForQueryValue(value: unknown): IndexKey | null {
  if (Array.isArray(value) || isRegExp(value)) return null
  const key = scalarKey(value)
  return key.t === RANK.OBJECT || key.t === RANK.OTHER ? null : key
}

/**
 * Every key a document has for a path that meets arrays: one per reachable element, as a
 * MongoDB multikey index holds them. A path that ends before reaching a value counts as
 * null; an empty array contributes nothing.
 */
export function elementKeysForPath(doc: Record<string, unknown>, path: string): IndexKey[] {
  const out = new Map<string, IndexKey>()
  const add = (k: IndexKey): void => { out.set(`${k.t}:${typeof k.v}:${String(k.v)}`, k) }
  const walk = (value: unknown, parts: string[]): void => {
    if (!parts.length) {
      if (Array.isArray(value)) for (const el of value) add(Array.isArray(el) ? { t: RANK.OTHER, v: JSON.stringify(el) } : scalarKey(el))
      else add(scalarKey(value))
      return
    }
    const [part, ...rest] = parts
    if (Array.isArray(value)) {
      if (/^\d+$/.test(part) && Number(part) < value.length) walk(value[Number(part)], rest)
      for (const el of value) if (el !== null && typeof el === 'object' && !Array.isArray(el)) walk(own(el, part), rest)
      return
    }
    if (value === null || typeof value !== 'object' || isDate(value)) {
      add(scalarKey(undefined))
      return
    }
    walk(own(value, part), rest)
  }
  walk(doc, path.split('.'))
  return [...out.values()]
}
