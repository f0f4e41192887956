/**
 * "1+10" circles (1+10联系制): each Party member of a group looks after up to ten ordinary
 * students of the same group. Pure functions over a group's members and its circles map.
 */
import { compareText } from '../../types/domain'
import type { PersonDoc } from '../common/model'
import { isOrdinary, isParty } from '../common/people'

export const MENTEES_MAX = 10

export type Circles = Record<string, string[]>
type Member = Pick<PersonDoc, '_id' | 'no' | 'name' | 'kind' | 'politicalStatus'>

const byNo = (a: Member, b: Member): number => compareText(a.no, b.no)

/** The circles restricted to people who still qualify: mentors are Party members of the
 * group, mentees its ordinary students, each mentee once, at most ten per mentor. */
export function validCircles(members: Member[], circles: Circles): Circles {
  const mentors = new Set(members.filter(isParty).map((m) => m._id))
  const ordinary = new Set(members.filter(isOrdinary).map((m) => m._id))
  const seen = new Set<string>()
  const out: Circles = {}
  for (const mentor of Object.keys(circles).sort()) {
    if (!mentors.has(mentor)) continue
    out[mentor] = (circles[mentor] ?? []).filter((id) => ordinary.has(id) && !seen.has(id) && seen.add(id)).slice(0, MENTEES_MAX)
  }
  return out
}

/**
 * Assigns every ordinary student without a mentor to the Party member with the fewest
 * mentees (ties: lower student number), keeping existing valid pairs. Deterministic.
 */
export function autoAssign(members: Member[], current: Circles): { circles: Circles; unassigned: string[] } {
  const circles = validCircles(members, current)
  const mentors = members.filter(isParty).sort(byNo)
  for (const m of mentors) circles[m._id] ??= []
  const assigned = new Set(Object.values(circles).flat())
  const unassigned: string[] = []
  for (const s of members.filter(isOrdinary).sort(byNo)) {
    if (assigned.has(s._id)) continue
    let best: Member | null = null
    for (const m of mentors) {
      const n = circles[m._id].length
      if (n >= MENTEES_MAX) continue
      if (!best || n < circles[best._id].length) best = m
    }
    if (!best) {
      unassigned.push(s._id)
      continue
    }
    circles[best._id].push(s._id)
  }
  return { circles, unassigned }
}

/** Ordinary students with a mentor, all ordinary students, and the share (1 when there are none). */
export function coverageRatio(withMentor: number, ordinary: number): { withMentor: number; ordinary: number; ratio: number } {
  return { withMentor, ordinary, ratio: ordinary ? Math.round((withMentor / ordinary) * 10000) / 10000 : 1 }
}

export function coverageOf(members: Member[], circles: Circles): { withMentor: number; ordinary: number; ratio: number } {
  const valid = validCircles(members, circles)
  return coverageRatio(Object.values(valid).reduce((n, list) => n + list.length, 0), members.filter(isOrdinary).length)
}
