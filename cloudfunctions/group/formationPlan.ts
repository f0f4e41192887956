/**
 * The formation as the functions run it: the ungrouped students read from the database,
 * planned per internship year by the pure algorithm in `formation.ts`, identified by a
 * fingerprint so that apply can refuse a roster that changed since the preview.
 */
import { createHash } from 'node:crypto'
import { compareText } from '../../types/domain'
import { readAll } from '../common/db'
import { C, PersonDoc } from '../common/model'
import { formGroupsByRegion, FormationRegion, PlannedGroup } from './formation'

export type Student = Pick<PersonDoc, '_id' | 'no' | 'name' | 'politicalStatus' | 'province' | 'city' | 'unitId' | 'year' | 'joinedPartyAt'>

export interface YearPlan {
  groups: (PlannedGroup & { year: string })[]
  regions: FormationRegion[]
  warnings: string[]
  years: string[]
}

/** Every student not in a group yet. */
export function ungroupedStudents(): Promise<Student[]> {
  return readAll<Student>(C.people, { kind: 'student', groupId: null }, {
    no: true, name: true, politicalStatus: true, province: true, city: true, unitId: true, year: true, joinedPartyAt: true
  })
}

/** Forms each internship year's ungrouped students separately; keys are prefixed with the year. */
export function planByYear(students: Student[], targetGroupSize: number): YearPlan {
  const byYear = new Map<string, Student[]>()
  for (const s of students) {
    const year = s.year ?? '未分年度'
    byYear.set(year, [...(byYear.get(year) ?? []), s])
  }
  const years = [...byYear.keys()].sort(compareText)
  const plan: YearPlan = { groups: [], regions: [], warnings: [], years }
  for (const year of years) {
    const r = formGroupsByRegion(byYear.get(year)!.map((s) => ({
      id: s._id, studentNo: s.no, name: s.name, politicalStatus: s.politicalStatus!,
      province: s.province ?? '', city: s.city ?? '', unitId: s.unitId ?? undefined
    })), { targetGroupSize })
    plan.groups.push(...r.groups.map((g) => ({ ...g, key: `${year}/${g.key}`, regionKey: `${year}/${g.regionKey}`, year })))
    plan.regions.push(...r.regions.map((g) => ({ ...g, key: `${year}/${g.key}` })))
    plan.warnings.push(...r.warnings.map((w) => (years.length > 1 ? `${year}：${w}` : w)))
  }
  return plan
}

/** Identifies the input of a formation: who is to be placed, where, with which status. */
export function fingerprintOf(students: Student[], targetGroupSize: number): string {
  const h = createHash('sha256')
  h.update(`v1|${targetGroupSize}\n`)
  for (const s of [...students].sort((a, b) => compareText(a._id, b._id))) {
    h.update(`${s._id}|${s.politicalStatus}|${s.province}|${s.city}|${s.year}\n`)
  }
  return h.digest('hex').slice(0, 32)
}

/** A group's id, derived from its formation key so that a resumed apply finds the groups it made. */
export const groupIdOf = (key: string): string => createHash('sha256').update(key).digest('hex').slice(0, 32)
