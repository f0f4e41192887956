/**
 * What the question pages share: the shapes the function answers with, the ask form's
 * checks (the contract's limits, without bundling its schemas), and how a question's wait
 * reads. Whether a question is overdue, and after how many days, comes from the function.
 */
import type { ActionInput, ActionOutput } from '../../../types/contract'
import { QUESTION_LIMITS, QuestionKind, QuestionVisibility } from '../../../types/questions'

export { QUESTION_KIND_LABELS, QUESTION_KINDS, QUESTION_LIMITS, QUESTION_STATUS_LABELS, QUESTION_VISIBILITIES, QUESTION_VISIBILITY_LABELS } from '../../../types/questions'

export type QuestionView = ActionOutput<'question', 'mine'>['items'][number]
export type SharedQuestion = ActionOutput<'question', 'groupFeed'>['items'][number]
export type QuestionRead = ActionOutput<'question', 'get'>
export type AskInput = ActionInput<'question', 'ask'>

/** What the ask form holds (and its draft keeps, with the request id of this question). */
export interface AskForm {
  advisorId: string | null
  kind: QuestionKind | null
  visibility: QuestionVisibility
  body: string
  requestId: string
}

export type AskField = 'advisorId' | 'kind' | 'body'

/** The form as `question.ask` input, or the first problem with the field it is on. */
export function checkAskForm(form: AskForm): { input: AskInput } | { problem: { field: AskField; message: string } } {
  if (!form.advisorId) return { problem: { field: 'advisorId', message: '请选择向哪位指导教师提问' } }
  if (!form.kind) return { problem: { field: 'kind', message: '请选择问题类型' } }
  const body = form.body.trim()
  if (!body) return { problem: { field: 'body', message: '请写下你的问题' } }
  if (body.length > QUESTION_LIMITS.body) return { problem: { field: 'body', message: `问题不能超过${QUESTION_LIMITS.body}字（现在${body.length}字）` } }
  return { input: { requestId: form.requestId, advisorId: form.advisorId, kind: form.kind, visibility: form.visibility, body } }
}

/** 已等待3天, or 今天提问 on the day it was asked. */
export const waitedLabel = (days: number): string => (days < 1 ? '今天提问' : `已等待${days}天`)

/** How long an answered question waited: 当天回答, 3天后回答. */
export const answeredAfterLabel = (days: number): string => (days < 1 ? '当天回答' : `${days}天后回答`)
