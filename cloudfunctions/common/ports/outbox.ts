/**
 * The message queue both messengers share: the `outbox` collection. Queuing writes
 * messages in bulk, chunked by their encoded size; delivering claims a batch with a
 * claim id (so runs that overlap never take the same message), hands each message to a
 * sender, and records the outcomes grouped — a fixed number of requests per batch.
 * Locally the sender only marks messages delivered; they stay in the outbox for tests
 * and developers to read.
 */
import { database } from '../app'
import { chunkBySize } from '../requestSize'
import type { DeliveryReport, Message, Messenger } from './messages'
import { mapBounded } from './wxOpenApi'

export const OUTBOX = 'outbox'

export type OutboxStatus = 'queued' | 'sending' | 'sent' | 'failed'

/** A message in the outbox. */
export interface OutboxDoc extends Message {
  _id: string
  status: OutboxStatus
  queuedAt: Date
  /** the delivery run that holds it while 'sending' */
  claim: string | null
  claimedAt: Date | null
  /** delivery attempts that ended in 'retry' */
  attempts: number
  sentAt: Date | null
  /** why it failed: WeChat's errcode, or a word */
  error: string | null
}

/** What a sender made of one message: delivered, worth trying again later, or refused for good. */
export type SendOutcome = { sent: true } | { retry: string } | { failed: string }
export type Sender = (message: OutboxDoc) => Promise<SendOutcome>

/** Messages claimed per batch; the read-back of a claim returns at most this many. */
const BATCH = 200
/** Sends in flight at once (WeChat takes one HTTP call per message). */
const PARALLEL_SENDS = 8
/** No new send starts this close to the deadline: recording the outcomes needs the time. */
const DEADLINE_MARGIN_MS = 3000
/** A claim older than this belongs to a run that died: its messages are queued again. */
const STALE_CLAIM_MS = 15 * 60 * 1000
/** A message WeChat kept refusing for passing reasons is given up after this many attempts. */
const MAX_ATTEMPTS = 5

/** Queues messages in as few requests as their size allows; returns how many were queued. */
export async function queueMessages(messages: readonly Message[]): Promise<number> {
  if (!messages.length) return 0
  const coll = database().collection(OUTBOX)
  const queuedAt = new Date()
  const docs = messages.map((m) => ({
    personId: m.personId, openid: m.openid, template: m.template, page: m.page, data: m.data,
    status: 'queued' as OutboxStatus, queuedAt, claim: null, claimedAt: null, attempts: 0, sentAt: null, error: null
  }))
  for (const chunk of chunkBySize(docs, { maxItems: 500 })) await coll.add(chunk)
  return docs.length
}

const newClaim = (): string => `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 12)}`

/** Takes up to BATCH queued messages, oldest first, for this run alone: read, claim, read back (3 requests). */
async function claimBatch(): Promise<OutboxDoc[]> {
  const db = database()
  const _ = db.command
  const coll = db.collection(OUTBOX)
  const { data } = await coll.where({ status: 'queued' }).orderBy('queuedAt', 'asc').limit(BATCH).field({ _id: true }).get()
  if (!data.length) return []
  const claim = newClaim()
  // The filter is checked per document as it is written: a message another run claimed first is left alone.
  await coll.where({ _id: _.in(data.map((d: { _id: string }) => d._id)), status: 'queued' }).update({ status: 'sending', claim, claimedAt: new Date() })
  const claimed = await coll.where({ claim }).limit(BATCH).get()
  return claimed.data as OutboxDoc[]
}

/** Gives messages whose run died back to the queue (1 request). */
async function requeueStale(): Promise<void> {
  const db = database()
  const _ = db.command
  await db.collection(OUTBOX).where({ status: 'sending', claimedAt: _.lt(new Date(Date.now() - STALE_CLAIM_MS)) }).update({ status: 'queued', claim: null, claimedAt: null })
}

type Outcome = SendOutcome | { notTried: true }

/** Writes the outcomes of a batch: one update per kind of outcome (and per failure reason). */
async function recordOutcomes(batch: readonly OutboxDoc[], outcomes: readonly Outcome[], report: DeliveryReport): Promise<void> {
  const db = database()
  const _ = db.command
  const coll = db.collection(OUTBOX)
  const groups = new Map<string, { ids: string[]; update: Record<string, unknown> }>()
  const add = (key: string, id: string, update: Record<string, unknown>): void => {
    const g = groups.get(key) ?? { ids: [], update }
    g.ids.push(id)
    groups.set(key, g)
  }
  const now = new Date()
  batch.forEach((m, i) => {
    const o = outcomes[i]
    if ('sent' in o) {
      report.sent++
      add('sent', m._id, { status: 'sent', sentAt: now, claim: null, error: null })
    } else if ('notTried' in o) {
      report.retried++
      add('later', m._id, { status: 'queued', claim: null, claimedAt: null })
    } else if ('retry' in o && m.attempts + 1 < MAX_ATTEMPTS) {
      report.retried++
      add(`retry:${o.retry}`, m._id, { status: 'queued', claim: null, claimedAt: null, attempts: _.inc(1), error: o.retry })
    } else {
      report.failed++
      const error = 'failed' in o ? o.failed : o.retry
      add(`failed:${error}`, m._id, { status: 'failed', claim: null, attempts: _.inc(1), error })
    }
  })
  for (const { ids, update } of groups.values()) await coll.where({ _id: _.in(ids) }).update(update)
}

/**
 * Delivers queued messages through `send`, batch by batch, until the queue is empty or
 * the deadline is near; messages not tried in time go back to the queue.
 */
export async function deliverQueued(send: Sender, { deadline }: { deadline: number }): Promise<DeliveryReport> {
  const report: DeliveryReport = { sent: 0, failed: 0, retried: 0 }
  const timeLeft = (): boolean => Date.now() < deadline - DEADLINE_MARGIN_MS
  if (!timeLeft()) return report
  await requeueStale()
  while (timeLeft()) {
    const batch = await claimBatch()
    if (!batch.length) break
    const outcomes = await mapBounded(batch, PARALLEL_SENDS, async (m): Promise<Outcome> => {
      if (!timeLeft()) return { notTried: true }
      try {
        return await send(m)
      } catch (e) {
        return { retry: String((e as { code?: unknown }).code ?? 'error') }
      }
    })
    await recordOutcomes(batch, outcomes, report)
    // A short batch emptied the queue; a run out of time leaves the rest for the next.
    if (batch.length < BATCH || outcomes.some((o) => 'notTried' in o)) break
  }
  return report
}

/** A messenger on the outbox with the given sender. */
export function outboxMessenger(send: Sender): Messenger {
  return {
    send: (messages) => queueMessages(messages),
    deliver: (options) => deliverQueued(send, options)
  }
}

/** Local messages: queued in the outbox and, when delivered, only marked so. */
export const localMessenger: Messenger = outboxMessenger(async () => ({ sent: true }))
