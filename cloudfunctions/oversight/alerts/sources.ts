/**
 * What the daily job reads to raise the alerts of a year, in a few requests (the groups
 * and the cultivation records a thousand a request): the groups, each group's latest 党小组会, the
 * activists and probationary members who may be due, the lessons unread by too many,
 * open questions and follow-ups past due — each one aggregation whose compact rows are
 * folded into one document — then the candidates' cultivation records, a thousand a request.
 */
import { Cadences, LESSON_UNREAD_WINDOW_DAYS } from '../../../types/actions/oversight'
import { database } from '../../common/app'
import { chinaDay } from '../../common/chinaTime'
import { addDays, addMonthsToMonth, monthEnd, yearInstants } from '../calendar'
import { CultivationRead, orNothing, READ } from '../model'
import { readInOrder } from '../reads'
import { readByIds } from '../../common/db'
import type { AlertGroup, Candidate, LessonInGroup, OpenFollowUp, OpenQuestion, RuleInput } from './rules'

const PAGE = 1000
const DAY_MS = 86_400_000
const ops = () => database().command.aggregate

/** The year's groups, by `sortKey` (index `year_1_sortKey_1`). */
const groupsOf = (year: string): Promise<AlertGroup[]> =>
  readInOrder<AlertGroup & Record<string, unknown>>('groups', { year }, 'sortKey',
    { name: true, province: true, liaisonId: true, liaisonName: true, advisorIds: true, advisorNames: true, createdAt: true })

/** China day of each group's latest 党小组会 held in the year by `now`: one aggregation, its rows folded into one. */
async function lastMeetingsOf(year: string, now: Date): Promise<Map<string, string>> {
  const db = database()
  const _ = db.command
  const $ = ops()
  const { start, end } = yearInstants(year)
  const { data } = await db.collection(READ.checkins).aggregate()
    .match({ heldAt: _.gte(start).and(_.lt(end < now ? end : new Date(now.getTime() + 1))), type: 'groupMeeting' })
    .group({ _id: '$groupId', last: $.max('$heldAt') })
    .group({ _id: null, groups: $.push({ g: '$_id', last: '$last' }) })
    .end()
  const rows = (data[0] as { groups: { g: string; last: Date }[] } | undefined)?.groups ?? []
  return new Map(rows.map((r) => [r.g, chinaDay(new Date(r.last))]))
}

/** Rows an aggregation folds into one document: compact entries, never a request per thousand. */
type Folded<T> = { rows: T[] }

/**
 * The year's activists who may be due for review by the end of this month and probationary
 * members within the warning days of the end of their probation: one aggregation (index
 * `kind_1_year_1_politicalStatus_1_no_1`), its rows folded into one. An activist is due no
 * sooner than `activistReviewMonths` after becoming one, so those who became one later
 * cannot be due yet.
 */
async function candidatesOf(year: string, today: string, cadences: Cadences): Promise<Candidate[]> {
  const db = database()
  const _ = db.command
  const $ = ops()
  const activeSince = monthEnd(addMonthsToMonth(today.slice(0, 7), -cadences.activistReviewMonths))
  const endsBy = addDays(today, cadences.probationWarnDays)
  const { data } = await db.collection('people').aggregate()
    .match(_.and([
      { kind: 'student', year, politicalStatus: _.in(['activist', 'probationary']) },
      _.or([{ politicalStatus: 'activist', activistSince: _.lte(activeSince) }, { politicalStatus: 'probationary', probationEndsAt: _.lte(endsBy) }])
    ]))
    .group({
      _id: null,
      rows: $.push({ _id: '$_id', name: '$name', groupId: '$groupId', politicalStatus: '$politicalStatus', activistSince: '$activistSince', probationEndsAt: '$probationEndsAt' })
    })
    .end()
  return ((data[0] as Folded<Candidate> | undefined)?.rows ?? [])
    .map((p) => ({ ...p, groupId: p.groupId ?? null, activistSince: p.activistSince ?? null, probationEndsAt: p.probationEndsAt ?? null }))
}

/** The candidates' cultivation records (`_id` is the person's id), a thousand a request. */
async function cultivationsOf(ids: string[]): Promise<Map<string, CultivationRead>> {
  const docs = await orNothing(() => readByIds<CultivationRead>(READ.cultivations, ids,
    { schoolContactId: true, schoolContactName: true, unitContactId: true, unitContactName: true, reviews: true, lastReviewOn: true }))
  return new Map(docs.map((c) => [c._id, c]))
}

/**
 * Per group, the lessons of the year pushed `lessonUnreadDays` ago or more (within the
 * watched window) and unread by
 * more than `lessonUnreadShare` of it (groups still in the lesson's audience): the latest
 * and the earliest such lesson and how many. Two requests: the lessons, their figures.
 */
async function lessonsUnreadOf(year: string, now: Date, cadences: Cadences): Promise<RuleInput['lessons']> {
  const db = database()
  const _ = db.command
  const $ = ops()
  const due = new Date(now.getTime() - cadences.lessonUnreadDays * DAY_MS)
  const watchedFrom = new Date(due.getTime() - LESSON_UNREAD_WINDOW_DAYS * DAY_MS)
  const { data: lessons } = await db.collection(READ.lessons)
    .where({ year, state: _.in(['published', 'scheduled']), publishAt: _.gte(watchedFrom).and(_.lte(due)) })
    .field({ title: true, publishAt: true }).limit(PAGE).get()
  if (!lessons.length) return []
  const { data } = await db.collection(READ.lessonStats).aggregate()
    .match({ lessonId: _.in(lessons.map((l: { _id: string }) => l._id)), targeted: _.gt(0) })
    .project({ groupId: 1, lessonId: 1, targeted: 1, read: 1, over: $.gt([$.subtract(['$targeted', '$read']), $.multiply(['$targeted', cadences.lessonUnreadShare])]) })
    .match({ over: true })
    .lookup({ from: READ.lessons, localField: 'lessonId', foreignField: '_id', as: 'lesson' })
    .unwind('$lesson')
    .project({ groupId: 1, lessonId: 1, targeted: 1, read: 1, title: '$lesson.title', publishAt: '$lesson.publishAt', inAudience: $.in(['$groupId', $.ifNull(['$lesson.audience', []])]) })
    .match({ inAudience: true })
    .sort({ publishAt: -1 })
    .group({ _id: '$groupId', latest: $.first('$$ROOT'), earliest: $.last('$$ROOT'), n: $.sum(1) })
    .group({ _id: null, groups: $.push({ latest: '$latest', earliest: '$earliest', n: '$n' }) })
    .end()
  const rows = (data[0] as { groups: { latest: LessonInGroup; earliest: LessonInGroup; n: number }[] } | undefined)?.groups ?? []
  return rows.map((r) => ({ groupId: r.latest.groupId, latest: fixDate(r.latest), earliest: fixDate(r.earliest), count: r.n }))
}

const fixDate = (r: LessonInGroup): LessonInGroup => ({ groupId: r.groupId, lessonId: r.lessonId, title: r.title, publishAt: new Date(r.publishAt), targeted: r.targeted, read: r.read })

/** Questions of the year open for `questionUnansweredDays` or more (index `year_1_status_1_askedAt_1`): one aggregation, folded. */
async function questionsOf(year: string, now: Date, cadences: Cadences): Promise<OpenQuestion[]> {
  const db = database()
  const _ = db.command
  const $ = ops()
  const cutoff = new Date(now.getTime() - cadences.questionUnansweredDays * DAY_MS)
  const data = await orNothing(async () => (await db.collection(READ.questions).aggregate()
    .match({ year, status: 'open', askedAt: _.lte(cutoff) })
    .group({ _id: null, rows: $.push({ _id: '$_id', groupId: '$groupId', advisorId: '$advisorId', advisorName: '$advisorName', askedAt: '$askedAt' }) })
    .end()).data as Folded<OpenQuestion>[])
  return (data[0]?.rows ?? []).map((q) => ({ ...q, askedAt: new Date(q.askedAt) }))
}

/** Talks of the year whose follow-up is past due and not done (index `year_1_followUpDone_1_followUpDue_1`): one aggregation, folded. */
async function followUpsOf(year: string, today: string, cadences: Cadences): Promise<OpenFollowUp[]> {
  const db = database()
  const _ = db.command
  const $ = ops()
  const lastDue = addDays(today, -(cadences.talkFollowUpGraceDays + 1))
  const data = await orNothing(async () => (await db.collection(READ.talks).aggregate()
    .match({ year, followUpDone: false, followUpDue: _.lte(lastDue) })
    .group({ _id: null, rows: $.push({ _id: '$_id', groupId: '$groupId', studentName: '$studentName', recorderId: '$recorderId', recorderName: '$recorderName', followUpDue: '$followUpDue' }) })
    .end()).data as Folded<OpenFollowUp>[])
  return data[0]?.rows ?? []
}

/** Everything the rules need for `year` as of `now`. */
export async function readRuleInput(year: string, now: Date, cadences: Cadences): Promise<RuleInput> {
  const today = chinaDay(now)
  const [groups, lastMeetings, candidates, lessons, questions, followUps] = await Promise.all([
    groupsOf(year), lastMeetingsOf(year, now), candidatesOf(year, today, cadences),
    lessonsUnreadOf(year, now, cadences), questionsOf(year, now, cadences), followUpsOf(year, today, cadences)
  ])
  const cultivations = await cultivationsOf(candidates.map((c) => c._id))
  return { now, cadences, groups, lastMeetings, candidates, cultivations, lessons, questions, followUps }
}
