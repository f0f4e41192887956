import fc from 'fast-check'
import { OPENID } from './fixture'
import { useHarness } from './harness'

const MINUTE = 60 * 1000

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

  it('locks an account until the oldest of its five attempts is fifteen minutes old, saying how many minutes are left', async () => {
    const db = h.app.database()
    // Ages of the five slots in whole minutes and a half (so a few milliseconds never change
    // the minutes shown): the oldest, locking or not, and four younger ones.
    const ages = fc.integer({ min: 0, max: 30 }).chain((oldest) =>
      fc.array(fc.integer({ min: 0, max: oldest }), { minLength: 4, maxLength: 4 }).map((rest) => [oldest, ...rest]))
    let n = 0
    await fc.assert(fc.asyncProperty(ages, async (minutes) => {
      const o = `o-aged-${++n}`
      const now = Date.now()
      const slots = minutes.map((m) => new Date(now - m * MINUTE - 30 * 1000)).sort((a, b) => a.getTime() - b.getTime())
      await db.collection('attempts').add({ _id: `bind:${o}`, slots })
      const r = await h.call(o, 'user', 'bind', { studentNo: '2023030002', name: '错名字' })
      const oldest = minutes[0]
      if (oldest >= 15) expect(r).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } })
      else expect(r).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED', message: `尝试次数过多，请${15 - oldest}分钟后再试` } })
    }), { numRuns: 15, seed: 15 })
  })

  it('counts five attempts of a kind per account, and a successful one no longer once an admin unbinds it', async () => {
    for (let i = 0; i < 4; i++) {
      const r = await h.call('o-typo', 'user', 'bind', { studentNo: '2023030002', name: `错${i}` })
      expect(r).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT', message: expect.stringContaining(`还可尝试${4 - i}次`) } })
    }
    expect((await h.call('o-typo', 'user', 'bind', { studentNo: '2023030002', name: '陈未绑' })).ok).toBe(true)
    expect(await h.ok(OPENID.admin, 'user', 'unbind', { personId: 'unbound-1' })).toEqual({ unbound: true })
    const { data } = await h.app.database().collection('bindings').where({ personId: 'unbound-1' }).get()
    expect(data).toEqual([])
    // The account starts afresh: five more attempts, the right one among them.
    for (let i = 0; i < 4; i++) expect((await h.call('o-typo', 'user', 'bind', { studentNo: '2023030002', name: `又错${i}` })).ok).toBe(false)
    expect(await h.ok('o-typo', 'user', 'bind', { studentNo: '2023030002', name: '陈未绑' })).toMatchObject({ bound: true, person: { id: 'unbound-1' } })
  })

  it('lets an account locked out of binding still redeem an invite, and keeps no record of failures among bindings', async () => {
    for (let i = 0; i < 6; i++) await h.call('o-both', 'user', 'bind', { studentNo: '2023030002', name: `错${i}` })
    expect(await h.call('o-both', 'user', 'bind', { studentNo: '2023030002', name: '陈未绑' })).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED' } })
    expect((await h.app.database().collection('bindings').doc('o-both').get()).data).toEqual([])
    const invite = await h.ok(OPENID.admin, 'user', 'createInvite', { kind: 'teacher', name: '刘老师' })
    expect(await h.ok('o-both', 'user', 'redeemInvite', { code: invite.code })).toMatchObject({ bound: true, person: { id: invite.personId } })
  })

  it('stays within four database requests for an account\'s first bind or redemption, a wrong answer and a lockout', async () => {
    const measure = async (fn: () => Promise<unknown>): Promise<number> => {
      h.resetCounters()
      await fn()
      return h.dbRequests()
    }
    const invite = await h.ok(OPENID.admin, 'user', 'createInvite', { kind: 'unitContact', name: '王老师', unitId: 'unit-zz' })
    const counts = {
      bindFirst: await measure(() => h.ok('o-b1', 'user', 'bind', { studentNo: '2023030002', name: '陈未绑' })),
      bindWrongFirst: await measure(() => h.call('o-b2', 'user', 'bind', { studentNo: '2023030003', name: '错' })),
      bindWrongAgain: await measure(() => h.call('o-b2', 'user', 'bind', { studentNo: '2023030003', name: '错' })),
      redeemFirst: await measure(() => h.ok('o-r1', 'user', 'redeemInvite', { code: invite.code })),
      redeemWrong: await measure(() => h.call('o-r2', 'user', 'redeemInvite', { code: 'ZZZZZZZZ' })),
      createInvite: await measure(() => h.ok(OPENID.admin, 'user', 'createInvite', { kind: 'unitContact', name: '李老师', unitId: 'unit-zz' })),
      unbind: await measure(() => h.ok(OPENID.admin, 'user', 'unbind', { personId: 'unbound-1' }))
    }
    for (let i = 0; i < 3; i++) await h.call('o-b2', 'user', 'bind', { studentNo: '2023030003', name: '错' })
    const locked = await measure(() => h.call('o-b2', 'user', 'bind', { studentNo: '2023030003', name: '褚未绑' }))
    expect(Math.max(...Object.values(counts), locked)).toBeLessThanOrEqual(4)
  })

  it('gives a person one open invite at a time, none once bound, and lets no code outlive its week', async () => {
    const first = await h.ok(OPENID.admin, 'user', 'createInvite', { kind: 'teacher', name: '周老师' })
    const second = await h.ok(OPENID.admin, 'user', 'createInvite', { kind: 'teacher', name: '周老师', personId: first.personId })
    expect(second.code).not.toBe(first.code)
    expect(await h.call('o-old', 'user', 'redeemInvite', { code: first.code })).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } })
    await h.ok('o-zhou', 'user', 'redeemInvite', { code: second.code })
    expect(await h.call(OPENID.admin, 'user', 'createInvite', { kind: 'teacher', name: '周老师', personId: first.personId })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
    // Once unbound the person can be invited again; a code past its week binds no one.
    await h.ok(OPENID.admin, 'user', 'unbind', { personId: first.personId })
    const third = await h.ok(OPENID.admin, 'user', 'createInvite', { kind: 'teacher', name: '周老师', personId: first.personId })
    await h.app.database().collection('people').doc(first.personId).update({ inviteExpiresAt: new Date(Date.now() - 1000) })
    expect(await h.call('o-zhou2', 'user', 'redeemInvite', { code: third.code })).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } })
  })

  it('never takes identity from the request body', async () => {
    const r = await h.call(null, 'user', 'me', { openid: OPENID.admin } as any)
    expect(r.ok).toBe(false)
  })
})
