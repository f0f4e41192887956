/**
 * 谈心谈话 on the device: the record form and its checks (the contract's own schema, and
 * the day rules the function adds), its draft (with the form's one request id, so a save
 * repeated after a lost answer is applied once), where the function's refusal belongs on
 * the form, and labels in the advisor's words.
 */
import type { ActionInput, ActionOutput } from '../../../types/contract'
import { RECORDER_ROLE_LABELS, TALK_FORM_LABELS, TALK_LIMITS, talkActions } from '../../../types/actions/talk'
import { CallError } from '../../services/cloud'
import { chinaNow } from '../../services/dates'

export type TalkItem = ActionOutput<'talk', 'list'>['items'][number]
export type TalkView = ActionOutput<'talk', 'get'>
export type Coverage = NonNullable<ActionOutput<'talk', 'list'>['coverage']>
type TalkFormKind = TalkItem['form']
export type RecordInput = ActionInput<'talk', 'record'>

export const FORM_LABELS = TALK_FORM_LABELS
export const ROLE_LABELS = RECORDER_ROLE_LABELS
export { TALK_LIMITS }

/** What the form holds: text as typed, days as YYYY-MM-DD ('' when not chosen), and its request id. */
export interface TalkForm {
  requestId: string
  studentId: string
  date: string
  form: TalkFormKind
  topic: string
  summary: string
  hasFollowUp: boolean
  followUp: string
  followUpDue: string
}

export type FormField = 'studentId' | 'date' | 'form' | 'topic' | 'summary' | 'followUp' | 'followUpDue'
/** The field the form's first problem belongs to, and the problem in Chinese. */
export interface FormProblem { field: FormField | null; message: string }

/** Fields in the order the form shows them: the first problem shown is the highest one. */
const FIELD_ORDER: FormField[] = ['studentId', 'date', 'form', 'topic', 'summary', 'followUp', 'followUpDue']

/** The draft of a group's record form. */
export const draftScope = (groupId: string): string => `talk:${groupId}`

/** Today, China time. */
export const chinaToday = (now: Date = new Date()): string => chinaNow(now).date

/** The days a talk of a group of `year` may be on: from the year's first day to today (or the year's last). */
export function dayBounds(year: string, today: string = chinaToday()): { start: string; end: string } {
  const from = Number(year.slice(0, 4))
  const last = `${from + 1}-06-30`
  return { start: `${from}-07-01`, end: today < last ? today : last }
}

/** The contract's message when it speaks Chinese, else a Chinese one for the field. */
function chineseMessage(field: FormField, message: string): string {
  if (/[\u4e00-\u9fff]/.test(message)) return message
  const words: Record<FormField, string> = { studentId: '请选择谈话的同学', date: '请选择谈话日期', form: '请选择谈话方式', topic: '请填写谈话主题', summary: '请填写谈话内容', followUp: '请填写跟进事项', followUpDue: '请选择跟进期限' }
  return words[field]
}

/** The day rules `talk.record` adds to its schema, in its own words. */
function dayProblem(form: TalkForm, bounds: { start: string; end: string }, today: string): FormProblem | null {
  if (!form.date) return { field: 'date', message: '请选择谈话日期' }
  if (form.date > today) return { field: 'date', message: '谈话日期不能晚于今天' }
  if (form.date < bounds.start || form.date > bounds.end) return { field: 'date', message: '只能记录本小组实习年度内的谈话' }
  return null
}

/**
 * Checks the form against `talk.record`'s input schema (zod) and the function's day
 * rules; answers the input to send, or the first problem in the form's order.
 */
export function checkTalkForm(form: TalkForm, groupId: string, year: string, today: string = chinaToday()): { input: RecordInput } | { problem: FormProblem } {
  const candidate = {
    requestId: form.requestId, groupId, studentId: form.studentId, date: form.date, form: form.form, topic: form.topic, summary: form.summary,
    followUp: form.hasFollowUp ? form.followUp : null, followUpDue: form.hasFollowUp ? (form.followUpDue || null) : null
  }
  const problems: FormProblem[] = []
  if (!form.studentId) problems.push({ field: 'studentId', message: '请选择谈话的同学' })
  const day = dayProblem(form, dayBounds(year, today), today)
  if (day) problems.push(day)
  if (form.hasFollowUp && !form.followUpDue) problems.push({ field: 'followUpDue', message: '请选择跟进期限' })
  const parsed = talkActions.record.input.safeParse(candidate)
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const key = String(issue.path[0] ?? '')
      const field = FIELD_ORDER.includes(key as FormField) ? (key as FormField) : null
      problems.push({ field, message: field ? chineseMessage(field, issue.message) : issue.message })
    }
  }
  if (problems.length) {
    const rank = (p: FormProblem): number => (p.field ? FIELD_ORDER.indexOf(p.field) : FIELD_ORDER.length)
    problems.sort((a, b) => rank(a) - rank(b))
    return { problem: problems[0] }
  }
  return { input: parsed.success ? parsed.data : (candidate as RecordInput) }
}

/** Where the function's refusal belongs on the form: the field its details name, else under 保存. */
export function problemOf(error: CallError): FormProblem {
  const details = Array.isArray(error.details) ? (error.details as { path?: unknown[] }[]) : []
  const key = String(details[0]?.path?.[0] ?? '')
  return { field: FIELD_ORDER.includes(key as FormField) ? (key as FormField) : null, message: error.message }
}

/** A new form: today, in person, nothing typed. */
export const blankForm = (requestId: string, studentId = '', today: string = chinaToday()): TalkForm =>
  ({ requestId, studentId, date: today, form: 'inPerson', topic: '', summary: '', hasFollowUp: false, followUp: '', followUpDue: '' })

/** A share as people say it: 0.571 → 57%. */
export const percentText = (ratio: number): string => `${Math.round(ratio * 100)}%`

/** A day as people say it: 2026-09-08 → 9月8日 (with the year when it is not this year's). */
export function dayText(day: string, today: string = chinaToday()): string {
  const text = `${Number(day.slice(5, 7))}月${Number(day.slice(8, 10))}日`
  return day.slice(0, 4) === today.slice(0, 4) ? text : `${day.slice(0, 4)}年${text}`
}

/** Where a follow-up stands: none, done, due, or overdue (its day passed, China time). */
export function followUpState(t: Pick<TalkItem, 'followUp' | 'followUpDue' | 'followUpDone'>, today: string = chinaToday()): 'none' | 'done' | 'due' | 'overdue' {
  if (!t.followUp) return 'none'
  if (t.followUpDone) return 'done'
  return t.followUpDue && t.followUpDue < today ? 'overdue' : 'due'
}

/** A term as people say it: 2026-2027-1 → 2026—2027学年第一学期. */
export const termText = (term: string): string => `${term.slice(0, 4)}—${term.slice(5, 9)}学年第${term.endsWith('-1') ? '一' : '二'}学期`
