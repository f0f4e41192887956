import { database } from '../common/app'
import type { ActionContext } from '../common/dispatcher'
import { notFound } from '../common/errors'
import { C, GroupDoc, PersonDoc } from '../common/model'
import { GROUP_MEMBERS_MAX } from '../group/actions/detail'

/** A group and its members: the caller's own group costs no request, another one one. */
export async function groupWithMembers(ctx: ActionContext, groupId: string): Promise<{ group: GroupDoc; members: PersonDoc[] }> {
  const db = database()
  const group = ctx.caller.group?._id === groupId
    ? ctx.caller.group
    : ((await db.collection(C.groups).doc(groupId).get()).data[0] as GroupDoc | undefined)
  if (!group) throw notFound('党小组')
  const { data } = await db.collection(C.people).where({ groupId })
    .field({ no: true, name: true, kind: true, politicalStatus: true, groupId: true }).limit(GROUP_MEMBERS_MAX).get()
  return { group, members: data as PersonDoc[] }
}

/** Writes a group's circles if nobody changed them since they were read. */
export async function saveCircles(group: GroupDoc, circles: Record<string, string[]>, now: Date): Promise<boolean> {
  const db = database()
  const { updated } = await db.collection(C.groups).where({ _id: group._id, circlesVersion: group.circlesVersion ?? 0 })
    .update({ circles: db.command.set(circles), circlesVersion: db.command.inc(1), updatedAt: now })
  return updated === 1
}
