/**
 * The database requests of `volunteer.log` (the caller load included) over generated
 * sequences of logs: an intern's first of the year, the first of a group's year, interns
 * with and without a group, days filling up to refusals, and the device queue sending a
 * log again after its answer was lost. Every log takes at most 4; a retry whose first try
 * finished takes at most 5 (it reads the record it answers with).
 */
import fc from 'fast-check'
import { OPENID } from './fixture'
import { clearVolunteer, logInput, useVolunteerHarness } from './volunteerWorld'

/** Interns who log: two of group A, one of group B, one without a group. */
const LOGGERS = ['internA', 'coreA', 'internB', 'loner'] as const
type Logger = (typeof LOGGERS)[number]

type Step = { kind: 'log'; who: Logger; day: number; hours: number } | { kind: 'again'; pick: number }

const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('log' as const), who: fc.constantFrom(...LOGGERS), day: fc.integer({ min: 1, max: 2 }), hours: fc.integer({ min: 1, max: 28 }).map((n) => n / 2) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('again' as const), pick: fc.nat() }) }
)

const GROUP_OF: Record<Logger, string | null> = { internA: 'group-a', coreA: 'group-a', internB: 'group-b', loner: null }

/** What the intern's counter holds, as the test expects it: hours per day, and whether it exists yet. */
interface Expected { days: Map<string, number> }

describe('volunteer.log: database requests', () => {
  const h = useVolunteerHarness()

  it('takes at most 4 requests (3 once the intern\'s year has a log, 4 for the first and for a refusal) and a retry at most 5, over generated sequences', async () => {
    const reached = new Set<string>()
    await fc.assert(fc.asyncProperty(fc.array(step, { minLength: 3, maxLength: 10 }), async (steps) => {
      await clearVolunteer(h)
      const counters = new Map<Logger, Expected>()
      const groupsLogged = new Set<string>()
      const sent: { who: Logger; input: ReturnType<typeof logInput>; id: string | null }[] = []
      for (const s of steps) {
        if (s.kind === 'again') {
          if (!sent.length) continue
          const earlier = sent[s.pick % sent.length]
          h.resetCounters()
          const r = await h.call(OPENID[earlier.who], 'volunteer', 'log', earlier.input)
          const n = h.dbRequests()
          expect(r.ok).toBe(earlier.id !== null)
          if (r.ok) expect(r.data.id).toBe(earlier.id)
          expect(n).toBeLessThanOrEqual(5)
          reached.add(earlier.id === null ? 'a refusal sent again' : 'a retry')
          continue
        }
        const input = logInput({ date: `2026-10-0${s.day}`, hours: s.hours })
        const mine = counters.get(s.who)
        const held = mine?.days.get(input.date) ?? 0
        h.resetCounters()
        const r = await h.call(OPENID[s.who], 'volunteer', 'log', input)
        const n = h.dbRequests()
        const fits = held + s.hours <= 24
        expect(r.ok).toBe(fits)
        // The first of the intern's year adds their counter; a refusal reads it to say how much is left.
        const expected = !mine ? 4 : fits ? 3 : 4
        expect({ first: !mine, fits, n }).toEqual({ first: !mine, fits, n: expected })
        const group = GROUP_OF[s.who]
        if (!mine) reached.add(group === null ? 'first of the year, no group' : groupsLogged.has(group) ? 'first of the year in a group with logs' : 'first of a group\'s year')
        else reached.add(fits ? 'a later log' : 'a refusal')
        if (group) groupsLogged.add(group)
        if (fits) {
          const days = mine?.days ?? new Map<string, number>()
          days.set(input.date, held + s.hours)
          counters.set(s.who, { days })
        }
        sent.push({ who: s.who, input, id: r.ok ? r.data.id : null })
      }
    }), { numRuns: 8, seed: 20261, examples: [[[
      { kind: 'log', who: 'internA', day: 1, hours: 10 }, { kind: 'log', who: 'coreA', day: 1, hours: 2 }, { kind: 'log', who: 'internB', day: 1, hours: 1 },
      { kind: 'log', who: 'loner', day: 2, hours: 3 }, { kind: 'log', who: 'internA', day: 1, hours: 10 }, { kind: 'log', who: 'internA', day: 1, hours: 5 },
      { kind: 'again', pick: 0 }, { kind: 'again', pick: 5 }
    ]]] })
    expect([...reached].sort()).toEqual([
      'a later log', 'a refusal', 'a refusal sent again', 'a retry', 'first of a group\'s year', 'first of the year in a group with logs', 'first of the year, no group'
    ])
  })
})
