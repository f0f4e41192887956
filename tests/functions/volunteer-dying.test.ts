/**
 * A volunteer action whose function dies at any of its writes (tests/functions/dying.ts),
 * then is sent again as the device queue sends it: the counters of every person, group
 * and province (and each person's days) equal a full recount of the records.
 */
import fc from 'fast-check'
import type { TotalsDoc, VolunteerDoc } from '../../cloudfunctions/volunteer/model'
import { dieAtWrite } from './dying'
import { OPENID } from './fixture'
import type { Harness } from './harness'
import { clearVolunteer, countersIn, logInput, recordsIn, useVolunteerHarness } from './volunteerWorld'

type Row = { verified: number; unverified: number; records: number }

/** The counters as the records say they should be: non-rejected records summed by person, group and province, and each person's days. */
function recount(records: VolunteerDoc[]): { totals: Map<string, Row>; days: Map<string, Record<string, number>> } {
  const totals = new Map<string, Row>()
  const days = new Map<string, Record<string, number>>()
  for (const r of records) {
    if (r.state === 'rejected') continue
    const keys = [`person:${r.year}:${r.personId}`, r.groupId && `group:${r.year}:${r.groupId}`, r.province && `province:${r.year}:${r.province}`].filter(Boolean) as string[]
    for (const k of keys) {
      const t = totals.get(k) ?? { verified: 0, unverified: 0, records: 0 }
      t.records += 1
      if (r.state === 'verified') t.verified += r.hours
      else t.unverified += r.hours
      totals.set(k, t)
    }
    const d = days.get(r.personId) ?? {}
    d[r.date] = (d[r.date] ?? 0) + r.hours
    days.set(r.personId, d)
  }
  return { totals, days }
}

async function expectExact(h: Harness): Promise<void> {
  const { totals, days } = recount(await recordsIn(h))
  const counters = await countersIn(h)
  const kept = new Map(counters.filter((c) => c.records !== 0 || c.verified !== 0 || c.unverified !== 0).map((c: TotalsDoc) => [c._id, { verified: c.verified, unverified: c.unverified, records: c.records }]))
  expect(kept).toEqual(totals)
  for (const c of counters.filter((x) => x.kind === 'person')) {
    const held = Object.fromEntries(Object.entries(c.days ?? {}).filter(([, n]) => n !== 0))
    expect(held).toEqual(days.get(c.key) ?? {})
  }
}

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
        await expectExact(h)
      }
    }), { numRuns: 4, seed: 7 })
  })
})
