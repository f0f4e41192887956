import { OPENID } from './fixture'
import { useHarness } from './harness'

describe('"1+10" circles', () => {
  const h = useHarness()

  it('assigns every ordinary student a Party member of the group, keeping existing pairs', async () => {
    const r = await h.ok(OPENID.liaisonA, 'circle', 'autoAssign', { groupId: 'group-a' })
    // Group A: 3 Party members, 4 ordinary students (one already with liaison-a).
    expect(r).toEqual({ assigned: 4, unassigned: 0, coverage: { withMentor: 4, ordinary: 4, ratio: 1 } })
    const list = await h.ok(OPENID.advisorA, 'circle', 'list', { groupId: 'group-a' })
    const liaisonCircle = list.circles.find((c) => c.mentor.id === 'liaison-a')!
    expect(liaisonCircle.mentees.map((m) => m.id)).toContain('intern-a')
    expect(list.withoutMentor).toEqual([])
    expect(list.circles.map((c) => c.mentees.length).sort()).toEqual([1, 1, 2])
  })

  it('never gives a Party member more than ten students', async () => {
    const db = h.app.database()
    await db.collection('people').add(Array.from({ length: 35 }, (_, i) => ({
      _id: `extra-${i}`, no: `20239${String(i).padStart(5, '0')}`, kind: 'student', name: `同学${i}`, politicalStatus: 'masses',
      groupId: 'group-a', province: '河南省', city: '郑州市', history: []
    })))
    const r = await h.ok(OPENID.admin, 'circle', 'autoAssign', { groupId: 'group-a' })
    expect(r.coverage).toEqual({ withMentor: 30, ordinary: 39, ratio: 0.7692 })
    expect(r.unassigned).toBe(9)
    const list = await h.ok(OPENID.admin, 'circle', 'list', { groupId: 'group-a' })
    expect(list.circles.every((c) => c.mentees.length <= 10)).toBe(true)
  })

  it('moves a student to another mentor by hand, refusing a mentor from another group', async () => {
    expect(await h.ok(OPENID.liaisonA, 'circle', 'setMentor', { studentId: 'intern-a', mentorId: 'member-a3' })).toEqual({ studentId: 'intern-a', mentorId: 'member-a3' })
    const list = await h.ok(OPENID.liaisonA, 'circle', 'list', { groupId: 'group-a' })
    expect(list.circles.find((c) => c.mentor.id === 'member-a3')?.mentees.map((m) => m.id)).toEqual(['intern-a'])
    expect(list.circles.find((c) => c.mentor.id === 'liaison-a')?.mentees ?? []).toEqual([])
    expect(await h.call(OPENID.admin, 'circle', 'setMentor', { studentId: 'intern-a', mentorId: 'liaison-b' })).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } })
    expect(await h.call(OPENID.admin, 'circle', 'setMentor', { studentId: 'liaison-a', mentorId: 'member-a3' })).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } })
    // A liaison of another group may not touch this group's circles.
    expect(await h.call(OPENID.liaisonB, 'circle', 'setMentor', { studentId: 'intern-a', mentorId: null })).toMatchObject({ ok: false, error: { code: 'PERMISSION_DENIED' } })
  })

  it('reports branch-wide coverage', async () => {
    expect(await h.ok(OPENID.admin, 'circle', 'coverage', {})).toEqual({ withMentor: 1, ordinary: 5, ratio: 0.2 })
    await h.ok(OPENID.admin, 'circle', 'autoAssign', { groupId: 'group-a' })
    await h.ok(OPENID.admin, 'circle', 'autoAssign', { groupId: 'group-b' })
    expect(await h.ok(OPENID.admin, 'circle', 'coverage', {})).toEqual({ withMentor: 5, ordinary: 5, ratio: 1 })
  })
})

describe('identity badge', () => {
  const h = useHarness({ fixturePerTest: false })

  it('shows name, status, group and motto, with a signed token holding no personal data', async () => {
    const badge = await h.ok(OPENID.coreA, 'badge', 'get')
    expect(badge).toMatchObject({ name: '王骨干', politicalStatus: 'probationary', politicalStatusLabel: '中共预备党员', groupName: '郑州市实习党小组', motto: '争先锋 作表率' })
    expect(badge.qrPayload).not.toContain('王骨干')
    expect(Buffer.from(badge.qrPayload.split('.')[1], 'base64url').toString()).not.toMatch(/王|probationary|1380/)
    const v = await h.ok(OPENID.internB, 'badge', 'verify', { token: badge.qrPayload })
    expect(v).toEqual({ valid: true, name: '王骨干', groupName: '郑州市实习党小组', expiresAt: badge.expiresAt })
  })

  it('rejects forged, altered and expired tokens', async () => {
    const { qrPayload } = await h.ok(OPENID.internA, 'badge', 'get')
    const [prefix, body, sig] = qrPayload.split('.')
    const other = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(body, 'base64url').toString()), p: 'liaison-a' })).toString('base64url')
    for (const token of [`${prefix}.${other}.${sig}`, `${prefix}.${body}.${sig.slice(0, -2)}AA`, 'PB1.e30.AAAA', 'hello']) {
      const v = await h.ok(OPENID.admin, 'badge', 'verify', { token })
      expect(v.valid).toBe(false)
      expect(v.name).toBeUndefined()
    }
    const expired = Buffer.from(JSON.stringify({ p: 'intern-a', e: Math.floor(Date.now() / 1000) - 5 })).toString('base64url')
    const e = await h.ok(OPENID.admin, 'badge', 'verify', { token: `${prefix}.${expired}.${sig}` })
    expect(e.valid).toBe(false)
  })

  it('is for students; verification is open to any WeChat user but not to callers without identity', async () => {
    expect(await h.call(OPENID.advisorA, 'badge', 'get')).toMatchObject({ ok: false, error: { code: 'PERMISSION_DENIED' } })
    expect((await h.call('o-stranger', 'badge', 'verify', { token: 'x' })).ok).toBe(true)
    expect(await h.call(null, 'badge', 'verify', { token: 'x' })).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } })
  })
})
