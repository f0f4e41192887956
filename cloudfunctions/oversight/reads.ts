/** Reading everything that matches, a thousand documents or rows a request. */
import { database } from '../common/app'

const PAGE = 1000

type Pipeline = ReturnType<ReturnType<ReturnType<typeof database>['collection']>['aggregate']>

/** Every row of an aggregation ending in a `$group` (rows ordered by `_id`), a thousand a request. */
export async function allRows<T>(collection: string, build: (p: Pipeline) => Pipeline): Promise<T[]> {
  const out: T[] = []
  for (let skip = 0; ; skip += PAGE) {
    const { data } = await build(database().collection(collection).aggregate()).sort({ _id: 1 }).skip(skip).limit(PAGE).end()
    out.push(...(data as T[]))
    if (data.length < PAGE) return out
  }
}

/** Every document matching `where` in `order` (a unique field ending an index led by `where`'s fields), a thousand a request. */
export async function readInOrder<T extends Record<string, unknown>>(collection: string, where: Record<string, unknown>, order: string, field: Record<string, boolean>): Promise<T[]> {
  const db = database()
  const out: T[] = []
  let after: unknown = null
  for (;;) {
    const { data } = await db.collection(collection)
      .where(after === null ? where : { ...where, [order]: db.command.gt(after) })
      .orderBy(order, 'asc').limit(PAGE).field({ ...field, [order]: true }).get()
    out.push(...(data as T[]))
    if (data.length < PAGE) return out
    after = (data[data.length - 1] as T)[order]
  }
}
