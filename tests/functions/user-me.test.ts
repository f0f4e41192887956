/**
 * `user.me` (and the `me` that binding answers) shows the caller their own phone number
 * for the 我的 page, and never anyone else's: for generated phones (some people without
 * one) and every kind of caller.
 */
import fc from 'fast-check'
import { buildFixture, loadFixture, OPENID } from './fixture'
import { useHarness } from './harness'

const phoneArb = fc.option(fc.integer({ min: 0, max: 99_999_999 }).map((n) => `137${String(n).padStart(8, '0')}`), { nil: null })

describe('user.me', () => {
  const h = useHarness({ fixturePerTest: false })

  it('shows the caller their own phone, and nobody else\'s', async () => {
    const people = buildFixture().people
    await fc.assert(fc.asyncProperty(fc.array(phoneArb, { minLength: people.length, maxLength: people.length }), async (phones) => {
      const fixture = buildFixture()
      fixture.people.forEach((p, i) => { p.phone = phones[i] })
      await loadFixture(h.app, fixture)
      for (const openid of Object.values(OPENID)) {
        const envelope = await h.call(openid, 'user', 'me')
        const me = fixture.people.find((p) => p.openid === openid)
        expect({ openid, phone: envelope.ok && envelope.data.person?.phone }).toEqual({ openid, phone: me ? me.phone : undefined })
        const others = fixture.people.filter((p) => p !== me && p.phone && p.phone !== me?.phone)
        expect({ openid, leaked: others.filter((p) => JSON.stringify(envelope).includes(p.phone!)).map((p) => p._id) }).toEqual({ openid, leaked: [] })
      }
    }), { numRuns: 8, seed: 20270201 })
  })

  it('answers a student who binds with their own phone', async () => {
    await fc.assert(fc.asyncProperty(phoneArb, fc.constantFrom('unbound-1', 'unbound-2'), async (phone, id) => {
      const fixture = buildFixture()
      const student = fixture.people.find((p) => p._id === id)!
      student.phone = phone
      await loadFixture(h.app, fixture)
      const me = await h.ok(`o-bind-${id}`, 'user', 'bind', { studentNo: student.no, name: student.name })
      expect(me.person).toMatchObject({ id, phone })
    }), { numRuns: 6, seed: 20270202 })
  })
})
