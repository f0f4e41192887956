/**
 * The permission matrix, generated from the action registry: every action x every kind of
 * caller, each allowed or refused exactly as the contract's access rules declare, and a
 * refused call writes nothing.
 */
import type { Role } from '../../types/roles'
import { contract, FunctionName } from '../../types/contract'
import { loadFixture, OPENID } from './fixture'
import { Harness, useHarness } from './harness'
import { allActions, EXAMPLES, registries } from './registries'

interface Persona {
  name: string
  openid: string | null
  /** roles held, and whether each reaches group A (the group every example is about) */
  roles: [Role, boolean][]
}

const PERSONAS: Persona[] = [
  { name: 'anonymous', openid: null, roles: [['anonymous', false]] },
  { name: 'unbound', openid: OPENID.unbound, roles: [['unbound', false]] },
  { name: 'intern', openid: OPENID.internA, roles: [['intern', true]] },
  { name: 'liaison of this group', openid: OPENID.liaisonA, roles: [['intern', true], ['liaison', true]] },
  { name: 'liaison of another group', openid: OPENID.liaisonB, roles: [['intern', false], ['liaison', false]] },
  { name: 'advisor of this group', openid: OPENID.advisorA, roles: [['advisor', true]] },
  { name: 'advisor of another group', openid: OPENID.advisorB, roles: [['advisor', false]] },
  { name: 'unit contact', openid: OPENID.unitContactA, roles: [['unitContact', true]] },
  { name: 'admin', openid: OPENID.admin, roles: [['admin', true]] }
]

const AUTH_ERRORS = new Set(['UNAUTHENTICATED', 'NOT_BOUND', 'PERMISSION_DENIED'])

function expectedAllowed(fn: FunctionName, action: string, p: Persona): boolean {
  const access = (contract[fn] as Record<string, { access: Partial<Record<Role, 'any' | 'group'>> }>)[action].access
  return p.roles.some(([role, reachesA]) => access[role] === 'any' || (access[role] === 'group' && reachesA))
}

describe('permission matrix', () => {
  const h = useHarness({ fixturePerTest: false })


  it('registers every action the contract declares, and no other', () => {
    for (const fn of Object.keys(contract) as FunctionName[]) {
      expect(Object.keys(registries[fn]).sort()).toEqual(Object.keys(contract[fn]).sort())
      for (const [name, def] of Object.entries(registries[fn])) expect(def.contract).toBe((contract[fn] as any)[name])
    }
  })

  const cases = allActions().flatMap(([fn, action]) => PERSONAS.map((p) => [fn, action, p] as const))

  it.each(cases.map(([fn, action, p]) => [`${fn}.${action}`, p.name, fn, action, p] as const))('%s as %s', async (_label, _who, fn, action, p) => {
    const allowed = expectedAllowed(fn, action, p)
    const before = h.snapshot()
    const r = await (h.call as any)(p.openid, fn, action, EXAMPLES[fn][action]) as Awaited<ReturnType<Harness['call']>>
    const refused = !r.ok && AUTH_ERRORS.has(r.error.code)
    expect({ allowed: !refused, code: r.ok ? 'OK' : r.error.code }).toEqual({ allowed, code: expect.any(String) })
    if (refused) {
      expect(h.snapshot()).toBe(before)
      if (p.openid === null) expect(r.error.code).toBe('UNAUTHENTICATED')
    } else {
      // The example might have changed something; start the next case from the fixture.
      expect(r.ok || r.error.code !== 'INTERNAL').toBe(true)
      await loadFixture(h.app)
    }
  })
})
