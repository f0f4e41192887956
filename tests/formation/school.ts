/**
 * A school's students written straight into the database with the admin SDK (no roster
 * import), for formation tests at scale: the generated dataset's rows become ungrouped
 * student documents, as `roster.import` would store them.
 */
import type { PersonDoc } from '../../cloudfunctions/common/model'
import { newPerson } from '../../cloudfunctions/common/people'
import { cohortYear } from '../../cloudfunctions/roster/year'
import { unitIdOf } from '../../cloudfunctions/roster/units'
import { generateDataset } from '../../scripts/seed/data'
import { POLITICAL_STATUS_LABELS, type PoliticalStatus } from '../../types/domain'
import type { App } from '../helpers/cloudbase'

const STATUS_BY_LABEL = new Map(Object.entries(POLITICAL_STATUS_LABELS).map(([k, v]) => [v, k as PoliticalStatus]))
const T0 = new Date('2026-07-01T00:00:00Z')

/** Student documents for `interns` generated interns (realistic regions); `year` overrides the internship year. */
export function generatedStudents(interns: number, options: { seed?: number; year?: string; noPrefix?: string } = {}): Omit<PersonDoc, '_id'>[] {
  const { roster } = generateDataset({ interns, seed: options.seed })
  // One file, one year, as the import assigns it.
  const year = options.year ?? cohortYear(roster.map((r) => r.internshipStart))!
  return roster.map((r) => newPerson({
    no: `${options.noPrefix ?? ''}${r.studentNo}`, kind: 'student', name: r.name, phone: r.phone, grade: r.grade, major: r.major,
    politicalStatus: STATUS_BY_LABEL.get(r.politicalStatus)!, joinedPartyAt: r.joinedPartyAt || null,
    unitId: unitIdOf(r), unitName: r.unitName, province: r.province, city: r.city,
    internshipStart: r.internshipStart, internshipEnd: r.internshipEnd,
    year
  }, T0))
}

/** Writes the students, `batch` documents a request (keep it within the emulator's request limit). */
export async function writeStudents(app: App, students: Omit<PersonDoc, '_id'>[], batch = 2000): Promise<void> {
  const people = app.database().collection('people')
  for (let i = 0; i < students.length; i += batch) await people.add(students.slice(i, i + batch))
}
