/**
 * A volunteer action whose function dies at any of its writes (tests/functions/dying.ts),
 * then is sent again as the device queue sends it: once the recount timer has run, every
 * counter of a person, group and province (and each person's days) equals a full recount
 * of the records.
 */
import fc from 'fast-check'
import { dieAtWrite } from './dying'
import { OPENID } from './fixture'
import type { Harness } from './harness'
import { clearVolunteer, expectCountersExact, logInput, recountNow, useVolunteerHarness } from './volunteerWorld'

type Action = 'log' | 'approve' | 'reject' | 'linkApprove' | 'linkReject'

/** Sets the scene (some records logged before) and answers the call to die in and send again. */
async function scene(h: Harness, action: Action, before: number[]): Promise<() => Promise<unknown>> {
  await clearVolunteer(h)
  const ids: string[] = []
  for (const [i, hours] of before.entries()) ids.push((await h.ok(OPENID.internA, 'volunteer', 'log', logInput({ hours, date: `2026-10-1${i}` }))).id)
  if (action === 'log') {
    const input = logInput({ hours: 3.5, date: '2026-10-20' })
    return () => h.call(OPENID.internA, 'volunteer', 'log', input)
  }
  const recordId = ids[ids.length - 1]
  if (action === 'approve' || action === 'reject') {
    const input = { recordId, approve: action === 'approve', ...(action === 'reject' ? { reason: '时长不符' } : {}) }
    return () => h.call(OPENID.advisorA, 'volunteer', 'verify', input)
  }
  const { token } = await h.ok(OPENID.internA, 'volunteer', 'createLink', { recordId })
  const input = { token, verifierName: '刘带教', approve: action === 'linkApprove', ...(action === 'linkReject' ? { reason: '未见到' } : {}) }
  return () => h.call(null, 'volunteer', 'verifyByLink', input)
}

describe('volunteer: counters exact after a try that died at any write', () => {
  const h = useVolunteerHarness()

  it.each<Action>(['log', 'approve', 'reject', 'linkApprove', 'linkReject'])('%s: dies at each write, is sent again, and the counters equal the recount', async (action) => {
    await fc.assert(fc.asyncProperty(fc.array(fc.integer({ min: 1, max: 8 }).map((n) => n / 2), { minLength: 1, maxLength: 3 }), fc.boolean(), async (before, lastApplied) => {
      // How many writes the call makes when it lives.
      let call = await scene(h, action, before)
      const counting = dieAtWrite(h, Number.MAX_SAFE_INTEGER, false)
      await call()
      const writes = counting.writes()
      counting.restore()
      for (let n = 0; n < writes; n++) {
        call = await scene(h, action, before)
        const dying = dieAtWrite(h, n, lastApplied)
        await call()
        dying.restore()
        await call()
        await recountNow(h)
        await expectCountersExact(h)
      }
    }), { numRuns: 4, seed: 7 })
  })
})
