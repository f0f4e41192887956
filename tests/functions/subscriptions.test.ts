/**
 * The one-time subscription quota: grants capped as one WeChat prompt and a plausible
 * stock allow, takes exact under any concurrency, a retried dispatch taking nothing more,
 * and a fixed number of requests per 1000 people — through the real SDK on the emulator.
 */
import fc from 'fast-check'
import { grantSubscriptions, MAX_GRANT, MAX_REMAINING, SUBSCRIPTIONS, subscriptionId, takeSubscriptions } from '../../cloudfunctions/common/ports/subscriptions'
import { usePortsEnv } from './portsEnv'

const env = usePortsEnv()
const db = () => env().app.database()
let run = 0
/** A person no other test run has touched. */
const fresh = (label = 'p'): string => `${label}-${++run}-${Math.random().toString(36).slice(2, 8)}`

async function remaining(personId: string): Promise<number> {
  const { data } = await db().collection(SUBSCRIPTIONS).doc(subscriptionId('lessonPublished', personId)).get()
  return data[0]?.remaining ?? 0
}

describe('granting', () => {
  it('adds each acceptance up to the cap, and refuses what no prompt can give', async () => {
    await fc.assert(fc.asyncProperty(fc.array(fc.integer({ min: -1, max: MAX_GRANT + 2 }), { minLength: 1, maxLength: 14 }), async (grants) => {
      const person = fresh()
      let expected = 0
      for (const n of grants) {
        if (n < 1 || n > MAX_GRANT) {
          await expect(grantSubscriptions(person, 'lessonPublished', n)).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' })
          continue
        }
        expected = Math.min(MAX_REMAINING, expected + n)
        expect(await grantSubscriptions(person, 'lessonPublished', n)).toBe(expected)
      }
      expect(await remaining(person)).toBe(expected)
    }), { numRuns: 25 })
  })

  it('concurrent grants to one person add up exactly, never past the cap', async () => {
    await fc.assert(fc.asyncProperty(fc.array(fc.integer({ min: 1, max: MAX_GRANT }), { minLength: 2, maxLength: 12 }), async (grants) => {
      const person = fresh()
      await Promise.all(grants.map((n) => grantSubscriptions(person, 'lessonPublished', n)))
      expect(await remaining(person)).toBe(Math.min(MAX_REMAINING, grants.reduce((a, b) => a + b, 0)))
    }), { numRuns: 15 })
  })
})

describe('taking', () => {
  it('50 concurrent takes against a quota of 3 give exactly 3', async () => {
    const person = fresh()
    await grantSubscriptions(person, 'lessonPublished', 3)
    const results = await Promise.all(Array.from({ length: 50 }, () => takeSubscriptions([person], 'lessonPublished')))
    expect(results.filter((r) => r.includes(person))).toHaveLength(3)
    expect(await remaining(person)).toBe(0)
  })

  it('concurrent dispatches take exactly what each person had, each person at most once per dispatch', async () => {
    const world = fc.record({
      quotas: fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 1, maxLength: 6 }),
      dispatches: fc.array(fc.tuple(fc.integer({ min: 0, max: 5 }), fc.array(fc.nat(), { minLength: 1, maxLength: 8 })), { minLength: 2, maxLength: 25 })
    })
    await fc.assert(fc.asyncProperty(world, async ({ quotas, dispatches }) => {
      const people = quotas.map(() => fresh())
      await Promise.all(quotas.map(async (q, i) => {
        for (let left = q; left > 0; left -= MAX_GRANT) await grantSubscriptions(people[i], 'lessonPublished', Math.min(left, MAX_GRANT))
      }))
      // Some dispatches share an id: a retried publish.
      const calls = dispatches.map(([id, picks]) => ({ id: `d${run}-${id}`, who: picks.map((p) => people[p % people.length]) }))
      const results = await Promise.all(calls.map((c) => takeSubscriptions(c.who, 'lessonPublished', c.id)))
      for (const [i, person] of people.entries()) {
        const dispatchIds = new Set(calls.filter((c, k) => results[k].includes(person)).map((c) => c.id))
        const asked = new Set(calls.filter((c) => c.who.includes(person)).map((c) => c.id))
        // Every call of a dispatch that took from the person reports them; distinct dispatches count once each.
        expect(dispatchIds.size).toBe(Math.min(quotas[i], asked.size))
        for (const [k, c] of calls.entries()) if (dispatchIds.has(c.id) && c.who.includes(person)) expect(results[k]).toContain(person)
        expect(await remaining(person)).toBe(quotas[i] - dispatchIds.size)
      }
      for (const r of results) expect(new Set(r).size).toBe(r.length)
    }), { numRuns: 20 })
  })

  it('takes from thousands of people in two requests per 1000', async () => {
    const people = Array.from({ length: 2500 }, (_, i) => `bulk-${run}-${i}`)
    const holders = people.filter((_, i) => i % 3 === 0)
    await db().collection(SUBSCRIPTIONS).add(holders.map((p) => ({ _id: subscriptionId('lessonPublished', p), personId: p, template: 'lessonPublished', remaining: 1, dispatches: [], updatedAt: new Date() })))
    const before = env().dbRequests()
    const taken = await takeSubscriptions(people, 'lessonPublished', 'bulk')
    expect(env().dbRequests() - before).toBe(6)
    expect(taken.sort()).toEqual([...holders].sort())
  })
})
