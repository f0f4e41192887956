/**
 * The Node twin of the mini program's client: an SDK app for a CloudBase environment (the
 * local emulator or a real one) and the typed `call` over it. Seed, scripts and tests call
 * functions through this, as the pages do through `src/services/cloud.ts`.
 */
import tcb from '@cloudbase/node-sdk'
import { DEV_OPENID_HEADER } from '../emulator/protocol'
import { Call, createCall, Transport } from '../types/client'

export type App = ReturnType<typeof tcb.init>

/** An SDK app for a real CloudBase environment, from CLOUDBASE_ENV and the Tencent Cloud keys. */
export function cloudApp(): App {
  const env = process.env.CLOUDBASE_ENV
  if (!env || !process.env.TENCENTCLOUD_SECRETID || !process.env.TENCENTCLOUD_SECRETKEY) {
    throw new Error('CLOUDBASE_ENV, TENCENTCLOUD_SECRETID and TENCENTCLOUD_SECRETKEY must be set')
  }
  return tcb.init({ env, secretId: process.env.TENCENTCLOUD_SECRETID, secretKey: process.env.TENCENTCLOUD_SECRETKEY })
}

/**
 * An SDK app for the local emulator at `adminUrl`; with `openid`, its function calls come
 * from that WeChat user (the emulator's development identity).
 */
export function localApp(adminUrl: string, openid?: string): App {
  // Outside a cloud function the SDK would otherwise probe Tencent's metadata host on every call.
  process.env.TENCENTCLOUD = 'true'
  return tcb.init({
    env: 'local', secretId: 'local', secretKey: 'local', serviceUrl: adminUrl, timeout: 120_000,
    ...(openid ? { headers: { [DEV_OPENID_HEADER]: openid } } : {})
  } as Parameters<typeof tcb.init>[0])
}

/** Delivers events through the SDK's `callFunction`, as a server or (locally) as a user. */
export const sdkTransport = (app: App): Transport => async (fn, event) => {
  const { result } = await app.callFunction({ name: fn, data: event })
  return result
}

/** The typed `call` for an SDK app. */
export const clientFor = (app: App): Call => createCall(sdkTransport(app))
