import fc from 'fast-check'
import { countMembers } from '../../cloudfunctions/common/people'
import { loadFixture, OPENID } from './fixture'
import { useHarness } from './harness'

describe('group', () => {
  const h = useHarness()

  describe('list', () => {
    it('shows the branch every group with member counts, a page at a time', async () => {
      const page = await h.ok(OPENID.admin, 'group', 'list', { pageSize: 1 })
      expect(page.total).toBe(2)
      expect(page.items).toHaveLength(1)
      expect(page.items[0]).toMatchObject({ id: 'group-b', name: '洛阳市实习党小组', counts: { total: 2, partyMembers: 1, others: 1 }, liaisonName: '吴联络', flagIssued: true })
      const second = await h.ok(OPENID.admin, 'group', 'list', { cursor: page.nextCursor!, pageSize: 1 })
      expect(second.items[0]).toMatchObject({ id: 'group-a', counts: { total: 7, partyMembers: 3, probationary: 1, activists: 1, others: 3 } })
      expect(second.nextCursor).toBeNull()
    })

    it('shows an advisor only the groups they advise', async () => {
      const page = await h.ok(OPENID.advisorB, 'group', 'list', {})
      expect(page.items.map((g) => g.id)).toEqual(['group-b'])
      expect(page.total).toBe(1)
    })

    it('filters by province', async () => {
      expect((await h.ok(OPENID.admin, 'group', 'list', { province: '湖北省' })).total).toBe(0)
    })
  })

  describe('detail', () => {
    it('shows members with roles; political status to the liaison, but phones only to admins', async () => {
      const d = await h.ok(OPENID.liaisonA, 'group', 'detail', { groupId: 'group-a' })
      expect(d.members.map((m) => m.name)).toEqual(['李联络', '王骨干', '张党员', '赵同学', '钱积极', '孙同学', '周同学'])
      expect(d.members.find((m) => m.id === 'liaison-a')).toMatchObject({ groupRole: 'liaison', politicalStatus: 'member' })
      expect(d.members.find((m) => m.id === 'core-a')).toMatchObject({ groupRole: 'coreMember' })
      expect(d.members.every((m) => m.phone === undefined)).toBe(true)
      expect(d.inviteCode).toBe('AAAAAA')
      expect(d.advisors.map((a) => a.id)).toEqual(['advisor-a'])
      expect(d.unitContacts.map((a) => a.id)).toEqual(['contact-a'])
      expect(d.members.find((m) => m.id === 'intern-a')?.mentorId).toBe('liaison-a')
      const admin = await h.ok(OPENID.admin, 'group', 'detail', { groupId: 'group-a' })
      expect(admin.members.find((m) => m.id === 'intern-a')?.phone).toBe('13911112222')
    })

    it('shows an ordinary member only their own political status and no invite code', async () => {
      const d = await h.ok(OPENID.internA, 'group', 'detail', { groupId: 'group-a' })
      expect(d.members.filter((m) => m.politicalStatus !== undefined).map((m) => m.id)).toEqual(['intern-a'])
      expect(d.inviteCode).toBeUndefined()
      // A unit contact sees the group, but not political statuses.
      const c = await h.ok(OPENID.unitContactA, 'group', 'detail', { groupId: 'group-a' })
      expect(c.members.every((m) => m.politicalStatus === undefined)).toBe(true)
    })

    it('refuses members of another group, and reports a missing group', async () => {
      expect(await h.call(OPENID.internB, 'group', 'detail', { groupId: 'group-a' })).toMatchObject({ ok: false, error: { code: 'PERMISSION_DENIED' } })
      expect(await h.call(OPENID.admin, 'group', 'detail', { groupId: 'nope' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    })
  })

  describe('join', () => {
    it('lets an ordinary student of the region join with the invite code, once', async () => {
      expect(await h.ok(OPENID.loner, 'group', 'join', { inviteCode: 'AAAAAA' })).toEqual({ groupId: 'group-a', groupName: '郑州市实习党小组' })
      const me = await h.ok(OPENID.loner, 'user', 'me')
      expect(me.person?.groupId).toBe('group-a')
      expect(await h.call(OPENID.loner, 'group', 'join', { inviteCode: 'BBBBBB' })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
    })

    it('refuses a wrong code and a group of another province', async () => {
      expect(await h.call(OPENID.loner, 'group', 'join', { inviteCode: 'ZZZZZZ' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
      await h.app.database().collection('groups').doc('group-b').update({ province: '湖北省' })
      expect(await h.call(OPENID.loner, 'group', 'join', { inviteCode: 'BBBBBB' })).toMatchObject({ ok: false, error: { code: 'FAILED_PRECONDITION' } })
    })
  })

  describe('roles and staff', () => {
    it('assigns a liaison and core members from the group, refusing outsiders', async () => {
      const r = await h.ok(OPENID.admin, 'group', 'assignRoles', { groupId: 'group-a', liaisonId: 'member-a3', coreMemberIds: ['liaison-a'] })
      expect(r).toEqual({ liaisonId: 'member-a3', coreMemberIds: ['liaison-a'] })
      expect((await h.ok(OPENID.liaisonA, 'user', 'me')).roles).toEqual(['intern', 'coreMember'])
      expect(await h.call(OPENID.admin, 'group', 'assignRoles', { groupId: 'group-a', liaisonId: 'liaison-b', coreMemberIds: [] })).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } })
    })

    it('suggests full Party members first as liaisons', async () => {
      const { candidates } = await h.ok(OPENID.advisorA, 'group', 'suggestLiaisons', { groupId: 'group-a' })
      expect(candidates.map((c) => c.id)).toEqual(['liaison-a', 'member-a3', 'core-a'])
    })

    it('assigns advisors and unit contacts, who then reach the group', async () => {
      await h.ok(OPENID.admin, 'group', 'assignAdvisors', { groupId: 'group-b', advisorIds: ['advisor-a', 'advisor-b'] })
      expect((await h.ok(OPENID.advisorA, 'user', 'me')).advisorOf.sort()).toEqual(['group-a', 'group-b'])
      expect((await h.ok(OPENID.advisorA, 'group', 'detail', { groupId: 'group-b' })).advisorNames).toEqual(['advisor-a', 'advisor-b'])
      expect(await h.call(OPENID.admin, 'group', 'assignAdvisors', { groupId: 'group-b', advisorIds: ['intern-a'] })).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } })
      await h.ok(OPENID.admin, 'group', 'assignUnitContacts', { groupId: 'group-b', unitContactIds: ['contact-a'] })
      expect((await h.ok(OPENID.unitContactA, 'group', 'list', {})).total).toBe(2)
    })

    it('records the Party flag being issued', async () => {
      expect(await h.ok(OPENID.admin, 'group', 'setFlagIssued', { groupId: 'group-a', issued: true })).toEqual({ flagIssued: true })
      expect((await h.ok(OPENID.admin, 'group', 'detail', { groupId: 'group-a' })).flagIssued).toBe(true)
    })
  })

  describe('moving a member', () => {
    it('keeps a dated history and clears roles and circles in the old group', async () => {
      const moved = await h.ok(OPENID.admin, 'group', 'moveMember', { personId: 'liaison-a', toGroupId: 'group-b', reason: '更换实习医院' })
      expect(moved.fromGroupId).toBe('group-a')
      const { items } = await h.ok(OPENID.admin, 'group', 'history', { personId: 'liaison-a' })
      expect(items.map((i) => [i.groupName, i.reason, i.to === null])).toEqual([['郑州市实习党小组', '组建党小组', false], ['洛阳市实习党小组', '更换实习医院', true]])
      expect(items[0].to).toBe(items[1].from)
      const a = await h.ok(OPENID.admin, 'group', 'detail', { groupId: 'group-a' })
      expect(a.liaisonId).toBeNull()
      expect(a.members.find((m) => m.id === 'intern-a')?.mentorId).toBeNull()
      expect(await h.call(OPENID.admin, 'group', 'moveMember', { personId: 'liaison-a', toGroupId: 'group-b', reason: '再次' })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
    })
  })
})

describe('group.moveMember input', () => {
  const h = useHarness({ fixturePerTest: false })

  it('refuses a group of another internship year (names repeat from year to year), changing nothing', async () => {
    const db = h.app.database()
    const { _id: _ignored, ...other } = (await db.collection('groups').doc('group-b').get()).data[0] as Record<string, unknown>
    await fc.assert(fc.asyncProperty(fc.integer({ min: 2020, max: 2035 }).filter((y) => y !== 2026), async (y) => {
      const year = `${y}-${y + 1}`
      const id = `group-${year}`
      await db.collection('groups').doc(id).set({ ...other, key: `${year}/河南省/郑州市/1`, inviteCode: `Y${y}`, year, name: '郑州市实习党小组' })
      const before = h.snapshot()
      const r = await h.call(OPENID.admin, 'group', 'moveMember', { personId: 'intern-a', toGroupId: id, reason: '更换实习医院' })
      expect(r).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT', message: expect.stringContaining(`只能调到2026-2027实习年度的党小组`) } })
      expect(h.snapshot()).toBe(before)
    }), { numRuns: 6, seed: 2027 })
  })

  it('treats a target group id as a value, never as an expression', async () => {
    const fields = ['groupId', '_id', 'no', 'name', 'province', 'history', 'openid', 'kind']
    const expressionLike = fc.oneof(
      fc.constantFrom(...fields).map((f) => `$${f}`),
      fc.constantFrom('$$ROOT', '$$CURRENT', '$$ROOT.groupId', '$$CURRENT.groupId', '$history.groupId', '$literal', '$$REMOVE'),
      fc.string({ minLength: 1, maxLength: 12 }).map((s) => `$${s}`)
    )
    const before = h.snapshot()
    await fc.assert(fc.asyncProperty(expressionLike, async (toGroupId) => {
      const r = await h.call(OPENID.admin, 'group', 'moveMember', { personId: 'intern-a', toGroupId, reason: '测试' })
      expect(r).toMatchObject({ ok: false, error: { code: expect.stringMatching(/^(NOT_FOUND|INVALID_ARGUMENT)$/) } })
    }), { numRuns: 40, seed: 1010 })
    expect(h.snapshot()).toBe(before)
  })
})

describe('group.moveMember on an earlier day', () => {
  const h = useHarness({ fixturePerTest: false })
  const DAY_MS = 86_400_000
  /** The fixture's members joined their groups at T0: 1 September 2026, 08:00 in China. */
  const JOINED = new Date('2026-09-01T00:00:00Z')
  const chinaDayOf = (at: Date): string => new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 10)

  it('dates the move that day in China time; refuses a day in the future or before the joining, changing nothing', async () => {
    // Days from a month before the joining to a week after today,
    const today = chinaDayOf(new Date())
    const span = Math.round((Date.parse(`${today}T00:00:00Z`) - Date.parse('2026-08-01T00:00:00Z')) / DAY_MS) + 7
    // and always the edges: the day before the joining, its day, today and tomorrow
    const offsets = fc.oneof(fc.integer({ min: 0, max: span }), fc.constantFrom(30, 31, span - 7, span - 6))
    await fc.assert(fc.asyncProperty(offsets, fc.constantFrom('intern-a', 'activist-a', 'liaison-a'), async (offset, personId) => {
      await loadFixture(h.app)
      const date = new Date(Date.parse('2026-08-01T00:00:00Z') + offset * DAY_MS).toISOString().slice(0, 10)
      const before = h.snapshot()
      const r = await h.call(OPENID.admin, 'group', 'moveMember', { personId, toGroupId: 'group-b', reason: '更换实习医院', date })
      const now = chinaDayOf(new Date())
      if (date > now || date < '2026-09-01') {
        expect(r).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT', message: date > now ? '调动日期不能晚于今天' : expect.stringContaining('2026-09-01') } })
        expect(h.snapshot()).toBe(before)
        return
      }
      expect(r.ok).toBe(true)
      const { items } = await h.ok(OPENID.admin, 'group', 'history', { personId })
      const [was, is] = items
      expect(items).toHaveLength(2)
      expect([was.groupId, is.groupId, is.reason]).toEqual(['group-a', 'group-b', '更换实习医院'])
      expect(was.to).toBe(is.from)
      // The move's day, as China reads it; a move on the day of joining follows the joining.
      expect(chinaDayOf(new Date(is.from))).toBe(date)
      expect(Date.parse(is.from)).toBeGreaterThan(JOINED.getTime())
      if (date !== now && date !== '2026-09-01') expect(is.from).toBe(new Date(`${date}T00:00:00+08:00`).toISOString())
      expect(r).toMatchObject({ ok: true, data: { movedAt: is.from } })
    }), { numRuns: 30, seed: 3001 })
  })

  it('refuses days that are not days of the calendar', async () => {
    await loadFixture(h.app)
    const before = h.snapshot()
    for (const date of ['2026-02-29', '2026-09-31', '2026-13-01', '2026-9-1', '20260901', '明天']) {
      const r = await h.call(OPENID.admin, 'group', 'moveMember', { personId: 'intern-a', toGroupId: 'group-b', reason: '更换实习医院', date })
      expect(r).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } })
    }
    expect(h.snapshot()).toBe(before)
  })
})

describe('member counts kept on groups', () => {
  const h = useHarness()

  /** Counts as the list shows them, and as the members say they should be. */
  async function listedAndActual() {
    const { items } = await h.ok(OPENID.admin, 'group', 'list', { pageSize: 100 })
    const { data } = await h.app.database().collection('people').where({ groupId: h.app.database().command.neq(null) }).limit(1000).get()
    return items.map((g) => ({ id: g.id, listed: g.counts, actual: countMembers(data.filter((p: any) => p.groupId === g.id)) }))
  }

  it('follow generated sequences of moves and joins exactly', async () => {
    const students = ['liaison-a', 'core-a', 'member-a3', 'intern-a', 'activist-a', 'masses-a6', 'applicant-a7', 'liaison-b', 'intern-b']
    const op = fc.oneof(
      fc.record({ kind: fc.constant('move' as const), personId: fc.constantFrom(...students), toGroupId: fc.constantFrom('group-a', 'group-b') }),
      fc.record({ kind: fc.constant('join' as const), inviteCode: fc.constantFrom('AAAAAA', 'BBBBBB') })
    )
    await fc.assert(fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 6 }), async (ops) => {
      await loadFixture(h.app)
      for (const o of ops) {
        if (o.kind === 'move') await h.call(OPENID.admin, 'group', 'moveMember', { personId: o.personId, toGroupId: o.toGroupId, reason: '调整' })
        else await h.call(OPENID.loner, 'group', 'join', { inviteCode: o.inviteCode })
      }
      const groups = await listedAndActual()
      for (const g of groups) expect(g.listed).toEqual(g.actual)
      // The branch-wide "1+10" coverage is read from the kept counts too.
      const ordinary = groups.reduce((n, g) => n + g.actual.total - g.actual.partyMembers, 0)
      expect((await h.ok(OPENID.admin, 'circle', 'coverage', {})).ordinary).toBe(ordinary)
    }), { numRuns: 12, seed: 1313 })
  })

  it('are repaired by the detail view when they drifted', async () => {
    await h.app.database().collection('groups').doc('group-a').update({ 'counts.total': 99 })
    const d = await h.ok(OPENID.admin, 'group', 'detail', { groupId: 'group-a' })
    expect(d.counts.total).toBe(7)
    const [a] = (await listedAndActual()).filter((g) => g.id === 'group-a')
    expect(a.listed).toEqual(a.actual)
  })
})
