/**
 * The one way the front end calls cloud functions: `call('group', 'detail', { groupId })`,
 * typed from the contract, resolving with the action's data or throwing a `CallError`
 * with the action's code and Chinese message.
 *
 * Transport:
 *  - weapp: `Taro.cloud.callFunction` (wx.cloud); the caller's identity comes from WeChat.
 *  - h5 (development): POST `${TARO_APP_EMULATOR_URL}/functions/<name>` on the local CloudBase
 *    emulator, with the development identity in its header. The emulator answers HTTP 200
 *    with `{ requestId, result }` or `{ requestId, code, message }`.
 */
import Taro from '@tarojs/taro'
import { DEV_OPENID_HEADER } from '../../emulator/protocol'
import { CallError, createCall, Transport } from '../../types/client'

export { CallError }

const DEFAULT_EMULATOR_URL = 'http://127.0.0.1:9090'
const DEFAULT_DEV_OPENID = 'dev-admin'
/** localStorage key holding the development identity used on h5 */
const DEV_OPENID_KEY = 'devOpenId'
/** localStorage key that points the h5 app at another emulator (tests, a second instance) */
const EMULATOR_URL_KEY = 'emulatorUrl'

let cloudReady = false

/** Initialises wx.cloud once (weapp only; a no-op elsewhere). */
export function initCloud(): void {
  if (process.env.TARO_ENV !== 'weapp' || cloudReady) return
  const env = process.env.TARO_APP_CLOUD_ENV
  Taro.cloud.init(env ? { env, traceUser: true } : { traceUser: true })
  cloudReady = true
}

const weappTransport: Transport = async (name, event) => {
  initCloud()
  try {
    const res = await Taro.cloud.callFunction({ name, data: event as Record<string, unknown> })
    return res.result
  } catch (e) {
    const err = e as { errCode?: number | string; errMsg?: string; message?: string }
    throw new CallError(String(err.errCode ?? 'NETWORK_ERROR'), err.errMsg ?? err.message ?? String(e))
  }
}

function stored(key: string): string | null {
  try {
    return globalThis.localStorage?.getItem(key) ?? null
  } catch {
    // storage can be unavailable (privacy modes)
    return null
  }
}

/** Base URL of the local emulator: a localStorage override, the build-time constant, or the default. */
export function emulatorUrl(): string {
  return (stored(EMULATOR_URL_KEY) || process.env.TARO_APP_EMULATOR_URL || DEFAULT_EMULATOR_URL).replace(/\/+$/, '')
}

/** The WeChat user the emulator should treat as the caller (h5 development only). */
export function devOpenId(): string {
  return stored(DEV_OPENID_KEY) || DEFAULT_DEV_OPENID
}

/** Speaks as another development identity from now on (h5 development only). */
export function setDevOpenId(openid: string): void {
  try {
    globalThis.localStorage?.setItem(DEV_OPENID_KEY, openid)
  } catch {
    // storage unavailable: the default identity stays
  }
}

interface EmulatorReply {
  requestId?: string
  result?: unknown
  code?: string
  message?: string
}

/** POSTs to the emulator as `openid` (the development identity), or as nobody when it is null. */
async function emulatorTransport(name: string, event: unknown, openid: string | null): Promise<unknown> {
  let response: Response
  const identity: Record<string, string> = openid ? { [DEV_OPENID_HEADER]: openid } : {}
  try {
    response = await fetch(`${emulatorUrl()}/functions/${encodeURIComponent(name)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...identity },
      body: JSON.stringify(event)
    })
  } catch (e) {
    throw new CallError('NETWORK_ERROR', `无法连接本地模拟器 ${emulatorUrl()}（${(e as Error)?.message ?? e}）`)
  }
  let reply: EmulatorReply
  try {
    reply = (await response.json()) as EmulatorReply
  } catch {
    throw new CallError(`HTTP_${response.status}`, `模拟器返回了无法解析的响应（HTTP ${response.status}）`)
  }
  if (reply && typeof reply.code === 'string' && reply.code) throw new CallError(reply.code, reply.message ?? reply.code, undefined, reply.requestId)
  if (!response.ok) throw new CallError(`HTTP_${response.status}`, `模拟器请求失败（HTTP ${response.status}）`, undefined, reply?.requestId)
  return reply?.result
}

/** Delivers an event to a function as it is; `call` is the way to reach an action. */
export const invoke: Transport = (name, event) =>
  process.env.TARO_ENV === 'weapp' ? weappTransport(name, event) : emulatorTransport(name, event, devOpenId())

/** Calls an action of the contract. */
export const call = createCall(invoke)

/**
 * Calls a public action as nobody: pages opened from a link in any browser by someone
 * without an account (the unit contact's verification page). On H5 no identity is sent;
 * in WeChat the platform always names the caller, and public actions ignore it.
 */
export const callAnonymously = createCall((name, event) =>
  process.env.TARO_ENV === 'weapp' ? weappTransport(name, event) : emulatorTransport(name, event, null))
