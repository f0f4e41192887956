/** The roster list's filters as `roster.list` input. */
import type { ActionInput } from '../../../../../types/contract'
import type { PoliticalStatus } from '../../../../../types/domain'
import { internshipYear } from '../../../../../types/schema'

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

/** The `?year=` the page was opened with, if it names an internship year. */
export function yearParam(value: string | undefined): string | undefined {
  const year = internshipYear.safeParse(value ? decodeURIComponent(value) : '')
  return year.success ? year.data : undefined
}
