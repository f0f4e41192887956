/**
 * 督导 on the device: the `oversight` replies as the pages draw them. Chart geometry
 * (shares of a whole, bar lengths against the largest) is computed here once, so a chart
 * and the numbers printed on it come from the same figures of the view; the cadence form
 * (its fields and units, what a save changes, the function's refusals by field).
 */
import type { ActionOutput } from '../../../types/contract'
import { ALERT_ACTOR_ROLE_LABELS, ALERT_KIND_LABELS, ALERT_KINDS, AlertKind, Cadences, cadences as cadencesSchema } from '../../../types/actions/oversight'
import type { CallError } from '../../services/cloud'

export type Dashboard = ActionOutput<'oversight', 'dashboard'>
export type ActivityRow = ActionOutput<'oversight', 'groupActivity'>['items'][number]
export type Alert = ActionOutput<'oversight', 'alerts'>['items'][number]
export type AlertCounts = Dashboard['alerts']['byKind']
export type SettingsView = ActionOutput<'oversight', 'settings'>
export type { AlertKind, Cadences }

export { ALERT_KINDS, ALERT_KIND_LABELS }

// ------------------------------------------------------------------------ numbers

/** A fraction as a percentage with one decimal at most: 0.857 → 85.7%. */
export const percentText = (fraction: number): string => `${Math.round(fraction * 1000) / 10}%`

/** Hours as a person says them: 3.5 → 3.5小时, 12 → 12小时. */
export const hoursText = (h: number): string => `${Number.isInteger(h) ? h : h.toFixed(1)}小时`

/** `value` as a percentage of `whole` for a bar's length, two decimals (0 when the whole is 0). */
export const barPercent = (value: number, whole: number): number => (whole > 0 ? Math.round((value / whole) * 10000) / 100 : 0)

/** The largest of `values` (0 for none): a bar chart's full length. */
export const largest = (values: readonly number[]): number => values.reduce((m, v) => Math.max(m, v), 0)

/** A month as the charts label it: 2026-09 → 9月. */
export const monthShort = (month: string): string => `${Number(month.slice(5, 7))}月`

/** A month in full: 2026-09 → 2026年9月. */
export const monthLong = (month: string): string => `${month.slice(0, 4)}年${Number(month.slice(5, 7))}月`

/** A query parameter as written: WeChat may hand it over still percent-encoded (a province name). */
export function queryValue(raw: string | undefined): string | undefined {
  if (!raw) return undefined
  try {
    return decodeURIComponent(raw)
  } catch {
    return raw
  }
}

// ------------------------------------------------------------------------ charts

/** One part of a proportional stacked bar. */
export interface Segment { key: string; label: string; value: number; percent: number }

/** Political status as its four parts (members of the groups in view), each with its share of the whole. */
export function statusSegments(s: Dashboard['politicalStatus']): Segment[] {
  const parts = [
    { key: 'member', label: '中共党员', value: s.member },
    { key: 'probationary', label: '预备党员', value: s.probationary },
    { key: 'activist', label: '入党积极分子', value: s.activist },
    { key: 'others', label: '申请人和群众', value: s.others }
  ]
  const whole = parts.reduce((n, p) => n + p.value, 0)
  return parts.map((p) => ({ ...p, percent: barPercent(p.value, whole) }))
}

/** Provinces largest first (by interns, then groups), the function's text order among equals. */
export function provincesBySize(rows: Dashboard['provinces']): Dashboard['provinces'] {
  return rows.map((r, i) => ({ r, i })).sort((a, b) => b.r.interns - a.r.interns || b.r.groups - a.r.groups || a.i - b.i).map(({ r }) => r)
}

/** Alerts by kind in the contract's order, with their labels. */
export const alertKindsOf = (byKind: AlertCounts): { kind: AlertKind; label: string; count: number }[] =>
  ALERT_KINDS.map((kind) => ({ kind, label: ALERT_KIND_LABELS[kind], count: byKind[kind] }))

// ------------------------------------------------------------------------ alerts

/** "张三（联络员）、李老师（指导教师）" */
export const actorsText = (actors: Alert['actors']): string =>
  actors.map((a) => `${a.name}（${ALERT_ACTOR_ROLE_LABELS[a.role]}）`).join('、')

// ------------------------------------------------------------------------ cadences

export type CadenceField = keyof Cadences

/** The form's fields in the order shown, each as the branch reads it. */
export const CADENCE_FIELDS: { key: CadenceField; label: string; unit: '个月' | '天' | '%'; hint: string }[] = [
  { key: 'meetingEveryMonths', label: '开会周期', unit: '个月', hint: '每个党小组至少每隔这么久召开一次党小组会' },
  { key: 'silentAlertMonths', label: '未开会提醒', unit: '个月', hint: '连续这么多个月未开党小组会时提醒，可设1至3档，最后一档为紧急' },
  { key: 'activistReviewMonths', label: '积极分子考察周期', unit: '个月', hint: '确定为积极分子或上次考察后，每隔这么久考察一次' },
  { key: 'probationWarnDays', label: '预备期提前提醒', unit: '天', hint: '预备期满前这么多天开始提醒' },
  { key: 'lessonUnreadDays', label: '微党课未读提醒', unit: '天', hint: '微党课推送这么多天后检查阅读情况' },
  { key: 'lessonUnreadShare', label: '未读比例', unit: '%', hint: '小组中未读的人超过这个比例时提醒' },
  { key: 'questionUnansweredDays', label: '问题答复期限', unit: '天', hint: '同学提问后这么多天仍未答复时提醒' },
  { key: 'talkFollowUpGraceDays', label: '谈话跟进宽限', unit: '天', hint: '谈话跟进到期后再过这么多天仍未完成时提醒（0：到期次日即提醒）' }
]

const fieldOf = (key: CadenceField) => CADENCE_FIELDS.find((f) => f.key === key)!

/** A cadence's value as the branch reads it: 2个月, 1、2个月, 50%, 30天. */
function cadenceText(key: CadenceField, c: Cadences): string {
  const { unit } = fieldOf(key)
  if (key === 'silentAlertMonths') return `${c.silentAlertMonths.join('、')}${unit}`
  if (key === 'lessonUnreadShare') return `${Math.round(c.lessonUnreadShare * 100)}%`
  return `${c[key]}${unit}`
}

/** What a save would change, field by field: 开会周期：1个月 → 2个月. */
export function cadenceChanges(before: Cadences, after: Cadences): string[] {
  return CADENCE_FIELDS
    .filter(({ key }) => cadenceText(key, before) !== cadenceText(key, after))
    .map(({ key, label }) => `${label}：${cadenceText(key, before)} → ${cadenceText(key, after)}`)
}

/** The form as typed: every number as text; the silence thresholds one box each; the share in percent. */
export type CadenceForm = { [K in Exclude<CadenceField, 'silentAlertMonths'>]: string } & { silentAlertMonths: string[] }

export function formOf(c: Cadences): CadenceForm {
  return {
    meetingEveryMonths: String(c.meetingEveryMonths),
    silentAlertMonths: c.silentAlertMonths.map(String),
    activistReviewMonths: String(c.activistReviewMonths),
    probationWarnDays: String(c.probationWarnDays),
    lessonUnreadDays: String(c.lessonUnreadDays),
    lessonUnreadShare: String(Math.round(c.lessonUnreadShare * 100)),
    questionUnansweredDays: String(c.questionUnansweredDays),
    talkFollowUpGraceDays: String(c.talkFollowUpGraceDays)
  }
}

/** Text to a number; an empty box is no value (the contract then asks for one). */
const numberOf = (text: string): number | undefined => (text.trim() === '' ? undefined : Number(text.trim()))

export type FieldErrors = Partial<Record<CadenceField, string>>

/** A message in Chinese for the field: the contract's own, else one of ours (zod's built-in messages are English). */
const chinese = (key: CadenceField, message: string): string =>
  /[\u4e00-\u9fff]/.test(message) ? message : `请填写${fieldOf(key).label}（整数${fieldOf(key).unit}）`

/**
 * The form checked by the contract's own schema (the function's messages, before a call):
 * the cadences to save, or each field's first problem.
 */
export function checkForm(form: CadenceForm): { cadences: Cadences } | { errors: FieldErrors } {
  const share = numberOf(form.lessonUnreadShare)
  const candidate = {
    meetingEveryMonths: numberOf(form.meetingEveryMonths),
    silentAlertMonths: form.silentAlertMonths.filter((m) => m.trim() !== '').map((m) => Number(m.trim())),
    activistReviewMonths: numberOf(form.activistReviewMonths),
    probationWarnDays: numberOf(form.probationWarnDays),
    lessonUnreadDays: numberOf(form.lessonUnreadDays),
    lessonUnreadShare: share === undefined ? undefined : share / 100,
    questionUnansweredDays: numberOf(form.questionUnansweredDays),
    talkFollowUpGraceDays: numberOf(form.talkFollowUpGraceDays)
  }
  const parsed = cadencesSchema.safeParse(candidate)
  if (parsed.success) return { cadences: parsed.data }
  const errors: FieldErrors = {}
  for (const issue of parsed.error.issues) {
    const key = issue.path[0] as CadenceField
    if (CADENCE_FIELDS.some((f) => f.key === key) && !errors[key]) errors[key] = chinese(key, issue.message)
  }
  return { errors }
}

/**
 * The function's refusal of a save, by field (its details name `cadences.<field>`); null
 * when it names none (the message then stands alone).
 */
export function fieldErrorsOf(error: CallError): FieldErrors | null {
  if (!Array.isArray(error.details)) return null
  const errors: FieldErrors = {}
  for (const d of error.details as { path?: unknown; message?: unknown }[]) {
    const path = Array.isArray(d?.path) ? d.path : []
    const key = (path[0] === 'cadences' ? path[1] : path[0]) as CadenceField
    if (CADENCE_FIELDS.some((f) => f.key === key) && typeof d.message === 'string' && !errors[key]) errors[key] = chinese(key, d.message)
  }
  return Object.keys(errors).length ? errors : null
}
