/**
 * WeChat's open APIs (云调用) from a cloud function, through `@cloudbase/node-sdk`'s
 * `callWxOpenApi` (action `wx.api`, `cgiName: 'commrpcv2'`, snake_case data — the call
 * wx-server-sdk's `callOpenAPI` makes). The platform authorises each API a function
 * calls only if the function's `config.json` lists it in `permissions.openapi`;
 * scripts/build-functions.ts writes that list from the `*_OPENAPI` declarations of the
 * modules each bundle holds.
 *
 * Not tried against the cloud from here (no account): the request shape follows the SDK's
 * source, and tests run it through the real SDK against a stand-in server.
 */
import { cloud } from '../app'

/** Every WeChat API the project calls. */
export type WxApiName = 'security.msgSecCheck' | 'security.mediaCheckAsync' | 'subscribeMessage.send'

/** What WeChat answers: `errcode` 0 (or absent) on success, with the API's own fields. */
export interface WxReply {
  errcode?: number
  errmsg?: string
  [field: string]: unknown
}

/** One call to a WeChat API; replaced by a stand-in in tests. */
export type WxApiCall = (apiName: WxApiName, data: Record<string, unknown>) => Promise<WxReply>

/** The production call. A failure of the platform (no permission, network) throws; WeChat's own errors come back as `errcode`. */
export const callWxApi: WxApiCall = async (apiName, data) => {
  const res = await cloud().callWxOpenApi({ apiName, requestData: data, cgiName: 'commrpcv2' })
  const reply = res.result as unknown
  if (!reply || typeof reply !== 'object') throw new Error(`${apiName}: unexpected reply ${JSON.stringify(reply)?.slice(0, 200)}`)
  return reply as WxReply
}

/** Maps `items` through `fn` with at most `limit` calls in flight, keeping the order. */
export async function mapBounded<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length)
  let next = 0
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++
      results[i] = await fn(items[i], i)
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker))
  return results
}
