/**
 * When a review is due, from the person's dates alone (pure): an activist's six-month
 * review falls `activistReviewMonths` (the branch's setting, 6 by default) after the later
 * of the day they became an activist and their last review; a probationary member's
 * assessment falls on the day their probation ends. Months are calendar months: a day the
 * target month lacks becomes its last day (31 August + 6 months is 28 or 29 February).
 */
import type { PoliticalStatus } from '../../types/domain'
import type { ReviewKind } from './model'

export const DEFAULT_ACTIVIST_REVIEW_MONTHS = 6
const DAY_MS = 86_400_000

const partsOf = (day: string): [number, number, number] => [Number(day.slice(0, 4)), Number(day.slice(5, 7)), Number(day.slice(8, 10))]
const dayOf = (y: number, m: number, d: number): string => `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`
const daysInMonth = (y: number, m: number): number => new Date(Date.UTC(y, m, 0)).getUTCDate()

/** `day` plus `months` calendar months, kept within the target month (2027-08-31 + 6 → 2028-02-29). */
export function addMonths(day: string, months: number): string {
  const [y, m, d] = partsOf(day)
  const index = y * 12 + (m - 1) + months
  const ty = Math.floor(index / 12)
  const tm = index - ty * 12 + 1
  return dayOf(ty, tm, Math.min(d, daysInMonth(ty, tm)))
}

/** `day` plus `n` days. */
export const addDays = (day: string, n: number): string => new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10)

/** Days from `from` to `to` (negative when `to` is earlier). */
export const daysBetween = (from: string, to: string): number => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS)

/** The branch's months between an activist's reviews, from its `cadences` settings (absent or unusable: 6). */
export function reviewMonthsOf(cadences: unknown): number {
  const months = (cadences as { activistReviewMonths?: unknown } | null | undefined)?.activistReviewMonths
  return typeof months === 'number' && Number.isInteger(months) && months >= 1 && months <= 24 ? months : DEFAULT_ACTIVIST_REVIEW_MONTHS
}

/** What the due day is computed from. */
export interface Timeline {
  politicalStatus: PoliticalStatus | null
  activistSince: string | null
  probationEndsAt: string | null
  lastReviewOn: string | null
  /** ids of the reviews recorded (`<kind>:<dueOn>`) */
  reviewIds: string[]
}

export interface DueReview {
  kind: ReviewKind
  dueOn: string
  /** the earliest day the review may be held */
  opensOn: string
}

const later = (a: string | null, b: string | null): string | null => (a === null ? b : b === null ? a : a > b ? a : b)

/**
 * The review due next, or null: not under cultivation, the dates it needs not on record,
 * or (a probationary member) the assessment of this end of probation already decided.
 * A six-month review opens `earlyDays` before it is due but never on or before its base
 * day (so each review moves the next one on); the assessment of probation opens on the
 * day probation ends.
 */
export function dueReview(t: Timeline, months: number, earlyDays: number): DueReview | null {
  if (t.politicalStatus === 'activist') {
    const base = later(t.activistSince, t.lastReviewOn)
    if (base === null) return null
    let dueOn = addMonths(base, months)
    // A short cadence ending in a short month can land a review's successor on its own day
    // (31 January + 1 month and 1 February + 1 month are both 28 February): the next month then.
    for (let i = 0; i < 3 && t.reviewIds.includes(`sixMonth:${dueOn}`); i++) dueOn = addMonths(dueOn, months)
    const early = addDays(dueOn, -earlyDays)
    const afterBase = addDays(base, 1)
    return { kind: 'sixMonth', dueOn, opensOn: early > afterBase ? early : afterBase }
  }
  if (t.politicalStatus === 'probationary') {
    if (!t.probationEndsAt || t.reviewIds.includes(`probationEnd:${t.probationEndsAt}`)) return null
    return { kind: 'probationEnd', dueOn: t.probationEndsAt, opensOn: t.probationEndsAt }
  }
  return null
}
