/**
 * The one way the front end calls cloud functions.
 *
 *  - weapp: `Taro.cloud.callFunction` (wx.cloud); the caller's identity comes from WeChat.
 *  - h5 (development): POST `${TARO_APP_EMULATOR_URL}/functions/<name>` on the local CloudBase
 *    emulator, with the development identity in the `x-emulator-openid` header. The emulator
 *    answers HTTP 200 with `{ requestId, result }` or `{ requestId, code, message }`.
 */
import Taro from '@tarojs/taro'

export const DEFAULT_EMULATOR_URL = 'http://127.0.0.1:9090'
export const DEFAULT_DEV_OPENID = 'dev-admin'
/** localStorage key holding the development identity used on h5 */
export const DEV_OPENID_KEY = 'devOpenId'
const DEV_OPENID_HEADER = 'x-emulator-openid'

/** A failed cloud function call: `code` is the CloudBase/emulator error code. */
export class CloudCallError extends Error {
  readonly code: string
  readonly requestId?: string

  constructor(code: string, message: string, requestId?: string) {
    super(message)
    this.name = 'CloudCallError'
    this.code = code
    this.requestId = requestId
  }
}

let cloudReady = false

/** Initialises wx.cloud once (weapp only; a no-op elsewhere). */
export function initCloud(): void {
  if (process.env.TARO_ENV !== 'weapp' || cloudReady) return
  const env = process.env.TARO_APP_CLOUD_ENV
  Taro.cloud.init(env ? { env, traceUser: true } : { traceUser: true })
  cloudReady = true
}

/** Calls the cloud function `name` with `data` and resolves to what the function returned. */
export function call<T>(name: string, data: object = {}): Promise<T> {
  return process.env.TARO_ENV === 'weapp' ? callWeapp<T>(name, data) : callEmulator<T>(name, data)
}

async function callWeapp<T>(name: string, data: object): Promise<T> {
  initCloud()
  try {
    const res = await Taro.cloud.callFunction({ name, data: data as Record<string, unknown> })
    return res.result as T
  } catch (e) {
    const err = e as { errCode?: number | string; errMsg?: string; message?: string }
    throw new CloudCallError(String(err.errCode ?? 'UNKNOWN'), err.errMsg ?? err.message ?? String(e))
  }
}

/** localStorage key that points the h5 app at another emulator (tests, a second instance) */
export const EMULATOR_URL_KEY = 'emulatorUrl'

/** Base URL of the local emulator: a localStorage override, the build-time constant, or the default. */
export function emulatorUrl(): string {
  let override: string | null = null
  try {
    override = globalThis.localStorage?.getItem(EMULATOR_URL_KEY) ?? null
  } catch {
    override = null
  }
  return (override || process.env.TARO_APP_EMULATOR_URL || DEFAULT_EMULATOR_URL).replace(/\/+$/, '')
}

/** The WeChat user the emulator should treat as the caller (h5 development only). */
export function devOpenId(): string {
  try {
    return globalThis.localStorage?.getItem(DEV_OPENID_KEY) || DEFAULT_DEV_OPENID
  } catch {
    // storage can be unavailable (privacy modes); fall back to the default identity
    return DEFAULT_DEV_OPENID
  }
}

interface EmulatorReply<T> {
  requestId?: string
  result?: T
  code?: string
  message?: string
}

async function callEmulator<T>(name: string, data: object): Promise<T> {
  const url = `${emulatorUrl()}/functions/${encodeURIComponent(name)}`
  let response: Response
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [DEV_OPENID_HEADER]: devOpenId() },
      body: JSON.stringify(data)
    })
  } catch (e) {
    throw new CloudCallError('NETWORK_ERROR', `无法连接本地模拟器 ${emulatorUrl()}（${(e as Error)?.message ?? e}）`)
  }
  let reply: EmulatorReply<T>
  try {
    reply = (await response.json()) as EmulatorReply<T>
  } catch {
    throw new CloudCallError(`HTTP_${response.status}`, `模拟器返回了无法解析的响应（HTTP ${response.status}）`)
  }
  if (reply && typeof reply.code === 'string' && reply.code) {
    throw new CloudCallError(reply.code, reply.message ?? reply.code, reply.requestId)
  }
  if (!response.ok) {
    throw new CloudCallError(`HTTP_${response.status}`, `模拟器请求失败（HTTP ${response.status}）`, reply?.requestId)
  }
  return reply.result as T
}
