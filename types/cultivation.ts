/**
 * Dual cultivation's vocabulary, shared by the contract (types/actions/cultivation.ts) and
 * the pages without bringing the contract's schemas into the app: limits, kinds of review
 * and their outcomes, sides and aspects of an observation, with their Chinese labels.
 */
import type { PoliticalStatus } from './domain'

/** Limits of what a contact or the branch writes, shown on the device and enforced by the function. */
export const CULTIVATION_LIMITS = {
  observation: 1000,
  note: 500,
  /** a review may be recorded from this many days before it is due (the six-month review) */
  earlyDays: 30,
  /** probation is extended by at most this many months (党章: 不能超过一年) */
  extensionMonths: 12
} as const

/** Political statuses under cultivation. */
export const CULTIVATED_STATUSES = ['activist', 'probationary'] as const

export const REVIEW_KINDS = ['sixMonth', 'probationEnd'] as const
export const REVIEW_KIND_LABELS: Record<(typeof REVIEW_KINDS)[number], string> = {
  sixMonth: '积极分子半年考察',
  probationEnd: '预备期满考察'
}

export const SIX_MONTH_OUTCOMES = ['qualified', 'basicallyQualified', 'unqualified'] as const
export const PROBATION_OUTCOMES = ['confirmed', 'extended', 'revoked'] as const
export const REVIEW_OUTCOMES = [...SIX_MONTH_OUTCOMES, ...PROBATION_OUTCOMES] as const
export type ReviewOutcome = (typeof REVIEW_OUTCOMES)[number]
export const REVIEW_OUTCOME_LABELS: Record<ReviewOutcome, string> = {
  qualified: '合格',
  basicallyQualified: '基本合格',
  unqualified: '不合格',
  confirmed: '按期转正',
  extended: '延长预备期',
  revoked: '取消预备党员资格'
}
/** The outcomes of each kind of review. */
export const OUTCOMES_OF: Record<(typeof REVIEW_KINDS)[number], readonly ReviewOutcome[]> = {
  sixMonth: SIX_MONTH_OUTCOMES,
  probationEnd: PROBATION_OUTCOMES
}
/** The political status an outcome gives the person (outcomes not named here change none). */
export const STATUS_AFTER: Partial<Record<ReviewOutcome, PoliticalStatus>> = {
  confirmed: 'member',
  revoked: 'masses'
}
/** Statuses as the review's confirmation names them (张三：预备党员 → 正式党员). */
export const STATUS_SHORT_LABELS: Record<PoliticalStatus, string> = {
  member: '正式党员',
  probationary: '预备党员',
  activist: '入党积极分子',
  applicant: '入党申请人',
  masses: '群众'
}

export const OBSERVATION_SIDES = ['school', 'unit'] as const
export const SIDE_LABELS: Record<(typeof OBSERVATION_SIDES)[number], string> = { school: '学校联系人', unit: '单位联系人' }

export const OBSERVATION_ASPECTS = ['study', 'work', 'conduct'] as const
export const ASPECT_LABELS: Record<(typeof OBSERVATION_ASPECTS)[number], string> = { study: '学习', work: '工作', conduct: '品行' }

/** Who lists: all of a year (the branch), the people of the groups I advise, the people I am a contact of. */
export const LIST_SCOPES = ['all', 'groups', 'contacts'] as const
