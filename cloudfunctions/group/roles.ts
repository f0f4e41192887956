/**
 * Shared steps of the branch's assignments (liaison and core members, advisors, unit
 * contacts, the flag): the roles live on the group document, so each assignment is one
 * validated write.
 */
import { database } from '../common/app'
import { invalid, notFound } from '../common/errors'
import { C, PersonDoc, PersonKind } from '../common/model'

export type Assignee = Pick<PersonDoc, '_id' | 'name' | 'kind' | 'groupId'>

/** The people named, by id. One request. */
export async function assignees(ids: string[]): Promise<Map<string, Assignee>> {
  if (!ids.length) return new Map()
  const db = database()
  const { data } = await db.collection(C.people).where({ _id: db.command.in(ids) })
    .field({ name: true, kind: true, groupId: true }).limit(ids.length).get()
  return new Map((data as Assignee[]).map((p) => [p._id, p]))
}

/** Every id names a person of `kind`; refuses the first that does not. */
export function requireKind(found: Map<string, Assignee>, ids: string[], kind: PersonKind, label: string): Assignee[] {
  return ids.map((id) => {
    const p = found.get(id)
    if (!p) throw notFound(`${label}（${id}）`)
    if (p.kind !== kind) throw invalid(`${p.name}不是${label}`)
    return p
  })
}

/** Writes `fields` to the group. One request; refuses a group that does not exist. */
export async function updateGroup(groupId: string, fields: Record<string, unknown>, now: Date): Promise<void> {
  // updatedAt always changes, so `updated` is 0 only when the group does not exist.
  const { updated } = await database().collection(C.groups).where({ _id: groupId }).update({ ...fields, updatedAt: now })
  if (!updated) throw notFound('党小组')
}
