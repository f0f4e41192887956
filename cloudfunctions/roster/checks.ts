/**
 * Checking rows against the database, before anything is written: a student
 * number that belongs to a teacher, unit contact or staff member, and a student already
 * in a group of another internship year (moving between years is not an import's job).
 * Problems are reported per row and column, like the file's own.
 */
import type { RowError } from '../../types/actions/roster'
import { ROSTER_COLUMNS } from '../../types/roster'
import { readByIds } from '../common/db'
import { C, GroupDoc, PersonDoc, PersonKind, UnitDoc } from '../common/model'
import { readWhereIn } from './bulk'
import { unitIdOf } from './units'
import type { RosterRecord } from './validate'

/** The person fields a roster row sets. */
export const ROSTER_FIELDS = [
  'name', 'grade', 'major', 'politicalStatus', 'phone', 'unitId', 'unitName', 'province', 'city',
  'internshipStart', 'internshipEnd', 'joinedPartyAt', 'probationEndsAt', 'activistSince', 'year'
] as const satisfies readonly (keyof PersonDoc)[]

type ExistingPerson = Pick<PersonDoc, '_id' | 'no' | 'kind' | 'groupId' | (typeof ROSTER_FIELDS)[number]>
type ExistingGroup = Pick<GroupDoc, '_id' | 'year' | 'name' | 'counts'>

/** What the database already holds for a file's rows. */
export interface Existing {
  /** people by number */
  people: Map<string, ExistingPerson>
  /** the groups those people are in */
  groups: Map<string, ExistingGroup>
  /** ids of the rows' units that exist */
  units: Set<string>
}

/** Reads the people with the rows' numbers, their groups, and the units of the valid rows. */
export async function loadExisting(numbers: string[], records: RosterRecord[]): Promise<Existing> {
  const fields = Object.fromEntries(['_id', 'no', 'kind', 'groupId', ...ROSTER_FIELDS].map((f) => [f, true]))
  const people = await readWhereIn<ExistingPerson>(C.people, 'no', numbers, fields)
  const groupIds = people.flatMap((p) => (p.groupId ? [p.groupId] : []))
  const groups = await readByIds<ExistingGroup>(C.groups, groupIds, { _id: true, year: true, name: true, counts: true })
  const units = await readByIds<Pick<UnitDoc, '_id'>>(C.units, records.map(unitIdOf), { _id: true })
  return {
    people: new Map(people.map((p) => [p.no, p])),
    groups: new Map(groups.map((g) => [g._id, g])),
    units: new Set(units.map((u) => u._id))
  }
}

const KIND_LABELS: Record<Exclude<PersonKind, 'student'>, string> = { teacher: '教师', unitContact: '带教老师', staff: '工作人员' }
const NUMBER_COLUMN = ROSTER_COLUMNS.find((c) => c.key === 'studentNo')!.header

/**
 * The rows the database refuses, each with its reason: every row with a well-formed
 * number is checked, so a file's problems are all reported at once.
 */
export function databaseProblems(numbers: { row: number; studentNo: string }[], year: string | null, existing: Existing): RowError[] {
  const errors: RowError[] = []
  for (const { row, studentNo } of numbers) {
    const p = existing.people.get(studentNo)
    if (!p) continue
    if (p.kind !== 'student') {
      errors.push({ row, column: NUMBER_COLUMN, reason: `学号${studentNo}已是${KIND_LABELS[p.kind]}“${p.name}”的编号，不能再用于学生；请核对学号` })
      continue
    }
    const group = p.groupId ? existing.groups.get(p.groupId) : undefined
    if (group && year && group.year !== year) {
      errors.push({ row, column: NUMBER_COLUMN, reason: `该学生已在${group.year}实习年度的“${group.name}”中，导入不能把学生调到${year}实习年度；请核对学号，或从名单中删去此行` })
    }
  }
  return errors
}
