/**
 * How people and groups are shown to a caller. Sensitive fields are added only for those
 * entitled: political status to the person, their group's liaison and advisors, and
 * admins; phone numbers to admins. Everything derived from political status follows the
 * same rule: "1+10" circles name Party members as mentors, so a mentor is shown only to
 * those who see statuses, to the mentee themself and to the mentor themself.
 */
import type { z } from 'zod'
import type { memberView } from '../../types/actions/group'
import type { GroupCounts, groupSummary } from '../../types/groups'
import { groupRoleOf } from './caller'
import type { ActionContext } from './dispatcher'
import { EMPTY_COUNTS } from './groupCounts'
import type { GroupDoc, PersonDoc } from './model'

export type MemberView = z.input<typeof memberView>
export type GroupSummaryView = z.input<typeof groupSummary>

/** Who may see political statuses of a group's members, and what is derived from them. */
const seesPoliticalStatus = (ctx: ActionContext, groupId: string | null): boolean =>
  ctx.reaches(groupId, ['liaison', 'advisor'])

export function mentorOf(group: Pick<GroupDoc, 'circles'> | null, personId: string): string | null {
  if (!group) return null
  for (const [mentor, mentees] of Object.entries(group.circles ?? {})) if (mentees.includes(personId)) return mentor
  return null
}

export function memberViewOf(p: PersonDoc, ctx: ActionContext, group: GroupDoc | null): MemberView {
  const ownGroup = group && p.groupId === group._id ? group : null
  const me = ctx.caller.person?._id
  const self = me === p._id
  const entitled = seesPoliticalStatus(ctx, group?._id ?? p.groupId)
  const mentorId = mentorOf(group, p._id)
  const view: MemberView = {
    id: p._id,
    name: p.name,
    kind: p.kind,
    groupRole: groupRoleOf(p._id, ownGroup),
    unitName: p.unitName,
    major: p.major
  }
  if (entitled || self || (mentorId !== null && mentorId === me)) view.mentorId = mentorId
  if (p.politicalStatus && (self || entitled)) view.politicalStatus = p.politicalStatus
  if (p.phone && ctx.caller.roles.includes('admin')) view.phone = p.phone
  return view
}

/** A group as lists show it; `counts` are the kept ones unless given. */
export function groupSummaryOf(g: Pick<GroupDoc, '_id' | 'name' | 'year' | 'province' | 'cities' | 'counts' | 'liaisonName' | 'advisorNames' | 'flagIssued'>,
  counts: GroupCounts = g.counts ?? EMPTY_COUNTS): GroupSummaryView {
  return {
    id: g._id,
    name: g.name,
    year: g.year,
    province: g.province,
    cities: g.cities,
    counts,
    liaisonName: g.liaisonName,
    advisorNames: g.advisorNames,
    flagIssued: g.flagIssued
  }
}
