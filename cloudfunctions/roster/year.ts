/**
 * The internship year a roster belongs to. The year "2026-2027" runs from 1 July 2026 to
 * 30 June 2027. A roster is one cohort, so the whole file gets one year: the one the
 * admin chose, or else the year most of its rows start in, where a start from April on
 * counts for the year beginning that July (interns often start a few days or weeks before
 * 1 July). A row fits the year when its internship
 *  - starts no earlier than 1 April before the year (three months early at most),
 *  - starts no later than the year's last day (30 June),
 *  - ends after the year's first day (1 July), and
 *  - ends no later than 31 December after the year (six months late at most).
 */

/** The year label "Y-(Y+1)" of a first calendar year. */
const yearLabel = (first: number): string => `${first}-${first + 1}`

/** The first calendar year of a label ("2026-2027" -> 2026). */
const firstYearOf = (label: string): number => Number(label.slice(0, 4))

/** The year a single start date points to: from April on, the year beginning that July. */
const cohortYearOfStart = (start: string): number => {
  const y = Number(start.slice(0, 4))
  return Number(start.slice(5, 7)) >= 4 ? y : y - 1
}

/** The year most rows start in (ties go to the later year); null without any start date. */
export function cohortYear(starts: string[]): string | null {
  const votes = new Map<number, number>()
  for (const s of starts) {
    const year = cohortYearOfStart(s)
    votes.set(year, (votes.get(year) ?? 0) + 1)
  }
  let best: number | null = null
  for (const [year, n] of votes) {
    if (best === null || n > votes.get(best)! || (n === votes.get(best)! && year > best)) best = year
  }
  return best === null ? null : yearLabel(best)
}

/** The dates that bound a year's rows, as `YYYY-MM-DD`. */
function yearBounds(label: string): { earliestStart: string; first: string; last: string; latestEnd: string } {
  const y = firstYearOf(label)
  return { earliestStart: `${y}-04-01`, first: `${y}-07-01`, last: `${y + 1}-06-30`, latestEnd: `${y + 1}-12-31` }
}

const zh = (iso: string): string => `${Number(iso.slice(0, 4))}年${Number(iso.slice(5, 7))}月${Number(iso.slice(8, 10))}日`

interface YearProblem {
  key: 'internshipStart' | 'internshipEnd'
  reason: string
}

/** Why a row's internship dates do not fit the year (none when they do). */
export function yearProblems(label: string, start: string, end: string): YearProblem[] {
  const b = yearBounds(label)
  const span = `不属于${label}实习年度（${zh(b.first)}至${zh(b.last)}）`
  const out: YearProblem[] = []
  if (start < b.earliestStart) out.push({ key: 'internshipStart', reason: `实习开始早于${zh(b.earliestStart)}，${span}` })
  if (start > b.last) out.push({ key: 'internshipStart', reason: `实习开始晚于${zh(b.last)}，${span}` })
  if (end < b.first) out.push({ key: 'internshipEnd', reason: `实习结束早于${zh(b.first)}，${span}` })
  if (end > b.latestEnd) out.push({ key: 'internshipEnd', reason: `实习结束晚于${zh(b.latestEnd)}，${span}` })
  return out
}
