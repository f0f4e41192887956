/**
 * What an import writes, decided before the first write: the units that do not exist
 * yet, the students to create, the changed fields of those who exist (matched by student
 * number), and the groups whose member counts may need recounting. Only changed fields
 * are written, so importing the same file again writes nothing.
 */
import type { PersonDoc, UnitDoc } from '../common/model'
import { newPerson } from '../common/people'
import { Existing, ROSTER_FIELDS } from './checks'
import { unitIdOf } from './units'
import type { RosterRecord } from './validate'

export interface WritePlan {
  units: UnitDoc[]
  creates: Omit<PersonDoc, '_id'>[]
  updates: { id: string; changes: Partial<PersonDoc> }[]
  unchanged: number
  /** groups of the file's students: their counts are checked after the people are written */
  groups: string[]
}

/** The roster fields of a person, as stored. */
function fieldsOf(r: RosterRecord): Pick<PersonDoc, (typeof ROSTER_FIELDS)[number]> {
  return {
    name: r.name, grade: r.grade, major: r.major, politicalStatus: r.politicalStatus, phone: r.phone,
    unitId: unitIdOf(r), unitName: r.unitName, province: r.province, city: r.city,
    internshipStart: r.internshipStart, internshipEnd: r.internshipEnd, joinedPartyAt: r.joinedPartyAt,
    probationEndsAt: r.probationEndsAt, activistSince: r.activistSince, year: r.year
  }
}

/** Plans the writes for rows that passed every check. */
export function planWrites(records: RosterRecord[], existing: Existing, now: Date): WritePlan {
  const units = new Map<string, UnitDoc>()
  for (const r of records) {
    const id = unitIdOf(r)
    if (!existing.units.has(id)) units.set(id, { _id: id, name: r.unitName, province: r.province, city: r.city, createdAt: now })
  }
  const plan: WritePlan = { units: [...units.values()], creates: [], updates: [], unchanged: 0, groups: [] }
  const groups = new Set<string>()
  for (const r of records) {
    const next = fieldsOf(r)
    const p = existing.people.get(r.studentNo)
    if (!p) {
      plan.creates.push(newPerson({ no: r.studentNo, kind: 'student', ...next }, now))
      continue
    }
    if (p.groupId) groups.add(p.groupId)
    const changes = Object.fromEntries(ROSTER_FIELDS.filter((k) => (p[k] ?? null) !== (next[k] ?? null)).map((k) => [k, next[k]]))
    if (Object.keys(changes).length) plan.updates.push({ id: p._id, changes: { ...changes, updatedAt: now } })
    else plan.unchanged++
  }
  plan.groups = [...groups]
  return plan
}
