/**
 * The activity grid: a page of groups (by province and name) with each group's month by
 * month check-ins and meetings, its latest meeting, lesson read figures, volunteer hours
 * and talk coverage — four aggregations over the page's groups, whatever their size.
 */
import type { z } from 'zod'
import type { groupActivityRow } from '../../types/actions/oversight'
import { database } from '../common/app'
import { chinaDay } from '../common/chinaTime'
import type { Keyset } from '../common/db'
import type { GroupDoc } from '../common/model'
import { Term, yearInstants, yearSpan } from './calendar'
import { monthNumberOf, monthOfYear, shareOf } from './figures'
import { orNothing, READ } from './model'

type Row = z.input<typeof groupActivityRow>

/** Groups a page at a time by `sortKey` (province, name, formation key), as the group list orders them. */
export const gridKeyset: Keyset = {
  list: 'oversightGroups',
  collection: 'groups',
  field: 'sortKey',
  key: /^[^\u0000]{1,100}\u0000[^\u0000]{1,100}\u0000[^\u0000]{1,200}$/
}

/** What the grid reads of a group. */
export type GridGroup = Pick<GroupDoc, '_id' | 'name' | 'province' | 'cities' | 'liaisonName' | 'advisorNames' | 'counts' | 'flagIssued' | 'sortKey'>
export const GRID_FIELDS = { name: true, province: true, cities: true, liaisonName: true, advisorNames: true, counts: true, flagIssued: true, sortKey: true }

const ROWS = 1000
const ops = () => database().command.aggregate

interface GroupMonth { groupId: string; month: string; checkins: number; meetings: number; lastMeeting: Date | null }

/** Check-ins and meetings of the groups by month of the year, with each month's latest meeting (one row per group). One request. */
async function checkinsByMonth(groupIds: string[], year: string): Promise<GroupMonth[]> {
  const db = database()
  const _ = db.command
  const $ = ops()
  const { start, end } = yearInstants(year)
  const meeting = $.eq(['$type', 'groupMeeting'])
  const { data } = await db.collection(READ.checkins).aggregate()
    .match({ groupId: _.in(groupIds), heldAt: _.gte(start).and(_.lt(end)) })
    .group({
      _id: { groupId: '$groupId', month: monthNumberOf('$heldAt') },
      checkins: $.sum(1),
      meetings: $.sum($.cond([meeting, 1, 0])),
      lastMeeting: $.max($.cond([meeting, '$heldAt', null]))
    })
    .group({ _id: '$_id.groupId', months: $.push({ month: '$_id.month', checkins: '$checkins', meetings: '$meetings', lastMeeting: '$lastMeeting' }) })
    .limit(ROWS)
    .end()
  return (data as { _id: string; months: (Omit<GroupMonth, 'groupId' | 'month'> & { month: number })[] }[])
    .flatMap((g) => g.months.map((m) => ({ groupId: g._id, month: monthOfYear(year, m.month), checkins: m.checkins, meetings: m.meetings, lastMeeting: m.lastMeeting ? new Date(m.lastMeeting) : null })))
}

/** Readers meant and read of the lessons of the year pushed to each group by now (rows of groups still in the audience). One request. */
async function lessonsByGroup(groupIds: string[], year: string, now: Date): Promise<Map<string, { targeted: number; read: number }>> {
  const db = database()
  const _ = db.command
  const $ = ops()
  const { data } = await db.collection(READ.lessonStats).aggregate()
    .match({ groupId: _.in(groupIds) })
    .lookup({ from: READ.lessons, localField: 'lessonId', foreignField: '_id', as: 'lesson' })
    .unwind('$lesson')
    .match({ 'lesson.year': year, 'lesson.state': _.in(['published', 'scheduled']), 'lesson.publishAt': _.lte(now) })
    .project({ groupId: 1, targeted: 1, read: 1, inAudience: $.in(['$groupId', $.ifNull(['$lesson.audience', []])]) })
    .match({ inAudience: true })
    .group({ _id: '$groupId', targeted: $.sum('$targeted'), read: $.sum('$read') })
    .limit(ROWS)
    .end()
  return new Map((data as { _id: string; targeted: number; read: number }[]).map((r) => [r._id, r]))
}

/** Verified and unverified hours logged in each group in the year. One request. */
async function hoursByGroup(groupIds: string[], year: string): Promise<Map<string, { verified: number; unverified: number }>> {
  const db = database()
  const _ = db.command
  const $ = ops()
  const { from, to } = yearSpan(year)
  const hoursIf = (state: string) => $.sum($.cond([$.eq(['$state', state]), '$hours', 0]))
  const { data } = await db.collection(READ.volunteerRecords).aggregate()
    .match({ groupId: _.in(groupIds), date: _.gte(from).and(_.lte(to)), state: _.in(['pending', 'verified']) })
    .group({ _id: '$groupId', verified: hoursIf('verified'), unverified: hoursIf('pending') })
    .limit(ROWS)
    .end()
  return new Map((data as { _id: string; verified: number; unverified: number }[]).map((r) => [r._id, r]))
}

/** Students talked with in the term in each group (each once). One request. */
async function talkedByGroup(groupIds: string[], term: Term): Promise<Map<string, number>> {
  const db = database()
  const _ = db.command
  const $ = ops()
  const data = await orNothing(async () => (await db.collection(READ.talks).aggregate()
    .match({ year: term.label.slice(0, 9), groupId: _.in(groupIds), date: _.gte(term.from).and(_.lte(term.to)) })
    .group({ _id: { groupId: '$groupId', studentId: '$studentId' } })
    .group({ _id: '$_id.groupId', students: $.sum(1) })
    .limit(ROWS)
    .end()).data as { _id: string; students: number }[])
  return new Map(data.map((r) => [r._id, r.students]))
}

/** The grid's rows of a page of groups: four requests at once, none when the page is empty. */
export async function gridRows(groups: GridGroup[], year: string, months: string[], term: Term, now: Date): Promise<Row[]> {
  if (!groups.length) return []
  const ids = groups.map((g) => g._id)
  const [checkins, lessons, hours, talked] = await Promise.all([
    checkinsByMonth(ids, year), lessonsByGroup(ids, year, now), hoursByGroup(ids, year), talkedByGroup(ids, term)
  ])
  const byGroupMonth = new Map(checkins.map((c) => [`${c.groupId}|${c.month}`, c]))
  return groups.map((g) => {
    const members = g.counts?.total ?? 0
    const inMonths = months.map((month) => byGroupMonth.get(`${g._id}|${month}`))
    const last = inMonths.reduce<Date | null>((at, m) => (m?.lastMeeting && (!at || m.lastMeeting > at) ? m.lastMeeting : at), null)
    const l = lessons.get(g._id) ?? { targeted: 0, read: 0 }
    const h = hours.get(g._id)
    const students = talked.get(g._id) ?? 0
    return {
      id: g._id,
      name: g.name,
      province: g.province,
      cities: g.cities,
      liaisonName: g.liaisonName,
      advisorNames: g.advisorNames,
      members,
      partyMembers: g.counts?.partyMembers ?? 0,
      months: months.map((month, i) => ({ month, checkins: inMonths[i]?.checkins ?? 0, meetings: inMonths[i]?.meetings ?? 0 })),
      lastMeetingOn: last ? chinaDay(last) : null,
      lessons: { targeted: l.targeted, read: l.read, readRate: shareOf(l.read, l.targeted) },
      volunteer: { verified: h?.verified ?? 0, unverified: h?.unverified ?? 0 },
      talks: { students, coverage: shareOf(students, members) },
      flagIssued: g.flagIssued
    }
  })
}
