import { contract } from '../../../types/contract'
import { database } from '../../common/app'
import { defineAction } from '../../common/dispatcher'
import { notFound } from '../../common/errors'
import { C, GroupDoc, PersonDoc } from '../../common/model'
import { countMembers, groupSummaryOf, memberViewOf } from '../../common/views'

/** Largest group a detail view lists in full. */
export const GROUP_MEMBERS_MAX = 1000

/** A group with its members, liaison, advisors and unit contacts. Four database requests. */
export const detail = defineAction({
  contract: contract.group.detail,
  group: (input) => input.groupId,
  handler: async (input, ctx) => {
    const db = database()
    const _ = db.command
    const group = ctx.caller.group?._id === input.groupId
      ? ctx.caller.group
      : ((await db.collection(C.groups).doc(input.groupId).get()).data[0] as GroupDoc | undefined) ?? null
    if (!group) throw notFound('党小组')
    const { data: memberDocs } = await db.collection(C.people).where({ groupId: group._id })
      .orderBy('no', 'asc').limit(GROUP_MEMBERS_MAX).get()
    const staffIds = [...group.advisorIds, ...group.unitContactIds]
    const staff = staffIds.length
      ? (await db.collection(C.people).where({ _id: _.in(staffIds) }).limit(staffIds.length).get()).data as PersonDoc[]
      : []
    const members = memberDocs as PersonDoc[]
    const byId = new Map(staff.map((p) => [p._id, p]))
    const pick = (ids: string[]) => ids.map((id) => byId.get(id)).filter((p): p is PersonDoc => !!p).map((p) => memberViewOf(p, ctx, group))
    const showInvite = ctx.reaches(group._id, ['liaison', 'advisor'])
    return {
      ...groupSummaryOf(group, countMembers(members)),
      ...(showInvite ? { inviteCode: group.inviteCode } : {}),
      members: members.map((p) => memberViewOf(p, ctx, group)),
      advisors: pick(group.advisorIds),
      unitContacts: pick(group.unitContactIds),
      liaisonId: group.liaisonId,
      coreMemberIds: group.coreMemberIds
    }
  }
})
