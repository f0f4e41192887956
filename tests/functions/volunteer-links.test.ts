/**
 * Verification links for the unit contact, who has no account: a signed token names one
 * record, its expiry and a nonce. It verifies its record once; a replayed, expired,
 * forged or altered token — or one altered to name another record — is refused with a
 * Chinese message and changes nothing.
 */
import fc from 'fast-check'
import { issueLinkToken } from '../../cloudfunctions/volunteer/token'
import { OPENID } from './fixture'
import type { Harness } from './harness'
import { logHours, useVolunteerHarness, volunteerState } from './volunteerWorld'

const B64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'

async function linkSecret(h: Harness): Promise<Buffer> {
  const { data } = await h.app.database().collection('secrets').doc('volunteerLink').get()
  return Buffer.from(data[0].key as string, 'hex')
}

const link = (h: Harness, recordId: string, openid: string = OPENID.internA) => h.ok(openid, 'volunteer', 'createLink', { recordId })
const use = (h: Harness, token: string, approve = true) => h.call(null, 'volunteer', 'verifyByLink', { token, verifierName: '刘带教', approve, ...(approve ? {} : { reason: '当天未见到该同学' }) })

describe('volunteer: verification links', () => {
  const h = useVolunteerHarness()

  it('makes a link for the owner\'s pending record only, to the H5 verify page', async () => {
    const record = await logHours(h, { hours: 3.5 })
    const made = await link(h, record.id)
    expect(made.url).toBe(`/#/packages/volunteer/pages/verify/index?token=${encodeURIComponent(made.token)}`)
    const hours = (new Date(made.expiresAt).getTime() - Date.now()) / 3600_000
    expect(hours).toBeGreaterThan(71.9)
    expect(hours).toBeLessThanOrEqual(72)
    for (const openid of [OPENID.internB, OPENID.liaisonA, OPENID.coreA]) {
      expect(await h.call(openid, 'volunteer', 'createLink', { recordId: record.id })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    }
    await h.ok(OPENID.liaisonA, 'volunteer', 'verify', { recordId: record.id, approve: true })
    expect(await h.call(OPENID.internA, 'volunteer', 'createLink', { recordId: record.id })).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: expect.stringContaining('已核实') } })
  })

  it('shows and verifies its record once, without an account, however many times it is used at once; a replay is refused and changes nothing', async () => {
    await fc.assert(fc.asyncProperty(fc.integer({ min: 1, max: 6 }), fc.boolean(), async (n, approve) => {
      const record = await logHours(h, { hours: 3.5, date: '2026-11-0' + (1 + (n % 9)) })
      const { token } = await link(h, record.id)
      const opened = await h.ok(null, 'volunteer', 'openLink', { token })
      expect(opened.record).toMatchObject({ id: record.id, hours: 3.5, state: 'pending', personName: '赵同学' })
      const results = await Promise.all(Array.from({ length: n }, () => use(h, token, approve)))
      expect(results.filter((r) => r.ok)).toHaveLength(1)
      for (const r of results.filter((x) => !x.ok)) expect(r).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: expect.stringContaining('已使用') } })
      const mine = await h.ok(OPENID.internA, 'volunteer', 'mine', {})
      const stored = mine.items.find((i) => i.id === record.id)!
      expect(stored).toMatchObject({ state: approve ? 'verified' : 'rejected', verifiedBy: { name: '刘带教', role: '带教老师', via: 'link' } })
      const before = await volunteerState(h)
      expect(await use(h, token, !approve)).toMatchObject({ ok: false, error: { message: expect.stringContaining('已使用过') } })
      expect(await h.call(OPENID.unitContactA, 'volunteer', 'openLink', { token })).toMatchObject({ ok: false, error: { message: expect.stringContaining('已使用过') } })
      expect(await volunteerState(h)).toBe(before)
    }), { numRuns: 4 })
  })

  it('refuses a link once its record was verified in the app', async () => {
    const record = await logHours(h)
    const { token } = await link(h, record.id)
    await h.ok(OPENID.advisorA, 'volunteer', 'verify', { recordId: record.id, approve: true })
    const before = await volunteerState(h)
    expect(await use(h, token, false)).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: expect.stringContaining('已核实') } })
    expect(await volunteerState(h)).toBe(before)
  })

  it('refuses an expired link, whenever it expired, and changes nothing', async () => {
    const record = await logHours(h)
    await link(h, record.id)
    const secret = await linkSecret(h)
    const before = await volunteerState(h)
    await fc.assert(fc.asyncProperty(fc.integer({ min: 0, max: 400 * 86_400 }), async (secondsAgo) => {
      const token = issueLinkToken(secret, record.id, new Date(Date.now() - secondsAgo * 1000), 'nonce-expired')
      for (const r of [await use(h, token), await h.call(null, 'volunteer', 'openLink', { token })]) {
        expect(r).toMatchObject({ ok: false, error: { code: 'FAILED_PRECONDITION', message: '核实链接已过期，请实习生重新生成链接' } })
      }
    }), { numRuns: 10 })
    expect(await volunteerState(h)).toBe(before)
  })

  it('refuses generated mutations of a genuine token — altered, truncated, re-signed with another key, or naming another record — and changes nothing', async () => {
    const mine = await logHours(h, { date: '2026-11-02' })
    const other = await logHours(h, { date: '2026-11-03' }, OPENID.internB)
    const { token } = await link(h, mine.id)
    const [prefix, payload, signature] = token.split('.')
    const namingOther = (fields: Record<string, unknown>) => Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload, 'base64url').toString()), ...fields })).toString('base64url')
    const char = fc.constantFrom(...B64URL.split(''))
    const mutation = fc.oneof(
      fc.tuple(fc.nat(), char).map(([i, c]) => { const p = i % token.length; return token.slice(0, p) + c + token.slice(p + 1) }),
      fc.nat().map((i) => token.slice(0, i % token.length)),
      fc.tuple(fc.nat(), char).map(([i, c]) => { const p = i % token.length; return token.slice(0, p) + c + token.slice(p) }),
      fc.constant(`${prefix}.${namingOther({ r: other.id })}.${signature}`),
      fc.constant(`${prefix}.${namingOther({ e: Math.floor(Date.now() / 1000) + 365 * 86_400 })}.${signature}`),
      fc.constant(`${prefix}.${namingOther({ n: 'another-nonce' })}.${signature}`),
      fc.uint8Array({ minLength: 32, maxLength: 32 }).map((key) => issueLinkToken(Buffer.from(key), other.id, new Date(Date.now() + 3600_000), 'forged')),
      fc.constant(`VL2.${payload}.${signature}`),
      fc.constant(`${prefix}.${payload}.${signature}.${signature}`)
    )
    const before = await volunteerState(h)
    await fc.assert(fc.asyncProperty(mutation, async (forged) => {
      fc.pre(forged !== token)
      for (const r of [await use(h, forged), await h.call(null, 'volunteer', 'openLink', { token: forged })]) {
        expect(r.ok).toBe(false)
        expect(!r.ok && r.error.message).toMatch(/核实链接|参数不正确/)
      }
    }), { numRuns: 60 })
    expect(await volunteerState(h)).toBe(before)
    // The genuine token still works, on its own record only.
    expect(await use(h, token)).toMatchObject({ ok: true, data: { state: 'verified' } })
    expect((await h.ok(OPENID.internB, 'volunteer', 'mine', {})).items[0].state).toBe('pending')
  })
})
