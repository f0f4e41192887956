/**
 * How people and groups are shown to a caller. Sensitive fields are added only for those
 * entitled: political status to the person, their group's liaison and advisors, and
 * admins; phone numbers to admins.
 */
import type { z } from 'zod'
import type { groupSummary, memberView } from '../../types/actions/group'
import { database } from './app'
import { groupRoleOf } from './caller'
import type { ActionContext } from './dispatcher'
import { C, GroupDoc, PersonDoc } from './model'
import { isParty } from './people'

export type MemberView = z.input<typeof memberView>
export type GroupSummaryView = z.input<typeof groupSummary>

/** Who may see political statuses of a group's members. */
export const seesPoliticalStatus = (ctx: ActionContext, groupId: string | null): boolean =>
  ctx.reaches(groupId, ['liaison', 'advisor'])

export function mentorOf(group: Pick<GroupDoc, 'circles'> | null, personId: string): string | null {
  if (!group) return null
  for (const [mentor, mentees] of Object.entries(group.circles ?? {})) if (mentees.includes(personId)) return mentor
  return null
}

export function memberViewOf(p: PersonDoc, ctx: ActionContext, group: GroupDoc | null): MemberView {
  const ownGroup = group && p.groupId === group._id ? group : null
  const self = ctx.caller.person?._id === p._id
  const view: MemberView = {
    id: p._id,
    name: p.name,
    kind: p.kind,
    groupRole: groupRoleOf(p._id, ownGroup),
    unitName: p.unitName,
    major: p.major,
    mentorId: mentorOf(group, p._id)
  }
  if (p.politicalStatus && (self || seesPoliticalStatus(ctx, group?._id ?? p.groupId))) view.politicalStatus = p.politicalStatus
  if (p.phone && ctx.caller.roles.includes('admin')) view.phone = p.phone
  return view
}

export interface Counts { total: number; partyMembers: number; probationary: number; activists: number; others: number }

export function countMembers(members: Pick<PersonDoc, 'politicalStatus'>[]): Counts {
  const c: Counts = { total: 0, partyMembers: 0, probationary: 0, activists: 0, others: 0 }
  for (const m of members) {
    c.total++
    if (isParty(m)) c.partyMembers++
    else if (m.politicalStatus === 'activist') c.activists++
    else c.others++
    if (m.politicalStatus === 'probationary') c.probationary++
  }
  return c
}

/** Member counts of several groups in one aggregation request. */
export async function countsByGroup(groupIds: string[]): Promise<Map<string, Counts>> {
  const out = new Map<string, Counts>(groupIds.map((id) => [id, countMembers([])]))
  if (!groupIds.length) return out
  const db = database()
  const $ = db.command.aggregate
  const { data } = await db.collection(C.people).aggregate()
    .match({ groupId: db.command.in(groupIds) })
    .group({ _id: { groupId: '$groupId', politicalStatus: '$politicalStatus' }, n: $.sum(1) })
    .limit(1000)
    .end()
  for (const row of data as { _id: { groupId: string; politicalStatus: PersonDoc['politicalStatus'] }; n: number }[]) {
    const c = out.get(row._id.groupId)
    if (!c) continue
    const add = countMembers(Array(row.n).fill({ politicalStatus: row._id.politicalStatus }))
    for (const k of Object.keys(c) as (keyof Counts)[]) c[k] += add[k]
  }
  return out
}

export function groupSummaryOf(g: GroupDoc, counts: Counts): GroupSummaryView {
  return {
    id: g._id,
    name: g.name,
    province: g.province,
    cities: g.cities,
    counts,
    liaisonName: g.liaisonName,
    advisorNames: g.advisorNames,
    flagIssued: g.flagIssued
  }
}
