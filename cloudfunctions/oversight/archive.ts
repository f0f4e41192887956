/**
 * The year's records for the archive, summed in the database per group or per person:
 * meetings and check-ins by month, lessons read, notes, volunteer hours, talks. Each sum
 * is one aggregation, paged a thousand rows at a time.
 */
import { database } from '../common/app'
import { CHINA_OFFSET_MS } from '../common/chinaTime'
import type { GroupDoc, PersonDoc } from '../common/model'
import { yearInstants, yearSpan } from './calendar'
import { orNothing, READ } from './model'
import { allRows, readInOrder } from './reads'

const ops = () => database().command.aggregate

export type ArchiveGroup = Pick<GroupDoc, '_id' | 'name' | 'province' | 'cities' | 'liaisonName' | 'advisorNames' | 'counts' | 'flagIssued' | 'sortKey'>

/** The year's groups by province and name. */
export const groupsOfYear = (year: string): Promise<ArchiveGroup[]> =>
  readInOrder<ArchiveGroup & Record<string, unknown>>('groups', { year }, 'sortKey',
    { name: true, province: true, cities: true, liaisonName: true, advisorNames: true, counts: true, flagIssued: true })

/** Check-ins and 党小组会 of each group by month of the year: groupId -> month -> counts. */
export async function activityByGroup(year: string): Promise<Map<string, Map<string, { checkins: number; meetings: number }>>> {
  const _ = database().command
  const $ = ops()
  const { start, end } = yearInstants(year)
  const rows = await allRows<{ _id: string; months: { month: string; checkins: number; meetings: number }[] }>(READ.checkins, (p) => p
    .match({ heldAt: _.gte(start).and(_.lt(end)) })
    .project({ groupId: 1, month: $.dateToString({ date: $.add(['$heldAt', CHINA_OFFSET_MS]), format: '%Y-%m' }), meeting: $.cond([$.eq(['$type', 'groupMeeting']), 1, 0]) })
    .group({ _id: { groupId: '$groupId', month: '$month' }, checkins: $.sum(1), meetings: $.sum('$meeting') })
    .group({ _id: '$_id.groupId', months: $.push({ month: '$_id.month', checkins: '$checkins', meetings: '$meetings' }) }))
  return new Map(rows.map((r) => [r._id, new Map(r.months.map((m) => [m.month, m]))]))
}

/** Ids of the lessons of the year that went out. */
async function lessonIdsOf(year: string): Promise<string[]> {
  const _ = database().command
  const rows = await readInOrder<{ _id: string }>(READ.lessons, { year, state: _.in(['published', 'scheduled']) }, '_id', { _id: true })
  return rows.map((l) => l._id)
}

/** Readers meant and read of the year's lessons, per group (groups still in each lesson's audience). */
export async function lessonsByGroup(year: string): Promise<Map<string, { targeted: number; read: number }>> {
  const _ = database().command
  const $ = ops()
  const ids = await lessonIdsOf(year)
  if (!ids.length) return new Map()
  const rows = await allRows<{ _id: string; targeted: number; read: number }>(READ.lessonStats, (p) => p
    .match({ lessonId: _.in(ids) })
    .lookup({ from: READ.lessons, localField: 'lessonId', foreignField: '_id', as: 'lesson' })
    .unwind('$lesson')
    .project({ groupId: 1, targeted: 1, read: 1, inAudience: $.in(['$groupId', $.ifNull(['$lesson.audience', []])]) })
    .match({ inAudience: true })
    .group({ _id: '$groupId', targeted: $.sum('$targeted'), read: $.sum('$read') }))
  return new Map(rows.map((r) => [r._id, r]))
}

/** Lessons of the year each person read. */
export async function lessonsReadByPerson(year: string): Promise<Map<string, number>> {
  const _ = database().command
  const $ = ops()
  const ids = await lessonIdsOf(year)
  if (!ids.length) return new Map()
  const rows = await allRows<{ _id: string; n: number }>(READ.lessonReads, (p) => p
    .match({ lessonId: _.in(ids) })
    .group({ _id: '$personId', n: $.sum(1) }))
  return new Map(rows.map((r) => [r._id, r.n]))
}

/** Study notes of the year (not removed), by `field`: the group they were written in, or their author. */
export async function notesBy(year: string, field: 'groupId' | 'authorId'): Promise<Map<string, number>> {
  const $ = ops()
  const rows = await allRows<{ _id: string | null; n: number }>(READ.notes, (p) => p
    .match({ year, removed: false })
    .group({ _id: `$${field}`, n: $.sum(1) }))
  return new Map(rows.filter((r) => r._id).map((r) => [r._id!, r.n]))
}

/** Volunteer hours logged in each group in the year (rejected ones left out). */
export async function hoursByGroup(year: string): Promise<Map<string, { verified: number; unverified: number }>> {
  const _ = database().command
  const $ = ops()
  const { from, to } = yearSpan(year)
  const hoursIf = (state: string) => $.sum($.cond([$.eq(['$state', state]), '$hours', 0]))
  const rows = await allRows<{ _id: string | null; verified: number; unverified: number }>(READ.volunteerRecords, (p) => p
    .match({ date: _.gte(from).and(_.lte(to)), state: _.in(['pending', 'verified']) })
    .group({ _id: '$groupId', verified: hoursIf('verified'), unverified: hoursIf('pending') }))
  return new Map(rows.filter((r) => r._id).map((r) => [r._id!, r]))
}

/** Each intern's volunteer hours of the year, from their counters (index `kind_1_year_1_key_1`). */
export async function hoursByPerson(year: string): Promise<Map<string, { verified: number; unverified: number }>> {
  const rows = await readInOrder<{ key: string; verified: number; unverified: number }>(READ.volunteerTotals, { kind: 'person', year }, 'key', { verified: true, unverified: true })
  return new Map(rows.map((r) => [r.key, r]))
}

/** Talks of the year per group: how many, and how many students. */
export async function talksByGroup(year: string): Promise<Map<string, { talks: number; students: number }>> {
  const $ = ops()
  const rows = await orNothing(() => allRows<{ _id: string; talks: number; students: number }>(READ.talks, (p) => p
    .match({ year })
    .group({ _id: { groupId: '$groupId', studentId: '$studentId' }, talks: $.sum(1) })
    .group({ _id: '$_id.groupId', talks: $.sum('$talks'), students: $.sum(1) })))
  return new Map(rows.map((r) => [r._id, r]))
}

/** Talks of the year with each student. */
export async function talksByStudent(year: string): Promise<Map<string, number>> {
  const $ = ops()
  const rows = await orNothing(() => allRows<{ _id: string; n: number }>(READ.talks, (p) => p
    .match({ year })
    .group({ _id: '$studentId', n: $.sum(1) })))
  return new Map(rows.map((r) => [r._id, r.n]))
}

export type ArchivePerson = Pick<PersonDoc, '_id' | 'no' | 'name' | 'politicalStatus' | 'groupId' | 'history' | 'unitName'>

/** The year's interns by student number (index `kind_1_year_1_no_1`). */
export const peopleOfYear = (year: string): Promise<ArchivePerson[]> =>
  readInOrder<ArchivePerson & Record<string, unknown>>('people', { kind: 'student', year }, 'no',
    { name: true, politicalStatus: true, groupId: true, history: true, unitName: true })
