/**
 * 活动打卡 on the device: the record form and its checks (the contract's own schema, and
 * the one time rule the function adds), the check-in's way through the device queue (one
 * request id per form, so a double tap or a re-send is applied once), the months of the
 * ledger, and labels in the members' words.
 */
import dayjs from 'dayjs'
import type { ActionInput, ActionOutput } from '../../../types/contract'
import { ACTIVITY_TYPE_LABELS, activityActions, CHECKIN_LIMITS } from '../../../types/actions/activity'
import { call } from '../../services/cloud'
import { chinaNow } from '../../services/dates'
import { addPhotos, PhotoTarget } from '../../services/photos'
import { enqueueAction, Job } from '../../services/writeQueue'

export type CheckinView = ActionOutput<'activity', 'get'>
export type CheckinItem = ActionOutput<'activity', 'list'>['items'][number]
export type Ledger = ActionOutput<'activity', 'ledger'>
export type ActivityType = CheckinView['type']
export type AttendanceState = NonNullable<CheckinView['mine']>
export type RecordInput = ActionInput<'activity', 'record'> & { requestId: string }

export const TYPE_LABELS = ACTIVITY_TYPE_LABELS

/** The caller's own place on a check-in, as they read it. */
export const MINE_LABELS: Record<AttendanceState, string> = { listed: '待确认', confirmed: '已确认', requested: '已申请补登', declined: '未通过' }

/** An attendee's place, as the liaison reads it. */
export const ATTENDEE_LABELS: Record<AttendanceState, string> = { listed: '待确认', confirmed: '已确认', requested: '申请补登', declined: '未同意' }

/** What the form holds: text as typed; date and time China time. */
export interface RecordForm {
  type: ActivityType
  date: string
  time: string
  place: string
  content: string
  attendeeIds: string[]
  photos: string[]
}

export type FormField = keyof RecordForm | 'heldAt'
/** The field the form's first problem belongs to, and the problem in Chinese. */
export interface FormProblem { field: FormField; message: string }

/** What `activity.record` allows besides its schema: at most this far ahead of now (clocks differ), at most this far back. */
const AHEAD_MS = 10 * 60_000
const BACK_MS = 366 * 86_400_000

/** The earliest date the function accepts (China time), for the date picker. */
export const earliestDate = (now: Date = new Date()): string => chinaNow(new Date(now.getTime() - BACK_MS + 86_400_000)).date

/** The form's date and time as the contract's datetime, China time. */
export const heldAtOf = (date: string, time: string): string => `${date}T${time}:00+08:00`

/** Fields in the order the form shows them: the first problem shown is the highest one. */
const FIELD_ORDER: FormField[] = ['type', 'heldAt', 'place', 'content', 'attendeeIds', 'photos']

/** The contract's message when it speaks Chinese, else a Chinese one for the field. */
function chineseMessage(field: FormField, message: string, code: string): string {
  if (/[\u4e00-\u9fff]/.test(message)) return message
  if (field === 'place') return code === 'too_big' ? `地点不能超过${CHECKIN_LIMITS.place}字` : '请填写地点'
  if (field === 'content') return code === 'too_big' ? `活动内容不能超过${CHECKIN_LIMITS.content}字` : '请填写活动内容'
  if (field === 'attendeeIds') return code === 'too_big' ? `参加人员最多${CHECKIN_LIMITS.attendees}人` : '请选择参加的同学'
  if (field === 'photos') return `最多${CHECKIN_LIMITS.photos}张图片`
  if (field === 'type') return '请选择活动类型'
  return '请检查填写的内容'
}

/** The function's time rule, in its own words. */
function timeProblem(heldAt: string, now: Date): string | null {
  const at = new Date(heldAt).getTime()
  if (Number.isNaN(at)) return '请选择活动时间'
  if (at > now.getTime() + AHEAD_MS) return '活动时间不能晚于现在，请在活动开始后再打卡'
  if (at < now.getTime() - BACK_MS) return '只能记录一年以内的活动'
  return null
}

/**
 * Checks the form against `activity.record`'s input schema (zod) and the function's time
 * rule; answers the input to queue, or the first problem in the form's order.
 */
export function checkRecordForm(form: RecordForm, groupId: string, requestId: string, now: Date = new Date()): { input: RecordInput } | { problem: FormProblem } {
  const validDate = /^\d{4}-\d{2}-\d{2}$/.test(form.date) && /^\d{2}:\d{2}$/.test(form.time) && dayjs(form.date).isValid()
  const heldAt = heldAtOf(form.date, form.time)
  const candidate = { requestId, groupId, type: form.type, heldAt, place: form.place, content: form.content, attendeeIds: form.attendeeIds, photos: form.photos }
  const parsed = activityActions.record.input.safeParse(candidate)
  const problems: FormProblem[] = []
  const time = validDate ? timeProblem(heldAt, now) : '请选择活动时间'
  if (time) problems.push({ field: 'heldAt', message: time })
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const key = String(issue.path[0] ?? '')
      const field: FormField = FIELD_ORDER.includes(key as FormField) ? (key as FormField) : 'heldAt'
      problems.push({ field, message: chineseMessage(field, issue.message, issue.code) })
    }
  }
  if (problems.length) {
    problems.sort((a, b) => FIELD_ORDER.indexOf(a.field) - FIELD_ORDER.indexOf(b.field))
    return { problem: problems[0] }
  }
  return { input: parsed.success ? { ...parsed.data, requestId } : (candidate as RecordInput) }
}

/** True for check-in jobs (those of one group when `groupId` is given). */
export const isCheckinJob = (groupId?: string) => (job: Job): boolean =>
  job.fn === 'activity' && job.action === 'record' && (!groupId || job.input.groupId === groupId)

/** Queues a check-in; the key makes a double tap queue it once. Throws QUEUE_FULL. */
export function queueRecord(input: RecordInput): Job {
  // China time whatever the device's zone, as the form was filled in.
  const at = chinaNow(new Date(input.heldAt))
  const when = `${Number(at.date.slice(5, 7))}月${Number(at.date.slice(8, 10))}日 ${at.time}`
  const label = `${TYPE_LABELS[input.type]} ${when} · ${input.place.trim()}`
  return enqueueAction('activity', 'record', input, label, `activity.record:${input.requestId}`)
}

/** A recorded check-in as a list item (a sent job's place in the list goes to it). */
export function itemOf(c: CheckinView): CheckinItem {
  const { id, groupId, groupName, type, heldAt, place, content, recordedBy, counts, mine, review, createdAt, updatedAt } = c
  return { id, groupId, groupName, type, heldAt, place, content, recordedBy, counts, mine, review, createdAt, updatedAt, photoCount: c.photos.length, coverUrl: c.photos.find((p) => p.url)?.url ?? null }
}

/** Check-ins sent from the queue since the list loaded go first, each shown once. */
export function mergeCheckins(server: CheckinItem[], sent: CheckinItem[]): CheckinItem[] {
  const known = new Set(server.map((c) => c.id))
  return [...sent.filter((c) => !known.has(c.id)), ...server]
}

/** The month `n` months from `month` (YYYY-MM). */
export const shiftMonth = (month: string, n: number): string => dayjs(`${month}-01`).add(n, 'month').format('YYYY-MM')

/** A month as people say it: 2026年9月. */
export const monthLabel = (month: string): string => dayjs(`${month}-01`).format('YYYY年M月')


/** Photos of a check-in: the shared picker and uploader with `activity.uploadTicket` for the group. */
export function addCheckinPhotos(groupId: string, room: number): Promise<string[]> {
  const target: PhotoTarget = { limits: CHECKIN_LIMITS, ticket: (request) => call('activity', 'uploadTicket', { groupId, ...request }) }
  return addPhotos(room, target)
}

/** A fraction as a percentage, one decimal: 0.857 → 85.7%. */
export const percentText = (fraction: number): string => `${Math.round(fraction * 1000) / 10}%`

/** Hours as a person says them: 3.5 → 3.5小时. */
export const hoursText = (h: number): string => `${Number.isInteger(h) ? h : h.toFixed(1)}小时`
