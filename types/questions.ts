/**
 * What a question to an advisor may hold and how its kinds and visibilities read, declared
 * once without zod, so the app can show and check them without bundling the schemas.
 * `types/actions/question.ts` builds its schemas from these and re-exports them.
 */

/** Limits of a question and of its answer, shown on the device and enforced by the function. */
export const QUESTION_LIMITS = {
  body: 1000,
  answer: 2000
} as const

/** 专业问题 (the work, the studies) or 思想问题 (thought, Party life, personal matters). */
export const QUESTION_KINDS = ['professional', 'ideological'] as const
export type QuestionKind = (typeof QUESTION_KINDS)[number]
export const QUESTION_KIND_LABELS: Record<QuestionKind, string> = {
  professional: '专业问题',
  ideological: '思想问题'
}

/** Who reads a question besides the asker and the advisor asked: nobody, or the asker's group once answered (without the asker's name). */
export const QUESTION_VISIBILITIES = ['private', 'group'] as const
export type QuestionVisibility = (typeof QUESTION_VISIBILITIES)[number]
export const QUESTION_VISIBILITY_LABELS: Record<QuestionVisibility, { label: string; hint: string }> = {
  private: { label: '仅老师可见', hint: '只有你和你选择的指导教师能看到这个问题和回答' },
  group: { label: '匿名分享给小组', hint: '老师回答后，小组同学能看到问题和回答，但看不到提问人是谁' }
}

export const QUESTION_STATUSES = ['open', 'answered'] as const
export type QuestionStatus = (typeof QUESTION_STATUSES)[number]
export const QUESTION_STATUS_LABELS: Record<QuestionStatus, string> = { open: '待回答', answered: '已回答' }

/** The branch's default for "unanswered too long" (settings `cadences.questionUnansweredDays` overrides it). */
export const DEFAULT_QUESTION_UNANSWERED_DAYS = 3

const DAY_MS = 86_400_000

/** Whole days a question has waited: from when it was asked to its answer, or to `now` while open. */
export function waitedDays(askedAt: Date | string, until: Date | string): number {
  return Math.max(0, Math.floor((new Date(until).getTime() - new Date(askedAt).getTime()) / DAY_MS))
}

/** Whether an open question has waited `unansweredDays` days or more: the inbox marks it, the branch's alerts name it. */
export const isOverdue = (askedAt: Date | string, now: Date | string, unansweredDays: number): boolean =>
  new Date(now).getTime() - new Date(askedAt).getTime() >= unansweredDays * DAY_MS
