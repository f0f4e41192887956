/**
 * Times as people in China read them. Functions run in UTC; China keeps UTC+8 all year
 * (no daylight saving), so a fixed offset is exact.
 */
export const CHINA_OFFSET_MS = 8 * 3600_000

/** The day in China at `at` (YYYY-MM-DD). */
export const chinaDay = (at: Date): string => new Date(new Date(at).getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10)

/** The month in China at `at` (YYYY-MM). */
export const chinaMonth = (at: Date): string => chinaDay(at).slice(0, 7)

/** The minute in China at `at`: 2026-10-01 08:00. */
export const chinaMinute = (at: Date | string): string => new Date(new Date(at).getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ')

/** The minute in China at `at` as a sentence reads it: 2026年10月1日 08:00. */
export function chinaMinuteText(at: Date): string {
  const [day, time] = chinaMinute(at).split(' ')
  const [y, m, d] = day.split('-').map(Number)
  return `${y}年${m}月${d}日 ${time}`
}
