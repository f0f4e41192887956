/**
 * Index keys: how a field's value is stored in SQLite so that equality, range and sort on
 * indexed fields can be answered by a SQLite index. Each indexed field path gets two
 * columns, a type rank (MongoDB's BSON comparison order) and a value.
 */
import { types } from 'node:util'

// Not `instanceof Date`: a Date made in another realm (structuredClone in a jest sandbox,
// as the update path clones documents) is a Date all the same.
const isDate = (v: unknown): v is Date => types.isDate(v)

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

function scalarKey(value: unknown): IndexKey {
  if (value === null || value === undefined) return { t: RANK.NULL, v: 0 }
  if (typeof value === 'number') return { t: RANK.NUMBER, v: value }
  if (typeof value === 'string') return { t: RANK.STRING, v: value }
  if (typeof value === 'boolean') return { t: RANK.BOOL, v: value ? 1 : 0 }
  if (isDate(value)) return { t: RANK.DATE, v: value.getTime() }
  if (typeof value === 'object' && !(value instanceof RegExp) && !(value as any)._bsontype) {
    return { t: RANK.OBJECT, v: JSON.stringify(value) }
  }
  return { t: RANK.OTHER, v: String(value) }
}

/**
 * The key a document has for a dotted field path. A path that meets an array anywhere
 * gives a MULTI key: the planner treats such documents as candidates for every lookup.
 */
export function keyForPath(doc: Record<string, unknown>, path: string): IndexKey {
  let cur: unknown = doc
  for (const part of path.split('.')) {
    if (Array.isArray(cur)) return { t: RANK.MULTI, v: JSON.stringify(cur) }
    if (cur === null || typeof cur !== 'object' || isDate(cur)) return scalarKey(undefined)
    cur = (cur as Record<string, unknown>)[part]
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
  if (Array.isArray(value) || value instanceof RegExp) return null
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
      for (const el of value) if (el !== null && typeof el === 'object' && !Array.isArray(el)) walk((el as Record<string, unknown>)[part], rest)
      return
    }
    if (value === null || typeof value !== 'object' || isDate(value)) {
      add(scalarKey(undefined))
      return
    }
    walk((value as Record<string, unknown>)[part], rest)
  }
  walk(doc, path.split('.'))
  return [...out.values()]
}
