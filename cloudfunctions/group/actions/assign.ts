/**
 * The branch assigns a group's liaison and core members, advisors and unit contacts. These
 * roles live on the group document, so each assignment is one validated write: three
 * database requests (caller, the people named, the group).
 */
import { contract } from '../../../types/contract'
import { database } from '../../common/app'
import { defineAction } from '../../common/dispatcher'
import { invalid, notFound } from '../../common/errors'
import { C, PersonDoc, PersonKind } from '../../common/model'

async function people(ids: string[]): Promise<Map<string, PersonDoc>> {
  if (!ids.length) return new Map()
  const db = database()
  const { data } = await db.collection(C.people).where({ _id: db.command.in(ids) })
    .field({ name: true, kind: true, groupId: true, politicalStatus: true }).limit(ids.length).get()
  return new Map((data as PersonDoc[]).map((p) => [p._id, p]))
}

function requireKind(found: Map<string, PersonDoc>, ids: string[], kind: PersonKind, label: string): PersonDoc[] {
  return ids.map((id) => {
    const p = found.get(id)
    if (!p) throw notFound(`${label}（${id}）`)
    if (p.kind !== kind) throw invalid(`${p.name}不是${label}`)
    return p
  })
}

async function updateGroup(groupId: string, fields: Record<string, unknown>, now: Date): Promise<void> {
  // updatedAt always changes, so `updated` is 0 only when the group does not exist.
  const { updated } = await database().collection(C.groups).where({ _id: groupId }).update({ ...fields, updatedAt: now })
  if (!updated) throw notFound('党小组')
}

export const assignRoles = defineAction({
  contract: contract.group.assignRoles,
  group: (input) => input.groupId,
  handler: async (input, ctx) => {
    const core = [...new Set(input.coreMemberIds)]
    if (input.liaisonId && core.includes(input.liaisonId)) throw invalid('联络员不必再列为骨干')
    const ids = [...(input.liaisonId ? [input.liaisonId] : []), ...core]
    const found = await people(ids)
    for (const p of requireKind(found, ids, 'student', '本组学生')) {
      if (p.groupId !== input.groupId) throw invalid(`${p.name}不在本党小组`)
    }
    const liaison = input.liaisonId ? found.get(input.liaisonId)! : null
    await updateGroup(input.groupId, { liaisonId: liaison?._id ?? null, liaisonName: liaison?.name ?? null, coreMemberIds: core }, ctx.now)
    return { liaisonId: liaison?._id ?? null, coreMemberIds: core }
  }
})

export const assignAdvisors = defineAction({
  contract: contract.group.assignAdvisors,
  group: (input) => input.groupId,
  handler: async (input, ctx) => {
    const ids = [...new Set(input.advisorIds)]
    const advisors = requireKind(await people(ids), ids, 'teacher', '指导教师')
    await updateGroup(input.groupId, { advisorIds: ids, advisorNames: advisors.map((a) => a.name) }, ctx.now)
    return { advisorIds: ids }
  }
})

export const assignUnitContacts = defineAction({
  contract: contract.group.assignUnitContacts,
  group: (input) => input.groupId,
  handler: async (input, ctx) => {
    const ids = [...new Set(input.unitContactIds)]
    requireKind(await people(ids), ids, 'unitContact', '实习单位联系人')
    await updateGroup(input.groupId, { unitContactIds: ids }, ctx.now)
    return { unitContactIds: ids }
  }
})

export const setFlagIssued = defineAction({
  contract: contract.group.setFlagIssued,
  group: (input) => input.groupId,
  handler: async (input, ctx) => {
    await updateGroup(input.groupId, { flagIssued: input.issued }, ctx.now)
    return { flagIssued: input.issued }
  }
})
