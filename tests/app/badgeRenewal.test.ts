/**
 * The badge QR's timing (src/services/badgeRenewal.ts) over generated clocks: a phone clock
 * off the server's by up to two days either way, slow requests, clocks set back, failed
 * renewals. A token is issued as badge.get does it: expiry BADGE_TTL_MS after issue on the
 * server's clock, rounded down to the second.
 */
import fc from 'fast-check'
import { BADGE_TTL_MS } from '../../types/domain'
import {
  isExpired, isRenewalDue, MAX_CHECK_DELAY_MS, nextCheckDelay, RENEW_LEAD_MS, renewalDueAt, retryDelay,
  SCAN_MARGIN_MS, shouldRenewOnShow, TokenTiming, validUntil
} from '../../src/services/badgeRenewal'

const DAY = 24 * 60 * 60 * 1000

/** One badge.get round trip: the device asks at `requestedAt`; the server issues after `toIssue` ms, the answer arrives `toReceive` ms later. */
interface RoundTrip {
  timing: TokenTiming
  /** server clock minus device clock */
  offset: number
  receivedAt: number
}

const roundTrip = (maxLatency: number) => fc.record({
  requestedAt: fc.integer({ min: Date.UTC(2024, 0, 1), max: Date.UTC(2030, 0, 1) }),
  offset: fc.integer({ min: -2 * DAY, max: 2 * DAY }),
  toIssue: fc.integer({ min: 0, max: maxLatency }),
  toReceive: fc.integer({ min: 0, max: maxLatency })
}).map(({ requestedAt, offset, toIssue, toReceive }): RoundTrip => {
  const issuedOnServer = requestedAt + toIssue + offset
  const expiresAt = Math.floor((issuedOnServer + BADGE_TTL_MS) / 1000) * 1000
  return { timing: { expiresAt, requestedAt }, offset, receivedAt: requestedAt + toIssue + toReceive }
})

/** Device times from the request on, up to a quarter of an hour past the token's life. */
const laterTime = (rt: RoundTrip) => fc.integer({ min: rt.timing.requestedAt, max: rt.receivedAt + BADGE_TTL_MS + 15 * 60 * 1000 })

describe('badge QR timing', () => {
  it('never shows a token as valid later than the scan margin before the server refuses it, whatever the clock offset', () => {
    fc.assert(fc.property(roundTrip(120_000).chain((rt) => fc.tuple(fc.constant(rt), laterTime(rt))), ([rt, now]) => {
      if (isExpired(rt.timing, now)) return
      // The server refuses at server time >= expiresAt; server time at device time `now` is now + offset.
      expect(rt.timing.expiresAt - (now + rt.offset)).toBeGreaterThanOrEqual(SCAN_MARGIN_MS)
    }))
  })

  it('shows a freshly received token as valid, without renewing it, however far the phone clock is off', () => {
    fc.assert(fc.property(roundTrip(30_000), (rt) => {
      expect(isExpired(rt.timing, rt.receivedAt)).toBe(false)
      expect(isRenewalDue(rt.timing, null, rt.receivedAt)).toBe(false)
      expect(shouldRenewOnShow(rt.timing, rt.receivedAt)).toBe(false)
      // Nearly the whole life is usable: only the rounding, the margins and the round trip are lost.
      expect(validUntil(rt.timing) - rt.receivedAt).toBeGreaterThanOrEqual(BADGE_TTL_MS - 1000 - SCAN_MARGIN_MS - 60_000)
    }), { examples: [[{ timing: { expiresAt: 1704067830000, requestedAt: 1704067200000 }, offset: 0, receivedAt: 1704067260000 }]] })
  })

  it('asks for a new token a minute before the QR is hidden, and not before that', () => {
    fc.assert(fc.property(roundTrip(30_000).chain((rt) => fc.tuple(fc.constant(rt), laterTime(rt))), ([rt, now]) => {
      const due = isRenewalDue(rt.timing, null, now)
      expect(due).toBe(now >= validUntil(rt.timing) - RENEW_LEAD_MS)
      if (due) return
      expect(isExpired(rt.timing, now)).toBe(false)
    }))
  })

  it('stays expired and due once it is, as the clock moves on', () => {
    fc.assert(fc.property(roundTrip(120_000).chain((rt) => fc.tuple(fc.constant(rt), laterTime(rt), laterTime(rt))), ([rt, a, b]) => {
      const [early, late] = a <= b ? [a, b] : [b, a]
      if (isExpired(rt.timing, early)) expect(isExpired(rt.timing, late)).toBe(true)
      if (isRenewalDue(rt.timing, null, early)) expect(isRenewalDue(rt.timing, null, late)).toBe(true)
    }))
  })

  it('treats a clock set back behind the request as expired, and renews at once', () => {
    fc.assert(fc.property(roundTrip(30_000), fc.integer({ min: 1, max: 2 * DAY }), (rt, back) => {
      const now = rt.timing.requestedAt - back
      expect(isExpired(rt.timing, now)).toBe(true)
      expect(isRenewalDue(rt.timing, null, now)).toBe(true)
      expect(isRenewalDue(rt.timing, { count: 2, at: rt.receivedAt }, now)).toBe(true)
      expect(shouldRenewOnShow(rt.timing, now)).toBe(true)
    }))
  })

  it('waits between failed renewals, longer after more failures, at most half a minute', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 50 }), (n) => {
      expect(retryDelay(n)).toBeGreaterThan(0)
      expect(retryDelay(n)).toBeLessThanOrEqual(30_000)
      expect(retryDelay(n + 1)).toBeGreaterThanOrEqual(retryDelay(n))
    }))
    fc.assert(fc.property(
      roundTrip(30_000).chain((rt) => fc.tuple(fc.constant(rt), laterTime(rt), fc.integer({ min: 1, max: 20 }), fc.integer({ min: 0, max: 60_000 }))),
      ([rt, failedAt, count, after]) => {
        const failures = { count, at: failedAt }
        const now = failedAt + after
        // Not before the wait is over, and never earlier than a token without failures would be renewed.
        if (after < retryDelay(count)) expect(isRenewalDue(rt.timing, failures, now)).toBe(false)
        if (isRenewalDue(rt.timing, failures, now)) expect(isRenewalDue(rt.timing, null, now)).toBe(true)
        expect(renewalDueAt(rt.timing, failures)).toBeGreaterThanOrEqual(renewalDueAt(rt.timing, null))
      }
    ))
  })

  it('wakes the page no later than the next change of what it shows or does', () => {
    const failuresArb = fc.option(fc.record({ count: fc.integer({ min: 1, max: 10 }), at: fc.integer({ min: 0, max: 11 * 60_000 }) }), { nil: null })
    fc.assert(fc.property(
      roundTrip(30_000).chain((rt) => fc.tuple(fc.constant(rt), laterTime(rt), failuresArb, fc.double({ min: 0, max: 1, noNaN: true }))),
      ([rt, now, f, fraction]) => {
        const failures = f && { count: f.count, at: rt.timing.requestedAt + f.at }
        if (failures && now < failures.at) return
        const delay = nextCheckDelay(rt.timing, failures, now)
        expect(delay).toBeGreaterThan(0)
        expect(delay).toBeLessThanOrEqual(MAX_CHECK_DELAY_MS)
        const state = (at: number) => [isExpired(rt.timing, at), isRenewalDue(rt.timing, failures, at)].join()
        // Any moment before the wake-up looks the same as now (a change closer than the shortest wait excepted).
        const before = now + Math.floor(fraction * (delay - 1))
        if (delay > 250) expect(state(before)).toBe(state(now))
      }
    ))
  })
})
