/**
 * Consent before anything is collected. On WeChat the platform's own privacy check decides
 * (the app declares `__usePrivacyCheck__`; consent is given with a button of open type
 * `agreePrivacyAuthorization`); on H5 the same consent is kept in local storage.
 */
import Taro from '@tarojs/taro'
import { PRIVACY_VERSION } from '../../types/privacy'

const CONSENT_KEY = 'privacyConsent'
const isWeapp = process.env.TARO_ENV === 'weapp'

/** Whether the person still has to agree before the app may collect anything. */
export function needsConsent(): Promise<boolean> {
  if (isWeapp) {
    return new Promise((resolve) => {
      Taro.getPrivacySetting({
        success: (res) => resolve(res.needAuthorization),
        // An old base library without the API: nothing to ask.
        fail: () => resolve(false)
      })
    })
  }
  try {
    return Promise.resolve(globalThis.localStorage?.getItem(CONSENT_KEY) !== PRIVACY_VERSION)
  } catch {
    return Promise.resolve(true)
  }
}

/** Records consent on H5 (on WeChat the agree button itself records it). */
export function recordConsent(): void {
  if (isWeapp) return
  try {
    globalThis.localStorage?.setItem(CONSENT_KEY, PRIVACY_VERSION)
  } catch {
    // storage unavailable: the person is asked again next time
  }
}

type PrivacyResolve = (result: { event: 'agree' | 'disagree'; buttonId?: string }) => void

/**
 * When WeChat needs consent for a privacy API the app calls, `ask` shows our consent sheet
 * and answers with what the person chose. Returns a function that stops listening.
 */
export function onConsentNeeded(ask: (resolve: PrivacyResolve) => void): () => void {
  if (!isWeapp || typeof Taro.onNeedPrivacyAuthorization !== 'function') return () => undefined
  const listener = (resolve: PrivacyResolve) => ask(resolve)
  Taro.onNeedPrivacyAuthorization(listener as never)
  return () => undefined
}
