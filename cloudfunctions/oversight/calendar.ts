/**
 * The branch's calendar in China time: months of an internship year, its terms, due dates
 * a number of months on (the 31st falls on the month's last day), day arithmetic on
 * YYYY-MM-DD. Pure; every day and month is China's.
 */
import { CHINA_OFFSET_MS } from '../common/chinaTime'

const DAY_MS = 86_400_000
const two = (n: number): string => String(n).padStart(2, '0')

/** The first year of an internship year label: 2026 for 2026-2027. */
const startYear = (year: string): number => Number(year.slice(0, 4))

/** The twelve months of an internship year, July to June. */
export function yearMonths(year: string): string[] {
  const start = startYear(year)
  return Array.from({ length: 12 }, (_x, i) => `${i < 6 ? start : start + 1}-${two(((6 + i) % 12) + 1)}`)
}

/** The months of the year up to `today`'s month: all twelve for a past year, none for a future one. */
export const monthsSoFar = (year: string, today: string): string[] => yearMonths(year).filter((m) => m <= today.slice(0, 7))

/** First and last day of an internship year. */
export const yearSpan = (year: string): { from: string; to: string } => ({ from: `${startYear(year)}-07-01`, to: `${startYear(year) + 1}-06-30` })

/** The instant a China day begins. */
export const dayStart = (day: string): Date => new Date(Date.parse(`${day}T00:00:00Z`) - CHINA_OFFSET_MS)

/** The span of an internship year as instants: `start` included, `end` excluded. */
export function yearInstants(year: string): { start: Date; end: Date } {
  const { from, to } = yearSpan(year)
  return { start: dayStart(from), end: dayStart(addDays(to, 1)) }
}

/** A term of an internship year: 1 is July to December, 2 January to June. */
export interface Term {
  /** 2026-2027-1 */
  label: string
  from: string
  to: string
}

export function termOf(year: string, n: 1 | 2): Term {
  const start = startYear(year)
  return n === 1
    ? { label: `${year}-1`, from: `${start}-07-01`, to: `${start}-12-31` }
    : { label: `${year}-2`, from: `${start + 1}-01-01`, to: `${start + 1}-06-30` }
}

/** The term talk coverage counts for `year` seen on `today`: the current term, the year's last for a past year, its first for a future one. */
export function termFor(year: string, today: string): Term {
  const { from, to } = yearSpan(year)
  if (today > to) return termOf(year, 2)
  if (today < from) return termOf(year, 1)
  return termOf(year, Number(today.slice(5, 7)) >= 7 ? 1 : 2)
}

/** `day` plus `n` days (n may be negative). */
export const addDays = (day: string, n: number): string => new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10)

/** Whole days from `a` to `b` (positive when b is later). */
export const daysBetween = (a: string, b: string): number => Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / DAY_MS)

/** The last day of a month (YYYY-MM). */
export const monthEnd = (month: string): string => {
  const [y, m] = month.split('-').map(Number)
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10)
}

/** `month` plus `n` months. */
export function addMonthsToMonth(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number)
  const i = y * 12 + (m - 1) + n
  return `${Math.floor(i / 12)}-${two((i % 12) + 1)}`
}

/** Months from `a` to `b` (YYYY-MM; positive when b is later). */
export const monthsBetween = (a: string, b: string): number => {
  const [ay, am] = a.split('-').map(Number)
  const [by, bm] = b.split('-').map(Number)
  return (by - ay) * 12 + (bm - am)
}

/**
 * `day` plus `n` months, on the same day of the month or the month's last day when it has
 * fewer: 2027-08-31 plus 6 months is 2028-02-29, 2026-08-31 plus 6 months 2027-02-28.
 */
export function addMonths(day: string, n: number): string {
  const month = addMonthsToMonth(day.slice(0, 7), n)
  const last = monthEnd(month)
  const d = day.slice(8, 10)
  return d > last.slice(8, 10) ? last : `${month}-${d}`
}
