/**
 * Forming groups through the real group function: one internship year at a time, late
 * starters into their cohort's groups, retries and stale previews.
 */
import fc from 'fast-check'
import type { PersonDoc } from '../../cloudfunctions/common/model'
import { countMembers, newPerson } from '../../cloudfunctions/common/people'
import type { PoliticalStatus } from '../../types/domain'
import { generatedStudents, writeStudents } from '../formation/school'
import { loadFixture, OPENID } from './fixture'
import { useHarness } from './harness'

/** The fixture's internship year: groups 郑州市 (group-a) and 洛阳市 (group-b), three students waiting. */
const YEAR = '2026-2027'
const NEXT = '2027-2028'
const LAST = '2025-2026'
const T0 = new Date('2027-07-01T00:00:00Z')

describe('forming groups, one internship year at a time', () => {
  const h = useHarness()
  const db = () => h.app.database()
  const admin = OPENID.admin

  async function all(collection: string, where: Record<string, unknown>): Promise<any[]> {
    const { data } = await db().collection(collection).where(where).orderBy('_id', 'asc').limit(1000).get()
    expect(data.length).toBeLessThan(1000)
    return data
  }

  /** Every person and group of another year than `year`, as stored. */
  async function otherYears(year: string): Promise<string> {
    const _ = db().command
    return JSON.stringify([await all('people', { year: _.neq(year) }), await all('groups', { year: _.neq(year) })])
  }

  /** Every group's stored counts next to the counts of its members. */
  async function countsOfGroups(): Promise<{ id: string; stored: unknown; actual: unknown }[]> {
    const _ = db().command
    const people = await all('people', { groupId: _.neq(null) })
    return (await all('groups', {})).map((g) => ({ id: g._id, stored: g.counts, actual: countMembers(people.filter((p) => p.groupId === g._id)) }))
  }

  it('asks which year when several have students waiting; forming one never touches another year\'s groups or people', async () => {
    await fc.assert(fc.asyncProperty(fc.integer({ min: 1, max: 120 }), fc.integer({ min: 0, max: 40 }), fc.integer({ min: 1, max: 10_000 }), async (next, last, seed) => {
      await loadFixture(h.app)
      await writeStudents(h.app, [
        ...generatedStudents(next, { year: NEXT, seed, noPrefix: 'N' }),
        ...generatedStudents(last, { year: LAST, seed: seed + 1, noPrefix: 'L' })
      ])
      const asked = await h.call(admin, 'group', 'previewFormation', {})
      expect(asked).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } })
      for (const y of [...(last ? [LAST] : []), YEAR, NEXT]) expect(asked.ok === false && asked.error.message).toContain(y)

      const before = await otherYears(NEXT)
      const preview = await h.ok(admin, 'group', 'previewFormation', { year: NEXT })
      expect(preview).toMatchObject({ year: NEXT, interns: next })
      expect(preview.regions.every((r) => r.year === NEXT && r.key.startsWith(`${NEXT}/`))).toBe(true)
      expect(preview.groups.every((g) => !g.existing && g.key.startsWith(`${NEXT}/`) && g.counts.total <= 45)).toBe(true)
      const applied = await h.ok(admin, 'group', 'applyFormation', { year: NEXT, fingerprint: preview.fingerprint })
      expect(applied).toEqual({ year: NEXT, groups: preview.groups.length, existingGroups: 0, placed: next })

      expect(await otherYears(NEXT)).toBe(before)
      const groups = new Map((await all('groups', { year: NEXT })).map((g) => [g._id, g]))
      for (const p of await all('people', { year: NEXT })) {
        expect(groups.get(p.groupId)?.province).toBe(p.province)
        expect(p.history.at(-1)).toMatchObject({ groupId: p.groupId, reason: '按实习区域组建党小组' })
      }
      for (const g of await countsOfGroups()) expect(g.stored).toEqual(g.actual)
    }), { numRuns: 3, seed: 1111 })
  })

  it('places late starters into their cohort\'s groups of their region, with a dated history and exact counts', async () => {
    const late = fc.array(fc.record({
      city: fc.constantFrom('郑州市', '洛阳市', '开封市'),
      status: fc.constantFrom<PoliticalStatus>('member', 'probationary', 'activist', 'applicant', 'masses', 'masses')
    }), { minLength: 1, maxLength: 24 })
    await fc.assert(fc.asyncProperty(late, async (arrivals) => {
      const fixture = await loadFixture(h.app)
      const students: PersonDoc[] = arrivals.map((a, i) => ({
        _id: `late-${i}`,
        ...newPerson({ no: `2026990${String(i).padStart(3, '0')}`, kind: 'student', name: `新生${i}`, politicalStatus: a.status, province: '河南省', city: a.city, year: YEAR }, T0)
      }))
      await writeStudents(h.app, students)
      const grouped = JSON.stringify(await all('people', { groupId: db().command.neq(null) }))
      const staffOf = async () => (await all('groups', {})).map(({ counts: _c, updatedAt: _u, cities: _ci, ...rest }) => rest)
      const groupsBefore = await staffOf()

      // Only the fixture's year has students waiting: no year needed.
      const preview = await h.ok(admin, 'group', 'previewFormation', {})
      const waiting = arrivals.length + fixture.people.filter((p) => p.kind === 'student' && !p.groupId).length
      expect(preview).toMatchObject({ year: YEAR, interns: waiting })
      expect(preview.groups.reduce((n, g) => n + g.joining, 0)).toBe(waiting)
      const applied = await h.ok(admin, 'group', 'applyFormation', { fingerprint: preview.fingerprint })
      expect(applied).toEqual({
        year: YEAR,
        groups: preview.groups.filter((g) => !g.existing).length,
        existingGroups: preview.groups.filter((g) => g.existing).length,
        placed: waiting
      })

      // 郑州市 and 洛阳市 join their city's group; 开封市, which no group holds, joins the
      // province's largest region unless it is large enough to be a region of its own.
      const kaifeng = students.filter((s) => s.city === '开封市')
      const ownRegion = kaifeng.length >= 8 && kaifeng.some((s) => s.politicalStatus === 'member' || s.politicalStatus === 'probationary')
      const byId = new Map((await all('people', { kind: 'student' })).map((p) => [p._id, p]))
      for (const s of students) {
        const p = byId.get(s._id)!
        const expected = s.city === '洛阳市' ? 'group-b' : s.city === '郑州市' || !ownRegion ? 'group-a' : null
        if (expected) expect(p.groupId).toBe(expected)
        else expect(p.groupId).not.toMatch(/^group-/)
        expect(p.history).toEqual([expect.objectContaining({ groupId: p.groupId, reason: expected ? '新增学生编入本地区党小组' : '按实习区域组建党小组' })])
      }
      // Nobody already grouped moved; the existing groups kept everything but their counts.
      const after = await all('people', { groupId: db().command.neq(null), _id: db().command.nin(students.map((s) => s._id).concat(['loner', 'unbound-1', 'unbound-2'])) })
      expect(JSON.stringify(after)).toBe(grouped)
      expect((await staffOf()).filter((g) => g._id.startsWith('group-'))).toEqual(groupsBefore)
      const { data: [a] } = await db().collection('groups').doc('group-a').get()
      expect(a.cities).toEqual(kaifeng.length && !ownRegion ? ['开封市', '郑州市'] : ['郑州市'])
      for (const g of await countsOfGroups()) expect(g.stored).toEqual(g.actual)
    }), { numRuns: 4, seed: 2222 })
  })

  it('returns the same result on a retry, and resumes an interrupted run, drawing a new invite code where one is taken', async () => {
    const _ = db().command
    await writeStudents(h.app, generatedStudents(200, { year: NEXT, seed: 5, noPrefix: 'N' }))
    const preview = await h.ok(admin, 'group', 'previewFormation', { year: NEXT })
    const done = await h.ok(admin, 'group', 'applyFormation', { year: NEXT, fingerprint: preview.fingerprint })
    expect(done).toMatchObject({ year: NEXT, placed: 200 })
    expect(await h.ok(admin, 'group', 'applyFormation', { year: NEXT, fingerprint: preview.fingerprint })).toEqual(done)
    expect((await all('groups', { year: NEXT })).length).toBe(done.groups)

    // As if the run had stopped after creating half the groups and placing nobody in them,
    // and another group had meanwhile taken one of the planned invite codes.
    const entries = (await all('formations', { formation: preview.fingerprint })).flatMap((part) => part.entries)
    const lost = entries.slice(0, Math.ceil(entries.length / 2))
    await db().collection('groups').where({ _id: _.in(lost.map((e) => e.id)) }).remove()
    await db().collection('people').where({ groupId: _.in(lost.map((e) => e.id)) }).update({ groupId: null })
    await db().collection('groups').add({ _id: 'squatter', key: 'other/squatter', year: LAST, name: '其他', province: '河南省', cities: [], inviteCode: lost[0].inviteCode, liaisonId: null, liaisonName: null, coreMemberIds: [], advisorIds: [], advisorNames: [], unitContactIds: [], flagIssued: false, counts: countMembers([]), circles: {}, circlesVersion: 0 })
    await db().collection('formations').doc(preview.fingerprint).update({ status: 'applying' })

    expect(await h.ok(admin, 'group', 'applyFormation', { year: NEXT, fingerprint: preview.fingerprint })).toEqual(done)
    expect((await all('people', { year: NEXT, groupId: null })).length).toBe(0)
    const { data: [recreated] } = await db().collection('groups').doc(lost[0].id).get()
    expect(recreated.inviteCode).not.toBe(lost[0].inviteCode)
    expect((await db().collection('groups').where({ inviteCode: recreated.inviteCode }).count()).total).toBe(1)
    for (const g of await countsOfGroups()) expect(g.stored).toEqual(g.actual)
  })

  it('lets concurrent applies of one preview form the groups once: each caller gets the result or CONFLICT, never a duplicate', async () => {
    await fc.assert(fc.asyncProperty(fc.integer({ min: 30, max: 150 }), fc.integer({ min: 2, max: 4 }), fc.integer({ min: 0, max: 30 }), async (n, callers, stagger) => {
      await loadFixture(h.app)
      await writeStudents(h.app, generatedStudents(n, { year: NEXT, seed: n, noPrefix: 'N' }))
      const preview = await h.ok(admin, 'group', 'previewFormation', { year: NEXT })
      const replies = await Promise.all(Array.from({ length: callers }, async (_, i) => {
        await new Promise((r) => setTimeout(r, i * stagger))
        return h.call(admin, 'group', 'applyFormation', { year: NEXT, fingerprint: preview.fingerprint })
      }))
      const final = await h.ok(admin, 'group', 'applyFormation', { year: NEXT, fingerprint: preview.fingerprint })
      expect(final).toEqual({ year: NEXT, groups: preview.groups.length, existingGroups: 0, placed: n })
      for (const r of replies) expect(r.ok ? r.data : r.error.code).toEqual(r.ok ? final : 'CONFLICT')
      expect((await all('groups', { year: NEXT })).length).toBe(preview.groups.length)
      for (const p of await all('people', { year: NEXT })) expect(p.history).toHaveLength(1)
      for (const g of await countsOfGroups()) expect(g.stored).toEqual(g.actual)
    }), { numRuns: 4, seed: 3333 })
  })

  it('refuses a preview the roster or the options no longer match, and a year with nobody waiting', async () => {
    await writeStudents(h.app, generatedStudents(40, { year: NEXT, seed: 9, noPrefix: 'N' }))
    const preview = await h.ok(admin, 'group', 'previewFormation', { year: NEXT, targetGroupSize: 20 })
    expect(await h.call(admin, 'group', 'applyFormation', { year: NEXT, targetGroupSize: 30, fingerprint: preview.fingerprint })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
    expect(await h.call(admin, 'group', 'applyFormation', { year: YEAR, targetGroupSize: 20, fingerprint: preview.fingerprint })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
    await writeStudents(h.app, generatedStudents(1, { year: NEXT, seed: 10, noPrefix: 'X' }))
    expect(await h.call(admin, 'group', 'applyFormation', { year: NEXT, targetGroupSize: 20, fingerprint: preview.fingerprint })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
    const again = await h.ok(admin, 'group', 'previewFormation', { year: NEXT, targetGroupSize: 20 })
    expect(await h.ok(admin, 'group', 'applyFormation', { year: NEXT, targetGroupSize: 20, fingerprint: again.fingerprint })).toMatchObject({ placed: 41 })

    const none = await h.ok(admin, 'group', 'previewFormation', { year: NEXT })
    expect(none).toMatchObject({ year: NEXT, interns: 0, groups: [] })
    expect(none.warnings).toContain(`${NEXT}年度没有待编组的学生：所有学生均已编入党小组`)
    expect(await h.call(admin, 'group', 'applyFormation', { year: NEXT, fingerprint: none.fingerprint })).toMatchObject({ ok: false, error: { code: 'FAILED_PRECONDITION' } })
  })
})
