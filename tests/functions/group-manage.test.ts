/**
 * The branch's page for one group's people and roles: `group.manage` answers the detail
 * with the liaison candidates in one call within the budget, and refuses everyone but the
 * branch; `group.assignable` walks generated sets of teachers and unit contacts a page at
 * a time, each exactly once in staff-number order, finds them by exact name, and stays
 * within the budget.
 */
import fc from 'fast-check'
import type { PersonDoc } from '../../cloudfunctions/common/model'
import type { ActionOutput } from '../../types/contract'
import { buildFixture, loadFixture, OPENID } from './fixture'
import { useHarness } from './harness'

const NAMES = ['王老师', '李老师', '张主任', '刘护士长']

describe('group.manage and group.assignable', () => {
  const h = useHarness()

  it('gives the branch the detail and the ranked candidates in one call of at most four requests', async () => {
    h.resetCounters()
    const m = await h.ok(OPENID.admin, 'group', 'manage', { groupId: 'group-a' })
    expect(h.dbRequests()).toBeLessThanOrEqual(4)
    const detail = await h.ok(OPENID.admin, 'group', 'detail', { groupId: 'group-a' })
    const { candidates, ...rest } = m
    expect(rest).toEqual(detail)
    const suggested = await h.ok(OPENID.admin, 'group', 'suggestLiaisons', { groupId: 'group-a' })
    expect(candidates).toEqual(suggested.candidates)
    expect(candidates.map((c) => c.name)).toEqual(['李联络', '张党员', '王骨干'])
  })

  it.each([['liaison', OPENID.liaisonA], ['advisor', OPENID.advisorA], ['unit contact', OPENID.unitContactA], ['member', OPENID.internA]])(
    'refuses the group\'s %s with a Chinese reason', async (_who, openid) => {
      for (const action of ['manage', 'assignable'] as const) {
        const r = await h.call(openid, 'group', action, action === 'manage' ? { groupId: 'group-a' } : { kind: 'teacher' })
        expect(r.ok).toBe(false)
        if (!r.ok) {
          expect(r.error.code).toBe('PERMISSION_DENIED')
          expect(r.error.message).toMatch(/[\u4e00-\u9fff]/)
        }
      }
    })

  it('walks generated teachers and unit contacts once each in staff-number order, and finds them by name', async () => {
    const extra = fc.array(fc.record({ kind: fc.constantFrom('teacher', 'unitContact', 'student'), name: fc.constantFrom(...NAMES) }), { maxLength: 14 })
    await fc.assert(fc.asyncProperty(extra, fc.integer({ min: 1, max: 5 }), fc.constantFrom('teacher' as const, 'unitContact' as const), fc.constantFrom(...NAMES), async (people, pageSize, kind, name) => {
      const fixture = buildFixture()
      const base = fixture.people[0]
      people.forEach((p, i) => fixture.people.push({ ...base, _id: `x-${i}`, no: `X${String(100 - i).padStart(4, '0')}`, kind: p.kind as PersonDoc['kind'], name: p.name, admin: false, openid: null, groupId: null, history: [] }))
      await loadFixture(h.app, fixture)
      const expected = fixture.people.filter((p) => p.kind === kind).sort((a, b) => (a.no < b.no ? -1 : 1))

      const seen: string[] = []
      let cursor: string | undefined
      let first: ActionOutput<'group', 'assignable'> | undefined
      do {
        h.resetCounters()
        const page = await h.ok(OPENID.admin, 'group', 'assignable', { kind, pageSize, ...(cursor ? { cursor } : {}) })
        expect(h.dbRequests()).toBeLessThanOrEqual(4)
        first ??= page
        seen.push(...page.items.map((p) => p.id))
        cursor = page.nextCursor ?? undefined
      } while (cursor)
      expect(seen).toEqual(expected.map((p) => p._id))
      expect(first!.total).toBe(expected.length)

      const found = await h.ok(OPENID.admin, 'group', 'assignable', { kind, keyword: name, pageSize: 100 })
      expect(found.items.map((p) => p.id)).toEqual(expected.filter((p) => p.name === name).map((p) => p._id))
      expect(found.total).toBeNull()
    }), { numRuns: 12 })
  })
})
