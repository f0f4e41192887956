/**
 * Forming the year's internship Party groups by region: preview, then apply.
 *
 * Apply is a bulk job (one write per group), made safe to retry: the plan is stored under
 * its fingerprint before anything else is written, groups get ids derived from their keys,
 * and members are placed only while they have no group. Calling apply again with the same
 * fingerprint resumes an interrupted run or returns the finished one's result.
 */
import { createHash } from 'node:crypto'
import type { PoliticalStatus } from '../../../types/domain'
import { contract } from '../../../types/contract'
import { database } from '../../common/app'
import { randomCode } from '../../common/codes'
import { readAll, readByIds } from '../../common/db'
import { defineAction } from '../../common/dispatcher'
import { conflict, precondition } from '../../common/errors'
import { formGroupsByRegion, FormationIntern } from '../../common/formation'
import { C, GroupDoc, PersonDoc } from '../../common/model'
import { rankCandidates } from './suggestLiaisons'

type Student = Pick<PersonDoc, '_id' | 'no' | 'name' | 'politicalStatus' | 'province' | 'city' | 'unitId' | 'year' | 'joinedPartyAt'>

interface PlannedGroupRecord {
  id: string
  key: string
  year: string
  name: string
  province: string
  cities: string[]
  memberIds: string[]
  inviteCode: string
}

interface FormationDoc {
  _id: string // the fingerprint
  status: 'applying' | 'done'
  groups: PlannedGroupRecord[]
  /** how many the finished run placed */
  placed: number
  createdAt: Date
  finishedAt: Date | null
}

async function ungroupedStudents(): Promise<Student[]> {
  return readAll<Student>(C.people, { kind: 'student', groupId: null }, {
    no: true, name: true, politicalStatus: true, province: true, city: true, unitId: true, year: true, joinedPartyAt: true
  })
}

/** Forms each internship year's ungrouped students separately. */
function plan(students: Student[], targetGroupSize: number) {
  const byYear = new Map<string, Student[]>()
  for (const s of students) {
    const year = s.year ?? '未分年度'
    byYear.set(year, [...(byYear.get(year) ?? []), s])
  }
  const years = [...byYear.keys()].sort()
  const groups: (ReturnType<typeof formGroupsByRegion>['groups'][number] & { year: string })[] = []
  const regions: ReturnType<typeof formGroupsByRegion>['regions'] = []
  const warnings: string[] = []
  for (const year of years) {
    const interns: FormationIntern[] = byYear.get(year)!.map((s) => ({
      id: s._id, studentNo: s.no, name: s.name, politicalStatus: s.politicalStatus as PoliticalStatus,
      province: s.province ?? '', city: s.city ?? '', unitId: s.unitId ?? undefined
    }))
    const r = formGroupsByRegion(interns, { targetGroupSize })
    groups.push(...r.groups.map((g) => ({ ...g, key: `${year}/${g.key}`, year })))
    regions.push(...r.regions.map((g) => ({ ...g, key: `${year}/${g.key}` })))
    warnings.push(...r.warnings.map((w) => (years.length > 1 ? `${year}：${w}` : w)))
  }
  return { groups, regions, warnings, years }
}

/** Identifies the input of a formation: who is to be placed, where, with which status. */
function fingerprintOf(students: Student[], targetGroupSize: number): string {
  const h = createHash('sha256')
  h.update(`v1|${targetGroupSize}\n`)
  for (const s of [...students].sort((a, b) => (a._id < b._id ? -1 : 1))) {
    h.update(`${s._id}|${s.politicalStatus}|${s.province}|${s.city}|${s.year}\n`)
  }
  return h.digest('hex').slice(0, 32)
}

const groupIdOf = (key: string): string => createHash('sha256').update(key).digest('hex').slice(0, 32)

export const previewFormation = defineAction({
  contract: contract.group.previewFormation,
  handler: async (input) => {
    const students = await ungroupedStudents()
    const p = plan(students, input.targetGroupSize)
    const byId = new Map(students.map((s) => [s._id, s]))
    if (!students.length) p.warnings.push('没有待编组的学生：请先导入名单，或所有学生均已编入党小组')
    return {
      fingerprint: fingerprintOf(students, input.targetGroupSize),
      interns: students.length,
      groups: p.groups.map((g) => ({
        key: g.key,
        name: g.name,
        province: g.province,
        cities: g.cities,
        counts: g.counts,
        suggestedLiaisons: rankCandidates(g.memberIds.map((id) => byId.get(id)!)).slice(0, 3).map((c) => ({ id: c._id, name: c.name }))
      })),
      regions: p.regions,
      warnings: p.warnings
    }
  }
})

export const applyFormation = defineAction({
  contract: contract.group.applyFormation,
  handler: async (input, ctx) => {
    const db = database()
    const _ = db.command
    const formations = db.collection(C.formations)
    let record = ((await formations.doc(input.fingerprint).get()).data[0] as FormationDoc | undefined) ?? null
    if (record?.status === 'done') return { groups: record.groups.length, placed: record.placed }

    if (!record) {
      const students = await ungroupedStudents()
      if (!students.length) throw precondition('没有待编组的学生')
      if (fingerprintOf(students, input.targetGroupSize) !== input.fingerprint) {
        throw conflict('名单在预览之后发生了变化，请重新预览后再确认')
      }
      const p = plan(students, input.targetGroupSize)
      const { total: existing } = await db.collection(C.groups).where({ year: _.in(p.years) }).count()
      if (existing) throw precondition('本年度已组建党小组：新增同学可凭邀请码加入，或由党总支调整所在小组')
      record = {
        _id: input.fingerprint,
        status: 'applying',
        groups: p.groups.map((g) => ({
          id: groupIdOf(g.key), key: g.key, year: g.year, name: g.name, province: g.province, cities: g.cities,
          memberIds: g.memberIds, inviteCode: randomCode(6)
        })),
        placed: 0,
        createdAt: ctx.now,
        finishedAt: null
      }
      try {
        await formations.add(record)
      } catch {
        throw conflict('另一次组建正在进行，请稍后刷新查看结果')
      }
    }

    // Groups not created yet (all of them, unless resuming).
    const existing = new Set((await readByIds<GroupDoc>(C.groups, record.groups.map((g) => g.id), { _id: true })).map((g) => g._id))
    const fresh: GroupDoc[] = record.groups.filter((g) => !existing.has(g.id)).map((g) => ({
      _id: g.id, key: g.key, year: g.year, name: g.name, province: g.province, cities: g.cities, inviteCode: g.inviteCode,
      liaisonId: null, liaisonName: null, coreMemberIds: [], advisorIds: [], advisorNames: [], unitContactIds: [],
      flagIssued: false, circles: {}, circlesVersion: 0, createdAt: ctx.now, updatedAt: ctx.now
    }))
    // Invite codes are random; one that an existing group already uses is drawn again.
    const taken = new Set((await readAll<GroupDoc>(C.groups, { inviteCode: _.in(fresh.map((g) => g.inviteCode)) }, { inviteCode: true })).map((g) => g.inviteCode))
    let redrawn = false
    for (const g of fresh) {
      while (taken.has(g.inviteCode)) {
        g.inviteCode = randomCode(6)
        redrawn = true
      }
      taken.add(g.inviteCode)
    }
    if (redrawn) {
      const codes = new Map(fresh.map((g) => [g._id, g.inviteCode]))
      await formations.doc(record._id).update({ groups: record.groups.map((g) => ({ ...g, inviteCode: codes.get(g.id) ?? g.inviteCode })) })
    }
    for (let i = 0; i < fresh.length; i += 200) await db.collection(C.groups).add(fresh.slice(i, i + 200))

    for (const g of record.groups) {
      for (let i = 0; i < g.memberIds.length; i += 1000) {
        await db.collection(C.people)
          .where({ _id: _.in(g.memberIds.slice(i, i + 1000)), groupId: null })
          .update({ groupId: g.id, history: _.push({ groupId: g.id, groupName: g.name, at: ctx.now, reason: '按实习区域组建党小组' }), updatedAt: ctx.now })
      }
    }
    // Counted afterwards, so a resumed run reports everyone its plan placed.
    const { total: placed } = await db.collection(C.people).where({ groupId: _.in(record.groups.map((g) => g.id)) }).count()
    await formations.doc(record._id).update({ status: 'done', placed, finishedAt: new Date() })
    return { groups: record.groups.length, placed }
  }
})
