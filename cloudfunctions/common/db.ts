/** Database helpers: reading everything that matches in pages of CloudBase's maximum size, and keyset paging of lists. */
import { compareText } from '../../types/domain'
import { database } from './app'
import { invalid } from './errors'

const PAGE_MAX = 1000

/**
 * All documents matching `where`, in `_id` order, one request per 1000 documents. Pages
 * follow on from the last `_id` seen rather than skipping, so each request reads only
 * its own page.
 */
export async function readAll<T extends { _id: string }>(collection: string, where: Record<string, unknown>, field?: Record<string, boolean>): Promise<T[]> {
  const db = database()
  const out: T[] = []
  let after: string | null = null
  for (;;) {
    let q = db.collection(collection).where(after === null ? where : { ...where, _id: db.command.gt(after) }).orderBy('_id', 'asc').limit(PAGE_MAX)
    if (field) q = q.field({ ...field, _id: true })
    const { data } = await q.get()
    out.push(...(data as T[]))
    if (data.length < PAGE_MAX) return out
    after = (data[data.length - 1] as T)._id
  }
}

/** Documents by id, in chunks `_.in` can carry. */
export async function readByIds<T>(collection: string, ids: string[], field?: Record<string, boolean>): Promise<T[]> {
  const db = database()
  const _ = db.command
  const unique = [...new Set(ids)]
  const out: T[] = []
  for (let i = 0; i < unique.length; i += PAGE_MAX) {
    let q = db.collection(collection).where({ _id: _.in(unique.slice(i, i + PAGE_MAX)) }).limit(PAGE_MAX)
    if (field) q = q.field(field)
    out.push(...((await q.get()).data as T[]))
  }
  return out
}

/** Whether `e` is an insert refused for a duplicate `_id` or unique key (CloudBase's DATABASE_DUPLICATE_WRITE). */
export const isDuplicateWrite = (e: unknown): boolean => (e as { code?: unknown } | null)?.code === 'DATABASE_DUPLICATE_WRITE'

// ---------------------------------------------------------------------------------------
// Keyset paging: every user-facing list reads a page at a time this way.

/**
 * How a list is ordered and resumed: by one key field, unique, a string in every listed
 * document, and the last key of an index whose leading keys are the list's equality
 * filters (database/collections.json). A page is then one index range read of its own
 * documents, plus one to know whether more follow, whatever the size of the collection;
 * documents added or removed between pages never shift or repeat what follows.
 */
export interface Keyset {
  /** names the list inside its cursors, so that one list refuses another's cursor */
  list: string
  collection: string
  /** the key field */
  field: string
  /** what every key of the list looks like (anchored); a cursor holding anything else is refused */
  key: RegExp
}

/** Which documents a list shows: one indexed query, paged by the key. */
export interface KeysetFilter<T> {
  /** equality conditions on the leading keys of an index that ends with the key field */
  where: Record<string, unknown>
  /** only keys starting with this: a range on the key, so the read stays in the index (for keys of characters below U+FFFF) */
  keyPrefix?: string
  /** only keys from this one on (a lower bound on the key, so the read stays in the index) */
  keyFrom?: string
  /**
   * Conditions checked on each document read, for filters that no index covers together
   * with `where` (the page then ends where the read ended, and may hold fewer items).
   */
  accept?: (doc: T) => boolean
  /**
   * For a range on another field than the key (a name prefix), which no index serves in
   * the key's order: the filter's matches are read whole, at most `max` of them (more is
   * refused with `tooMany`), and the page is cut from them here. For filters that match
   * few documents.
   */
  whole?: { max: number; tooMany: string }
}

export interface KeysetPage<T> {
  docs: T[]
  /** resumes the list after the last document read; null when nothing follows */
  nextCursor: string | null
}

const CURSOR = /^[A-Za-z0-9_-]{1,400}$/

const cursorAfter = (keyset: Keyset, key: string): string => Buffer.from(JSON.stringify([keyset.list, key])).toString('base64url')

/**
 * The key a cursor resumes after (null for the first page). A cursor is the list's name
 * and a key; a malformed one, one from another list or one whose key could not be a key
 * of this list is refused, so a cursor only ever becomes a string compared with `_.gt`.
 */
function keyAfter(keyset: Keyset, cursor: string | undefined): string | null {
  if (cursor === undefined) return null
  let decoded: unknown = null
  try {
    if (CURSOR.test(cursor)) decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'))
  } catch {
    decoded = null
  }
  if (Array.isArray(decoded) && decoded.length === 2 && decoded[0] === keyset.list && typeof decoded[1] === 'string' && keyset.key.test(decoded[1])) {
    return decoded[1]
  }
  throw invalid('参数不正确：cursor：翻页位置无效，请从第一页重新加载')
}

/** The key condition of a page: after the cursor (or from the first key), within the prefix and from `keyFrom`. */
function keyRange(after: string | null, prefix: string | undefined, keyFrom = ''): unknown {
  const _ = database().command
  const lowest = (prefix ?? '') > keyFrom ? prefix ?? '' : keyFrom
  const from = after !== null && after >= lowest ? _.gt(after) : _.gte(lowest)
  return prefix === undefined ? from : from.and(_.lt(`${prefix}\uffff`))
}

/** An inclusion projection keeps the key, which the cursor is made of. */
const withKey = (keyset: Keyset, field: Record<string, boolean>): Record<string, boolean> =>
  Object.values(field).some(Boolean) ? { ...field, [keyset.field]: true } : field

async function readAfter<T>(keyset: Keyset, filter: KeysetFilter<T>, after: string | null, limit: number, field?: Record<string, boolean>): Promise<T[]> {
  if (filter.whole) return readWhole(keyset, filter, filter.whole, after, limit, field)
  let q = database().collection(keyset.collection)
    .where({ ...filter.where, [keyset.field]: keyRange(after, filter.keyPrefix, filter.keyFrom) })
    .orderBy(keyset.field, 'asc')
    .limit(limit)
  if (field) q = q.field(withKey(keyset, field))
  return (await q.get()).data as T[]
}

/** A filter's matches read whole, then the `limit` first of them after `after` (within the prefix), in key order. */
async function readWhole<T>(keyset: Keyset, filter: KeysetFilter<T>, whole: { max: number; tooMany: string }, after: string | null, limit: number,
  field?: Record<string, boolean>): Promise<T[]> {
  let q = database().collection(keyset.collection).where(filter.where).limit(whole.max + 1)
  if (field) q = q.field(withKey(keyset, field))
  const docs = (await q.get()).data as T[]
  if (docs.length > whole.max) throw invalid(whole.tooMany)
  const prefix = filter.keyPrefix ?? ''
  const keyOf = (doc: T): string => (doc as Record<string, unknown>)[keyset.field] as string
  return docs
    .filter((d) => typeof keyOf(d) === 'string' && keyOf(d).startsWith(prefix) && (after === null || compareText(keyOf(d), after) > 0))
    .sort((a, b) => compareText(keyOf(a), keyOf(b)))
    .slice(0, limit)
}

/**
 * One page of a keyset-paged list: the documents matching any of `filters` (each its own
 * indexed query, merged by key: a union without `$or`), in key order, after `cursor`.
 * Each query reads at most pageSize + 1 documents. A bad cursor is refused at once, before
 * any request.
 */
export function keysetPage<T>(keyset: Keyset, page: { cursor?: string; pageSize: number }, filters: KeysetFilter<T>[], field?: Record<string, boolean>): Promise<KeysetPage<T>> {
  const after = keyAfter(keyset, page.cursor)
  return readKeysetPage(keyset, after, page.pageSize, filters, field)
}

async function readKeysetPage<T>(keyset: Keyset, after: string | null, pageSize: number, filters: KeysetFilter<T>[], field?: Record<string, boolean>): Promise<KeysetPage<T>> {
  const keyOf = (doc: T): string => (doc as Record<string, unknown>)[keyset.field] as string
  const reads = await Promise.all(filters.map((f) => readAfter(keyset, f, after, pageSize + 1, field)))
  // A read that came back full is known only up to its last key: the page stops there.
  let horizon: string | null = null
  for (const docs of reads) {
    const last = docs.length > pageSize ? keyOf(docs[docs.length - 1]) : null
    if (last !== null && (horizon === null || last < horizon)) horizon = last
  }
  const byKey = new Map<string, T>()
  reads.forEach((docs, i) => {
    for (const d of docs) {
      const key = keyOf(d)
      // (a single read lies within its own horizon in the database's order)
      if ((filters[i].accept?.(d) ?? true) && (reads.length === 1 || horizon === null || key <= horizon)) byKey.set(key, d)
    }
  })
  const candidates = [...byKey.values()]
  // One query keeps the database's order; several are merged (keys compared as code units).
  if (reads.length > 1) candidates.sort((a, b) => compareText(keyOf(a), keyOf(b)))
  if (candidates.length > pageSize) {
    const docs = candidates.slice(0, pageSize)
    return { docs, nextCursor: cursorAfter(keyset, keyOf(docs[pageSize - 1])) }
  }
  return { docs: candidates, nextCursor: horizon === null ? null : cursorAfter(keyset, horizon) }
}
