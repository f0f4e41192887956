/**
 * The caller's badge from `badge.get`, kept fresh: the token is renewed before it runs out
 * (and when the page is shown again), failed renewals are retried after a wait and when
 * the network comes back, and `expired` says when the QR may no longer be shown. The
 * timing decisions are in services/badgeRenewal.ts; this hook only wires them to timers.
 */
import { useCallback, useEffect, useRef, useState } from 'react'
import Taro, { useDidHide, useDidShow } from '@tarojs/taro'
import type { ActionOutput } from '../../../types/contract'
import { PageData, usePageData } from '../../hooks/usePageData'
import { isExpired, isRenewalDue, nextCheckDelay, RenewalFailures, shouldRenewOnShow, TokenTiming, validUntil } from '../../services/badgeRenewal'
import { call } from '../../services/cloud'

export type Badge = ActionOutput<'badge', 'get'>

export interface IssuedBadge {
  badge: Badge
  timing: TokenTiming
}

export interface BadgeToken extends PageData<IssuedBadge> {
  /** the QR must not be shown: it has run out (or the clock cannot be trusted) */
  expired: boolean
  /** the last renewal failed; it is retried on its own */
  renewalFailed: boolean
  /** the device time until which the QR is shown, for 有效至 */
  validUntil: number | null
  /** asks for a new token now (the retry button) */
  renewNow: () => void
}

/** Calls `retry` when the network comes back: Taro's status on weapp; window events on H5, where Taro's never reports offline. */
function useNetworkReturn(enabled: boolean, retry: () => void): void {
  const retryRef = useRef(retry)
  retryRef.current = retry
  useEffect(() => {
    if (!enabled) return undefined
    if (process.env.TARO_ENV === 'h5') {
      const onOnline = (): void => retryRef.current()
      window.addEventListener('online', onOnline)
      return () => window.removeEventListener('online', onOnline)
    }
    const onStatus = (res: { isConnected: boolean }): void => { if (res.isConnected) retryRef.current() }
    Taro.onNetworkStatusChange(onStatus)
    return () => Taro.offNetworkStatusChange(onStatus)
  }, [enabled])
}

export function useBadgeToken(enabled: boolean, holderId: string | null): BadgeToken {
  // Kept outside React state: the scheduling effect must see a failure in the same render
  // that ends the call, or it would retry at once instead of after the wait.
  const failures = useRef<RenewalFailures | null>(null)
  const load = useCallback(async (): Promise<IssuedBadge> => {
    const requestedAt = Date.now()
    try {
      const badge = await call('badge', 'get', {})
      failures.current = null
      return { badge, timing: { expiresAt: Date.parse(badge.expiresAt), requestedAt } }
    } catch (e) {
      failures.current = { count: (failures.current?.count ?? 0) + 1, at: Date.now() }
      throw e
    }
  }, [])
  const page = usePageData(load, { enabled, deps: [holderId] })
  const { reload, refreshing, error } = page
  const timing = page.data?.timing ?? null
  // A tick re-renders the page when its state may have changed (expiry, renewal due).
  const [tick, setTick] = useState(0)
  // A hidden tab renews nothing: showing it again renews what needs it.
  const [visible, setVisible] = useState(true)

  useEffect(() => {
    if (!timing || !visible) return undefined
    const now = Date.now()
    if (!refreshing && isRenewalDue(timing, failures.current, now)) {
      void reload()
      return undefined
    }
    // Also while a renewal is in flight: the QR must still be hidden on time if it hangs.
    const id = setTimeout(() => setTick((t) => t + 1), nextCheckDelay(timing, failures.current, now))
    return () => clearTimeout(id)
  }, [timing, visible, refreshing, error, tick, reload])

  const renewNow = useCallback(() => {
    if (!refreshing) void reload()
  }, [refreshing, reload])

  useDidShow(() => {
    setVisible(true)
    if (timing && shouldRenewOnShow(timing, Date.now())) renewNow()
    else setTick((t) => t + 1)
  })
  useDidHide(() => setVisible(false))

  useNetworkReturn(enabled, () => {
    if (timing && failures.current) renewNow()
  })

  return {
    ...page,
    expired: timing ? isExpired(timing, Date.now()) : false,
    renewalFailed: !!error && !!page.data,
    validUntil: timing ? validUntil(timing) : null,
    renewNow
  }
}
