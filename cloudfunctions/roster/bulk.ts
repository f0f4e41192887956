/**
 * Bulk reads and writes within CloudBase's request limits, whatever the roster's size:
 * `_.in` lists of at most `MAX_IN` values, inserts of at most `MAX_DOCS` documents sized
 * by their encoded bytes (common/requestSize.ts). A request the server still finds too
 * large is refused whole, so it is split in two and sent again.
 */
import { database } from '../common/app'
import { chunkBySize } from '../common/requestSize'

const MAX_DOCS = 500
/** Values in one `_.in` list: well under CloudBase's 1000, and each list still an index lookup. */
const MAX_IN = 200
/** Single-document updates in flight at once. */
const PARALLEL_UPDATES = 8

const codeOf = (e: unknown): string | undefined => (e as { code?: string } | null)?.code

/** Sends a chunk; one the server refuses as too large is halved and each half sent again. */
async function sendSplitting<T>(chunk: T[], send: (chunk: T[]) => Promise<unknown>): Promise<void> {
  try {
    await send(chunk)
  } catch (e) {
    if (codeOf(e) !== 'EXCEED_REQUEST_SIZE_LIMIT' || chunk.length < 2) throw e
    const half = Math.ceil(chunk.length / 2)
    await sendSplitting(chunk.slice(0, half), send)
    await sendSplitting(chunk.slice(half), send)
  }
}

/**
 * Inserts documents, a chunk per request, starting no request after `until` (ms since
 * the epoch) but the first, so every run makes progress. Returns how many were inserted:
 * the first ones, in order.
 */
export async function insertAll(collection: string, docs: object[], until = Infinity): Promise<number> {
  const coll = database().collection(collection)
  let written = 0
  for (const chunk of chunkBySize(docs, { maxItems: MAX_DOCS })) {
    if (written && Date.now() > until) break
    await sendSplitting(chunk, (c) => coll.add(c))
    written += chunk.length
  }
  return written
}

/** Documents whose `field` is one of `values`, with only `fields`: one request per `MAX_IN` values. */
export async function readWhereIn<T>(collection: string, field: string, values: string[], fields: Record<string, boolean>): Promise<T[]> {
  const db = database()
  const out: T[] = []
  const unique = [...new Set(values)]
  for (let i = 0; i < unique.length; i += MAX_IN) {
    const { data } = await db.collection(collection).where({ [field]: db.command.in(unique.slice(i, i + MAX_IN)) }).field(fields).limit(1000).get()
    out.push(...(data as T[]))
  }
  return out
}

/**
 * Applies each document's changes, starting no request after `until` but the first.
 * Documents with the same changes (a new year label, a unit many interns moved to) are
 * updated together, `MAX_IN` ids per request; the rest one request each, a few at a time.
 * Returns how many documents were updated.
 */
export async function updateAll(collection: string, updates: { id: string; changes: Record<string, unknown> }[], until = Infinity): Promise<number> {
  const db = database()
  const byChanges = new Map<string, { changes: Record<string, unknown>; ids: string[] }>()
  for (const u of updates) {
    // Equal changes serialise equally (dates as ISO text, which no changed field mixes with).
    const key = JSON.stringify(u.changes)
    const entry = byChanges.get(key) ?? { changes: u.changes, ids: [] }
    entry.ids.push(u.id)
    byChanges.set(key, entry)
  }
  let written = 0
  const singles: { id: string; changes: Record<string, unknown> }[] = []
  for (const { changes, ids } of byChanges.values()) {
    if (ids.length === 1) {
      singles.push({ id: ids[0], changes })
      continue
    }
    for (let i = 0; i < ids.length && (!written || Date.now() <= until); i += MAX_IN) {
      const chunk = ids.slice(i, i + MAX_IN)
      await sendSplitting(chunk, (c) => db.collection(collection).where({ _id: db.command.in(c) }).update(changes))
      written += chunk.length
    }
  }
  let next = 0
  let failed = false
  const worker = async (): Promise<void> => {
    while (next < singles.length && !failed && (!written || Date.now() <= until)) {
      const { id, changes } = singles[next++]
      try {
        await db.collection(collection).doc(id).update(changes)
        written++
      } catch (e) {
        failed = true
        throw e
      }
    }
  }
  await Promise.all(Array.from({ length: Math.min(PARALLEL_UPDATES, singles.length) }, worker))
  return written
}
