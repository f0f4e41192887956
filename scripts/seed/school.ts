/**
 * The demo school as the group-life seed sees it once the groups are formed and staffed:
 * its groups with their leaders and staff, the members of each, the names of teachers and
 * unit contacts, and the people the development identities play. Read in bulk; the
 * generators that use it are pure.
 */
import type { App } from '../client'
import { readAllDocs } from './bulk'

export interface SchoolStudent {
  _id: string
  name: string
  groupId: string | null
  province: string | null
  city: string | null
  unitName: string | null
}

export interface SchoolGroup {
  _id: string
  name: string
  province: string
  cities: string[]
  liaisonId: string | null
  coreMemberIds: string[]
  advisorIds: string[]
  unitContactIds: string[]
}

/** The people the development identities play (all of one group). */
export interface DevPeople {
  groupId: string
  liaisonId: string
  memberId: string
  internId: string
  advisorId: string
}

export interface School {
  year: string
  groups: SchoolGroup[]
  /** students of each group, in id order */
  members: Map<string, SchoolStudent[]>
  students: SchoolStudent[]
  /** teachers' and unit contacts' names by id */
  staffNames: Map<string, string>
  dev: DevPeople
}

/** Reads the school of `year`: four reads of a thousand documents each, or a few more. */
export async function readSchool(server: App, year: string, dev: DevPeople): Promise<School> {
  const [groups, students, staff] = await Promise.all([
    readAllDocs<SchoolGroup>(server, 'groups', { year }, { name: true, province: true, cities: true, liaisonId: true, coreMemberIds: true, advisorIds: true, unitContactIds: true }),
    readAllDocs<SchoolStudent>(server, 'people', { kind: 'student', year }, { name: true, groupId: true, province: true, city: true, unitName: true }),
    readAllDocs<{ _id: string; name: string }>(server, 'people', { kind: server.database().command.in(['teacher', 'unitContact']) }, { name: true })
  ])
  return schoolOf(year, groups, students, staff, dev)
}

/** The school from its documents. */
export function schoolOf(year: string, groups: SchoolGroup[], students: SchoolStudent[], staff: { _id: string; name: string }[], dev: DevPeople): School {
  const members = new Map<string, SchoolStudent[]>(groups.map((g) => [g._id, []]))
  for (const s of students) if (s.groupId) members.get(s.groupId)?.push(s)
  return { year, groups, members, students, staffNames: new Map(staff.map((p) => [p._id, p.name])), dev }
}

/** Seeded draws over a mulberry32 stream. */
export class Draw {
  constructor(readonly next: () => number) {}
  chance(p: number): boolean {
    return this.next() < p
  }
  /** integer in [min, max] */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1))
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]
  }
  /** `n` distinct items, in random order */
  sample<T>(items: readonly T[], n: number): T[] {
    const out = items.slice()
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1))
      ;[out[i], out[j]] = [out[j], out[i]]
    }
    return out.slice(0, n)
  }
  /** an index of `weights`, each chosen in proportion to its weight */
  weighted(weights: readonly number[]): number {
    let x = this.next() * weights.reduce((a, b) => a + b, 0)
    for (let i = 0; i < weights.length; i++) if ((x -= weights[i]) < 0) return i
    return weights.length - 1
  }
  /** exponentially distributed with the given mean */
  exponential(mean: number): number {
    return -Math.log(1 - this.next()) * mean
  }
  /** a Poisson count with the given mean (Knuth; small means) */
  poisson(mean: number): number {
    const limit = Math.exp(-mean)
    let k = 0
    for (let p = this.next(); p > limit; p *= this.next()) k++
    return k
  }
}
