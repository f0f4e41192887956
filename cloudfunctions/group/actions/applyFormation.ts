/**
 * Forming the year's internship Party groups from a preview.
 *
 * A bulk job (one write per group), made safe to retry: the plan is stored under its
 * fingerprint before anything else is written, groups get ids derived from their keys,
 * and members are placed only while they have no group. Calling apply again with the same
 * fingerprint resumes an interrupted run or returns the finished one's result.
 */
import { groupActions, GroupCounts } from '../../../types/actions/group'
import { database } from '../../common/app'
import { randomCode } from '../../common/codes'
import { readAll, readByIds } from '../../common/db'
import { defineAction } from '../../common/dispatcher'
import { conflict, precondition } from '../../common/errors'
import { recountGroups } from '../../common/groupCounts'
import { C, GroupDoc } from '../../common/model'
import { fingerprintOf, groupIdOf, planByYear, ungroupedStudents } from '../formationPlan'
import { groupSortKey } from '../sortKey'

interface PlannedGroupRecord {
  id: string
  counts: GroupCounts
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

const GROUP_INVITE_CODE_LENGTH = 6

/** Plans the formation afresh and stores the plan under its fingerprint, before any group is written. */
async function recordPlan(fingerprint: string, targetGroupSize: number, now: Date): Promise<FormationDoc> {
  const db = database()
  const students = await ungroupedStudents()
  if (!students.length) throw precondition('没有待编组的学生')
  if (fingerprintOf(students, targetGroupSize) !== fingerprint) {
    throw conflict('名单在预览之后发生了变化，请重新预览后再确认')
  }
  const plan = planByYear(students, targetGroupSize)
  const { total: existing } = await db.collection(C.groups).where({ year: db.command.in(plan.years) }).count()
  if (existing) throw precondition('本年度已组建党小组：新增同学可凭邀请码加入，或由党总支调整所在小组')
  const record: FormationDoc = {
    _id: fingerprint,
    status: 'applying',
    groups: plan.groups.map((g) => ({
      id: groupIdOf(g.key), counts: g.counts, key: g.key, year: g.year, name: g.name, province: g.province, cities: g.cities,
      memberIds: g.memberIds, inviteCode: randomCode(GROUP_INVITE_CODE_LENGTH)
    })),
    placed: 0,
    createdAt: now,
    finishedAt: null
  }
  try {
    await db.collection(C.formations).add(record)
  } catch {
    throw conflict('另一次组建正在进行，请稍后刷新查看结果')
  }
  return record
}

/** Creates the planned groups that do not exist yet (all of them, unless resuming). */
async function createGroups(record: FormationDoc, now: Date): Promise<void> {
  const db = database()
  const existing = new Set((await readByIds<GroupDoc>(C.groups, record.groups.map((g) => g.id), { _id: true })).map((g) => g._id))
  const fresh: GroupDoc[] = record.groups.filter((g) => !existing.has(g.id)).map((g) => ({
    _id: g.id, key: g.key, year: g.year, name: g.name, province: g.province, sortKey: groupSortKey(g), cities: g.cities, inviteCode: g.inviteCode,
    liaisonId: null, liaisonName: null, coreMemberIds: [], advisorIds: [], advisorNames: [], unitContactIds: [],
    flagIssued: false, counts: g.counts, circles: {}, circlesVersion: 0, createdAt: now, updatedAt: now
  }))
  if (await redrawTakenInviteCodes(fresh)) {
    const codes = new Map(fresh.map((g) => [g._id, g.inviteCode]))
    await db.collection(C.formations).doc(record._id).update({ groups: record.groups.map((g) => ({ ...g, inviteCode: codes.get(g.id) ?? g.inviteCode })) })
  }
  for (let i = 0; i < fresh.length; i += 200) await db.collection(C.groups).add(fresh.slice(i, i + 200))
}

/** Invite codes are random; one that an existing group already uses is drawn again. */
async function redrawTakenInviteCodes(groups: GroupDoc[]): Promise<boolean> {
  const _ = database().command
  const taken = new Set((await readAll<GroupDoc>(C.groups, { inviteCode: _.in(groups.map((g) => g.inviteCode)) }, { inviteCode: true })).map((g) => g.inviteCode))
  let redrawn = false
  for (const g of groups) {
    while (taken.has(g.inviteCode)) {
      g.inviteCode = randomCode(GROUP_INVITE_CODE_LENGTH)
      redrawn = true
    }
    taken.add(g.inviteCode)
  }
  return redrawn
}

/** Places each planned member who still has no group; returns how many the plan's groups hold. */
async function placeMembers(record: FormationDoc, now: Date): Promise<number> {
  const db = database()
  const _ = db.command
  for (const g of record.groups) {
    for (let i = 0; i < g.memberIds.length; i += 1000) {
      await db.collection(C.people)
        .where({ _id: _.in(g.memberIds.slice(i, i + 1000)), groupId: null })
        .update({ groupId: g.id, history: _.push({ groupId: g.id, groupName: g.name, at: now, reason: '按实习区域组建党小组' }), updatedAt: now })
    }
  }
  // Counted afterwards, so a resumed run reports everyone its plan placed.
  const placed = (await db.collection(C.people).where({ groupId: _.in(record.groups.map((g) => g.id)) }).count()).total
  // Someone placed elsewhere meanwhile: the planned counts are off, count the members instead.
  if (placed !== record.groups.reduce((n, g) => n + g.memberIds.length, 0)) await recountGroups(record.groups.map((g) => g.id), now)
  return placed
}

export const applyFormation = defineAction({
  contract: groupActions.applyFormation,
  handler: async (input, ctx) => {
    const formations = database().collection(C.formations)
    let record = ((await formations.doc(input.fingerprint).get()).data[0] as FormationDoc | undefined) ?? null
    if (record?.status === 'done') return { groups: record.groups.length, placed: record.placed }
    record ??= await recordPlan(input.fingerprint, input.targetGroupSize, ctx.now)
    await createGroups(record, ctx.now)
    const placed = await placeMembers(record, ctx.now)
    await formations.doc(record._id).update({ status: 'done', placed, finishedAt: new Date() })
    return { groups: record.groups.length, placed }
  }
})
