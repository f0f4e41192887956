/**
 * The alert rules, pure: from what the daily job read (the year's groups, their latest
 * meetings, activists and probationary members with their cultivation, lessons unread,
 * questions unanswered, talks to follow up) and the branch's cadences, the alerts of
 * today, each naming who should act, who may see it and where to act. Days and months are
 * China's.
 */
import { ALERT_KINDS, ALERT_LINKS, AlertKind, Cadences } from '../../../types/actions/oversight'
import { chinaDay } from '../../common/chinaTime'
import { addDays, addMonths, addMonthsToMonth, daysBetween, monthEnd, monthsBetween } from '../calendar'
import type { AlertDoc, CultivationRead } from '../model'

/** An alert as the rules make it (the job stores it under its id, with its year and digest). */
export type Alert = Omit<AlertDoc, '_id' | 'year' | 'hash'> & { alertId: string }
type Actor = Alert['actors'][number]

/** A group of the year, as the rules read it. */
export interface AlertGroup {
  _id: string
  name: string
  province: string
  sortKey: string
  liaisonId: string | null
  liaisonName: string | null
  advisorIds: string[]
  advisorNames: string[]
  createdAt: Date
}

/** A student under review: an activist or a probationary member of the year. */
export interface Candidate {
  _id: string
  name: string
  groupId: string | null
  politicalStatus: 'activist' | 'probationary'
  activistSince: string | null
  probationEndsAt: string | null
}

/** A lesson's read figures in one group. */
export interface LessonInGroup {
  groupId: string
  lessonId: string
  title: string
  publishAt: Date
  targeted: number
  read: number
}

/** A group's lessons unread by too many of it, as the job reads them. */
export interface UnreadLessons {
  groupId: string
  latest: LessonInGroup
  earliest: LessonInGroup
  count: number
}

export interface OpenQuestion {
  _id: string
  groupId: string
  advisorId: string
  advisorName: string
  askedAt: Date
}

export interface OpenFollowUp {
  _id: string
  groupId: string
  studentName: string
  recorderId: string
  recorderName: string
  followUpDue: string
}

export interface RuleInput {
  now: Date
  cadences: Cadences
  groups: AlertGroup[]
  /** China day of each group's latest 党小组会 of the year up to now (absent: none) */
  lastMeetings: Map<string, string>
  candidates: Candidate[]
  cultivations: Map<string, CultivationRead>
  /** per group, its lessons pushed `lessonUnreadDays` ago or more and unread by more than `lessonUnreadShare`: the latest, the earliest, how many */
  lessons: UnreadLessons[]
  questions: OpenQuestion[]
  followUps: OpenFollowUp[]
}

const DAY_MS = 86_400_000
const KIND_RANK = Object.fromEntries(ALERT_KINDS.map((k, i) => [k, i])) as Record<AlertKind, number>
const BRANCH: Actor = { id: null, name: '系党总支', role: 'branch' }

const link = (route: string, query: Record<string, string>): string =>
  `${route}?${Object.entries(query).map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&')}`

/** The order of the alerts list: urgent first, then kind, group, subject. */
export const alertKey = (a: Pick<Alert, 'severity' | 'kind' | 'subject' | 'alertId'>, group: AlertGroup): string =>
  `${a.severity === 'urgent' ? 0 : 1}${KIND_RANK[a.kind]}|${group.sortKey}|${a.subject ?? ''}|${a.alertId}`
export const ALERT_KEY = /^[01]\d\|[\s\S]{1,800}$/

/** The liaison and advisors of a group, as actors. */
function groupLeaders(g: AlertGroup): Actor[] {
  return [
    ...(g.liaisonId ? [{ id: g.liaisonId, name: g.liaisonName ?? '', role: 'liaison' as const }] : []),
    ...g.advisorIds.map((id, i) => ({ id, name: g.advisorNames[i] ?? '', role: 'advisor' as const }))
  ]
}

function make(g: AlertGroup, a: Omit<Alert, 'groupId' | 'groupName' | 'province' | 'key'>): Alert {
  const alert = { ...a, groupId: g._id, groupName: g.name, province: g.province, viewers: [...new Set(a.viewers)] }
  return { ...alert, key: alertKey(alert, g) }
}

// ------------------------------------------------------------------------ the rules

/**
 * A group without a 党小组会 for `silentAlertMonths[0]` months or more, counting this month
 * and the months back to its latest meeting (or to the month it was formed, within the
 * year): met last month, it is silent one month (this one).
 */
export function groupSilence(g: AlertGroup, lastMeeting: string | undefined, today: string, cadences: Cadences): Alert | null {
  const current = today.slice(0, 7)
  const formed = chinaDay(new Date(g.createdAt)).slice(0, 7)
  const yearStart = `${Number(today.slice(0, 4)) - (Number(today.slice(5, 7)) >= 7 ? 0 : 1)}-07`
  const from = formed > yearStart ? formed : yearStart
  const silent = lastMeeting ? monthsBetween(lastMeeting.slice(0, 7), current) : monthsBetween(from, current) + 1
  const thresholds = cadences.silentAlertMonths
  if (silent < thresholds[0]) return null
  const urgent = thresholds.length > 1 && silent >= thresholds[thresholds.length - 1]
  const leaders = groupLeaders(g)
  return make(g, {
    alertId: `groupSilent:${g._id}`,
    kind: 'groupSilent',
    severity: urgent ? 'urgent' : 'notice',
    subject: null,
    message: silent === 1
      ? `本月尚未召开党小组会（${lastMeeting ? `最近一次：${lastMeeting}` : '本年度尚未召开'}）`
      : `已连续${silent}个月未召开党小组会（${lastMeeting ? `最近一次：${lastMeeting}` : '本年度尚未召开'}）`,
    actors: leaders,
    viewers: leaders.map((a) => a.id!),
    link: link(ALERT_LINKS.group, { groupId: g._id }),
    since: `${addMonthsToMonth(current, -(silent - 1))}-01`
  })
}

/** The people who look after a person under cultivation: their two contacts, their group's advisors, the branch. */
function cultivators(g: AlertGroup, c: CultivationRead | undefined): { actors: Actor[]; viewers: string[] } {
  const contacts: Actor[] = [
    ...(c?.schoolContactId ? [{ id: c.schoolContactId, name: c.schoolContactName ?? '', role: 'schoolContact' as const }] : []),
    ...(c?.unitContactId ? [{ id: c.unitContactId, name: c.unitContactName ?? '', role: 'unitContact' as const }] : [])
  ]
  const advisors = g.advisorIds.map((id, i) => ({ id, name: g.advisorNames[i] ?? '', role: 'advisor' as const }))
  return { actors: [...contacts, ...advisors, BRANCH], viewers: [...contacts, ...advisors].map((a) => a.id!) }
}

/**
 * An activist whose review falls due by the end of this month (or is overdue): due
 * `activistReviewMonths` after they became an activist or were last reviewed, whichever
 * is later.
 */
export function activistReview(p: Candidate, g: AlertGroup, c: CultivationRead | undefined, today: string, cadences: Cadences): Alert | null {
  if (p.politicalStatus !== 'activist' || !p.activistSince) return null
  const base = c?.lastReviewOn && c.lastReviewOn > p.activistSince ? c.lastReviewOn : p.activistSince
  const due = addMonths(base, cadences.activistReviewMonths)
  if (due > monthEnd(today.slice(0, 7))) return null
  const overdue = due < today
  return make(g, {
    alertId: `activistReview:${p._id}:${due}`,
    kind: 'activistReview',
    severity: overdue ? 'urgent' : 'notice',
    subject: p.name,
    message: overdue ? `${p.name}的入党积极分子考察已于${due}到期，尚未记录考察结果` : `${p.name}的入党积极分子考察将于${due}到期`,
    ...cultivators(g, c),
    link: link(ALERT_LINKS.cultivation, { personId: p._id }),
    since: `${due.slice(0, 7)}-01`
  })
}

/** A probationary member whose probation ends within `probationWarnDays` (or has ended) without a recorded assessment. */
export function probationEnding(p: Candidate, g: AlertGroup, c: CultivationRead | undefined, today: string, cadences: Cadences): Alert | null {
  if (p.politicalStatus !== 'probationary' || !p.probationEndsAt) return null
  const ends = p.probationEndsAt
  const from = addDays(ends, -cadences.probationWarnDays)
  if (today < from) return null
  if (c?.reviews?.some((r) => r.kind === 'probationEnd' && r.dueOn === ends && r.decidedAt)) return null
  const ended = today > ends
  return make(g, {
    alertId: `probationEnding:${p._id}:${ends}`,
    kind: 'probationEnding',
    severity: ended ? 'urgent' : 'notice',
    subject: p.name,
    message: ended ? `${p.name}的预备期已于${ends}期满，尚未记录转正考察结果` : `${p.name}的预备期将于${ends}期满，请做好转正考察`,
    ...cultivators(g, c),
    link: link(ALERT_LINKS.cultivation, { personId: p._id }),
    since: from
  })
}

/**
 * A group where lessons pushed `lessonUnreadDays` ago or more are still unread by more than
 * `lessonUnreadShare` of those meant to read them: one alert per group naming the latest.
 */
export function lessonsUnread(g: AlertGroup, u: UnreadLessons, cadences: Cadences): Alert | null {
  if (!u.count) return null
  const { latest, earliest } = u
  const leaders = groupLeaders(g)
  const share = `${Math.round(cadences.lessonUnreadShare * 100)}%`
  return make(g, {
    alertId: `lessonUnread:${g._id}`,
    kind: 'lessonUnread',
    severity: 'notice',
    subject: null,
    message: u.count === 1
      ? `《${latest.title}》推送已超过${cadences.lessonUnreadDays}天，本组仍有${latest.targeted - latest.read}/${latest.targeted}人未读`
      : `《${latest.title}》等${u.count}节微党课推送已超过${cadences.lessonUnreadDays}天，本组未读超过${share}`,
    actors: leaders,
    viewers: leaders.map((a) => a.id!),
    link: link(ALERT_LINKS.lessonFigures, { lessonId: latest.lessonId }),
    since: chinaDay(new Date(new Date(earliest.publishAt).getTime() + cadences.lessonUnreadDays * DAY_MS))
  })
}

/** A question still open `questionUnansweredDays` after it was asked; its asker is never named. Only the advisor asked (and the branch) see it. */
export function questionUnanswered(q: OpenQuestion, g: AlertGroup, now: Date, cadences: Cadences): Alert | null {
  const waited = now.getTime() - new Date(q.askedAt).getTime()
  if (waited < cadences.questionUnansweredDays * DAY_MS) return null
  const days = cadences.questionUnansweredDays
  const urgent = waited >= 2 * days * DAY_MS
  return make(g, {
    alertId: `questionUnanswered:${q._id}`,
    kind: 'questionUnanswered',
    severity: urgent ? 'urgent' : 'notice',
    subject: null,
    // Worded to stay the same from day to day: the job rewrites only alerts that changed.
    message: `${q.advisorName}收到的一个问题（${chinaDay(new Date(q.askedAt))}提出）已超过${urgent ? 2 * days : days}天未答复`,
    actors: [{ id: q.advisorId, name: q.advisorName, role: 'advisor' }],
    viewers: [q.advisorId],
    link: link(ALERT_LINKS.question, { questionId: q._id }),
    since: chinaDay(new Date(new Date(q.askedAt).getTime() + cadences.questionUnansweredDays * DAY_MS))
  })
}

/** A talk's follow-up not done `talkFollowUpGraceDays` after its due day. Seen by its recorder and the group's advisors (who read talks). */
export function talkFollowUp(t: OpenFollowUp, g: AlertGroup, today: string, cadences: Cadences): Alert | null {
  const since = addDays(t.followUpDue, cadences.talkFollowUpGraceDays + 1)
  if (today < since) return null
  return make(g, {
    alertId: `talkFollowUp:${t._id}`,
    kind: 'talkFollowUp',
    severity: daysBetween(t.followUpDue, today) > 7 ? 'urgent' : 'notice',
    subject: t.studentName,
    message: `与${t.studentName}谈话后约定${t.followUpDue}前跟进，尚未完成`,
    actors: [{ id: t.recorderId, name: t.recorderName, role: 'recorder' }],
    viewers: [t.recorderId, ...g.advisorIds],
    link: link(ALERT_LINKS.talk, { talkId: t._id }),
    since
  })
}

/** Every alert of today, by the rules, for the groups of the year (records of other groups are left out). */
export function alertsOf(input: RuleInput): Alert[] {
  const today = chinaDay(input.now)
  const groups = new Map(input.groups.map((g) => [g._id, g]))
  const out: Alert[] = []
  const add = (a: Alert | null): void => {
    if (a) out.push(a)
  }
  for (const g of input.groups) add(groupSilence(g, input.lastMeetings.get(g._id), today, input.cadences))
  for (const p of input.candidates) {
    const g = p.groupId ? groups.get(p.groupId) : undefined
    if (!g) continue
    const c = input.cultivations.get(p._id)
    add(activistReview(p, g, c, today, input.cadences))
    add(probationEnding(p, g, c, today, input.cadences))
  }
  for (const u of input.lessons) {
    const g = groups.get(u.groupId)
    if (g) add(lessonsUnread(g, u, input.cadences))
  }
  for (const q of input.questions) {
    const g = groups.get(q.groupId)
    if (g) add(questionUnanswered(q, g, input.now, input.cadences))
  }
  for (const t of input.followUps) {
    const g = groups.get(t.groupId)
    if (g) add(talkFollowUp(t, g, today, input.cadences))
  }
  return out
}
