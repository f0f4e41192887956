import { groupActions } from '../../../types/actions/group'
import { database } from '../../common/app'
import { defineAction } from '../../common/dispatcher'
import { sameCounts } from '../../common/groupCounts'
import { loadGroup, membersOf } from '../../common/groups'
import { C, PersonDoc } from '../../common/model'
import { countMembers } from '../../common/people'
import { groupSummaryOf, memberViewOf } from '../../common/views'

/** A group with its members, liaison, advisors and unit contacts. Four database requests (five to repair drifted counts). */
export const detail = defineAction({
  contract: groupActions.detail,
  group: (input) => input.groupId,
  handler: async (input, ctx) => {
    const db = database()
    const group = await loadGroup(ctx, input.groupId)
    const members = await membersOf(group._id) as PersonDoc[]
    const staffIds = [...group.advisorIds, ...group.unitContactIds]
    const staff = staffIds.length
      ? (await db.collection(C.people).where({ _id: db.command.in(staffIds) }).limit(staffIds.length).get()).data as PersonDoc[]
      : []
    const byId = new Map(staff.map((p) => [p._id, p]))
    const pick = (ids: string[]) => ids.map((id) => byId.get(id)).filter((p): p is PersonDoc => !!p).map((p) => memberViewOf(p, ctx, group))
    const showInvite = ctx.reaches(group._id, ['liaison', 'advisor'])
    const counts = countMembers(members)
    // The members are at hand: repair kept counts that drifted (rare: an interrupted move).
    if (!sameCounts(group.counts, counts)) await db.collection(C.groups).doc(group._id).update({ counts: db.command.set(counts) })
    return {
      ...groupSummaryOf(group, counts),
      ...(showInvite ? { inviteCode: group.inviteCode } : {}),
      members: members.map((p) => memberViewOf(p, ctx, group)),
      advisors: pick(group.advisorIds),
      unitContacts: pick(group.unitContactIds),
      liaisonId: group.liaisonId,
      coreMemberIds: group.coreMemberIds,
      viewerId: ctx.caller.person?._id ?? null
    }
  }
})
