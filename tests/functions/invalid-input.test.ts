/**
 * Every action fed generated invalid input: a clear INVALID_ARGUMENT, nothing written, and
 * the function still healthy afterwards.
 */
import fc from 'fast-check'
import { contract, FunctionName } from '../../types/contract'
import { OPENID } from './fixture'
import { useHarness } from './harness'
import { allActions, EXAMPLES } from './registries'

/** What the function receives: the JSON the call carries, with no data read as {}. */
const overTheWire = (v: unknown): unknown => {
  const json = JSON.stringify(v)
  return json === undefined ? {} : JSON.parse(json) ?? {}
}

const wrongValue = fc.oneof(
  fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.string({ maxLength: 3 }), fc.string({ minLength: 300, maxLength: 600 }),
  fc.array(fc.string(), { maxLength: 3 }), fc.dictionary(fc.string({ maxLength: 5 }), fc.integer(), { maxKeys: 3 }),
  fc.constant({ $gt: '' }), fc.constant('../../etc/passwd'), fc.constant('<script>alert(1)</script>')
)

function invalidInputs(fn: FunctionName, action: string): fc.Arbitrary<unknown> {
  const schema = (contract[fn] as any)[action].input
  const example = EXAMPLES[fn][action]
  const keys = Object.keys(example)
  const mutated = keys.length
    ? fc.tuple(fc.constantFrom(...keys), wrongValue).map(([k, v]) => ({ ...example, [k]: v }))
    : wrongValue.map((v) => ({ unexpected: v }))
  const extraKey = fc.string({ minLength: 1, maxLength: 8 }).filter((k) => !keys.includes(k) && k !== '__proto__').map((k) => ({ ...example, [k]: 1 }))
  const missing = keys.length ? fc.constantFrom(...keys).map((k) => Object.fromEntries(Object.entries(example).filter(([x]) => x !== k))) : fc.constant(5)
  const anything = fc.oneof(fc.anything(), fc.array(fc.anything(), { maxLength: 3 }), fc.string())
  return fc.oneof(mutated, extraKey, missing, anything).filter((v) => !schema.safeParse(overTheWire(v)).success)
}

describe('invalid input', () => {
  const h = useHarness({ fixturePerTest: false })


  it.each(allActions())('%s.%s answers INVALID_ARGUMENT and writes nothing', async (fn, action) => {
    const before = h.snapshot()
    const seen: unknown[] = []
    await fc.assert(fc.asyncProperty(invalidInputs(fn, action), async (input) => {
      seen.push(input)
      const r = await (h.call as any)(OPENID.admin, fn, action, input)
      expect(r.ok).toBe(false)
      if (!r.ok) {
        expect(r.error.code).toBe('INVALID_ARGUMENT')
        expect(r.error.message).toMatch(/^(参数不正确|未知操作)/)
      }
    }), { numRuns: 12, seed: 20261129 })
    expect(h.snapshot()).toBe(before)
    // Still healthy: a well-formed call is answered (whatever its business outcome).
    const ok = await h.call(OPENID.admin, 'user', 'me')
    expect(ok.ok).toBe(true)
    expect(seen.length).toBe(12)
  })

  it('refuses an unknown action and a malformed event', async () => {
    const r = await h.call(OPENID.admin, 'group', 'dropEverything' as any, {})
    expect(r).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT', message: '未知操作：group.dropEverything' } })
    const { result } = await h.appAs(OPENID.admin).callFunction({ name: 'group', data: { action: ['detail'] } as any })
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } })
  })
})
