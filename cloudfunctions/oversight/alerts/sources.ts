/**
 * What the daily job reads to raise the alerts of a year, in requests that grow with the
 * number of matching documents a thousand at a time (never one per group or person):
 * the groups, each group's latest 党小组会 (one aggregation), the activists and
 * probationary members (an index range each), their cultivation records (by id), the
 * lessons unread by too many (one aggregation), open questions and follow-ups past due.
 */
import type { Cadences } from '../../../types/actions/oversight'
import { database } from '../../common/app'
import { chinaDay } from '../../common/chinaTime'
import { readByIds } from '../../common/db'
import { addDays, yearInstants } from '../calendar'
import { CultivationRead, orNothing, READ } from '../model'
import { readInOrder } from '../reads'
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

/** The year's activists and probationary members, by student number (index `kind_1_year_1_politicalStatus_1_no_1`). */
async function candidatesOf(year: string): Promise<Candidate[]> {
  const field = { name: true, groupId: true, politicalStatus: true, activistSince: true, probationEndsAt: true }
  const [activists, probationary] = await Promise.all((['activist', 'probationary'] as const).map((politicalStatus) =>
    readInOrder<Candidate & Record<string, unknown>>('people', { kind: 'student', year, politicalStatus }, 'no', field)))
  return [...activists, ...probationary]
}

/** Cultivation records of the candidates (`_id` is the person's id), a thousand a request. */
async function cultivationsOf(ids: string[]): Promise<Map<string, CultivationRead>> {
  const docs = await orNothing(() => readByIds<CultivationRead>(READ.cultivations, ids,
    { personId: true, schoolContactId: true, schoolContactName: true, unitContactId: true, unitContactName: true, reviews: true, lastReviewOn: true }))
  return new Map(docs.map((c) => [c._id, c]))
}

/**
 * Per group, the lessons of the year pushed `lessonUnreadDays` ago or more and unread by
 * more than `lessonUnreadShare` of it (groups still in the lesson's audience): the latest
 * and the earliest such lesson and how many. Two requests: the lessons, their figures.
 */
async function lessonsUnreadOf(year: string, now: Date, cadences: Cadences): Promise<RuleInput['lessons']> {
  const db = database()
  const _ = db.command
  const $ = ops()
  const due = new Date(now.getTime() - cadences.lessonUnreadDays * DAY_MS)
  const { data: lessons } = await db.collection(READ.lessons)
    .where({ year, state: _.in(['published', 'scheduled']), publishAt: _.lte(due) })
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

/** Questions of the year open for `questionUnansweredDays` or more (index `year_1_status_1_askedAt_1`). */
async function questionsOf(year: string, now: Date, cadences: Cadences): Promise<OpenQuestion[]> {
  const _ = database().command
  const cutoff = new Date(now.getTime() - cadences.questionUnansweredDays * DAY_MS)
  const docs = await orNothing(() => readInOrder<OpenQuestion & Record<string, unknown>>(READ.questions, { year, status: 'open', askedAt: _.lte(cutoff) }, '_id',
    { groupId: true, advisorId: true, advisorName: true, askedAt: true }))
  return docs.map((q) => ({ ...q, askedAt: new Date(q.askedAt) }))
}

/** Talks of the year whose follow-up is past due and not done (index `year_1_followUpDone_1_followUpDue_1`). */
async function followUpsOf(year: string, today: string, cadences: Cadences): Promise<OpenFollowUp[]> {
  const _ = database().command
  const lastDue = addDays(today, -(cadences.talkFollowUpGraceDays + 1))
  return orNothing(() => readInOrder<OpenFollowUp & Record<string, unknown>>(READ.talks, { year, followUpDone: false, followUpDue: _.lte(lastDue) }, '_id',
    { groupId: true, studentName: true, recorderId: true, recorderName: true, followUpDue: true }))
}

/** Everything the rules need for `year` as of `now`. */
export async function readRuleInput(year: string, now: Date, cadences: Cadences): Promise<RuleInput> {
  const today = chinaDay(now)
  const [groups, lastMeetings, candidates, lessons, questions, followUps] = await Promise.all([
    groupsOf(year), lastMeetingsOf(year, now), candidatesOf(year), lessonsUnreadOf(year, now, cadences), questionsOf(year, now, cadences), followUpsOf(year, today, cadences)
  ])
  const cultivations = await cultivationsOf(candidates.map((c) => c._id))
  return { now, cadences, groups, lastMeetings, candidates, cultivations, lessons, questions, followUps }
}
