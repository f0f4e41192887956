/**
 * The timing of a badge's QR token: until when the page may show it, and when to ask for a
 * new one. Pure: every function takes the device's clock reading (`now`, ms) as an argument.
 *
 * A phone's clock can be minutes (or hours) off the server's, so the server's `expiresAt`
 * is never compared with the phone's clock directly. What is known for certain is that
 * the token was issued after the page asked for it, with `expiresAt` BADGE_TTL_MS after
 * issue (rounded down to the second): that bounds how far ahead the server's clock can be,
 * and the page reads the server's time on the late side, so a token can look expired
 * early but never valid late.
 */
import { BADGE_TTL_MS } from '../../types/domain'

/** What the page knows of one token. */
export interface TokenTiming {
  /** the token's expiry on the server's clock (ms since the epoch) */
  expiresAt: number
  /** this device's clock when the page asked for the token */
  requestedAt: number
}

/** Failed renewals since the last token arrived: how many, and when the last one failed (device clock). */
export interface RenewalFailures {
  count: number
  at: number
}

/** badge.get rounds the expiry down to the whole second. */
const ISSUE_ROUNDING_MS = 1000
/** A QR stops being shown this long before the server refuses it: a scan and its verify call take a few seconds. */
export const SCAN_MARGIN_MS = 30_000
/** A new token is asked for this long before the current one stops being shown. */
export const RENEW_LEAD_MS = 60_000
/** When the page is shown again with less than this left, it renews at once (people show a badge right after opening it). */
export const RENEW_ON_SHOW_BELOW_MS = BADGE_TTL_MS / 2
/** Waits between failed renewals: soon at first, then every half minute. */
const RETRY_DELAYS_MS = [5_000, 10_000, 20_000, 30_000] as const
/** The page looks again at least this often: timers stop while a mini program is in the background. */
export const MAX_CHECK_DELAY_MS = 60_000
const MIN_CHECK_DELAY_MS = 250

/**
 * The most the server's clock can be ahead of this device's: the token was issued no
 * earlier than `requestedAt` (device clock) and no earlier than `expiresAt - BADGE_TTL_MS`
 * (server clock), give or take the rounding to the second.
 */
export const maxClockOffset = (t: TokenTiming): number => t.expiresAt - BADGE_TTL_MS + ISSUE_ROUNDING_MS - t.requestedAt

/** The server's time at device time `now`, read on the late side. */
const latestServerTime = (t: TokenTiming, now: number): number => now + maxClockOffset(t)

/** A clock that went back behind the request (set by hand, a time zone fix) says nothing about the token's age. */
const clockWentBack = (t: TokenTiming, now: number): boolean => now < t.requestedAt

/** The device time until which the QR may be shown (what the page shows as 有效至). */
export const validUntil = (t: TokenTiming): number => t.expiresAt - SCAN_MARGIN_MS - maxClockOffset(t)

/** Whether the token must no longer be shown as valid at device time `now`. */
export function isExpired(t: TokenTiming, now: number): boolean {
  return clockWentBack(t, now) || latestServerTime(t, now) >= t.expiresAt - SCAN_MARGIN_MS
}

/** The wait before renewal attempt number `failures + 1`, after `failures` failed ones. */
export function retryDelay(failures: number): number {
  return RETRY_DELAYS_MS[Math.min(Math.max(failures, 1), RETRY_DELAYS_MS.length) - 1]
}

/** The device time of the next renewal: a minute before the QR stops being shown, or after a wait when the last one failed. */
export function renewalDueAt(t: TokenTiming, failures: RenewalFailures | null): number {
  const planned = validUntil(t) - RENEW_LEAD_MS
  return failures && failures.count > 0 ? Math.max(planned, failures.at + retryDelay(failures.count)) : planned
}

/** Whether to ask for a new token at device time `now`. */
export function isRenewalDue(t: TokenTiming, failures: RenewalFailures | null, now: number): boolean {
  // A failure "in the future" means the clock went back since: the wait says nothing any more.
  if (clockWentBack(t, now) || (failures && now < failures.at)) return true
  return now >= renewalDueAt(t, failures)
}

/** Whether to renew when the page is shown again: at once if the token is expired or has less than half its life left. */
export function shouldRenewOnShow(t: TokenTiming, now: number): boolean {
  return isExpired(t, now) || validUntil(t) - now < RENEW_ON_SHOW_BELOW_MS
}

/**
 * How long the page may wait before looking again: until the next renewal is due or the
 * QR stops being shown, whichever is first, and never longer than MAX_CHECK_DELAY_MS.
 */
export function nextCheckDelay(t: TokenTiming, failures: RenewalFailures | null, now: number): number {
  const events = [renewalDueAt(t, failures), validUntil(t)].filter((at) => at > now)
  const next = events.length ? Math.min(...events) - now : MAX_CHECK_DELAY_MS
  return Math.min(MAX_CHECK_DELAY_MS, Math.max(MIN_CHECK_DELAY_MS, next))
}
