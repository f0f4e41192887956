/**
 * What a ledger is compiled from, read for a span of whole months with one request per
 * source whatever the number of records: the group itself with its talks, the group's
 * check-ins (one index range of (groupId, key); one more request per 1000), the lessons of
 * its feed joined to its read figures, its shared notes counted by month, and its members'
 * volunteer hours summed by month. The collections of other functions are read by name.
 */
import { LEDGER_NOTE_EXCERPTS } from '../../../types/actions/activity'
import { database } from '../../common/app'
import { notFound } from '../../common/errors'
import { C, type GroupDoc } from '../../common/model'
import { A, CheckinDoc } from '../model'
import { chinaMonth } from '../../common/chinaTime'
import { dayRange, keyRange, monthsSpan } from './months'

/** Collections of other functions read here, as they store them. */
const LESSON_FEED = 'lessonFeed'
const LESSON_STATS = 'lessonStats'
const NOTES = 'notes'
const VOLUNTEER_RECORDS = 'volunteerRecords'
const TALKS = 'talks'

const CHINA_MS = 8 * 3600_000
const PAGE_MAX = 1000
/** Characters of a note quoted in the ledger. */
export const EXCERPT_CHARS = 60

export type LedgerCheckin = Pick<CheckinDoc, '_id' | 'type' | 'heldAt' | 'place' | 'content' | 'counts' | 'key'>

/** A lesson of the group's feed with the group's read figures (lessonStats row `<lessonId>:<groupId>`; absent: nobody read it). */
export interface LedgerLesson {
  lessonId: string
  title: string
  publishAt: Date
  stats: { targeted: number; read: number; answered: number; scoreSum: number; scoreMax: number } | null
}

export interface NotesOfMonth {
  month: string
  count: number
  /** newest first */
  latest: { id: string; authorName: string; createdAt: Date; excerpt: string; lessonTitle: string | null }[]
}

export interface HoursOfMonth {
  month: string
  verified: number
  unverified: number
  records: number
  people: number
}

export type LedgerGroup = Pick<GroupDoc, '_id' | 'name' | 'province' | 'year' | 'liaisonName' | 'advisorNames'>

/** What the ledger counts of a talk: its day, who it was with, its form (`inPerson`, `call`, `video`). */
export interface LedgerTalk {
  date: string
  studentId: string
  form: string
}

export interface LedgerSources {
  checkins: LedgerCheckin[]
  lessons: LedgerLesson[]
  notes: NotesOfMonth[]
  volunteer: HoursOfMonth[]
  talks: LedgerTalk[]
}

/**
 * The group a ledger is of, with every talk recorded in it (a group lives one internship
 * year, so these are its year's talks): one aggregation joining the group to `talks` by
 * their index on `groupId`. Only the day, student and form of each talk are read, never
 * what was said.
 */
export async function groupWithTalks(groupId: string): Promise<{ group: LedgerGroup; talks: LedgerTalk[] }> {
  const fields = { name: 1, province: 1, year: 1, liaisonName: 1, advisorNames: 1 }
  const { data } = await database().collection(C.groups).aggregate()
    .match({ _id: groupId })
    .project(fields)
    .lookup({ from: TALKS, localField: '_id', foreignField: 'groupId', as: 'talks' })
    .project({ ...fields, 'talks.date': 1, 'talks.studentId': 1, 'talks.form': 1 })
    .limit(1)
    .end()
  const row = data[0] as (LedgerGroup & { talks: LedgerTalk[] }) | undefined
  if (!row) throw notFound('党小组')
  const { talks, ...group } = row
  return { group, talks }
}

/** The group's check-ins held in the months, oldest first (keys are newest first). One request per 1000. */
async function checkinsOf(groupId: string, months: string[]): Promise<LedgerCheckin[]> {
  const db = database()
  const _ = db.command
  const range = keyRange(monthsSpan(months[0], months[months.length - 1]))
  const out: LedgerCheckin[] = []
  let lt = range.lt
  for (;;) {
    const { data } = await db.collection(A.checkins).where({ groupId, key: _.gte(range.gte).and(_.lt(lt)) })
      .orderBy('key', 'desc').limit(PAGE_MAX)
      .field({ type: true, heldAt: true, place: true, content: true, counts: true, key: true }).get()
    out.push(...(data as LedgerCheckin[]))
    if (data.length < PAGE_MAX) return out
    lt = (data[data.length - 1] as LedgerCheckin).key
  }
}

/** Lessons that reached the group's feed in the months (and by now), oldest first (keys are newest first), with its figures. One request. */
async function lessonsOf(groupId: string, months: string[], now: Date): Promise<LedgerLesson[]> {
  const db = database()
  const _ = db.command
  const $ = _.aggregate
  const span = monthsSpan(months[0], months[months.length - 1])
  const range = keyRange({ start: span.start, end: new Date(Math.min(span.end.getTime(), now.getTime() + 1)) })
  const { data } = await db.collection(LESSON_FEED).aggregate()
    .match({ groupId, key: _.gte(range.gte).and(_.lt(range.lt)) })
    .addFields({ statsId: $.concat(['$lessonId', ':', '$groupId']) })
    .lookup({ from: LESSON_STATS, localField: 'statsId', foreignField: '_id', as: 'stats' })
    .project({ _id: 0, lessonId: 1, title: 1, publishAt: 1, key: 1, stats: { targeted: 1, read: 1, answered: 1, scoreSum: 1, scoreMax: 1 } })
    .sort({ key: -1 })
    .limit(PAGE_MAX)
    .end()
  return (data as (Omit<LedgerLesson, 'stats'> & { stats: NonNullable<LedgerLesson['stats']>[] })[])
    .map((l) => ({ lessonId: l.lessonId, title: l.title, publishAt: new Date(l.publishAt), stats: l.stats[0] ?? null }))
}

/** Notes of the group's members shared with the group or its advisors (passed the check, not removed), by month of writing. One request. */
async function notesOf(groupId: string, months: string[]): Promise<NotesOfMonth[]> {
  const db = database()
  const _ = db.command
  const $ = _.aggregate
  const range = keyRange(monthsSpan(months[0], months[months.length - 1]))
  const { data } = await db.collection(NOTES).aggregate()
    .match({ groupId, key: _.gte(range.gte).and(_.lt(range.lt)), visibility: _.in(['group', 'advisor']), review: 'pass', removed: false })
    .sort({ key: 1 })
    .project({
      month: $.dateToString({ date: $.add(['$createdAt', CHINA_MS]), format: '%Y-%m' }),
      entry: { id: '$_id', authorName: '$authorName', createdAt: '$createdAt', lessonTitle: '$lessonTitle', excerpt: $.substrCP(['$body', 0, EXCERPT_CHARS + 1]) }
    })
    .group({ _id: '$month', count: $.sum(1), latest: $.push('$entry') })
    .project({ count: 1, latest: $.slice(['$latest', LEDGER_NOTE_EXCERPTS]) })
    .limit(PAGE_MAX)
    .end()
  const clip = (s: string): string => ([...s].length > EXCERPT_CHARS ? `${[...s].slice(0, EXCERPT_CHARS).join('')}…` : s)
  return (data as { _id: string; count: number; latest: NotesOfMonth['latest'] }[]).map((m) => ({
    month: m._id, count: m.count,
    latest: m.latest.map((n) => ({ ...n, createdAt: new Date(n.createdAt), excerpt: clip(n.excerpt ?? ''), lessonTitle: n.lessonTitle ?? null }))
  }))
}

/** Hours the group's members logged for days of the months (records logged while in the group; rejected ones left out), by month. One request. */
async function hoursOf(groupId: string, months: string[]): Promise<HoursOfMonth[]> {
  const db = database()
  const _ = db.command
  const $ = _.aggregate
  const days = dayRange(months)
  const hoursIf = (state: string) => $.sum($.cond([$.eq(['$state', state]), '$hours', 0]))
  const { data } = await db.collection(VOLUNTEER_RECORDS).aggregate()
    .match({ groupId, date: _.gte(days.gte).and(_.lte(days.lte)), state: _.in(['pending', 'verified']) })
    .group({ _id: $.substrCP(['$date', 0, 7]), verified: hoursIf('verified'), unverified: hoursIf('pending'), records: $.sum(1), people: $.addToSet('$personId') })
    .limit(PAGE_MAX)
    .end()
  return (data as { _id: string; verified: number; unverified: number; records: number; people: string[] }[])
    .map((m) => ({ month: m._id, verified: m.verified, unverified: m.unverified, records: m.records, people: m.people.length }))
}

/**
 * Every source of the months (consecutive, oldest first) but the group's talks, which come
 * with the group (`groupWithTalks`), read at once: four requests, one more per 1000
 * check-ins past the first.
 */
export async function readSources(groupId: string, months: string[], now: Date): Promise<Omit<LedgerSources, 'talks'>> {
  const [checkins, lessons, notes, volunteer] = await Promise.all([
    checkinsOf(groupId, months), lessonsOf(groupId, months, now), notesOf(groupId, months), hoursOf(groupId, months)
  ])
  return { checkins, lessons, notes, volunteer }
}

/** The sources of one month out of those of several. */
export function sourcesOfMonth(all: LedgerSources, month: string): LedgerSources {
  return {
    checkins: all.checkins.filter((c) => chinaMonth(c.heldAt) === month),
    lessons: all.lessons.filter((l) => chinaMonth(l.publishAt) === month),
    notes: all.notes.filter((n) => n.month === month),
    volunteer: all.volunteer.filter((v) => v.month === month),
    talks: all.talks.filter((t) => t.date.slice(0, 7) === month)
  }
}
