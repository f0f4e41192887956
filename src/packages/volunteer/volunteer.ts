/**
 * The volunteer-service side of the device queue and its form: a record is logged through
 * the queue with one request id per form (a double tap or a re-send is applied once), the
 * form's checks mirror the function's limits, and labels say states in the intern's words.
 */
import dayjs from 'dayjs'
import type { ActionInput, ActionOutput } from '../../../types/contract'
import { VOLUNTEER_CATEGORY_LABELS, VOLUNTEER_LIMITS } from '../../../types/actions/volunteer'
import { enqueueAction, Job } from '../../services/writeQueue'
import { ROUTES, withQuery } from '../../routes'
import { chinaNow } from '../../services/dates'

export type VolunteerView = ActionOutput<'volunteer', 'mine'>['items'][number]
export type Category = VolunteerView['category']
export type LogInput = ActionInput<'volunteer', 'log'> & { requestId: string }
export type VerificationState = VolunteerView['state']

export const CATEGORY_LABELS = VOLUNTEER_CATEGORY_LABELS

/** A record's state as the intern reads it. */
export const STATE_LABELS: Record<VerificationState, string> = { pending: '待核实', verified: '已核实', rejected: '已退回' }

/** What the form holds: text as typed. */
export interface LogForm {
  date: string
  hours: string
  place: string
  category: Category
  amount: string
  description: string
  photos: string[]
}

/** Today in China time, as YYYY-MM-DD (the function's "not in the future" is China's day). */
export const chinaToday = (now: Date = new Date()): string => chinaNow(now).date

/** Hours offered by the picker: 0.5 to 24 in half-hour steps. */
export const HOUR_STEPS: string[] = Array.from({ length: VOLUNTEER_LIMITS.hoursPerDay * 2 }, (_, i) => String((i + 1) / 2))

/** The field the form's first problem belongs to, and the problem in Chinese. */
export type FormProblem = { field: keyof LogForm; message: string }

/** Checks the form as the function will; answers the input to queue, or the first problem. */
export function checkLogForm(form: LogForm, requestId: string, today: string = chinaToday()): { input: LogInput } | { problem: FormProblem } {
  const fail = (field: keyof LogForm, message: string) => ({ problem: { field, message } })
  if (!/^\d{4}-\d{2}-\d{2}$/.test(form.date) || !dayjs(form.date).isValid()) return fail('date', '请选择服务日期')
  if (form.date > today) return fail('date', '服务日期不能晚于今天')
  const hours = Number(form.hours)
  if (!form.hours.trim() || !Number.isFinite(hours)) return fail('hours', '请填写服务时长')
  if (hours < 0.5) return fail('hours', '时长至少0.5小时')
  if (hours > VOLUNTEER_LIMITS.hoursPerDay) return fail('hours', `一天最多${VOLUNTEER_LIMITS.hoursPerDay}小时`)
  if (!Number.isInteger(hours * 2)) return fail('hours', '时长以半小时为单位，例如 2 或 3.5')
  const place = form.place.trim()
  if (!place) return fail('place', '请填写地点')
  if (place.length > VOLUNTEER_LIMITS.place) return fail('place', `地点不能超过${VOLUNTEER_LIMITS.place}字`)
  let amount: number | null = null
  if (form.category === 'donation') {
    amount = Number(form.amount)
    if (!form.amount.trim() || !Number.isFinite(amount)) return fail('amount', '捐赠请填写金额')
    if (amount <= 0) return fail('amount', '捐赠金额应大于0')
    if (amount > VOLUNTEER_LIMITS.donationMax) return fail('amount', `捐赠金额不能超过${VOLUNTEER_LIMITS.donationMax}元`)
  }
  const description = form.description.trim()
  if (!description) return fail('description', '请填写服务内容')
  if (description.length > VOLUNTEER_LIMITS.description) return fail('description', `服务内容不能超过${VOLUNTEER_LIMITS.description}字`)
  if (form.photos.length > VOLUNTEER_LIMITS.photos) return fail('photos', `最多${VOLUNTEER_LIMITS.photos}张图片`)
  return { input: { requestId, date: form.date, hours, place, category: form.category, amount, description, photos: form.photos } }
}

/** True for volunteer jobs. */
export const isVolunteerJob = (job: Job): boolean => job.fn === 'volunteer'

/** Queues a log; the key makes a double tap queue it once. Throws QUEUE_FULL. */
export function queueLog(input: LogInput): Job {
  const label = `志愿服务 ${input.date} ${input.hours}小时 · ${input.place}`
  return enqueueAction('volunteer', 'log', input, label, `volunteer.log:${input.requestId}`)
}

/** Records sent from the queue since the list loaded go first, each shown once. */
export function mergeRecords(server: VolunteerView[], sent: VolunteerView[]): VolunteerView[] {
  const known = new Set(server.map((r) => r.id))
  return [...sent.filter((r) => !known.has(r.id)), ...server]
}

/** Hours as a person says them: 3.5 → "3.5". */
export const hoursText = (h: number): string => `${Number.isInteger(h) ? h : h.toFixed(1)}小时`

/**
 * The address the unit contact opens: the function answers the H5 path (`/#/packages/...`);
 * on H5 it goes after this page's own address, on weapp after the configured H5 origin.
 */
export function linkAddress(path: string, origin: string = h5Origin()): string {
  if (/^https?:\/\//.test(path)) return path
  return `${origin.replace(/\/+$/, '')}${path}`
}

/**
 * In WeChat the record goes to the unit contact as a chat card: it opens the verify page
 * of the mini program itself, which needs no account (the contact only taps it).
 */
export function shareOfLink(token: string, personName: string): { title: string; path: string } {
  return { title: `请核实${personName}的志愿服务时长`, path: withQuery(ROUTES.volunteerVerify, { token }) }
}

/** Whether the link can be shown as an address and QR: always on H5; on weapp once an H5 site is configured. */
export const hasWebAddress = (address: string): boolean => /^https?:\/\//.test(address)

function h5Origin(): string {
  if (process.env.TARO_ENV === 'h5' && typeof window !== 'undefined') return `${window.location.origin}${window.location.pathname.replace(/\/index\.html$/, '').replace(/\/+$/, '')}`
  return process.env.TARO_APP_H5_ORIGIN ?? ''
}
