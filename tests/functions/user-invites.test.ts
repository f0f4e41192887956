import fc from 'fast-check'
import { INVITE_STATES } from '../../types/actions/user'
import { loadFixture, OPENID } from './fixture'
import { useHarness } from './harness'

type Entry = { personId: string; state: (typeof INVITE_STATES)[number]; code: string | null }

describe('user: invitations list, revoking and re-inviting', () => {
  const h = useHarness()

  /** Every entry of the list, page after page, and the requests the largest page made. */
  async function listAll(pageSize: number): Promise<{ entries: Entry[]; maxRequests: number }> {
    const entries: Entry[] = []
    let cursor: string | undefined
    let maxRequests = 0
    for (let pages = 0; pages < 100; pages++) {
      h.resetCounters()
      const page = await h.ok(OPENID.admin, 'user', 'listInvites', { pageSize, ...(cursor ? { cursor } : {}) })
      maxRequests = Math.max(maxRequests, h.dbRequests())
      expect(page.items.length).toBeLessThanOrEqual(pageSize)
      entries.push(...page.items)
      if (!page.nextCursor) return { entries, maxRequests }
      cursor = page.nextCursor
    }
    throw new Error('the list never ended')
  }

  const expire = (personId: string) => h.app.database().collection('people').doc(personId).update({ inviteExpiresAt: new Date(Date.now() - 1000) })

  const op = fc.oneof(
    fc.record({ t: fc.constant('create' as const), kind: fc.constantFrom('teacher' as const, 'staff' as const) }),
    fc.record({ t: fc.constantFrom('reinvite' as const, 'revoke' as const, 'expire' as const, 'redeem' as const), who: fc.nat(20) })
  )

  it('lists everyone invited by code once, pending before expired before the rest, each in the state redeeming finds', async () => {
    await fc.assert(fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 10 }), fc.integer({ min: 1, max: 7 }), async (ops, pageSize) => {
      await loadFixture(h.app)
      const invited: Array<{ personId: string; code: string }> = []
      let accounts = 0
      for (const o of ops) {
        const target = o.t === 'create' ? undefined : invited[o.who % Math.max(1, invited.length)]
        if (o.t === 'create') {
          const r = await h.ok(OPENID.admin, 'user', 'createInvite', { kind: o.kind, name: `老师${invited.length}` })
          invited.push({ personId: r.personId, code: r.code })
        } else if (!target) {
          continue
        } else if (o.t === 'reinvite') {
          const r = await h.call(OPENID.admin, 'user', 'createInvite', { kind: 'teacher', name: '再邀请', personId: target.personId })
          if (r.ok) target.code = r.data.code
        } else if (o.t === 'revoke') {
          await h.call(OPENID.admin, 'user', 'revokeInvite', { code: target.code })
        } else if (o.t === 'expire') {
          await expire(target.personId)
        } else {
          await h.call(`o-acc-${accounts++}`, 'user', 'redeemInvite', { code: target.code })
        }
      }
      const { entries, maxRequests } = await listAll(pageSize)
      expect(maxRequests).toBeLessThanOrEqual(4)
      // Everyone not a student, exactly once: the fixture's admin, two advisors and contact, and those invited.
      const ids = entries.map((e) => e.personId)
      expect(new Set(ids).size).toBe(ids.length)
      expect(new Set(ids)).toEqual(new Set(['admin', 'advisor-a', 'advisor-b', 'contact-a', ...invited.map((i) => i.personId)]))
      const rank = entries.map((e) => (e.state === 'pending' ? 0 : e.state === 'expired' ? 1 : 2))
      expect(rank).toEqual([...rank].sort((a, b) => a - b))
      // What the list says is what redeeming does: a pending code binds, any other code does not.
      for (const e of entries.filter((x) => x.code !== null)) {
        const r = await h.call(`o-check-${accounts++}`, 'user', 'redeemInvite', { code: e.code! })
        expect(r.ok).toBe(e.state === 'pending')
      }
      for (const e of entries.filter((x) => x.code === null)) expect(['bound', 'none']).toContain(e.state)
    }), { numRuns: 12 })
  })

  it('leaves one usable code when a person is re-invited several times at once', async () => {
    await fc.assert(fc.asyncProperty(fc.integer({ min: 2, max: 6 }), fc.boolean(), async (n, alsoRevokeFirst) => {
      await loadFixture(h.app)
      const first = await h.ok(OPENID.admin, 'user', 'createInvite', { kind: 'teacher', name: '同时老师' })
      const results = await Promise.all([
        ...Array.from({ length: n }, () => h.call(OPENID.admin, 'user', 'createInvite', { kind: 'teacher', name: '同时老师', personId: first.personId })),
        ...(alsoRevokeFirst ? [h.call(OPENID.admin, 'user', 'revokeInvite', { code: first.code })] : [])
      ])
      const codes = [first.code, ...results.slice(0, n).map((r) => (r.ok ? (r.data as { code: string }).code : null)).filter((c): c is string => c !== null)]
      expect(codes.length).toBe(n + 1)
      // Every code tried at once from its own account: exactly one binds.
      const redeemed = await Promise.all(codes.map((code, i) => h.call(`o-race-${i}`, 'user', 'redeemInvite', { code })))
      expect(redeemed.filter((r) => r.ok)).toHaveLength(1)
      expect(redeemed[0].ok).toBe(false)
    }), { numRuns: 10 })
  })

  it('revokes an unused code once, and refuses a used or replaced one, saying why', async () => {
    const a = await h.ok(OPENID.admin, 'user', 'createInvite', { kind: 'teacher', name: '甲老师' })
    h.resetCounters()
    expect(await h.ok(OPENID.admin, 'user', 'revokeInvite', { code: a.code })).toEqual({ personId: a.personId, name: '甲老师', code: a.code })
    expect(h.dbRequests()).toBeLessThanOrEqual(4)
    expect(await h.call('o-a', 'user', 'redeemInvite', { code: a.code })).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } })
    const again = await h.call(OPENID.admin, 'user', 'revokeInvite', { code: a.code })
    expect(again).toMatchObject({ ok: false, error: { code: 'FAILED_PRECONDITION' } })
    expect(again.ok || again.error.message).toMatch(/已使用|已作废/)
    const b = await h.ok(OPENID.admin, 'user', 'createInvite', { kind: 'teacher', name: '乙老师' })
    await h.ok('o-b', 'user', 'redeemInvite', { code: b.code })
    expect(await h.call(OPENID.admin, 'user', 'revokeInvite', { code: b.code })).toMatchObject({ ok: false, error: { code: 'FAILED_PRECONDITION' } })
    const c = await h.ok(OPENID.admin, 'user', 'createInvite', { kind: 'teacher', name: '丙老师' })
    await h.ok(OPENID.admin, 'user', 'createInvite', { kind: 'teacher', name: '丙老师', personId: c.personId })
    expect(await h.call(OPENID.admin, 'user', 'revokeInvite', { code: c.code })).toMatchObject({ ok: false, error: { code: 'FAILED_PRECONDITION' } })
  })

  it('refuses a cursor of another list, and offers the units for a unit contact', async () => {
    const other = Buffer.from(JSON.stringify(['group.list', 0, '', 0])).toString('base64url')
    expect(await h.call(OPENID.admin, 'user', 'listInvites', { cursor: other })).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } })
    h.resetCounters()
    const { units, more } = await h.ok(OPENID.admin, 'user', 'inviteUnits', {})
    expect(h.dbRequests()).toBeLessThanOrEqual(4)
    expect(more).toBe(false)
    expect(units.map((u) => u.id)).toEqual(['unit-ly', 'unit-zz'])
  })
})
