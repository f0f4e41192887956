/** The roster list's filters as `roster.list` input. */
import type { ActionInput } from '../../../../../types/contract'
import type { PoliticalStatus } from '../../../../../types/domain'

type RosterListInput = ActionInput<'roster', 'list'>

export interface RosterFilter {
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
  if (filter.groupId) input.groupId = filter.groupId
  else if (filter.unassigned) input.unassigned = true
  return input
}
