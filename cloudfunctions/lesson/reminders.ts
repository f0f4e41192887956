/**
 * Reminders of new lessons: when a lesson comes out (at once, or at its scheduled time),
 * each of its interns who accepted a reminder (subscription quota left) gets one message.
 * Due lessons are found by the timer (every 5 minutes) and by every publish; each is
 * claimed with a conditional write first, so two runs never remind twice. A claim records
 * its state ('sending', then 'done'): the claim of a run that died in between is resumed
 * by a later timer run, which takes no subscription twice and queues no message twice.
 */
import { database } from '../common/app'
import { chinaMinuteText } from '../common/chinaTime'
import type { TimerHandler } from '../common/dispatcher'
import { readAll } from '../common/db'
import { packByWeight } from '../common/requestSize'
import { C, PersonDoc } from '../common/model'
import { MessageTemplate, messenger, takeSubscriptions } from '../common/ports'
import { readerKeys } from './access'
import { isGroupKey, L, LessonDoc, NO_GROUP_PREFIX, StatsDoc } from './model'

/** The subscription template of the reminder (its fields as set up in the WeChat console: thing1, thing2, time3). */
export const LESSON_TEMPLATE: MessageTemplate = 'lessonPublished'
/** The page a reminder opens (the app's lesson reader). */
const READ_PAGE = 'packages/lesson/pages/read/index'

/** Most people one query returns; groups are read together up to about this many members. */
const PAGE = 1000
const GROUPS_PER_QUERY = 200
/** Lessons claimed by one run; more wait for the next. */
const LESSONS_PER_RUN = 20
/** A run stops claiming lessons when less than this is left of its time. */
const TIME_RESERVE_MS = 10_000

type Reader = Pick<PersonDoc, '_id' | 'openid'>

/** Groups in runs whose members together fit one query (by the sizes their rows recorded). */
const batches = (keys: string[], sizes: Map<string, number>): string[][] =>
  packByWeight(keys, (k) => sizes.get(k) ?? 0, PAGE - 100, GROUPS_PER_QUERY)

/** The interns a lesson went to, with their WeChat accounts: about one request per 1000. */
async function readersOf(lesson: Pick<LessonDoc, '_id' | 'audience'>): Promise<Reader[]> {
  const db = database()
  const _ = db.command
  const keys = readerKeys(lesson.audience)
  const groupKeys = keys.filter(isGroupKey)
  const sizes = new Map((await readAll<Pick<StatsDoc, '_id' | 'groupId' | 'targeted'>>(L.stats, { lessonId: lesson._id }, { groupId: true, targeted: true }))
    .map((r) => [r.groupId, r.targeted]))
  const readers: Reader[] = []
  for (const run of batches(groupKeys, sizes)) {
    const where = { groupId: _.in(run) }
    const { data } = await db.collection(C.people).where(where).field({ openid: true }).limit(PAGE).get()
    // Groups larger than their kept counts said: read them page by page.
    readers.push(...(data.length < PAGE ? data as Reader[] : await readAll<Reader>(C.people, where, { openid: true })))
  }
  for (const key of keys.filter((k) => k.startsWith(NO_GROUP_PREFIX))) {
    readers.push(...await readAll<Reader>(C.people, { year: key.slice(NO_GROUP_PREFIX.length), kind: 'student', groupId: null }, { openid: true }))
  }
  return readers
}

/** The dispatch a lesson's reminders belong to: the same for every run that resumes it. */
const dispatchOf = (lessonId: string): string => `lesson:${lessonId}`

/**
 * Sends one reminder to each of the lesson's interns who has a reminder left; answers how
 * many are queued. Safe to run again for the same lesson: the subscriptions it took are
 * recognised by the dispatch and not taken again, and each message is keyed by dispatch
 * and person, so a message already queued is not queued twice.
 */
async function remind(lesson: LessonDoc): Promise<number> {
  const bound = (await readersOf(lesson)).filter((r) => r.openid)
  const openids = new Map(bound.map((r) => [r._id, r.openid!]))
  const dispatch = dispatchOf(lesson._id)
  const who = await takeSubscriptions([...openids.keys()], LESSON_TEMPLATE, dispatch)
  if (!who.length) return 0
  const publishAt = lesson.publishAt ?? lesson.createdAt
  return messenger().send(who.map((personId) => ({
    personId,
    openid: openids.get(personId)!,
    template: LESSON_TEMPLATE,
    page: `${READ_PAGE}?lessonId=${encodeURIComponent(lesson._id)}`,
    data: { thing1: lesson.title, thing2: lesson.authorName, time3: chinaMinuteText(new Date(publishAt)) },
    key: `${dispatch}:${personId}`
  })))
}

const DUE_STATES = ['scheduled', 'published']
/**
 * A claim still 'sending' this long after it was taken belongs to a run that died: the
 * lesson function stops after 60 s (cloudbaserc.json `timeout`); twice that leaves room
 * for clocks that differ between instances.
 */
export const REMIND_STALE_MS = 120_000

const LESSON_FIELDS = { title: true, authorName: true, publishAt: true, createdAt: true, audience: true }

/** What a claim needs of a lesson besides its `_id`: the filter its conditional write checks, and what it sets. */
interface Claimable {
  lesson: LessonDoc
  filter: Record<string, unknown>
  claim: Partial<LessonDoc>
}

/** Lessons whose time has come and whose reminders nobody claimed yet (one request). */
async function dueLessons(now: Date): Promise<Claimable[]> {
  const db = database()
  const _ = db.command
  const due = { remindedAt: null, publishAt: _.lte(now), state: _.in(DUE_STATES), review: 'pass' }
  const { data } = await db.collection(L.lessons).where(due).orderBy('publishAt', 'asc').limit(LESSONS_PER_RUN).field(LESSON_FIELDS).get()
  return (data as LessonDoc[]).map((lesson) => ({ lesson, filter: due, claim: { remindedAt: now, remindState: 'sending', state: 'published' } }))
}

/** Lessons whose reminders a run claimed and died before queueing them all (one request); still visible to their readers. */
async function staleLessons(now: Date): Promise<Claimable[]> {
  const db = database()
  const _ = db.command
  const stale = { remindState: 'sending', remindedAt: _.lt(new Date(now.getTime() - REMIND_STALE_MS)), state: 'published', review: 'pass' }
  const { data } = await db.collection(L.lessons).where(stale).orderBy('remindedAt', 'asc').limit(LESSONS_PER_RUN).field(LESSON_FIELDS).get()
  return (data as LessonDoc[]).map((lesson) => ({ lesson, filter: stale, claim: { remindedAt: now } }))
}

/**
 * Claims a lesson's reminders (a conditional write: of two runs, one wins), queues them and
 * marks them done; answers null when another run has it, or when this one failed (logged,
 * never thrown: a publish stays published). A run that fails after its claim leaves the
 * lesson 'sending', for a later timer run to resume once the claim is stale.
 */
async function claimAndRemind({ lesson, filter, claim }: Claimable): Promise<number | null> {
  const lessons = database().collection(L.lessons)
  try {
    const { updated } = await lessons.where({ _id: lesson._id, ...filter }).update(claim)
    if (!updated) return null
    const queued = await remind(lesson)
    await lessons.doc(lesson._id).update({ remindState: 'done' })
    return queued
  } catch (e) {
    // Codes only. A lesson not claimed stays due; one claimed stays 'sending', and the timer resumes it.
    console.log(JSON.stringify({ fn: 'lesson', reminders: lesson._id, failed: (e as { code?: string }).code ?? (e as Error)?.message }))
    return null
  }
}

/**
 * Finds lessons whose readers can now see them and were not yet reminded, claims each
 * (marking a scheduled one published) and reminds its readers; with `resume`, also the
 * lessons whose reminding run died. Answers how many lessons and messages.
 */
export async function dispatchDue(now: Date, deadline: number, { resume = false }: { resume?: boolean } = {}): Promise<{ lessons: number; messages: number }> {
  const claimable = [...(resume ? await staleLessons(now) : []), ...await dueLessons(now)]
  let lessons = 0
  let messages = 0
  for (const c of claimable) {
    if (deadline - Date.now() < TIME_RESERVE_MS) break
    const queued = await claimAndRemind(c)
    if (queued === null) continue
    lessons++
    messages += queued
  }
  return { lessons, messages }
}

/** The `publishDue` timer: lessons whose time has come are marked published and their readers reminded; reminders a dead run left are resumed. */
export const publishDue: TimerHandler = ({ now, deadline }) => dispatchDue(now, deadline, { resume: true })
