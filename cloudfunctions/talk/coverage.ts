/**
 * Talk coverage (谈心覆盖率): for each group, its members now (the count kept on the group)
 * and how many of them were talked with in the group in a term. One aggregation for a
 * page of groups: each group joined to its talks (index `groupId` of talks) and to the
 * people they were with (by id), so a student who has since left the group is not counted.
 */
import type { z } from 'zod'
import type { groupCoverage } from '../../types/actions/talk'
import { database } from '../common/app'
import { C } from '../common/model'
import { T } from './model'

export type GroupCoverage = z.input<typeof groupCoverage>

interface CoverageRow {
  _id: string
  name: string
  province: string
  counts?: { total?: number }
  talks: { studentId: string; term: string }[]
  students: { _id: string; groupId: string | null }[]
}

/** A group's coverage from its row: members talked with in `term` who are still in the group. */
function coverageFromRow(row: CoverageRow, term: string): GroupCoverage {
  const stillHere = new Set(row.students.filter((s) => s.groupId === row._id).map((s) => s._id))
  const talked = new Set(row.talks.filter((t) => t.term === term && stillHere.has(t.studentId)).map((t) => t.studentId))
  const members = row.counts?.total ?? 0
  const talkedWith = Math.min(talked.size, members)
  return { groupId: row._id, name: row.name, province: row.province, term, members, talkedWith, ratio: members ? talkedWith / members : 0 }
}

/** The coverage of each group in `groupIds` (those that exist), by id. One request. */
export async function coverageOf(groupIds: string[], term: string): Promise<Map<string, GroupCoverage>> {
  if (!groupIds.length) return new Map()
  const _ = database().command
  const { data } = await database().collection(C.groups).aggregate()
    .match({ _id: _.in(groupIds) })
    .project({ name: 1, province: 1, 'counts.total': 1 })
    .lookup({ from: T.talks, localField: '_id', foreignField: 'groupId', as: 'talks' })
    .project({ name: 1, province: 1, 'counts.total': 1, 'talks.studentId': 1, 'talks.term': 1 })
    .lookup({ from: C.people, localField: 'talks.studentId', foreignField: '_id', as: 'students' })
    .project({ name: 1, province: 1, 'counts.total': 1, 'talks.studentId': 1, 'talks.term': 1, 'students._id': 1, 'students.groupId': 1 })
    .limit(groupIds.length)
    .end()
  return new Map((data as CoverageRow[]).map((row) => [row._id, coverageFromRow(row, term)]))
}
