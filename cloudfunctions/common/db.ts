/** Database helpers: reading everything that matches, in pages of CloudBase's maximum size. */
import { database } from './app'

export const PAGE_MAX = 1000

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
