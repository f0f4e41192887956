import { OPENID } from './fixture'
import { useHarness } from './harness'

describe('user: binding a WeChat account', () => {
  const h = useHarness()

  it('tells an unbound caller they are not bound, and a caller without identity to sign in', async () => {
    expect(await h.ok(OPENID.unbound, 'user', 'me')).toMatchObject({ bound: false, roles: ['unbound'], person: null })
    const anon = await h.call(null, 'user', 'me')
    expect(anon).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } })
  })

  it('binds with student number and name, in at most four database requests', async () => {
    h.resetCounters()
    const me = await h.ok('o-new', 'user', 'bind', { studentNo: '2023030002', name: '陈未绑' })
    expect(h.dbRequests()).toBeLessThanOrEqual(4)
    expect(me).toMatchObject({ bound: true, roles: ['intern'], person: { id: 'unbound-1', name: '陈未绑', politicalStatus: 'activist' } })
    expect(await h.ok('o-new', 'user', 'me')).toMatchObject({ bound: true, person: { id: 'unbound-1' } })
  })

  it('refuses a wrong name without saying whether the student number exists', async () => {
    const r = await h.call('o-new', 'user', 'bind', { studentNo: '2023030002', name: '错名字' })
    expect(r).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } })
    const r2 = await h.call('o-new', 'user', 'bind', { studentNo: '2099999999', name: '陈未绑' })
    expect(r2.ok || r2.error.message.slice(0, 20)).toBe(r.ok || r.error.message.slice(0, 20))
    const { data } = await h.app.database().collection('people').doc('unbound-1').get()
    expect(data[0].openid).toBeNull()
  })

  it('locks an account after five failures, even for the right answer', async () => {
    for (let i = 0; i < 5; i++) await h.call('o-guess', 'user', 'bind', { studentNo: '2023030002', name: `错${i}` })
    const r = await h.call('o-guess', 'user', 'bind', { studentNo: '2023030002', name: '陈未绑' })
    expect(r).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED' } })
    // Another WeChat account is not affected.
    expect((await h.call('o-other', 'user', 'bind', { studentNo: '2023030002', name: '陈未绑' })).ok).toBe(true)
  })

  it('binds one WeChat account to one person, and one person to one account', async () => {
    expect((await h.call('o-x', 'user', 'bind', { studentNo: '2023030002', name: '陈未绑' })).ok).toBe(true)
    // The same person from another account.
    expect(await h.call('o-y', 'user', 'bind', { studentNo: '2023030002', name: '陈未绑' })).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } })
    // The bound account cannot bind again.
    expect(await h.call('o-x', 'user', 'bind', { studentNo: '2023030003', name: '褚未绑' })).toMatchObject({ ok: false, error: { code: 'PERMISSION_DENIED' } })
  })

  it('lets exactly one of several concurrent binds of the same person win', async () => {
    const results = await Promise.all(['o-c1', 'o-c2', 'o-c3', 'o-c4'].map((o) => h.call(o, 'user', 'bind', { studentNo: '2023030003', name: '褚未绑' })))
    expect(results.filter((r) => r.ok)).toHaveLength(1)
    const { data } = await h.app.database().collection('people').where({ openid: h.app.database().command.in(['o-c1', 'o-c2', 'o-c3', 'o-c4']) }).get()
    expect(data).toHaveLength(1)
  })

  it('lets one WeChat account bind only one person when it binds two at once', async () => {
    const [a, b] = await Promise.all([
      h.call('o-twice', 'user', 'bind', { studentNo: '2023030002', name: '陈未绑' }),
      h.call('o-twice', 'user', 'bind', { studentNo: '2023030003', name: '褚未绑' })
    ])
    expect([a.ok, b.ok].filter(Boolean)).toHaveLength(1)
    const { data } = await h.app.database().collection('people').where({ openid: 'o-twice' }).get()
    expect(data).toHaveLength(1)
  })

  it('lets an admin invite a teacher, who binds with the code once', async () => {
    const invite = await h.ok(OPENID.admin, 'user', 'createInvite', { kind: 'teacher', name: '刘老师' })
    expect(invite.code).toMatch(/^[A-Z0-9]{8}$/)
    const me = await h.ok('o-teacher', 'user', 'redeemInvite', { code: invite.code })
    expect(me).toMatchObject({ bound: true, roles: ['advisor'], person: { kind: 'teacher', name: '刘老师' } })
    expect(await h.call('o-teacher2', 'user', 'redeemInvite', { code: invite.code })).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } })
  })

  it('lets an admin unbind a person, who can then bind a new account', async () => {
    expect(await h.ok(OPENID.admin, 'user', 'unbind', { personId: 'intern-a' })).toEqual({ unbound: true })
    expect(await h.ok(OPENID.internA, 'user', 'me')).toMatchObject({ bound: false })
    expect((await h.call('o-newphone', 'user', 'bind', { studentNo: '2023010004', name: '赵同学' })).ok).toBe(true)
  })

  it('never takes identity from the request body', async () => {
    const r = await h.call(null, 'user', 'me', { openid: OPENID.admin } as any)
    expect(r.ok).toBe(false)
  })
})
