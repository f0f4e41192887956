/**
 * The formation as the functions run it, one internship year at a time: the year's
 * ungrouped students and existing groups read from the database, planned by the pure
 * algorithm in `formation.ts` (a new year forms groups; late starters of a year whose
 * groups exist join them), identified by a fingerprint so that apply can refuse a roster
 * that changed since the preview.
 */
import { createHash } from 'node:crypto'
import type { FormationRegion } from '../../types/actions/group'
import { compareText } from '../../types/domain'
import { database } from '../common/app'
import { readAll } from '../common/db'
import { invalid } from '../common/errors'
import { EMPTY_COUNTS } from '../common/groupCounts'
import { C, GroupDoc, PersonDoc } from '../common/model'
import { GroupJoin, placeLateStarters, PlannedGroup } from './formation'

export type Student = Pick<PersonDoc, '_id' | 'no' | 'name' | 'politicalStatus' | 'province' | 'city' | 'unitId' | 'year' | 'joinedPartyAt'>
type YearGroup = Pick<GroupDoc, '_id' | 'key' | 'name' | 'province' | 'cities' | 'counts'>

/** Students waiting for a group in one internship year (`year` null: none recorded). */
export interface PendingYear {
  year: string | null
  interns: number
}

/** What a year's formation starts from. */
interface YearInput {
  year: string
  /** the year's students without a group */
  students: Student[]
  /** the year's groups formed earlier */
  groups: YearGroup[]
}

interface FormationPlan {
  year: string
  /** new groups, keys prefixed with the year, ids derived from the keys */
  groups: (PlannedGroup & { id: string })[]
  /** existing groups late starters join */
  joins: GroupJoin[]
  /** keys prefixed with the year */
  regions: FormationRegion[]
  warnings: string[]
}

/** How many students wait for a group, per internship year. One request. */
export async function pendingYears(): Promise<PendingYear[]> {
  const db = database()
  const { data } = await db.collection(C.people).aggregate()
    .match({ kind: 'student', groupId: null })
    .group({ _id: '$year', interns: db.command.aggregate.sum(1) })
    .limit(1000)
    .end()
  return (data as { _id: string | null; interns: number }[])
    .map((row) => ({ year: row._id ?? null, interns: row.interns }))
    .sort((a, b) => compareText(a.year ?? '', b.year ?? ''))
}

/**
 * The year a formation works on: the one asked for; else the only year with students
 * waiting (null when none). With several, the branch must choose: INVALID_ARGUMENT
 * listing them.
 */
export function chooseYear(asked: string | undefined, pending: PendingYear[]): string | null {
  if (asked) return asked
  const years = pending.filter((p) => p.year !== null)
  if (years.length > 1) {
    throw invalid(`${years.length}个实习年度都有待编组的学生：${years.map((p) => `${p.year}（${p.interns}人）`).join('、')}；请选择一个年度（year）分别预览和组建`)
  }
  return years[0]?.year ?? null
}

/** The year's ungrouped students and existing groups: one request per 1000 of each. */
export async function loadYear(year: string): Promise<YearInput> {
  const [students, groups] = await Promise.all([
    readAll<Student>(C.people, { kind: 'student', groupId: null, year }, {
      no: true, name: true, politicalStatus: true, province: true, city: true, unitId: true, year: true, joinedPartyAt: true
    }),
    readAll<YearGroup>(C.groups, { year }, { key: true, name: true, province: true, cities: true, counts: true })
  ])
  return { year, students, groups }
}

/** A group's id, derived from its formation key so that a resumed apply finds the groups it made. */
const groupIdOf = (key: string): string => createHash('sha256').update(key).digest('hex').slice(0, 32)

/** Plans the year: new groups for a year without groups, late starters into the existing ones otherwise. */
export function planYear(input: YearInput, targetGroupSize: number): FormationPlan {
  const prefix = `${input.year}/`
  const keyOf = new Map(input.groups.map((g) => [g._id, g.key]))
  const result = placeLateStarters(
    input.students.map((s) => ({
      id: s._id, studentNo: s.no, name: s.name, politicalStatus: s.politicalStatus!,
      province: s.province ?? '', city: s.city ?? '', unitId: s.unitId ?? undefined
    })),
    input.groups.map((g) => ({
      id: g._id, key: g.key.startsWith(prefix) ? g.key.slice(prefix.length) : g.key, name: g.name,
      province: g.province, cities: g.cities ?? [], counts: g.counts ?? EMPTY_COUNTS
    })),
    { targetGroupSize }
  )
  return {
    year: input.year,
    groups: result.groups.map((g) => ({ ...g, key: prefix + g.key, regionKey: prefix + g.regionKey, id: groupIdOf(prefix + g.key) })),
    joins: result.joins.map((j) => ({ ...j, key: keyOf.get(j.groupId)!, regionKey: prefix + j.regionKey })),
    regions: result.regions.map((r) => ({ ...r, key: prefix + r.key })),
    warnings: result.warnings
  }
}

/** Identifies the input of a formation: the year, who is to be placed where with which status, and the groups they may join. */
export function fingerprintOf(input: YearInput, targetGroupSize: number): string {
  const h = createHash('sha256')
  h.update(`v2|${input.year}|${targetGroupSize}\n`)
  for (const s of [...input.students].sort((a, b) => compareText(a._id, b._id))) {
    h.update(`${s._id}|${s.politicalStatus}|${s.province}|${s.city}\n`)
  }
  for (const g of [...input.groups].sort((a, b) => compareText(a._id, b._id))) {
    const c = g.counts ?? EMPTY_COUNTS
    h.update(`group|${g._id}|${g.key}|${g.name}|${g.province}|${(g.cities ?? []).join(',')}|${c.total},${c.partyMembers},${c.probationary},${c.activists},${c.others}\n`)
  }
  return h.digest('hex').slice(0, 32)
}
