/**
 * Read figures as the composer reads them: rates in whole percent, quiz averages, and the
 * order that puts the groups needing attention first.
 */

/** The fields of `readFigures` these helpers read. */
export interface Figures {
  targeted: number
  read: number
  readRate: number
  answered: number
  quizAverage: number | null
}

/** 0-1 as a whole percent, 0-100 (a rate off the scale is held to it). */
export const percent = (rate: number): number => (Number.isFinite(rate) ? Math.round(Math.min(1, Math.max(0, rate)) * 100) : 0)

/** "平均 82 分" or "无人作答" (null: no quiz or no answers). */
export const quizAverageLabel = (average: number | null): string => (average === null ? '无人作答' : `平均 ${Math.round(average)} 分`)

/**
 * Groups needing attention first: the lowest read rate, then the most people yet to read,
 * then the lowest quiz average (no answers counting as lowest), then by name; groups with
 * nobody to read go last.
 */
export function attentionOrder<T extends Figures & { groupName: string }>(groups: readonly T[]): T[] {
  const key = (g: T) => [g.targeted === 0 ? 1 : 0, g.readRate, -(g.targeted - g.read), g.quizAverage ?? -1] as const
  return [...groups].sort((a, b) => {
    const ka = key(a)
    const kb = key(b)
    for (let i = 0; i < ka.length; i++) if (ka[i] !== kb[i]) return ka[i] < kb[i] ? -1 : 1
    return a.groupName < b.groupName ? -1 : a.groupName > b.groupName ? 1 : 0
  })
}
