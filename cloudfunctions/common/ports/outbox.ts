/**
 * The message queue both messengers share: the `outbox` collection. Queuing writes
 * messages in bulk, chunked by their encoded size; delivering claims a batch with a
 * claim id (so runs that overlap never take the same message), then sends it in waves:
 * each wave is marked as attempted before its first send and its outcomes are recorded
 * grouped after — a fixed number of requests per wave, whatever happens to each message.
 *
 * A run may die anywhere (the platform kills it at its time limit, an instance crashes).
 * Later runs take back what it held: messages it had claimed but not begun to send go
 * back to the queue; messages it had begun to send (`attemptedAt` set, no outcome) are
 * never sent again — WeChat may already have delivered them — but kept as `failed` with
 * the error `interrupted`, for a person to see. So no message is sent twice, and none
 * disappears. Locally the sender only marks messages delivered; they stay in the outbox
 * for tests and developers to read.
 */
import { randomBytes } from 'node:crypto'
import { database } from '../app'
import { isDuplicateWrite } from '../db'
import { chunkBySize } from '../requestSize'
import { fieldValues } from './messages'
import type { DeliveryReport, Message, Messenger } from './messages'
import { mapBounded } from './wxOpenApi'

export const OUTBOX = 'outbox'

export type OutboxStatus = 'queued' | 'sending' | 'sent' | 'failed'

/** A message in the outbox. */
export interface OutboxDoc extends Message {
  _id: string
  status: OutboxStatus
  queuedAt: Date
  /** not claimed before this time (a retry waits a little) */
  notBefore: Date
  /** the delivery run that holds it while 'sending' */
  claim: string | null
  claimedAt: Date | null
  /** when its run began to send it; set only while 'sending' */
  attemptedAt: Date | null
  /** delivery attempts that ended in 'retry' or 'failed' */
  attempts: number
  sentAt: Date | null
  /** why it failed or was put back: WeChat's errcode, a word, or `interrupted` */
  error: string | null
}

/** What a sender made of one message: delivered, worth trying again later, or refused for good. */
export type SendOutcome = { sent: true } | { retry: string } | { failed: string }
export type Sender = (message: OutboxDoc) => Promise<SendOutcome>

/** The error of a message whose run died while sending it: it may have reached the person, so it is not sent again. */
export const INTERRUPTED = 'interrupted'

/** Messages queued per batch add (the project's bulk write size; the request size may cut it smaller). */
const QUEUE_CHUNK = 500
/** Messages claimed per batch; the read-back of a claim returns at most this many. */
const BATCH = 200
/** Messages marked attempted together: what one dying run may leave `interrupted`. */
const WAVE = 20
/** Sends in flight at once (WeChat takes one HTTP call per message). */
const PARALLEL_SENDS = 8
/** No new wave starts this close to the deadline: recording the outcomes needs the time. */
const DEADLINE_MARGIN_MS = 3000
/** A claim older than this belongs to a run that died (CloudBase stops a function after 900 s at most). */
export const STALE_CLAIM_MS = 15 * 60 * 1000
/** A message WeChat kept refusing for passing reasons is given up after this many attempts. */
const MAX_ATTEMPTS = 5
/** A retried message waits this long times its attempts before it is claimed again. */
const RETRY_DELAY_MS = 60_000

/**
 * Queues messages in as few requests as their size allows (one per 500); returns how many
 * are queued — those it added and those already queued under their `key`. A message with a
 * key is added once whatever the number of calls: a run that died part-way may queue its
 * messages again.
 */
export async function queueMessages(messages: readonly Message[]): Promise<number> {
  if (!messages.length) return 0
  const queuedAt = new Date()
  const docs = messages.map((m) => ({
    _id: m.key ?? newMessageId(), personId: m.personId, openid: m.openid, template: m.template, page: m.page, data: fieldValues(m.data),
    status: 'queued' as OutboxStatus, queuedAt, notBefore: queuedAt, claim: null, claimedAt: null, attemptedAt: null, attempts: 0, sentAt: null, error: null
  }))
  for (const chunk of chunkBySize(docs, { maxItems: QUEUE_CHUNK })) await addMissing(chunk)
  return docs.length
}

const newMessageId = (): string => randomBytes(16).toString('hex')

/** Times a chunk is added again after a duplicate: beyond, another run keeps writing the same keys. */
const ADD_ATTEMPTS = 4

/**
 * Adds the documents of a chunk not already in the outbox: one request, and on a duplicate
 * `_id` two more per attempt. A bulk add holding an existing `_id` fails: the emulator then
 * writes none of it, CloudBase (MongoDB) may have written those before the duplicate; so
 * what exists is read, and the rest added again.
 */
async function addMissing(docs: { _id: string }[]): Promise<void> {
  const db = database()
  const coll = db.collection(OUTBOX)
  let pending = docs
  for (let attempt = 1; ; attempt++) {
    try {
      await coll.add(pending)
      return
    } catch (e) {
      if (!isDuplicateWrite(e) || attempt >= ADD_ATTEMPTS) throw e
    }
    const { data } = await coll.where({ _id: db.command.in(pending.map((d) => d._id)) }).field({ _id: true }).limit(pending.length).get()
    const held = new Set(data.map((d: { _id: string }) => d._id))
    pending = pending.filter((d) => !held.has(d._id))
    if (!pending.length) return
  }
}

const newClaim = (): string => `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 12)}`

/** Takes up to BATCH due messages, oldest first, for this run alone: read, claim, read back (3 requests). */
async function claimBatch(): Promise<OutboxDoc[]> {
  const db = database()
  const _ = db.command
  const coll = db.collection(OUTBOX)
  const due = { status: 'queued', notBefore: _.lte(new Date()) }
  const { data } = await coll.where(due).orderBy('queuedAt', 'asc').limit(BATCH).field({ _id: true }).get()
  if (!data.length) return []
  const claim = newClaim()
  // The filter is checked per document as it is written: a message another run claimed first is left alone.
  await coll.where({ _id: _.in(data.map((d: { _id: string }) => d._id)), ...due }).update({ status: 'sending', claim, claimedAt: new Date(), attemptedAt: null })
  const claimed = await coll.where({ claim, status: 'sending' }).limit(BATCH).get()
  return (claimed.data as OutboxDoc[]).sort((a, b) => new Date(a.queuedAt).getTime() - new Date(b.queuedAt).getTime())
}

/**
 * Takes back what runs that died held (2 requests): messages they had not begun to send
 * are queued again; those they had begun are failed as `interrupted`, never sent twice.
 */
async function recoverStale(): Promise<void> {
  const db = database()
  const _ = db.command
  const coll = db.collection(OUTBOX)
  const stale = { status: 'sending', claimedAt: _.lt(new Date(Date.now() - STALE_CLAIM_MS)) }
  await coll.where({ ...stale, attemptedAt: null }).update({ status: 'queued', claim: null, claimedAt: null })
  await coll.where({ ...stale, attemptedAt: _.neq(null) }).update({ status: 'failed', claim: null, attempts: _.inc(1), error: INTERRUPTED })
}

type Outcome = SendOutcome | { notTried: true }

/** Writes the outcomes of a wave: one update per kind of outcome (and per reason). */
async function recordOutcomes(wave: readonly OutboxDoc[], outcomes: readonly Outcome[], report: DeliveryReport): Promise<void> {
  const db = database()
  const _ = db.command
  const coll = db.collection(OUTBOX)
  const groups = new Map<string, { ids: string[]; update: Record<string, unknown> }>()
  const add = (key: string, id: string, update: () => Record<string, unknown>): void => {
    const g = groups.get(key) ?? { ids: [], update: update() }
    g.ids.push(id)
    groups.set(key, g)
  }
  const now = new Date()
  wave.forEach((m, i) => {
    const o = outcomes[i]
    if ('sent' in o) {
      report.sent++
      add('sent', m._id, () => ({ status: 'sent', sentAt: now, claim: null, attemptedAt: null, error: null }))
    } else if ('notTried' in o) {
      report.retried++
      add('later', m._id, () => ({ status: 'queued', claim: null, claimedAt: null, attemptedAt: null }))
    } else if ('retry' in o && m.attempts + 1 < MAX_ATTEMPTS) {
      report.retried++
      // Grouped by attempts too, so each waits its own delay.
      add(`retry:${m.attempts}:${o.retry}`, m._id, () => ({
        status: 'queued', claim: null, claimedAt: null, attemptedAt: null, attempts: _.inc(1), error: o.retry,
        notBefore: new Date(now.getTime() + RETRY_DELAY_MS * (m.attempts + 1))
      }))
    } else {
      report.failed++
      const error = 'failed' in o ? o.failed : o.retry
      add(`failed:${error}`, m._id, () => ({ status: 'failed', claim: null, attemptedAt: null, attempts: _.inc(1), error }))
    }
  })
  // Only messages still held by this run: one taken back as stale meanwhile keeps its recovery.
  const claim = wave[0]?.claim
  for (const { ids, update } of groups.values()) await coll.where({ _id: _.in(ids), claim, status: 'sending' }).update(update)
}

/**
 * Delivers queued messages through `send`, oldest first, batch by batch and wave by wave,
 * until the queue is empty or the deadline is near; messages not begun in time go back to
 * the queue. Requests: 2 to recover, 3 per batch of 200, and per wave of 20 one to mark
 * it attempted and one per kind of outcome.
 */
export async function deliverQueued(send: Sender, { deadline }: { deadline: number }): Promise<DeliveryReport> {
  const report: DeliveryReport = { sent: 0, failed: 0, retried: 0 }
  const timeLeft = (): boolean => Date.now() < deadline - DEADLINE_MARGIN_MS
  if (!timeLeft()) return report
  const db = database()
  const _ = db.command
  await recoverStale()
  while (timeLeft()) {
    const batch = await claimBatch()
    if (!batch.length) break
    let stopped = false
    for (let i = 0; i < batch.length; i += WAVE) {
      const wave = batch.slice(i, i + WAVE)
      if (stopped || !timeLeft()) {
        stopped = true
        await recordOutcomes(wave, wave.map(() => ({ notTried: true })), report)
        continue
      }
      // Marked before the first send: a run dying from here on leaves these `interrupted`, never resent.
      await db.collection(OUTBOX).where({ _id: _.in(wave.map((m) => m._id)), claim: wave[0].claim, status: 'sending' }).update({ attemptedAt: new Date() })
      const outcomes = await mapBounded(wave, PARALLEL_SENDS, async (m): Promise<Outcome> => {
        try {
          return await send(m)
        } catch (e) {
          return { retry: String((e as { code?: unknown }).code ?? 'error') }
        }
      })
      await recordOutcomes(wave, outcomes, report)
    }
    // A short batch emptied the queue; a run out of time leaves the rest for the next.
    if (stopped || batch.length < BATCH) break
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
