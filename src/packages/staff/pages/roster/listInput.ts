/** The roster list's filters as `roster.list` input. */
import type { ActionInput } from '../../../../../types/contract'
import { internshipYearOf, type PoliticalStatus } from '../../../../../types/domain'
import { internshipYear } from '../../../../../types/schema'
import { chinaNow } from '../../../../services/dates'

type RosterListInput = ActionInput<'roster', 'list'>

export interface RosterFilter {
  /** the internship year the students were last imported into, e.g. "2026-2027" */
  year?: string
  province?: string
  /** a student-number prefix or an exact name */
  keyword?: string
  unassigned?: boolean
  politicalStatus?: PoliticalStatus
  /** one group's students (the page opened with `?groupId=`) */
  groupId?: string
}

const ROSTER_PAGE_SIZE = 30

/** The input of one page of the roster under `filter`. */
export function rosterListInput(filter: RosterFilter, cursor: string | undefined): RosterListInput {
  const input: RosterListInput = { pageSize: ROSTER_PAGE_SIZE }
  if (cursor) input.cursor = cursor
  if (filter.province) input.province = filter.province
  const keyword = filter.keyword?.trim()
  if (keyword) input.keyword = keyword
  if (filter.politicalStatus) input.politicalStatus = filter.politicalStatus
  // A group belongs to one year: the year is asked for only without a group.
  if (filter.groupId) input.groupId = filter.groupId
  else {
    if (filter.unassigned) input.unassigned = true
    if (filter.year) input.year = filter.year
  }
  return input
}

/** "2026-2027" → "2027-2028" (n = 1) or "2025-2026" (n = -1). */
const shiftYear = (year: string, n: number): string => `${Number(year.slice(0, 4)) + n}-${Number(year.slice(5)) + n}`

/**
 * The years the page offers: last year, this year (China time) and next year (whose
 * roster arrives in spring), and `chosen` if it is another.
 */
export function yearChoices(chosen: string | undefined, now: Date = new Date()): string[] {
  const current = internshipYearOf(chinaNow(now).date)
  const years = new Set([shiftYear(current, -1), current, shiftYear(current, 1)])
  if (chosen) years.add(chosen)
  return [...years].sort()
}

/** The `?year=` the page was opened with, if it names an internship year. */
export function yearParam(value: string | undefined): string | undefined {
  const year = internshipYear.safeParse(value ? decodeURIComponent(value) : '')
  return year.success ? year.data : undefined
}
