/**
 * Binding attempts under concurrency: the five-in-fifteen-minutes limit holds for bursts
 * of calls from one account, attempt records never get in the way of bindings, and every
 * interleaving of bind and redeem calls ends with people and bindings agreeing and an
 * invite code used exactly when someone got bound by it.
 */
import fc from 'fast-check'
import type { Store } from '../../emulator/database/store'
import type { Envelope } from '../../types/errors'
import { OPENID } from './fixture'
import { Harness, useHarness } from './harness'

const LIMIT = 5
const STUDENT = { id: 'unbound-1', studentNo: '2023030002', name: '陈未绑' }
const OTHER_STUDENT = { id: 'unbound-2', studentNo: '2023030003', name: '褚未绑' }
const CODE_CHARS = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'

type Result = Envelope<unknown>
const codeOf = (r: Result): string => (r.ok ? 'OK' : r.error.code)
const evaluated = (r: Result): boolean => r.ok || r.error.code === 'INVALID_ARGUMENT' || r.error.code === 'CONFLICT'

let accounts = 0
const freshAccount = (tag: string): string => `o-${tag}-${++accounts}`

/** A pair that matches no student: names starting with 错 are on no roster. */
const wrongPair = fc.record({
  studentNo: fc.constantFrom(STUDENT.studentNo, OTHER_STUDENT.studentNo, '2099999999'),
  name: fc.nat({ max: 9999 }).map((n) => `错${n}`)
})

/** A well-formed code; it is the right one only by a one-in-10^12 chance, which the properties allow for. */
const wrongCode = fc.array(fc.constantFrom(...CODE_CHARS), { minLength: 8, maxLength: 8 }).map((cs) => cs.join(''))

async function inviteTeacher(h: Harness): Promise<{ code: string; personId: string }> {
  const invite = await h.ok(OPENID.admin, 'user', 'createInvite', { kind: 'teacher', name: '刘老师' })
  return { code: invite.code, personId: invite.personId }
}

async function personOf(h: Harness, id: string): Promise<Record<string, any>> {
  const { data } = await h.app.database().collection('people').doc(id).get()
  return data[0]
}

/** Unbinds the fixture's unbound students again, as the fixture has them (cheaper than reloading it). */
async function releaseStudents(h: Harness): Promise<void> {
  const db = h.app.database()
  const ids = [STUDENT.id, OTHER_STUDENT.id]
  await db.collection('people').where({ _id: db.command.in(ids) }).update({ openid: null, lastOpenid: null, boundAt: null })
  await db.collection('bindings').where({ personId: db.command.in(ids) }).remove()
}

/** People and bindings agree: each bound person has the binding of its openid, and each binding its person. */
async function expectConsistent(h: Harness): Promise<void> {
  const db = h.app.database()
  const _ = db.command
  const bound = (await db.collection('people').where({ openid: _.neq(null) }).limit(1000).get()).data
  const bindings = (await db.collection('bindings').limit(1000).get()).data
  expect(new Set(bound.map((p) => p.openid)).size).toBe(bound.length)
  expect(bindings.map((b) => [b._id, b.personId]).sort()).toEqual(bound.map((p) => [p.openid, p._id]).sort())
  // A bound person holds no open invite code.
  expect(bound.filter((p) => p.inviteCode)).toEqual([])
}

/**
 * The limit held for a burst from one account: at most five attempts were evaluated (all
 * five unless the account got bound midway), only the right answer succeeded, once, and
 * it succeeded when one of its copies was evaluated.
 */
function expectLimitHeld(right: boolean[], results: Result[]): void {
  expect(results.map(codeOf).filter((c) => !['OK', 'INVALID_ARGUMENT', 'CONFLICT', 'RATE_LIMITED', 'PERMISSION_DENIED'].includes(c))).toEqual([])
  const tried = results.filter(evaluated).length
  expect(tried).toBeLessThanOrEqual(LIMIT)
  // Later calls are refused as bound once the account is bound; otherwise the first five all ran.
  if (!results.some((r) => codeOf(r) === 'PERMISSION_DENIED')) expect(tried).toBe(Math.min(results.length, LIMIT))
  const successes = results.map((r, i) => [r.ok, right[i]] as const).filter(([ok]) => ok)
  expect(successes.every(([, isRight]) => isRight)).toBe(true)
  expect(successes.length).toBe(results.some((r, i) => right[i] && evaluated(r)) ? 1 : 0)
}

/** The account's next attempt runs while the window has a slot left, and waits once all five are taken. */
async function expectNextAttempt(tried: number, next: () => Promise<Result>): Promise<void> {
  expect(codeOf(await next())).toBe(tried < LIMIT ? 'INVALID_ARGUMENT' : 'RATE_LIMITED')
}

describe('user: binding attempts under concurrency', () => {
  const h = useHarness()

  it('evaluates at most five binds of a burst from one account, whatever its size and order', async () => {
    const burst = fc.array(fc.oneof({ arbitrary: fc.constant(null), weight: 1 }, { arbitrary: wrongPair, weight: 4 }), { minLength: 1, maxLength: 40, size: 'max' })
    await fc.assert(fc.asyncProperty(burst, async (attempts) => {
      await releaseStudents(h)
      const o = freshAccount('bind')
      const results = await Promise.all(attempts.map((a) => h.call(o, 'user', 'bind', a ?? { studentNo: STUDENT.studentNo, name: STUDENT.name })))
      expectLimitHeld(attempts.map((a) => a === null), results)
      const bound = results.some((r) => r.ok)
      expect((await personOf(h, STUDENT.id)).openid).toBe(bound ? o : null)
      await expectConsistent(h)
      if (!bound) await expectNextAttempt(results.filter(evaluated).length, () => h.call(o, 'user', 'bind', { studentNo: STUDENT.studentNo, name: '错' }))
    }), { numRuns: 8, seed: 2024 })
  })

  it('evaluates at most five invite codes of a burst from one account, and a code is used only by the binding it makes', async () => {
    const burst = fc.array(fc.oneof({ arbitrary: fc.constant(null), weight: 1 }, { arbitrary: wrongCode, weight: 4 }), { minLength: 1, maxLength: 40, size: 'max' })
    await fc.assert(fc.asyncProperty(burst, async (attempts) => {
      const { code, personId } = await inviteTeacher(h)
      const o = freshAccount('invite')
      const kinds = attempts.map((a) => a === null || a === code)
      const results = await Promise.all(attempts.map((a) => h.call(o, 'user', 'redeemInvite', { code: a ?? code })))
      expectLimitHeld(kinds, results)
      const bound = results.some((r) => r.ok)
      expect((await personOf(h, personId)).openid).toBe(bound ? o : null)
      await expectConsistent(h)
      if (!bound) await expectNextAttempt(results.filter(evaluated).length, () => h.call(o, 'user', 'redeemInvite', { code: code === 'ZZZZZZZZ' ? 'YYYYYYYY' : 'ZZZZZZZZ' }))
      // Unused, the code still binds its teacher; used, it binds no one else.
      expect(codeOf(await h.call(freshAccount('rightful'), 'user', 'redeemInvite', { code }))).toBe(bound ? 'INVALID_ARGUMENT' : 'OK')
    }), { numRuns: 8, seed: 2025 })
  })

  it('binds an account exactly once when it binds and redeems at once, after failed binds, and leaves the other code usable', async () => {
    const scenario = fc.record({
      failedBinds: fc.array(wrongPair, { maxLength: 8 }),
      // Wrong codes stay within the invite limit, so the right code always gets its slot.
      wrongCodes: fc.array(wrongCode, { maxLength: LIMIT - 1 }),
      wrongBinds: fc.array(wrongPair, { maxLength: 3 }),
      // Sort keys that put the second burst in a random order.
      order: fc.array(fc.nat(), { minLength: 2 + LIMIT - 1 + 3, maxLength: 2 + LIMIT - 1 + 3 })
    })
    await fc.assert(fc.asyncProperty(scenario, async ({ failedBinds, wrongCodes, wrongBinds, order }) => {
      await releaseStudents(h)
      const { code, personId } = await inviteTeacher(h)
      const o = freshAccount('mixed')
      await Promise.all(failedBinds.map((p) => h.call(o, 'user', 'bind', p)))
      const calls: (() => Promise<Result>)[] = [
        () => h.call(o, 'user', 'bind', { studentNo: STUDENT.studentNo, name: STUDENT.name }),
        () => h.call(o, 'user', 'redeemInvite', { code }),
        ...wrongCodes.filter((c) => c !== code).map((c) => () => h.call(o, 'user', 'redeemInvite', { code: c })),
        ...wrongBinds.map((p) => () => h.call(o, 'user', 'bind', p))
      ]
      await Promise.all(calls.map((c, i) => [c, order[i]] as const).sort((a, b) => a[1] - b[1]).map(([c]) => c()))

      const student = await personOf(h, STUDENT.id)
      const teacher = await personOf(h, personId)
      expect([student.openid, teacher.openid].filter((x) => x === o)).toHaveLength(1)
      expect([student.openid, teacher.openid].filter((x) => x !== o && x !== null)).toEqual([])
      await expectConsistent(h)
      // Whichever lost keeps what it had: the code, or the student's roster entry.
      const rightful = freshAccount('rightful')
      if (teacher.openid === null) expect(codeOf(await h.call(rightful, 'user', 'redeemInvite', { code }))).toBe('OK')
      else expect(codeOf(await h.call(rightful, 'user', 'bind', { studentNo: STUDENT.studentNo, name: STUDENT.name }))).toBe('OK')
      await expectConsistent(h)
    }), { numRuns: 8, seed: 2026 })
  })

  it('lets exactly one of any number of accounts binding the same person at once win', async () => {
    const crowd = fc.array(fc.oneof({ arbitrary: fc.constant(null), weight: 2 }, { arbitrary: wrongPair, weight: 1 }), { minLength: 2, maxLength: 16 })
    await fc.assert(fc.asyncProperty(crowd, async (attempts) => {
      await releaseStudents(h)
      const callers = attempts.map(() => freshAccount('crowd'))
      const results = await Promise.all(attempts.map((a, i) => h.call(callers[i], 'user', 'bind', a ?? { studentNo: STUDENT.studentNo, name: STUDENT.name })))
      const winners = callers.filter((_, i) => results[i].ok)
      expect(winners).toHaveLength(attempts.some((a) => a === null) ? 1 : 0)
      expect(winners.every((o) => attempts[callers.indexOf(o)] === null)).toBe(true)
      expect((await personOf(h, STUDENT.id)).openid).toBe(winners[0] ?? null)
      await expectConsistent(h)
    }), { numRuns: 5, seed: 2027 })
  })

  describe('a competing binding landing inside a call', () => {
    /** Runs `effect` on the store right after the first `method` call on `collection` (the interleaving to test). */
    function landAfter(method: 'insert' | 'findOneAndUpdate', collection: string, effect: (store: Store) => void): () => void {
      const store = h.emulator!.store
      const original = store[method] as (...args: any[]) => any
      let landed = false
      store[method] = ((...args: any[]) => {
        const out = original.apply(store, args)
        if (!landed && args[0] === collection) {
          landed = true
          effect(store)
        }
        return out
      }) as any
      return () => { store[method] = original as any }
    }

    /** What a concurrent call by `openid` that bound `personId` leaves behind. */
    function boundMeanwhile(store: Store, openid: string, personId: string, fields: Record<string, unknown> = {}): void {
      const boundAt = new Date()
      store.update('people', { _id: personId, openid: null }, { $set: { openid, lastOpenid: openid, boundAt, ...fields } }, { multi: false, replace: false, upsert: false })
      store.insert('bindings', [{ _id: openid, personId, boundAt }])
    }

    // Right after the attempt's slot is taken (its record is created: an insert), or right after its claim.
    const POINTS = [
      { method: 'insert', collection: 'attempts' },
      { method: 'findOneAndUpdate', collection: 'people' }
    ] as const

    it.each(POINTS)('answers a redemption CONFLICT when the account got bound meanwhile (after $method on $collection), and leaves the code to its teacher', async ({ method, collection }) => {
      const { code, personId } = await inviteTeacher(h)
      const o = freshAccount('raced')
      const restore = landAfter(method, collection, (store) => boundMeanwhile(store, o, STUDENT.id))
      let r: Result
      try {
        r = await h.call(o, 'user', 'redeemInvite', { code })
      } finally {
        restore()
      }
      expect(codeOf(r)).toBe('CONFLICT')
      expect(await personOf(h, personId)).toMatchObject({ openid: null, inviteCode: code })
      await expectConsistent(h)
      expect(await h.ok(freshAccount('rightful'), 'user', 'redeemInvite', { code })).toMatchObject({ bound: true, person: { id: personId } })
      await expectConsistent(h)
    })

    it.each(POINTS)('answers a bind CONFLICT when the account redeemed a code meanwhile (after $method on $collection), and leaves the student unbound', async ({ method, collection }) => {
      const { personId } = await inviteTeacher(h)
      const o = freshAccount('raced')
      const restore = landAfter(method, collection, (store) => boundMeanwhile(store, o, personId, { inviteCode: null }))
      let r: Result
      try {
        r = await h.call(o, 'user', 'bind', { studentNo: STUDENT.studentNo, name: STUDENT.name })
      } finally {
        restore()
      }
      expect(codeOf(r)).toBe('CONFLICT')
      expect((await personOf(h, STUDENT.id)).openid).toBeNull()
      await expectConsistent(h)
      expect((await h.call(freshAccount('rightful'), 'user', 'bind', { studentNo: STUDENT.studentNo, name: STUDENT.name })).ok).toBe(true)
    })
  })
})
