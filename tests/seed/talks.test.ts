/**
 * The demo school's talks, generated over synthetic schools at several "today"s: every talk
 * is a group advisor's (or its liaison's with their own members), in its term, never in
 * the future, with the key and id the talk function gives; follow-ups are done only once
 * due; most groups were talked with, a few hardly; the demo advisor has a follow-up past
 * due.
 */
import fc from 'fast-check'
import { generateTalks } from '../../scripts/seed/talks'
import { mulberry32 } from '../../scripts/seed/data'
import { Draw, School, schoolOf, SchoolGroup, SchoolStudent } from '../../scripts/seed/school'
import { chinaDay, seedSpan } from '../../scripts/seed/seasons'
import { TALK_KEY, talkKey } from '../../cloudfunctions/talk/model'

const YEAR = '2026-2027'

/** A school of `groups` groups of 20–40 students, two advisors each (some one), a liaison each. */
function syntheticSchool(groups: number, seed: number): School {
  const draw = new Draw(mulberry32(seed))
  const gs: SchoolGroup[] = []
  const students: SchoolStudent[] = []
  const staff: { _id: string; name: string }[] = []
  for (let g = 0; g < groups; g++) {
    const id = `g${g}`
    const size = draw.int(20, 40)
    const members = Array.from({ length: size }, (_, i) => ({ _id: `${id}-s${i}`, name: `学生${g}-${i}`, groupId: id, province: '河南省', city: '郑州市', unitName: '郑州市中心医院' }))
    students.push(...members)
    const advisors = Array.from({ length: draw.chance(0.2) ? 1 : 2 }, (_, i) => `t${g}-${i}`)
    staff.push(...advisors.map((a) => ({ _id: a, name: `教师${a}` })))
    gs.push({ _id: id, name: `小组${g}`, province: '河南省', cities: ['郑州市'], liaisonId: members[0]._id, coreMemberIds: [], advisorIds: advisors, unitContactIds: [] })
  }
  return schoolOf(YEAR, gs, students, staff, { groupId: 'g0', liaisonId: 'g0-s0', memberId: 'g0-s1', internId: 'g0-s2', advisorId: 't0-0' })
}

/** Seed clocks across the year: early autumn, the day before term 2, spring, after the year. */
const nows = fc.constantFrom('2026-08-20T04:00:00Z', '2026-11-30T16:30:00Z', '2026-12-31T15:59:00Z', '2027-03-15T02:00:00Z', '2027-08-01T00:00:00Z').map((s) => new Date(s))

describe('the seeded talks', () => {
  it('are advisors\' with their groups\' members (or liaisons\' with their own), in their term, never in the future; follow-ups done only once due', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 1e6 }), nows, (seed, now) => {
      const school = syntheticSchool(12, seed)
      const span = seedSpan(YEAR, now)
      const talks = generateTalks(school, span, now, new Draw(mulberry32(seed + 1)))
      const groups = new Map(school.groups.map((g) => [g._id, g]))
      const today = chinaDay(now)
      expect(new Set(talks.map((t) => t._id)).size).toBe(talks.length)
      for (const t of talks) {
        const g = groups.get(t.groupId)!
        expect(school.members.get(g._id)!.some((m) => m._id === t.studentId)).toBe(true)
        if (t.recorderRole === 'advisor') expect(g.advisorIds).toContain(t.recorderId)
        else expect([t.recorderRole, t.recorderId]).toEqual(['liaison', g.liaisonId])
        expect(t.recorderId).not.toBe(t.studentId)
        expect(t.date <= today && t.date >= '2026-07-01' && t.date <= '2027-06-30').toBe(true)
        expect(t.term).toBe(`${t.date < '2027-01-01' ? '2026-2027-1' : '2026-2027-2'}`)
        expect(t.key).toMatch(TALK_KEY)
        expect(t.key).toBe(talkKey(t.date, t.createdAt, t._id))
        expect(t.year).toBe(YEAR)
        expect(t.createdAt.getTime()).toBeLessThanOrEqual(now.getTime())
        if (t.followUpDone) expect(t.followUpDue! < today).toBe(true)
        if (t.followUp === null) expect([t.followUpDue, t.followUpDone]).toEqual([null, false])
      }
    }), { numRuns: 8 })
  })

  it('cover most members of most groups this term, a few groups hardly; the demo advisor has a follow-up past due', () => {
    const now = new Date('2026-11-30T08:00:00Z')
    const school = syntheticSchool(120, 42)
    const talks = generateTalks(school, seedSpan(YEAR, now), now, new Draw(mulberry32(43)))
    const coverage = school.groups.map((g) => new Set(talks.filter((t) => t.groupId === g._id && t.term === '2026-2027-1' && t.recorderRole === 'advisor').map((t) => t.studentId)).size / school.members.get(g._id)!.length)
    const sorted = [...coverage].sort((a, b) => a - b)
    expect(sorted[Math.floor(sorted.length / 2)]).toBeGreaterThan(0.4)
    expect(sorted[Math.floor(sorted.length / 2)]).toBeLessThan(0.9)
    expect(coverage.filter((c) => c < 0.2).length).toBeGreaterThan(0)
    expect(talks.some((t) => t.recorderRole === 'liaison')).toBe(true)
    expect(talks.some((t) => t.recorderId === 't0-0' && t.studentId === 'g0-s2' && !t.followUpDone && t.followUpDue! < '2026-11-30')).toBe(true)
  })
})

describe('before the year', () => {
  it('none before the year began', () => {
    const school = syntheticSchool(5, 3)
    const before = new Date('2026-06-20T00:00:00Z')
    expect(generateTalks(school, seedSpan(YEAR, before), before, new Draw(mulberry32(1)))).toEqual([])
  })
})
