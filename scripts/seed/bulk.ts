/**
 * Reading and writing the demo school in bulk, straight through the database as a
 * deployment's data migration would: a thousand documents a read, five hundred a write,
 * never one request per document.
 */
import type { App } from '../client'

const READ_PAGE = 1000
const WRITE_CHUNK = 500

/** Every document of `collection` matching `where`, in `_id` order; `field` narrows what is read. */
export async function readAllDocs<T>(server: App, collection: string, where: Record<string, unknown>, field?: Record<string, boolean>): Promise<T[]> {
  const out: T[] = []
  for (let skip = 0; ; skip += READ_PAGE) {
    let q = server.database().collection(collection).where(where).orderBy('_id', 'asc').skip(skip).limit(READ_PAGE)
    if (field) q = q.field(field)
    const { data } = await q.get()
    out.push(...(data as T[]))
    if (data.length < READ_PAGE) return out
  }
}

/** Inserts `docs` five hundred at a time. */
export async function addInChunks(server: App, collection: string, docs: object[]): Promise<void> {
  for (let i = 0; i < docs.length; i += WRITE_CHUNK) await server.database().collection(collection).add(docs.slice(i, i + WRITE_CHUNK))
}
