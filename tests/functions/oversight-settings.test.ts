/**
 * The branch's cadences: the defaults until it changes them; any cadences within bounds are
 * saved and read back as given; anything out of bounds is refused with a Chinese message
 * naming the field, and nothing changes.
 */
import fc from 'fast-check'
import { Cadences, DEFAULT_CADENCES } from '../../types/actions/oversight'
import { OPENID } from './fixture'
import { useHarness } from './harness'
import { clearOversight } from './oversightWorld'
import { validCadences } from '../helpers/cadences'

const h = useHarness({ fixturePerTest: false })
beforeEach(() => clearOversight(h))

/** One field made invalid, and the field the refusal names. */
const invalidChange: fc.Arbitrary<[string, (c: Cadences) => Record<string, unknown>]> = fc.oneof(
  fc.constantFrom(0, 7, 1.5, -1).map((v) => ['meetingEveryMonths', (c: Cadences) => ({ ...c, meetingEveryMonths: v })] as [string, (c: Cadences) => Record<string, unknown>]),
  fc.constantFrom([], [2, 1], [1, 1], [0], [13], [1, 2, 3, 4], [1.5]).map((v) => ['silentAlertMonths', (c: Cadences) => ({ ...c, meetingEveryMonths: 1, silentAlertMonths: v })] as [string, (c: Cadences) => Record<string, unknown>]),
  fc.constant(['silentAlertMonths', (c: Cadences) => ({ ...c, meetingEveryMonths: 3, silentAlertMonths: [2, 4] })] as [string, (c: Cadences) => Record<string, unknown>]),
  fc.constantFrom(0, 25, 2.5).map((v) => ['activistReviewMonths', (c: Cadences) => ({ ...c, activistReviewMonths: v })] as [string, (c: Cadences) => Record<string, unknown>]),
  fc.constantFrom(0, 181, -3).map((v) => ['probationWarnDays', (c: Cadences) => ({ ...c, probationWarnDays: v })] as [string, (c: Cadences) => Record<string, unknown>]),
  fc.constantFrom(0, 61).map((v) => ['lessonUnreadDays', (c: Cadences) => ({ ...c, lessonUnreadDays: v })] as [string, (c: Cadences) => Record<string, unknown>]),
  fc.constantFrom(0, 0.04, 1.01, 0.555, -0.5).map((v) => ['lessonUnreadShare', (c: Cadences) => ({ ...c, lessonUnreadShare: v })] as [string, (c: Cadences) => Record<string, unknown>]),
  fc.constantFrom(0, 31).map((v) => ['questionUnansweredDays', (c: Cadences) => ({ ...c, questionUnansweredDays: v })] as [string, (c: Cadences) => Record<string, unknown>]),
  fc.constantFrom(-1, 31, 0.5).map((v) => ['talkFollowUpGraceDays', (c: Cadences) => ({ ...c, talkFollowUpGraceDays: v })] as [string, (c: Cadences) => Record<string, unknown>]),
  fc.constantFrom('meetingEveryMonths', 'lessonUnreadShare').map((k) => [k, (c: Cadences) => { const { [k as keyof Cadences]: _gone, ...rest } = c; return rest }] as [string, (c: Cadences) => Record<string, unknown>]),
  fc.constant(['extra', (c: Cadences) => ({ ...c, extra: 1 })] as [string, (c: Cadences) => Record<string, unknown>])
)

describe('cadence settings', () => {
  it('are the defaults until the branch changes them', async () => {
    expect(await h.ok(OPENID.admin, 'oversight', 'settings', {})).toEqual({ cadences: DEFAULT_CADENCES, defaults: DEFAULT_CADENCES, updatedAt: null, updatedBy: null })
  })

  it('saves any cadences within bounds and reads them back as given, with who changed them (generated)', async () => {
    await fc.assert(fc.asyncProperty(validCadences, async (cadences) => {
      const saved = await h.ok(OPENID.admin, 'oversight', 'saveSettings', { cadences })
      expect(saved).toMatchObject({ cadences, updatedBy: 'admin' })
      const read = await h.ok(OPENID.admin, 'oversight', 'settings', {})
      expect(read.cadences).toEqual(cadences)
      expect(read.updatedBy).toBe('admin')
    }), { numRuns: 25 })
  })

  it('refuses cadences out of bounds with a Chinese message naming the field, and keeps what was saved (generated)', async () => {
    const kept = { ...DEFAULT_CADENCES, probationWarnDays: 45 }
    await h.ok(OPENID.admin, 'oversight', 'saveSettings', { cadences: kept })
    await fc.assert(fc.asyncProperty(validCadences, invalidChange, async (base, [field, change]) => {
      const reply = await h.call(OPENID.admin, 'oversight', 'saveSettings', { cadences: change(base) })
      expect(reply).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } })
      if (!reply.ok) {
        expect(reply.error.message).toMatch(/[\u4e00-\u9fa5]/)
        expect(reply.error.message).toContain(field === 'extra' ? 'cadences' : field)
      }
      expect((await h.ok(OPENID.admin, 'oversight', 'settings', {})).cadences).toEqual(kept)
    }), { numRuns: 40 })
  })

  it('falls back to the defaults for a stored document that no longer passes (edited by hand)', async () => {
    await h.app.database().collection('settings').add({ _id: 'cadences', ...DEFAULT_CADENCES, silentAlertMonths: [3, 1], updatedAt: new Date(), updatedById: 'admin', updatedBy: 'admin' })
    expect((await h.ok(OPENID.admin, 'oversight', 'settings', {})).cadences).toEqual(DEFAULT_CADENCES)
  })
})
