/**
 * The calendar the demo school's activities follow, China time: the span of the internship
 * year seeded (1 July to the seed's "today", the clock the lessons and the journal use),
 * its months, the national days a group's 主题党日 gathers around, and the health days
 * that bring volunteer service out (only those that fall in the span are used).
 */

export const DAY_MS = 86_400_000
const CHINA_MS = 8 * 3600_000

/** The day a time falls on in China: 2026-10-01. */
export const chinaDay = (at: Date): string => new Date(at.getTime() + CHINA_MS).toISOString().slice(0, 10)

/** The month a time falls in, China time: 2026-10. */
export const chinaMonth = (at: Date): string => chinaDay(at).slice(0, 7)

/** A moment of a China day: `day` (YYYY-MM-DD) at `minutes` past midnight. */
export const atChina = (day: string, minutes: number): Date => new Date(Date.parse(`${day}T00:00:00+08:00`) + minutes * 60_000)

/** The day `n` days after `day`. */
export const addDays = (day: string, n: number): string => new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10)

/** Saturday or Sunday. */
export const isWeekend = (day: string): boolean => [0, 6].includes(new Date(`${day}T00:00:00Z`).getUTCDay())

/** The month before `month` (YYYY-MM). */
export function previousMonth(month: string): string {
  const [y, m] = month.split('-').map(Number)
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`
}

/** What is seeded of an internship year: from its 1 July to `now`, never past its 30 June. */
export interface SeedSpan {
  /** 1 July, 00:00 China time */
  start: Date
  /** the seed's now, or the year's end when the year is over */
  end: Date
  /** every day of the span, oldest first */
  days: string[]
  /** every month of the span, oldest first */
  months: string[]
}

/** The span of `year` (2026-2027) seeded at `now`; empty (no days) before the year begins. */
export function seedSpan(year: string, now: Date): SeedSpan {
  const first = Number(year.slice(0, 4))
  const start = atChina(`${first}-07-01`, 0)
  const yearEnd = atChina(`${first + 1}-07-01`, 0)
  const end = new Date(Math.min(now.getTime(), yearEnd.getTime() - 1))
  const days: string[] = []
  if (end > start) for (let d = chinaDay(start); d <= chinaDay(end); d = addDays(d, 1)) days.push(d)
  return { start, end, days, months: [...new Set(days.map((d) => d.slice(0, 7)))] }
}

/** A day of the year that a group marks, on `MM-DD`. */
export interface MarkedDay {
  /** MM-DD, or a function of the year for days of the lunar calendar */
  on: string | ((year: number) => string | null)
  name: string
}

/** 重阳节 (the ninth of the ninth lunar month) by Gregorian year. */
const DOUBLE_NINTH: Record<number, string> = { 2024: '10-11', 2025: '10-29', 2026: '10-18', 2027: '10-08', 2028: '10-26', 2029: '10-16', 2030: '10-05' }

/**
 * National days a 主题党日 is held around. July and October (the Party's founding, National
 * Day) are kept by nearly every group; the others by some.
 */
export const NATIONAL_DAYS: MarkedDay[] = [
  { on: '07-01', name: '建党节' },
  { on: '08-01', name: '建军节' },
  { on: '09-03', name: '中国人民抗日战争胜利纪念日' },
  { on: '09-30', name: '烈士纪念日' },
  { on: '10-01', name: '国庆节' },
  { on: '12-04', name: '国家宪法日' },
  { on: '12-13', name: '南京大屠杀死难者国家公祭日' },
  { on: '12-26', name: '毛泽东同志诞辰纪念日' },
  { on: '03-05', name: '学雷锋纪念日' },
  { on: '04-04', name: '清明节' },
  { on: '05-04', name: '五四青年节' }
]

/** The days nearly every group keeps with a 主题党日. */
export const MAJOR_NATIONAL_DAYS = new Set(['07-01', '10-01'])

/** Health days: the community outreach, screenings and talks interns join peak on them. */
export const HEALTH_DAYS: (MarkedDay & { theme: string })[] = [
  { on: '03-05', name: '学雷锋纪念日', theme: '学雷锋义诊，为社区居民量血压、测血糖' },
  { on: '03-24', name: '世界防治结核病日', theme: '结核病防治知识宣传，发放宣传折页' },
  { on: '04-07', name: '世界卫生日', theme: '健康知识宣讲与义诊咨询' },
  { on: '04-25', name: '全国儿童预防接种日', theme: '协助社区开展预防接种政策宣传' },
  { on: '05-12', name: '国际护士节', theme: '护理技能展示与健康咨询' },
  { on: '05-31', name: '世界无烟日', theme: '控烟宣传，劝导公共场所吸烟者' },
  { on: '06-06', name: '全国爱眼日', theme: '青少年视力筛查与近视防控宣教' },
  { on: '06-14', name: '世界献血者日', theme: '无偿献血宣传与献血点引导服务' },
  { on: '08-19', name: '中国医师节', theme: '跟随带教老师下社区义诊' },
  { on: '09-20', name: '全国爱牙日', theme: '口腔健康宣教，教小朋友正确刷牙' },
  { on: '09-29', name: '世界心脏日', theme: '心血管疾病预防宣教与血压测量' },
  { on: '10-08', name: '全国高血压日', theme: '社区高血压筛查与用药指导' },
  { on: '10-10', name: '世界精神卫生日', theme: '心理健康知识宣传与心理咨询引导' },
  { on: (y) => DOUBLE_NINTH[y] ?? null, name: '重阳节', theme: '走进敬老院为老人体检、陪老人聊天' },
  { on: '10-29', name: '世界卒中日', theme: '脑卒中早期识别“中风120”宣教' },
  { on: '11-14', name: '联合国糖尿病日', theme: '糖尿病筛查与饮食运动指导' },
  { on: '12-01', name: '世界艾滋病日', theme: '艾滋病防治知识进校园' },
  { on: '12-05', name: '国际志愿者日', theme: '志愿服务集中行动，门诊导诊助老' }
]

/** The marked days of `list` that fall in `month` (YYYY-MM), as full days. */
export function markedIn<T extends MarkedDay>(list: T[], month: string): (T & { day: string })[] {
  const year = Number(month.slice(0, 4))
  return list.flatMap((d) => {
    const on = typeof d.on === 'string' ? d.on : d.on(year)
    return on && `${year}-${on}`.startsWith(month) ? [{ ...d, day: `${year}-${on}` }] : []
  })
}
