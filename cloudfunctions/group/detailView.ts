/**
 * A group as its detail shows it, read once for both `detail` and the branch's `manage`:
 * the group, its members and its advisors and unit contacts.
 */
import { database } from '../common/app'
import type { ActionContext } from '../common/dispatcher'
import { sameCounts } from '../common/groupCounts'
import { loadGroup, membersOf } from '../common/groups'
import { C, PersonDoc } from '../common/model'
import { countMembers } from '../common/people'
import { groupSummaryOf, memberViewOf } from '../common/views'

/** The detail view and the member documents it was drawn from. Three requests (four to repair drifted counts). */
export async function readGroupDetail(ctx: ActionContext, groupId: string) {
  const db = database()
  const group = await loadGroup(ctx, groupId)
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
  const view = {
    ...groupSummaryOf(group, counts),
    ...(showInvite ? { inviteCode: group.inviteCode } : {}),
    members: members.map((p) => memberViewOf(p, ctx, group)),
    advisors: pick(group.advisorIds),
    unitContacts: pick(group.unitContactIds),
    liaisonId: group.liaisonId,
    coreMemberIds: group.coreMemberIds,
    viewerId: ctx.caller.person?._id ?? null
  }
  return { view, members }
}
