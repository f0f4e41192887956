/** Database helpers: reading everything that matches, in pages of CloudBase's maximum size. */
import { database } from './app'

export const PAGE_MAX = 1000

/** All documents matching `where` (one request per 1000 documents). */
export async function readAll<T>(collection: string, where: Record<string, unknown>, field?: Record<string, boolean>): Promise<T[]> {
  const out: T[] = []
  for (let skip = 0; ; skip += PAGE_MAX) {
    let q = database().collection(collection).where(where).orderBy('_id', 'asc').skip(skip).limit(PAGE_MAX)
    if (field) q = q.field(field)
    const { data } = await q.get()
    out.push(...(data as T[]))
    if (data.length < PAGE_MAX) return out
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
