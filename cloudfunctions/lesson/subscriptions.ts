/**
 * Subscription quota: WeChat's one-time subscription messages allow one message per
 * acceptance, so each acceptance a person gives is counted, and each reminder takes one.
 * A stand-in with the names and shapes of the shared helpers that are to come in
 * `common/`, kept here until they land (then this file re-exports them).
 */
import { database } from '../common/app'
import { isDuplicateWrite } from '../common/db'

const SUBSCRIPTIONS = 'subscriptions'
const PAGE = 1000

interface SubscriptionDoc {
  _id: string
  personId: string
  template: string
  remaining: number
}

const subscriptionId = (personId: string, template: string): string => `${personId}:${template}`

/** Adds `n` acceptances of `template` for the person; answers how many messages they may now receive. */
export async function grantSubscriptions(personId: string, template: string, n: number): Promise<number> {
  const db = database()
  const _id = subscriptionId(personId, template)
  for (;;) {
    const { doc } = await db.collection(SUBSCRIPTIONS).where({ _id }).updateAndReturn({ remaining: db.command.inc(n) }) as { doc: SubscriptionDoc | null }
    if (doc) return doc.remaining
    try {
      await db.collection(SUBSCRIPTIONS).add({ _id, personId, template, remaining: n })
      return n
    } catch (e) {
      // Someone granted at the same moment: add to theirs.
      if (!isDuplicateWrite(e)) throw e
    }
  }
}

/**
 * Takes one message of `template` from each of `personIds` who has any left; answers
 * those. Two requests per 1000 people, whoever they are.
 */
export async function takeSubscriptions(personIds: string[], template: string): Promise<string[]> {
  const db = database()
  const _ = db.command
  const taken: string[] = []
  const unique = [...new Set(personIds)]
  for (let i = 0; i < unique.length; i += PAGE) {
    const ids = unique.slice(i, i + PAGE).map((p) => subscriptionId(p, template))
    const { data } = await db.collection(SUBSCRIPTIONS).where({ _id: _.in(ids), remaining: _.gt(0) }).field({ personId: true }).limit(PAGE).get()
    const holders = data as Pick<SubscriptionDoc, '_id' | 'personId'>[]
    if (!holders.length) continue
    await db.collection(SUBSCRIPTIONS).where({ _id: _.in(holders.map((h) => h._id)), remaining: _.gt(0) }).update({ remaining: _.inc(-1) })
    taken.push(...holders.map((h) => h.personId))
  }
  return taken
}
