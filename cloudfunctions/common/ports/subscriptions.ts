/**
 * Subscription quota: how many more messages of a template a person accepted. A WeChat
 * one-time subscription allows one message per acceptance, so the app records each
 * acceptance (`grantSubscriptions`) and a sender takes one from each reader before
 * queueing their message (`takeSubscriptions`).
 *
 * One document per person and template, `_id` `${template}:${personId}`:
 * `{ personId, template, remaining, dispatches, updatedAt }`. Taking is a conditional
 * bulk decrement that also stamps the dispatch's id on each document it decrements, then
 * a read of the documents bearing the stamp: exactly those this dispatch decremented,
 * whatever other dispatches do at the same time — two requests per 1000 people.
 */
import { database } from '../app'
import { invalid } from '../errors'
import { isDuplicateWrite } from '../db'
import type { MessageTemplate } from './messages'

export const SUBSCRIPTIONS = 'subscriptions'

export interface SubscriptionDoc {
  _id: string
  personId: string
  template: MessageTemplate
  /** acceptances not yet used */
  remaining: number
  /** the latest dispatches that took from it (at most DISPATCHES_KEPT) */
  dispatches: string[]
  updatedAt: Date
}

/** `_.in` and a read carry at most this many. */
const CHUNK = 1000
/**
 * Dispatch stamps kept per document. A dispatch reads its stamps back right after
 * writing them, so they need to outlive only the dispatches that touch the same person in
 * between; an id reused later (a retried publish) is recognised while it is among these.
 */
const DISPATCHES_KEPT = 20

export const subscriptionId = (template: MessageTemplate, personId: string): string => `${template}:${personId}`

/**
 * Acceptances one grant records at most: one `requestSubscribeMessage` prompt lists at
 * most 3 templates, each accepted once, so no single prompt yields more.
 */
export const MAX_GRANT = 3
/**
 * Acceptances a person holds at most per template. WeChat counts every acceptance and
 * offers no way to read the count, so ours is capped: a client that reports acceptances it
 * never gave cannot stock up more messages than a person could plausibly have accepted.
 */
export const MAX_REMAINING = 20

/**
 * Records `n` more acceptances (at most MAX_GRANT) of `template` by `personId` and returns
 * how many they have now, never more than MAX_REMAINING. One request, two when the cap is
 * reached or the first time (CloudBase has no conditional upsert).
 */
export async function grantSubscriptions(personId: string, template: MessageTemplate, n: number): Promise<number> {
  if (!Number.isInteger(n) || n < 1 || n > MAX_GRANT) throw invalid(`订阅次数应为 1 到 ${MAX_GRANT} 之间的整数`)
  const db = database()
  const _ = db.command
  const coll = db.collection(SUBSCRIPTIONS)
  const _id = subscriptionId(template, personId)
  for (let attempt = 0; attempt < 5; attempt++) {
    const now = new Date()
    // Each filter is checked as the document is written: the sum never passes the cap.
    const { doc } = await coll.where({ _id, remaining: _.lte(MAX_REMAINING - n) }).updateAndReturn({ remaining: _.inc(n), updatedAt: now })
    if (doc) return (doc as SubscriptionDoc).remaining
    const { doc: full } = await coll.where({ _id, remaining: _.gt(MAX_REMAINING - n) }).updateAndReturn({ remaining: MAX_REMAINING, updatedAt: now })
    if (full) return MAX_REMAINING
    try {
      await coll.add({ _id, personId, template, remaining: n, dispatches: [], updatedAt: now } satisfies SubscriptionDoc)
      return n
    } catch (e) {
      // Another grant created it in between (or a take moved it below the cap): try again.
      if (!isDuplicateWrite(e)) throw e
    }
  }
  throw new Error(`subscription ${_id}: could not be granted`)
}

/**
 * Takes one acceptance of `template` from each of `personIds` who has one left, and
 * returns those (each once). Two requests per 1000 people.
 *
 * `dispatchId` names the dispatch (e.g. `lesson:<id>`); taking again with the same id
 * takes nothing more and returns the same people, so a retried publish does not use up a
 * second acceptance. Without it each call is a dispatch of its own.
 */
export async function takeSubscriptions(personIds: readonly string[], template: MessageTemplate, dispatchId?: string): Promise<string[]> {
  const db = database()
  const _ = db.command
  const coll = db.collection(SUBSCRIPTIONS)
  const dispatch = dispatchId ?? `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 12)}`
  const ids = [...new Set(personIds)].map((p) => subscriptionId(template, p))
  const taken: string[] = []
  for (let i = 0; i < ids.length; i += CHUNK) {
    const chunk = ids.slice(i, i + CHUNK)
    // Checked per document as it is written: only a document with an acceptance left, not yet taken by this dispatch.
    await coll.where({ _id: _.in(chunk), remaining: _.gt(0), dispatches: _.neq(dispatch) })
      .update({ remaining: _.inc(-1), dispatches: _.push({ each: [dispatch], slice: -DISPATCHES_KEPT }), updatedAt: new Date() })
    const { data } = await coll.where({ _id: _.in(chunk), dispatches: dispatch }).field({ personId: true }).limit(CHUNK).get()
    taken.push(...data.map((d: { personId: string }) => d.personId))
  }
  return taken
}

/**
 * Takes one acceptance of `template` from one person for the dispatch `dispatchId`, and
 * answers whether the dispatch holds one: one request (a conditional write), two when
 * nothing was taken. Taking again for the same dispatch (a retry) takes nothing more and
 * answers true, so a retry after a run that died before queueing still queues the message;
 * the caller keys the message by the dispatch, so it is queued once.
 */
export async function takeSubscription(personId: string, template: MessageTemplate, dispatchId: string): Promise<boolean> {
  const _ = database().command
  const { doc } = await database().collection(SUBSCRIPTIONS)
    .where({ _id: subscriptionId(template, personId), remaining: _.gt(0), dispatches: _.neq(dispatchId) })
    .updateAndReturn({ remaining: _.inc(-1), dispatches: _.push({ each: [dispatchId], slice: -DISPATCHES_KEPT }), updatedAt: new Date() })
  if (doc) return true
  // Taken already by this dispatch (a retry after a run that died before it queued its message)?
  const { data } = await database().collection(SUBSCRIPTIONS).doc(subscriptionId(template, personId)).field({ dispatches: true }).get()
  return !!(data[0] as Pick<SubscriptionDoc, 'dispatches'> | undefined)?.dispatches?.includes(dispatchId)
}
