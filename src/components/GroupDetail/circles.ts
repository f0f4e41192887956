/**
 * "1+10" circles as far as the function's view of a group tells them, and no further:
 * a member's `mentorId` is present only for those entitled to see it (the liaison,
 * advisors and admins see every member's; a member their own; a mentor their mentees').
 * Nothing here decides who may see what: it reads which fields the reply carries.
 */
import type { ActionOutput } from '../../../types/contract'
import { isPartyMember } from '../../../types/domain'

export type GroupDetail = ActionOutput<'group', 'detail'>
export type MemberView = GroupDetail['members'][number]

export interface Circle {
  mentorId: string
  /** the mentor as the reply shows them; null when they are not among the members */
  mentor: MemberView | null
  mentees: MemberView[]
}

export type CircleView =
  /** every member's mentor is in the reply: the whole group's circles */
  | {
    kind: 'all'
    circles: Circle[]
    /** ordinary students (status shown and not a Party member) without a mentor */
    withoutMentor: MemberView[]
    /** ordinary students, and how many of them have a mentor */
    ordinary: number
    withMentor: number
  }
  /** the viewer's own place: their mentor (null: none yet; undefined: not shown) and their mentees */
  | { kind: 'mine'; myMentor: MemberView | null | undefined; myMentees: MemberView[] }
  | { kind: 'none' }

const isOrdinary = (m: MemberView): boolean => m.politicalStatus !== undefined && !isPartyMember(m.politicalStatus)

/** The circles the reply shows: the whole group's when every member carries `mentorId`, else the viewer's own. */
export function circleViewOf(members: MemberView[], viewerId: string | null | undefined): CircleView {
  if (members.length && members.every((m) => m.mentorId !== undefined)) return wholeGroup(members)
  return viewerId ? ownPlace(members, viewerId) : { kind: 'none' }
}

function wholeGroup(members: MemberView[]): CircleView {
  const byId = new Map(members.map((m) => [m.id, m]))
  const circles = new Map<string, Circle>()
  for (const m of members) {
    if (!m.mentorId) continue
    const circle = circles.get(m.mentorId) ?? { mentorId: m.mentorId, mentor: byId.get(m.mentorId) ?? null, mentees: [] }
    circle.mentees.push(m)
    circles.set(m.mentorId, circle)
  }
  const ordinary = members.filter(isOrdinary)
  const withoutMentor = ordinary.filter((m) => !m.mentorId)
  return { kind: 'all', circles: [...circles.values()], withoutMentor, ordinary: ordinary.length, withMentor: ordinary.length - withoutMentor.length }
}

function ownPlace(members: MemberView[], viewerId: string): CircleView {
  const me = members.find((m) => m.id === viewerId)
  const myMentees = members.filter((m) => m.id !== viewerId && m.mentorId === viewerId)
  // A Party member is a mentor, never a mentee: "no mentor yet" says nothing to them.
  const mentorShown = me !== undefined && me.mentorId !== undefined && !(me.politicalStatus && isPartyMember(me.politicalStatus))
  let myMentor: MemberView | null | undefined
  // A mentor who is not among the members is not shown, rather than shown as "none".
  if (mentorShown) myMentor = me.mentorId === null ? null : members.find((m) => m.id === me.mentorId)
  if (myMentor === undefined && !myMentees.length) return { kind: 'none' }
  return { kind: 'mine', myMentor, myMentees }
}
