/**
 * What the cultivation pages share: the list's filters as `cultivation.list` input, how a
 * due review reads (逾期3天, 12天后到期), the confirmations that say exactly what a decision
 * or a choice of contacts changes (张三：预备党员 → 正式党员), and the observation form's
 * checks, which mirror the contract's.
 */
import Taro from '@tarojs/taro'
import type { ActionInput, ActionOutput } from '../../../types/contract'
import {
  ASPECT_LABELS, CULTIVATION_LIMITS, OBSERVATION_ASPECTS, REVIEW_KIND_LABELS, REVIEW_OUTCOME_LABELS, ReviewOutcome, STATUS_AFTER, STATUS_SHORT_LABELS
} from '../../../types/cultivation'
import type { PoliticalStatus } from '../../../types/domain'
import { chinaNow, formatDate } from '../../services/dates'

export type ListPage = ActionOutput<'cultivation', 'list'>
export type Row = ListPage['items'][number]
export type Scope = ListPage['scope']
export type CultivationFile = ActionOutput<'cultivation', 'get'>
export type NextReview = NonNullable<Row['nextReview']>
export type ReviewKind = NextReview['kind']
export type Aspect = (typeof OBSERVATION_ASPECTS)[number]

export const SCOPE_LABELS: Record<Scope, string> = { all: '全部', groups: '我指导的小组', contacts: '我联系的' }

/** The list's filters: the scope (default the function's), the year (the branch's list), status, a group, those still without both contacts. */
export interface ListFilter {
  scope?: Scope
  year?: string
  status?: 'activist' | 'probationary'
  groupId?: string
  withoutContacts?: boolean
}

export const LIST_PAGE_SIZE = 20

/** One page of the list under `filter`: filters only where the scope takes them. */
export function listInput(filter: ListFilter, cursor: string | undefined): ActionInput<'cultivation', 'list'> {
  const input: ActionInput<'cultivation', 'list'> = { pageSize: LIST_PAGE_SIZE }
  if (cursor) input.cursor = cursor
  if (filter.scope) input.scope = filter.scope
  if (filter.scope === 'contacts') return input
  if (filter.status) input.status = filter.status
  if (filter.groupId) input.groupId = filter.groupId
  if (filter.withoutContacts) input.withoutContacts = true
  if (filter.year && (filter.scope ?? 'all') === 'all') input.year = filter.year
  return input
}

/** Short names of the reviews, for badges. */
export const KIND_SHORT: Record<ReviewKind, string> = { sixMonth: '半年考察', probationEnd: '预备期满' }

export type DueTone = 'overdue' | 'soon' | 'later'

/** How a due review reads: overdue (red), due within 30 days (amber), later (grey). */
export function dueBadge(next: NextReview): { text: string; tone: DueTone } {
  const d = next.daysLeft
  if (d < 0) return { text: `${KIND_SHORT[next.kind]}逾期${-d}天`, tone: 'overdue' }
  if (d === 0) return { text: `${KIND_SHORT[next.kind]}今天到期`, tone: 'soon' }
  if (d <= 30) return { text: `${KIND_SHORT[next.kind]}${d}天后到期`, tone: 'soon' }
  return { text: `${KIND_SHORT[next.kind]} ${formatDate(next.dueOn)}`, tone: 'later' }
}

export const statusName = (s: PoliticalStatus | null | undefined): string => (s ? STATUS_SHORT_LABELS[s] : '未填写')

/** A decision as the branch is about to record it. */
export interface Decision {
  kind: ReviewKind
  dueOn: string
  outcome: ReviewOutcome
  reviewedOn: string
  extendedTo?: string
}

/** Exactly what recording `d` changes for `name`, one line each (张三：预备党员 → 正式党员). */
export function decisionLines(name: string, status: PoliticalStatus | null, d: Decision): string[] {
  const lines = [`${name}：${REVIEW_KIND_LABELS[d.kind]}（${formatDate(d.dueOn)}到期）记为“${REVIEW_OUTCOME_LABELS[d.outcome]}”，考察日期 ${formatDate(d.reviewedOn)}`]
  const to = STATUS_AFTER[d.outcome]
  if (to) lines.push(`${name}：${statusName(status)} → ${STATUS_SHORT_LABELS[to]}`)
  if (d.outcome === 'extended' && d.extendedTo) lines.push(`${name}：预备期满日期 ${formatDate(d.dueOn)} → ${formatDate(d.extendedTo)}`)
  return lines
}

type Contact = { id: string; name: string } | null

/** The contacts' changes, one line each (学校联系人：王老师 → 何老师); empty when nothing changes. */
export function contactLines(before: { school: Contact; unit: Contact }, after: { school: Contact; unit: Contact }): string[] {
  const name = (c: Contact) => c?.name ?? '未指定'
  const lines: string[] = []
  if ((before.school?.id ?? null) !== (after.school?.id ?? null)) lines.push(`学校联系人：${name(before.school)} → ${name(after.school)}`)
  if ((before.unit?.id ?? null) !== (after.unit?.id ?? null)) lines.push(`单位联系人：${name(before.unit)} → ${name(after.unit)}`)
  return lines
}

/** Asks for a change with exactly what it will do; true when confirmed. */
export async function confirmLines(title: string, lines: readonly string[]): Promise<boolean> {
  const r = await Taro.showModal({ title, content: lines.join('\n'), confirmText: '确认', cancelText: '取消' })
  return !!r.confirm
}

export { ASPECT_LABELS, OBSERVATION_ASPECTS }

/** What the observation form holds. */
export interface ObservationForm {
  date: string
  aspect: Aspect | null
  body: string
}

export type ObservationProblem = { field: keyof ObservationForm; message: string }

/** Checks the form as the function will; answers the input to send, or the first problem. */
export function checkObservation(form: ObservationForm, personId: string, requestId: string, today: string = chinaNow().date): { input: ActionInput<'cultivation', 'observe'> } | { problem: ObservationProblem } {
  const fail = (field: keyof ObservationForm, message: string) => ({ problem: { field, message } })
  if (!/^\d{4}-\d{2}-\d{2}$/.test(form.date)) return fail('date', '请选择考察日期')
  if (form.date > today) return fail('date', '考察日期不能晚于今天')
  if (!form.aspect) return fail('aspect', '请选择考察方面')
  const body = form.body.trim()
  if (!body) return fail('body', '请填写考察情况')
  if (body.length > CULTIVATION_LIMITS.observation) return fail('body', `不能超过${CULTIVATION_LIMITS.observation}个字`)
  return { input: { requestId, personId, date: form.date, aspect: form.aspect, body } }
}
