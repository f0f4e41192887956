/** Loading a group and its members, as every domain that works on one group does. */
import { database } from './app'
import type { ActionContext } from './dispatcher'
import { notFound } from './errors'
import { C, GroupDoc, PersonDoc } from './model'

/** Largest group whose members are read in one request. */
const GROUP_MEMBERS_MAX = 1000

/** A group by id: the caller's own group costs no request (it came with the caller), another one. */
export async function loadGroup(ctx: ActionContext, groupId: string): Promise<GroupDoc> {
  if (ctx.caller.group?._id === groupId) return ctx.caller.group
  const group = (await database().collection(C.groups).doc(groupId).get()).data[0] as GroupDoc | undefined
  if (!group) throw notFound('党小组')
  return group
}

/** A group's members in student-number order, with only `fields` when given. One request. */
export async function membersOf<K extends keyof PersonDoc>(groupId: string, fields?: K[]): Promise<(Pick<PersonDoc, K | '_id'>)[]> {
  let q = database().collection(C.people).where({ groupId }).orderBy('no', 'asc').limit(GROUP_MEMBERS_MAX)
  if (fields) q = q.field(Object.fromEntries(fields.map((f) => [f, true])))
  return (await q.get()).data as Pick<PersonDoc, K | '_id'>[]
}
