/** Months as China reads them, and the ranges of time and keys that select a month's records. */
import { CHINA_OFFSET_MS } from '../../common/chinaTime'
import { invalid } from '../../common/errors'

const TIME_MAX = 9_999_999_999_999

/** A span of time: `start` included, `end` excluded. */
export interface Span {
  start: Date
  end: Date
}

/** The span of months `first`..`last` (YYYY-MM, both included), China time. */
export function monthsSpan(first: string, last: string): Span {
  const at = (y: number, m: number): Date => new Date(Date.UTC(y, m - 1, 1) - CHINA_OFFSET_MS)
  const [fy, fm] = first.split('-').map(Number)
  const [ly, lm] = last.split('-').map(Number)
  return { start: at(fy, fm), end: at(ly, lm + 1) }
}

/** The twelve months of an internship year (2026-2027: 2026-07 to 2027-06). */
export function yearMonths(year: string): string[] {
  const start = Number(year.slice(0, 4))
  if (!Number.isInteger(start) || year !== `${start}-${start + 1}`) throw invalid('学年格式应为 2026-2027')
  return Array.from({ length: 12 }, (_x, i) => {
    const m = ((6 + i) % 12) + 1
    return `${i < 6 ? start : start + 1}-${String(m).padStart(2, '0')}`
  })
}

const inverted = (ms: number): string => String(TIME_MAX - ms).padStart(13, '0')

/**
 * The keys `<inverted time>:<id>` (newest first, as check-ins, lesson feeds and notes are
 * keyed) of the times in a span: one index range beside the group's id.
 */
export function keyRange(span: Span): { gte: string; lt: string } {
  return { gte: inverted(span.end.getTime() - 1), lt: inverted(span.start.getTime() - 1) }
}

/** The days (YYYY-MM-DD, as volunteer records are dated) of a span of whole months. */
export function dayRange(months: string[]): { gte: string; lte: string } {
  return { gte: `${months[0]}-01`, lte: `${months[months.length - 1]}-31` }
}
