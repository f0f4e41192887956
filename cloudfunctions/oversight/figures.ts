/**
 * The dashboard's figures, each one database request whatever the number of groups and
 * people: aggregations that sum in the database (the groups' kept member counts, the
 * volunteer counters, the lessons' read figures) and return a handful of rows. A scope is
 * the whole branch, or an advisor's groups of the year.
 */
import type { AlertKind } from '../../types/actions/oversight'
import { ALERT_KINDS } from '../../types/actions/oversight'
import { database } from '../common/app'
import { CHINA_OFFSET_MS } from '../common/chinaTime'
import { compareText } from '../../types/domain'
import { Term, yearInstants, yearSpan } from './calendar'
import { AlertsStateDoc, O, orNothing, READ } from './model'
import { Settings, settingsOf, SETTINGS_IDS } from './settings'

/** Whose figures: the whole branch, or the groups an advisor advises. */
export type Scope = { kind: 'branch' } | { kind: 'advisor'; personId: string; groupIds: string[] }

/** Rows an aggregation returns at most (CloudBase answers 20 without a $limit). */
const ROWS = 1000

/** Share `n / of`, four decimals, 0 when `of` is 0, never above 1. */
export const shareOf = (n: number, of: number): number => (of > 0 ? Math.min(1, Math.round((n / of) * 10000) / 10000) : 0)

/** The aggregation operators. */
const ops = () => database().command.aggregate

/** `groupId` within the scope (no condition for the branch). */
function inScope(scope: Scope, field = 'groupId'): Record<string, unknown> {
  return scope.kind === 'branch' ? {} : { [field]: database().command.in(scope.groupIds) }
}

// ------------------------------------------------------------------------ groups

/** Groups of a year summed by province (from the counts kept on each group). */
export interface ProvinceRow {
  province: string
  groups: number
  interns: number
  partyMembers: number
  probationary: number
  activists: number
  others: number
  flagsIssued: number
  /** "1+10": ordinary members with a mentor, and ordinary members */
  withMentor: number
  ordinary: number
}

/**
 * The groups the scope sees, every year of them, summed by year and province in the
 * database from the counts kept on each group (and their "1+10" circles), with the
 * settings joined to the rows: one request for the figures of groups, the years and the
 * settings. Without any group there is no row to join to, and the defaults apply.
 */
export async function groupsByProvince(scope: Scope): Promise<{ rows: (ProvinceRow & { year: string })[]; settings: Settings }> {
  const db = database()
  const $ = ops()
  // Summed straight in the $group (a $project stage would copy every group first).
  const ordinary = $.max([0, $.subtract(['$counts.total', '$counts.partyMembers'])])
  const listed = $.sum($.map({ input: $.objectToArray($.ifNull(['$circles', {}])), as: 'c', in: $.size('$$c.v') }))
  const { data } = await db.collection('groups').aggregate()
    .match(scope.kind === 'branch' ? {} : { advisorIds: scope.personId })
    .group({
      _id: { year: '$year', province: '$province' },
      groups: $.sum(1),
      interns: $.sum('$counts.total'),
      partyMembers: $.sum('$counts.partyMembers'),
      probationary: $.sum('$counts.probationary'),
      activists: $.sum('$counts.activists'),
      others: $.sum('$counts.others'),
      flagsIssued: $.sum($.cond([$.eq(['$flagIssued', true]), 1, 0])),
      withMentor: $.sum($.min([listed, ordinary])),
      ordinary: $.sum(ordinary)
    })
    .addFields({ settingsIds: $.literal(SETTINGS_IDS) })
    .lookup({ from: O.settings, localField: 'settingsIds', foreignField: '_id', as: 'settings' })
    .limit(ROWS)
    .end()
  const rows = data as (Omit<ProvinceRow, 'province'> & { _id: { year: string; province: string }; settings: { _id: string }[] })[]
  return {
    rows: rows.map(({ _id, settings: _s, ...r }) => ({ ...r, year: _id.year, province: _id.province }))
      .sort((a, b) => compareText(a.province, b.province)),
    settings: settingsOf(rows[0]?.settings ?? [])
  }
}

// ------------------------------------------------------------------------ check-ins

/** Check-ins and 党小组会 of one month, and the groups that met. */
export interface MonthActivity {
  month: string
  checkins: number
  meetings: number
  groupsMet: number
}

/** The China month (1-12) of a stored time, in an aggregation. */
export const monthNumberOf = (field: string) => ops().month(ops().add([field, CHINA_OFFSET_MS]))

/** YYYY-MM of a China month number within an internship year. */
export const monthOfYear = (year: string, month: number): string => `${month >= 7 ? year.slice(0, 4) : year.slice(5)}-${String(month).padStart(2, '0')}`

/**
 * The year's check-ins in the scope by month: one request, summed per group and month
 * then per month in the database (no $project stage, which would copy every check-in).
 */
export async function monthlyActivity(scope: Scope, year: string): Promise<MonthActivity[]> {
  const db = database()
  const _ = db.command
  const $ = ops()
  const { start, end } = yearInstants(year)
  const { data } = await db.collection(READ.checkins).aggregate()
    .match({ ...inScope(scope), heldAt: _.gte(start).and(_.lt(end)) })
    .group({ _id: { groupId: '$groupId', month: monthNumberOf('$heldAt') }, checkins: $.sum(1), meetings: $.sum($.cond([$.eq(['$type', 'groupMeeting']), 1, 0])) })
    .group({ _id: '$_id.month', checkins: $.sum('$checkins'), meetings: $.sum('$meetings'), groupsMet: $.sum($.cond([$.gt(['$meetings', 0]), 1, 0])) })
    .limit(ROWS)
    .end()
  return (data as (Omit<MonthActivity, 'month'> & { _id: number })[]).map(({ _id, ...m }) => ({ month: monthOfYear(year, _id), ...m }))
}

// ------------------------------------------------------------------------ lessons

/** Lessons pushed in one month, with their read figures. */
export interface MonthLessons {
  month: string
  pushed: number
  targeted: number
  read: number
}

/**
 * Lessons of the year pushed to the scope by now, by month of publishing, with their read
 * figures: the lessons' total rows for the branch, the advisor's groups' rows otherwise
 * (only groups still in a lesson's audience). One request.
 */
export async function monthlyLessons(scope: Scope, year: string, now: Date): Promise<MonthLessons[]> {
  const db = database()
  const _ = db.command
  const $ = ops()
  const { data } = await db.collection(READ.lessonStats).aggregate()
    .match(scope.kind === 'branch' ? { groupId: '~total' } : { groupId: _.in(scope.groupIds) })
    .lookup({ from: READ.lessons, localField: 'lessonId', foreignField: '_id', as: 'lesson' })
    .unwind('$lesson')
    .match({ 'lesson.year': year, 'lesson.state': _.in(['published', 'scheduled']), 'lesson.publishAt': _.lte(now) })
    .project({
      lessonId: 1, targeted: 1, read: 1,
      month: monthNumberOf('$lesson.publishAt'),
      inAudience: scope.kind === 'branch' ? $.literal(true) : $.in(['$groupId', $.ifNull(['$lesson.audience', []])])
    })
    .match({ inAudience: true })
    .group({ _id: { month: '$month', lessonId: '$lessonId' }, targeted: $.sum('$targeted'), read: $.sum('$read') })
    .group({ _id: '$_id.month', pushed: $.sum(1), targeted: $.sum('$targeted'), read: $.sum('$read') })
    .limit(ROWS)
    .end()
  return (data as (Omit<MonthLessons, 'month'> & { _id: number })[]).map(({ _id, ...m }) => ({ month: monthOfYear(year, _id), ...m }))
}

// ------------------------------------------------------------------------ volunteer service

export interface Hours {
  verified: number
  unverified: number
  records: number
  /** when the counters summed were recounted (ISO); null for figures read from the records */
  asOf: string | null
}

/**
 * The year's volunteer hours. For the branch, the province counters the volunteer
 * function recounts every minute, with the recount's mark for their time (one aggregation
 * over a few dozen counters); for an advisor, the records logged in their groups. One
 * request.
 */
export async function volunteerHours(scope: Scope, year: string): Promise<Hours> {
  const db = database()
  const _ = db.command
  const $ = ops()
  const inYear = (field: string) => $.sum($.cond([$.eq(['$year', year]), `$${field}`, 0]))
  if (scope.kind === 'branch') {
    const { data } = await db.collection(READ.volunteerTotals).aggregate()
      .match({ kind: _.in(['province', 'recount']) })
      .group({ _id: null, verified: inYear('verified'), unverified: inYear('unverified'), records: inYear('records'), ranAt: $.max('$ranAt') })
      .end()
    const row = data[0] as (Omit<Hours, 'asOf'> & { ranAt: Date | null }) | undefined
    return { verified: row?.verified ?? 0, unverified: row?.unverified ?? 0, records: row?.records ?? 0, asOf: row?.ranAt ? new Date(row.ranAt).toISOString() : null }
  }
  const { from, to } = yearSpan(year)
  const hoursIf = (state: string) => $.sum($.cond([$.eq(['$state', state]), '$hours', 0]))
  const { data } = await db.collection(READ.volunteerRecords).aggregate()
    .match({ groupId: _.in(scope.groupIds), date: _.gte(from).and(_.lte(to)), state: _.in(['pending', 'verified']) })
    .group({ _id: null, verified: hoursIf('verified'), unverified: hoursIf('pending'), records: $.sum(1) })
    .end()
  const row = data[0] as Omit<Hours, 'asOf'> | undefined
  return { verified: row?.verified ?? 0, unverified: row?.unverified ?? 0, records: row?.records ?? 0, asOf: null }
}

// ------------------------------------------------------------------------ talks, questions, alerts

/** Students talked with in the term (each once) and talks recorded, in the scope. One request. */
export async function talksOfTerm(scope: Scope, term: Term): Promise<{ students: number; recorded: number }> {
  const db = database()
  const _ = db.command
  const $ = ops()
  const data = await orNothing(async () => (await db.collection(READ.talks).aggregate()
    .match({ year: term.label.slice(0, 9), ...inScope(scope), date: _.gte(term.from).and(_.lte(term.to)) })
    .group({ _id: '$studentId', talks: $.sum(1) })
    .group({ _id: null, students: $.sum(1), recorded: $.sum('$talks') })
    .end()).data as { students: number; recorded: number }[])
  return { students: data[0]?.students ?? 0, recorded: data[0]?.recorded ?? 0 }
}

/** Questions of the year still open in the scope, and those open for `days` days or more. One request. */
export async function openQuestions(scope: Scope, year: string, now: Date, days: number): Promise<{ open: number; overdue: number }> {
  const db = database()
  const $ = ops()
  const cutoff = new Date(now.getTime() - days * 86_400_000)
  const data = await orNothing(async () => (await db.collection(READ.questions).aggregate()
    .match({ year, status: 'open', ...inScope(scope) })
    .group({ _id: null, open: $.sum(1), overdue: $.sum($.cond([$.lte(['$askedAt', cutoff]), 1, 0])) })
    .end()).data as { open: number; overdue: number }[])
  return { open: data[0]?.open ?? 0, overdue: data[0]?.overdue ?? 0 }
}

export const noAlerts = (): Record<AlertKind, number> => Object.fromEntries(ALERT_KINDS.map((k) => [k, 0])) as Record<AlertKind, number>

/**
 * Current alerts by kind: the branch reads the counts the job kept on the alerts' state (no
 * request); an advisor's are counted among the alerts they see (one request). Alerts are
 * of the current year only.
 */
export async function alertCountsFor(scope: Scope, state: AlertsStateDoc | null, year: string): Promise<Record<AlertKind, number>> {
  const counts = noAlerts()
  if (!state || state.year !== year) return counts
  if (scope.kind === 'branch') return { ...counts, ...state.counts }
  const db = database()
  const $ = ops()
  const { data } = await db.collection(O.alerts).aggregate()
    .match({ viewers: scope.personId })
    .group({ _id: '$kind', n: $.sum(1) })
    .limit(ROWS)
    .end()
  for (const row of data as { _id: AlertKind; n: number }[]) if (row._id in counts) counts[row._id] = row.n
  return counts
}
