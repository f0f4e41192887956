/**
 * The demo school's dual cultivation as generated (pure): each file's counts are its
 * observations on each side, written by that side's contact, on days from when the person
 * came under cultivation to today; a unit contact is one of the group's; each six-month
 * review falls six months after the start or the review before, held on or after its day
 * and before today; the demo group's people have the development advisor and unit contact.
 */
import fc from 'fast-check'
import { addMonths } from '../../cloudfunctions/cultivation/due'
import { Cultivated, CultivationGroup, generateCultivation } from '../../scripts/seed/cultivation'
import { mulberry32 } from '../../scripts/seed/data'

const NOW = new Date('2026-11-30T04:00:00Z')
const TODAY = '2026-11-30'
const days: string[] = []
for (let d = '2026-07-01'; d <= TODAY; d = new Date(Date.parse(`${d}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10)) days.push(d)

const groups: CultivationGroup[] = [
  { _id: 'g-demo', advisorIds: ['t1'], unitContactIds: ['u1', 'u2'] },
  { _id: 'g2', advisorIds: ['t2', 't3'], unitContactIds: ['u3'] },
  { _id: 'g3', advisorIds: ['t4'], unitContactIds: [] }
]
const staffNames = new Map(['t1', 't2', 't3', 't4', 'u1', 'u2', 'u3', 'dev-u'].map((id) => [id, `姓名${id}`]))
const cast = { groupId: 'g-demo', advisorId: 't1', unitContactId: 'dev-u', admin: { id: 'admin', name: '党总支管理员' } }

const person = fc.record({
  groupId: fc.constantFrom('g-demo', 'g2', 'g3', null),
  politicalStatus: fc.constantFrom('activist' as const, 'probationary' as const),
  since: fc.integer({ min: 0, max: 900 })
})

describe('the seeded dual cultivation', () => {
  it('keeps every file consistent with its observations and reviews', () => {
    fc.assert(fc.property(fc.array(person, { minLength: 1, maxLength: 40 }), fc.integer(), (specs, seed) => {
      const people: Cultivated[] = specs.map((s, i) => ({
        _id: `p${i}`, name: `同学${i}`, no: `2023${String(i).padStart(6, '0')}`, groupId: s.groupId, year: '2026-2027', politicalStatus: s.politicalStatus,
        activistSince: new Date(Date.parse('2024-06-01T00:00:00Z') + s.since * 86_400_000).toISOString().slice(0, 10)
      }))
      const { files, observations } = generateCultivation(people, groups, staffNames, days, NOW, cast, mulberry32(seed))
      for (const f of files) {
        const p = people.find((x) => x._id === f._id)!
        expect(p.groupId).not.toBeNull()
        const mine = observations.filter((o) => o.personId === f._id)
        expect(f.counts).toEqual({ school: mine.filter((o) => o.side === 'school').length, unit: mine.filter((o) => o.side === 'unit').length })
        for (const o of mine) {
          expect(o.authorId).toBe(o.side === 'school' ? f.schoolContactId : f.unitContactId)
          expect(o.date <= TODAY && o.date >= '2026-07-01' && o.date >= p.activistSince!).toBe(true)
        }
        if (f.groupId === 'g-demo') expect([f.schoolContactId, f.unitContactId]).toEqual(['t1', 'dev-u'])
        else if (f.unitContactId) expect(groups.find((g) => g._id === f.groupId)!.unitContactIds).toContain(f.unitContactId)
        let base = p.activistSince!
        for (const r of f.reviews) {
          expect(r.dueOn).toBe(addMonths(base, 6))
          expect(r.reviewedOn >= r.dueOn && r.reviewedOn < TODAY).toBe(true)
          base = r.reviewedOn
        }
        expect(f.lastReviewOn).toBe(f.reviews.at(-1)?.reviewedOn ?? null)
        if (p.politicalStatus === 'probationary') expect(f.reviews).toEqual([])
      }
      expect(new Set(observations.map((o) => o._id)).size).toBe(observations.length)
    }), { numRuns: 100 })
  })
})
