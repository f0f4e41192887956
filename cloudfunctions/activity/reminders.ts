/**
 * Messages asking listed members to confirm a check-in. A check-in is recorded with its
 * reminders `pending`; the `remindCheckins` timer claims each with a conditional write (two
 * runs never take the same one), takes one acceptance from each listed member who has one
 * left (one dispatch per check-in) and queues one message per person, keyed by dispatch
 * and person. A run that died after its claim leaves it `sending`; a later run resumes it
 * and neither takes an acceptance twice nor queues a message twice.
 */
import { ACTIVITY_TYPE_LABELS } from '../../types/actions/activity'
import { database } from '../common/app'
import { chinaMinuteText } from '../common/chinaTime'
import { readByIds } from '../common/db'
import type { TimerHandler } from '../common/dispatcher'
import { C, PersonDoc } from '../common/model'
import { MessageTemplate, messenger, takeSubscriptions } from '../common/ports'
import { A, CheckinDoc } from './model'

export const CHECKIN_TEMPLATE: MessageTemplate = 'checkinConfirm'
/** The page a message opens (the app's check-in). */
const CHECKIN_PAGE = 'packages/activity/pages/checkin/index'
/** Check-ins claimed by one run; more wait for the next. */
const PER_RUN = 20
/** A run stops claiming when less than this is left of its time. */
const TIME_RESERVE_MS = 5_000
/** A claim older than this belongs to a run that died (the function stops after 20 s). */
export const REMIND_STALE_MS = 120_000

const dispatchOf = (checkinId: string): string => `checkin:${checkinId}`

/** Queues the messages of one check-in to its members still listed who have an acceptance left; answers how many. */
async function remind(checkin: CheckinDoc): Promise<number> {
  const listed = checkin.attendeeIds.filter((id) => checkin.attendance[id]?.state === 'listed')
  if (!listed.length) return 0
  const people = await readByIds<Pick<PersonDoc, '_id' | 'openid'>>(C.people, listed, { openid: true })
  const openids = new Map(people.filter((p) => p.openid).map((p) => [p._id, p.openid!]))
  const dispatch = dispatchOf(checkin._id)
  const who = await takeSubscriptions([...openids.keys()], CHECKIN_TEMPLATE, dispatch)
  if (!who.length) return 0
  return messenger().send(who.map((personId) => ({
    personId, openid: openids.get(personId)!, template: CHECKIN_TEMPLATE,
    page: `${CHECKIN_PAGE}?checkinId=${encodeURIComponent(checkin._id)}`,
    data: { thing1: `${ACTIVITY_TYPE_LABELS[checkin.type]}·${checkin.place}`, time2: chinaMinuteText(checkin.heldAt), thing3: '请确认你参加了这次活动' },
    key: `${dispatch}:${personId}`
  })))
}

/** Check-ins to remind: pending ones, and those a dead run left `sending`. Two requests. */
async function claimable(now: Date): Promise<{ checkin: CheckinDoc; filter: Record<string, unknown> }[]> {
  const db = database()
  const _ = db.command
  const pending = { remind: 'pending' }
  const stale = { remind: 'sending', remindedAt: _.lt(new Date(now.getTime() - REMIND_STALE_MS)) }
  const read = async (filter: Record<string, unknown>) =>
    ((await db.collection(A.checkins).where(filter).limit(PER_RUN).get()).data as CheckinDoc[]).map((checkin) => ({ checkin, filter }))
  return [...await read(stale), ...await read(pending)]
}

/**
 * The `remindCheckins` timer: claims check-ins whose members were not yet asked, queues
 * their messages and marks them done; answers how many check-ins and messages. A failure
 * is logged and leaves the check-in for a later run.
 */
export const remindCheckins: TimerHandler = async ({ now, deadline }) => {
  const checkins = database().collection(A.checkins)
  let done = 0
  let messages = 0
  for (const { checkin, filter } of await claimable(now)) {
    if (deadline - Date.now() < TIME_RESERVE_MS) break
    try {
      const { updated } = await checkins.where({ _id: checkin._id, ...filter }).update({ remind: 'sending', remindedAt: now })
      if (!updated) continue
      messages += await remind(checkin)
      await checkins.doc(checkin._id).update({ remind: 'done' })
      done++
    } catch (e) {
      console.log(JSON.stringify({ fn: 'activity', reminders: checkin._id, failed: (e as { code?: string }).code ?? (e as Error)?.message }))
    }
  }
  return { checkins: done, messages }
}
