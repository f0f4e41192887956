/**
 * A check-in action whose function dies at any of its writes, then is sent again with the
 * same input: the check-in's counts equal a recount of its attendance, and each person on
 * it has their attendance entry (their history), no one else.
 */
import fc from 'fast-check'
import { dieAtWrite } from './dying'
import { OPENID } from './fixture'
import type { Harness } from './harness'
import { checkinInput, useActivityHarness } from './activityWorld'

async function expectExact(h: Harness): Promise<void> {
  const docs = (await h.app.database().collection('checkins').limit(1000).get()).data as any[]
  const checkins = docs.filter((d) => d.attendance)
  const entries = docs.filter((d) => !d.attendance)
  for (const c of checkins) {
    const states = Object.values(c.attendance as Record<string, { state: string }>).map((a) => a.state)
    const count = (s: string) => states.filter((x) => x === s).length
    expect(c.counts).toEqual({ listed: count('listed'), confirmed: count('confirmed'), requested: count('requested') })
    expect([...c.attendeeIds].sort()).toEqual(Object.keys(c.attendance).sort())
    expect(entries.filter((e) => e.checkinId === c._id).map((e) => e.personId).sort()).toEqual(Object.keys(c.attendance).sort())
  }
}

type Action = 'record' | 'confirm' | 'requestJoin' | 'approve' | 'refuse'

async function scene(h: Harness, action: Action, attendees: string[]): Promise<() => Promise<unknown>> {
  const db = h.app.database()
  await db.collection('checkins').where({ _id: db.command.exists(true) }).remove()
  const input = checkinInput({ attendeeIds: attendees })
  if (action === 'record') return () => h.call(OPENID.liaisonA, 'activity', 'record', input)
  const made = await h.ok(OPENID.liaisonA, 'activity', 'record', input)
  if (action === 'confirm') return () => h.call(OPENID.internA, 'activity', 'confirm', { checkinId: made.id })
  if (action === 'requestJoin') return () => h.call(OPENID.internA, 'activity', 'requestJoin', { checkinId: made.id })
  await h.ok(OPENID.internA, 'activity', 'requestJoin', { checkinId: made.id })
  return () => h.call(OPENID.liaisonA, 'activity', 'decide', { checkinId: made.id, personId: 'intern-a', approve: action === 'approve' })
}

describe('activity: counts exact after a try that died at any write', () => {
  const h = useActivityHarness()

  it.each<Action>(['record', 'confirm', 'requestJoin', 'approve', 'refuse'])('%s: dies at each write, is sent again, and the counts equal the recount', async (action) => {
    const others = fc.subarray(['liaison-a', 'member-a3', 'activist-a', 'core-a'], { minLength: 1 })
    await fc.assert(fc.asyncProperty(others, fc.boolean(), async (listed, lastApplied) => {
      // intern-a is listed when they confirm, not listed when they ask to be added.
      const attendees = action === 'confirm' || action === 'record' ? [...listed, 'intern-a'] : listed
      let call = await scene(h, action, attendees)
      const counting = dieAtWrite(h, Number.MAX_SAFE_INTEGER, false)
      await call()
      const writes = counting.writes()
      counting.restore()
      for (let n = 0; n < writes; n++) {
        call = await scene(h, action, attendees)
        const dying = dieAtWrite(h, n, lastApplied)
        await call()
        dying.restore()
        expect(await call()).toMatchObject({ ok: true })
        await expectExact(h)
      }
    }), { numRuns: 4, seed: 8 })
  })
})
