/**
 * Member counts kept on each group document (`counts`), so that a list of groups reads
 * only the groups it shows. Single moves keep them with atomic increments beside the
 * membership change; bulk jobs (forming groups, importing the roster) recount the groups
 * they touched; `group.detail`, which reads every member anyway, repairs a count that
 * drifted (a call interrupted between its two writes).
 */
import type { GroupCounts } from '../../types/groups'
import { database } from './app'
import { C, PersonDoc } from './model'
import { countMembers } from './people'

export const EMPTY_COUNTS: GroupCounts = Object.freeze(countMembers([])) as GroupCounts

/** `_.inc` on each bucket of `rows` that changes. */
function incrementsOf(rows: { politicalStatus: PersonDoc['politicalStatus']; n: number }[]): Record<string, unknown> {
  const inc = database().command.inc
  const change = countMembers(rows)
  return Object.fromEntries(Object.entries(change).filter(([, n]) => n !== 0).map(([k, n]) => [`counts.${k}`, inc(n)]))
}

/** The update that adds `delta` members of `status` to a group's counts (`_.inc` on each bucket). */
export function countsChange(status: PersonDoc['politicalStatus'], delta: number): Record<string, unknown> {
  return incrementsOf([{ politicalStatus: status, n: delta }])
}

/** The update that moves one member of a group from status `from` to `to` (e.g. probationary to member). */
export function statusMoveChange(from: PersonDoc['politicalStatus'], to: PersonDoc['politicalStatus']): Record<string, unknown> {
  return incrementsOf([{ politicalStatus: from, n: -1 }, { politicalStatus: to, n: 1 }])
}

export const sameCounts = (a: GroupCounts | undefined, b: GroupCounts): boolean =>
  !!a && (Object.keys(b) as (keyof GroupCounts)[]).every((k) => a[k] === b[k])

/** Member counts of groups from their members: one aggregation request per 200 groups. */
export async function countsByGroup(groupIds: string[]): Promise<Map<string, GroupCounts>> {
  const rows = new Map<string, { politicalStatus: PersonDoc['politicalStatus']; n: number }[]>(groupIds.map((id) => [id, []]))
  const db = database()
  const $ = db.command.aggregate
  for (let i = 0; i < groupIds.length; i += 200) {
    const { data } = await db.collection(C.people).aggregate()
      .match({ groupId: db.command.in(groupIds.slice(i, i + 200)) })
      .group({ _id: { groupId: '$groupId', politicalStatus: '$politicalStatus' }, n: $.sum(1) })
      .limit(1000)
      .end()
    for (const row of data as { _id: { groupId: string; politicalStatus: PersonDoc['politicalStatus'] }; n: number }[]) {
      rows.get(row._id.groupId)?.push({ politicalStatus: row._id.politicalStatus, n: row.n })
    }
  }
  return new Map([...rows].map(([id, r]) => [id, countMembers(r)]))
}

/** Recounts the groups' members and stores the counts (bulk jobs, after they move many people). */
export async function recountGroups(groupIds: string[], now: Date): Promise<void> {
  const db = database()
  for (const [id, counts] of await countsByGroup([...new Set(groupIds)])) {
    await db.collection(C.groups).doc(id).update({ counts: db.command.set(counts), updatedAt: now })
  }
}
