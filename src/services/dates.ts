/** Dates as Chinese readers expect them, through dayjs with its zh-cn locale. */
import dayjs from 'dayjs'
import 'dayjs/locale/zh-cn'
import relativeTime from 'dayjs/plugin/relativeTime'
import { internshipYearOf } from '../../types/domain'

dayjs.extend(relativeTime)
dayjs.locale('zh-cn')

/** 2026年9月1日 */
export const formatDate = (d: string | Date): string => dayjs(d).format('YYYY年M月D日')

/** 9月1日 14:05 */
export const formatDateTime = (d: string | Date): string => dayjs(d).format('M月D日 HH:mm')

/** 3分钟前, 2天前 */
export const fromNow = (d: string | Date): string => dayjs(d).fromNow()

/** 2026-2027 -> 2026—2027学年实习 */
export const formatYear = (year: string): string => `${year.replace('-', '—')}实习年度`

const CHINA_OFFSET_MS = 8 * 3600_000

/**
 * Now in China time (UTC+8 all year, whatever the device's zone): its date (YYYY-MM-DD),
 * time (HH:mm) and month (YYYY-MM). The functions judge days and months in China time.
 */
export function chinaNow(now: Date = new Date()): { date: string; time: string; month: string } {
  const iso = new Date(now.getTime() + CHINA_OFFSET_MS).toISOString()
  return { date: iso.slice(0, 10), time: iso.slice(11, 16), month: iso.slice(0, 7) }
}

/** "2026-2027" → "2027-2028" (n = 1) or "2025-2026" (n = -1). */
const shiftYear = (year: string, n: number): string => `${Number(year.slice(0, 4)) + n}-${Number(year.slice(5)) + n}`

/**
 * The internship years a page offers to choose from: last year, this year (China time)
 * and next year (whose roster arrives in spring), and `chosen` if it is another; in order.
 */
export function yearChoices(chosen?: string | null, now: Date = new Date()): string[] {
  const current = internshipYearOf(chinaNow(now).date)
  return [...new Set([shiftYear(current, -1), current, shiftYear(current, 1), ...(chosen ? [chosen] : [])])].sort()
}
