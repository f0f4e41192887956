/**
 * Who reads cultivation records, generated from a model of the relations: every action of
 * `cultivation` (list, get, observe, recordReview, myOutcomes) by the person, a peer, the
 * school contact, the unit contact, the unit contact of another person (who is also a
 * contact of the person's group), another group's advisor, the group's advisor, the
 * liaison and admin, about two people under cultivation. A record (an observation's text,
 * a review's note) reaches only the person's two contacts, their group's advisors and
 * admins; the person sees their outcomes only; a refused call writes nothing. Then the
 * same checks over generated sequences, with records added between the reads.
 */
import fc from 'fast-check'
import type { Role } from '../../types/roles'
import { contract } from '../../types/contract'
import { buildFixture, loadFixture, OPENID } from './fixture'
import { useHarness } from './harness'
import { ASSIGNMENTS, assignAll, clearCultivation, cultivationFixture, cultivationOf, CV_OPENID, observeInput } from './cultivationWorld'

interface Persona { name: string; openid: string; id: string; roles: Role[] }

const PERSONAS: Persona[] = [
  { name: 'the person', openid: CV_OPENID.activistA, id: 'activist-a', roles: ['intern'] },
  { name: 'a peer', openid: OPENID.internA, id: 'intern-a', roles: ['intern'] },
  { name: 'the school contact', openid: CV_OPENID.teacherC, id: 'teacher-c', roles: ['advisor'] },
  { name: 'the unit contact', openid: OPENID.unitContactA, id: 'contact-a', roles: ['unitContact'] },
  { name: 'the unit contact of another person', openid: CV_OPENID.contactB, id: 'contact-b', roles: ['unitContact'] },
  { name: "another group's advisor", openid: OPENID.advisorB, id: 'advisor-b', roles: ['advisor'] },
  { name: "the group's advisor", openid: OPENID.advisorA, id: 'advisor-a', roles: ['advisor'] },
  { name: 'the liaison', openid: OPENID.liaisonA, id: 'liaison-a', roles: ['intern', 'liaison'] },
  { name: 'admin', openid: OPENID.admin, id: 'admin', roles: ['admin'] }
]
/** Activist A (group A), whom the personas are named after, and activist B (group B). */
const TARGETS = ['activist-a', 'activist-b'] as const
type Target = (typeof TARGETS)[number]
const ACTIONS = ['list', 'get', 'observe', 'recordReview', 'myOutcomes'] as const
type Action = (typeof ACTIONS)[number]

const fixture = buildFixture()
const groupOf: Record<Target, string> = { 'activist-a': 'group-a', 'activist-b': 'group-b' }
const advisorsOf = (t: Target): string[] => fixture.groups.find((g) => g._id === groupOf[t])!.advisorIds
const contactsOf = (t: Target) => ASSIGNMENTS.find((a) => a.personId === t)!

// ---- the model: who may do what --------------------------------------------------------

const admitted = (p: Persona, action: Action): boolean => {
  const access = (contract.cultivation as Record<string, { access: Partial<Record<Role, unknown>> }>)[action].access
  return p.roles.some((r) => access[r])
}
const reads = (p: Persona, t: Target): boolean =>
  p.roles.includes('admin') || advisorsOf(t).includes(p.id) || contactsOf(t).schoolContactId === p.id || contactsOf(t).unitContactId === p.id
const observesOn = (p: Persona, t: Target): boolean => contactsOf(t).schoolContactId === p.id || contactsOf(t).unitContactId === p.id

const REFUSED = ['PERMISSION_DENIED', 'NOT_FOUND']

describe('cultivation: who reads a record', () => {
  const h = useHarness({ fixturePerTest: false })
  /** The texts of each person's records written so far: observations' bodies, reviews' notes. */
  const secrets = new Map<Target, string[]>()
  let n = 0

  const observe = async (openid: string, t: Target, body: string) => {
    const r = await h.call(openid, 'cultivation', 'observe', observeInput(t, { body }))
    if (r.ok) secrets.get(t)!.push(body)
    return r
  }
  const review = async (openid: string, t: Target, note: string) => {
    // The review due as the branch sees it (anyone else is refused before it matters).
    const dueOn = openid === OPENID.admin ? (await h.ok(OPENID.admin, 'cultivation', 'get', { personId: t })).nextReview!.dueOn : '2026-04-01'
    const r = await h.call(openid, 'cultivation', 'recordReview', { personId: t, kind: 'sixMonth', dueOn, outcome: 'qualified', note })
    if (r.ok) secrets.get(t)!.push(note)
    return r
  }

  beforeAll(async () => {
    await loadFixture(h.app, cultivationFixture())
    await clearCultivation(h)
    await assignAll(h)
    for (const t of TARGETS) {
      secrets.set(t, [])
      const c = contactsOf(t)
      const school = PERSONAS.find((p) => p.id === c.schoolContactId)!
      const unit = PERSONAS.find((p) => p.id === c.unitContactId)!
      expect((await observe(school.openid, t, `${t}校方考察记录`)).ok).toBe(true)
      expect((await observe(unit.openid, t, `${t}单位考察记录`)).ok).toBe(true)
      expect((await review(OPENID.admin, t, `${t}考察意见`)).ok).toBe(true)
    }
  })

  /** Whether `text` (an answer) holds any record of `t`. */
  const leaks = (text: string, t: Target): boolean => secrets.get(t)!.some((s) => text.includes(s))

  /** Calls `action` about `t` as `p` and checks the answer against the model. */
  async function exercise(p: Persona, action: Action, t: Target): Promise<void> {
    const before = h.snapshot()
    const id = ++n
    let r: { ok: boolean; data?: any; error?: { code: string } }
    if (action === 'list') {
      r = await h.call(p.openid, 'cultivation', 'list', { pageSize: 100 })
      if (r.ok) {
        const listed = new Set<string>()
        for (const scope of r.data.scopes) {
          const page = await h.ok(p.openid, 'cultivation', 'list', { scope, pageSize: 100 })
          expect(page.nextCursor).toBeNull()
          for (const item of page.items) listed.add(item.personId)
        }
        expect({ persona: p.name, listed: listed.has(t) }).toEqual({ persona: p.name, listed: reads(p, t) })
      }
    } else if (action === 'get') {
      r = await h.call(p.openid, 'cultivation', 'get', { personId: t })
      if (admitted(p, action)) expect({ persona: p.name, ok: r.ok }).toEqual({ persona: p.name, ok: reads(p, t) })
      if (r.ok) expect(secrets.get(t)!.every((s) => JSON.stringify(r.data).includes(s))).toBe(true)
    } else if (action === 'observe') {
      r = await observe(p.openid, t, `${t}的考察记录${id}`)
      expect({ persona: p.name, ok: r.ok }).toEqual({ persona: p.name, ok: admitted(p, action) && observesOn(p, t) })
      if (r.ok) expect(r.data.side).toBe(contactsOf(t).schoolContactId === p.id ? 'school' : 'unit')
    } else if (action === 'recordReview') {
      r = await review(p.openid, t, `${t}的考察意见${id}`)
      // The branch records the review due once it opens; a review recorded already is not open again for months.
      if (p.roles.includes('admin') && !r.ok) expect(r.error).toEqual({ code: 'INVALID_ARGUMENT', message: expect.stringMatching(/^积极分子半年考察最早可于\d{4}-\d{2}-\d{2}记录$/) })
    } else {
      r = await h.call(p.openid, 'cultivation', 'myOutcomes', {})
      if (r.ok) {
        const own = await cultivationOf(h, p.id)
        expect(r.data.outcomes).toHaveLength(own?.reviews.length ?? 0)
        expect(JSON.stringify(r.data)).not.toMatch(/考察记录|考察意见/)
      }
    }
    if (!admitted(p, action)) expect(r.ok ? 'OK' : r.error!.code).toBe('PERMISSION_DENIED')
    else if (!r.ok && action !== 'recordReview') expect(REFUSED).toContain(r.error!.code)
    if (!r.ok) expect(h.snapshot()).toBe(before)
    // Never a record of someone the caller may not read, whatever the action.
    for (const other of TARGETS) if (!reads(p, other)) expect({ persona: p.name, leaks: leaks(JSON.stringify(r), other) }).toEqual({ persona: p.name, leaks: false })
  }

  const cases = TARGETS.flatMap((t) => ACTIONS.flatMap((a) => PERSONAS.map((p) => [a, t, p.name, p] as const)))
  it.each(cases)('%s about %s by %s', async (action, t, _name, p) => {
    await exercise(p, action, t)
  })

  it('holds over generated sequences of calls, records added between them', async () => {
    await fc.assert(fc.asyncProperty(
      fc.array(fc.record({ p: fc.constantFrom(...PERSONAS), action: fc.constantFrom(...ACTIONS), t: fc.constantFrom(...TARGETS) }), { minLength: 5, maxLength: 15 }),
      async (steps) => {
        for (const s of steps) await exercise(s.p, s.action, s.t)
      }
    ), { numRuns: 6, seed: 1212 })
  })
})
