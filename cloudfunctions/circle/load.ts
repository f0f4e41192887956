import { database } from '../common/app'
import type { ActionContext } from '../common/dispatcher'
import { loadGroup, membersOf } from '../common/groups'
import { C, GroupDoc, PersonDoc } from '../common/model'

export type CircleMember = Pick<PersonDoc, '_id' | 'no' | 'name' | 'kind' | 'politicalStatus' | 'groupId'>

/** A group and its members as circles need them: at most two requests. */
export async function groupWithMembers(ctx: ActionContext, groupId: string): Promise<{ group: GroupDoc; members: CircleMember[] }> {
  const group = await loadGroup(ctx, groupId)
  const members = await membersOf(groupId, ['no', 'name', 'kind', 'politicalStatus', 'groupId'])
  return { group, members }
}

/** Writes a group's circles if nobody changed them since they were read. */
export async function saveCircles(group: GroupDoc, circles: Record<string, string[]>, now: Date): Promise<boolean> {
  const db = database()
  const { updated } = await db.collection(C.groups).where({ _id: group._id, circlesVersion: group.circlesVersion ?? 0 })
    .update({ circles: db.command.set(circles), circlesVersion: db.command.inc(1), updatedAt: now })
  return updated === 1
}

export const CIRCLES_CHANGED_MESSAGE = '联系圈刚刚被其他人修改，请刷新后重试'
