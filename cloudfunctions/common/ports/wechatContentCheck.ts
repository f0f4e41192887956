/**
 * The content check in production: WeChat's security APIs.
 *  - text: `security.msgSecCheck` v2 `{ version: 2, openid, scene, content }`, at most
 *    2500 characters a call, so longer text is checked in overlapping pieces; the answer's
 *    `result.suggest` (pass / review / risky) and `result.label` give the verdict.
 *  - images and audio: `security.mediaCheckAsync` v2 `{ media_url, media_type, version: 2,
 *    scene, openid }` answers only a `trace_id`; the verdict arrives later as a
 *    `wxa_media_check` event, read with `mediaVerdictOf`. Until then the file is 'review'.
 * When WeChat cannot check (no openid, an error), content is held for review rather than
 * shown or refused: readers never see what was not checked.
 */
import { cloud } from '../app'
import type { CheckResult, ContentCheck, TextScene, Verdict } from './contentCheck'
import { worstOf } from './contentCheck'
import { callWxApi, mapBounded, WxApiCall, WxReply } from './wxOpenApi'

/** The WeChat APIs this module calls (granted in each bundling function's config.json). */
export const CONTENT_CHECK_OPENAPI = ['security.msgSecCheck', 'security.mediaCheckAsync'] as const

/** msgSecCheck's limit per call, counted in UTF-16 units (never more characters than that). */
export const TEXT_CHECK_LIMIT = 2500
/** Pieces of one long text overlap by this much, so a word across a cut is whole in one piece. */
export const TEXT_CHECK_OVERLAP = 40
/** Calls in flight at once for one check. */
const PARALLEL_CALLS = 4

const SCENES: Record<TextScene, number> = { comment: 2, log: 4 }
/** mediaCheckAsync's scene for what others read (社交日志). */
const MEDIA_SCENE = 4

/** WeChat's labels of what a check found, as a person reads them. */
const LABELS: Record<number, string> = {
  10001: '广告', 20001: '时政', 20002: '色情', 20003: '辱骂', 20006: '违法犯罪', 20008: '欺诈', 20012: '低俗', 20013: '版权', 21000: '其他违规'
}

const NOT_CHECKED = '暂时无法完成内容安全检测，已转人工审核，审核通过后读者才能看到'

/**
 * Cuts texts into pieces of at most `limit` UTF-16 units for msgSecCheck: short texts are
 * packed together (one per line), a long one is cut into windows overlapping by `overlap`.
 * No surrogate pair is split.
 */
export function piecesForCheck(texts: readonly string[], limit = TEXT_CHECK_LIMIT, overlap = TEXT_CHECK_OVERLAP): string[] {
  const pieces: string[] = []
  let packed = ''
  const flush = (): void => {
    if (packed) pieces.push(packed)
    packed = ''
  }
  for (const text of texts) {
    if (!text.trim()) continue
    if (text.length > limit) {
      flush()
      pieces.push(...windowsOf(text, limit, overlap))
    } else if (packed && packed.length + 1 + text.length <= limit) {
      packed += `\n${text}`
    } else {
      flush()
      packed = text
    }
  }
  flush()
  return pieces
}

/** Windows of `text` of at most `limit` units, each starting `overlap` units before the previous one ended. */
function windowsOf(text: string, limit: number, overlap: number): string[] {
  const windows: string[] = []
  let start = 0
  for (;;) {
    let end = Math.min(start + limit, text.length)
    if (end < text.length && isHighSurrogate(text.charCodeAt(end - 1))) end--
    windows.push(text.slice(start, end))
    if (end >= text.length) return windows
    let next = end - overlap
    if (isLowSurrogate(text.charCodeAt(next))) next--
    start = Math.max(next, start + 1)
  }
}

const isHighSurrogate = (c: number): boolean => c >= 0xd800 && c <= 0xdbff
const isLowSurrogate = (c: number): boolean => c >= 0xdc00 && c <= 0xdfff

function verdictOfSuggest(suggest: unknown): Verdict {
  return suggest === 'pass' || suggest === 'risky' ? suggest : 'review'
}

/** A check's answer (`result: { suggest, label }`) as a CheckResult. */
function resultOf(result: { suggest?: unknown; label?: unknown } | undefined): CheckResult {
  const verdict = verdictOfSuggest(result?.suggest)
  if (verdict === 'pass') return { verdict }
  const label = typeof result?.label === 'number' ? result.label : undefined
  const what = label !== undefined && LABELS[label] ? `可能含有${LABELS[label]}内容` : '可能含有不适宜发布的内容'
  const reason = verdict === 'risky' ? what : `${what}，需人工审核，审核通过后读者才能看到`
  return { verdict, reason, ...(label === undefined ? {} : { label }) }
}

function logFailure(api: string, detail: string): void {
  // Codes only: never the content or who wrote it.
  console.log(JSON.stringify({ port: 'contentCheck', api, failed: detail }))
}

async function checkPiece(call: WxApiCall, content: string, openid: string, scene: number): Promise<CheckResult> {
  let reply: WxReply
  try {
    reply = await call('security.msgSecCheck', { version: 2, openid, scene, content })
  } catch (e) {
    logFailure('security.msgSecCheck', (e as { code?: string }).code ?? (e as Error).message)
    return { verdict: 'review', reason: NOT_CHECKED }
  }
  if (reply.errcode) {
    logFailure('security.msgSecCheck', String(reply.errcode))
    return { verdict: 'review', reason: NOT_CHECKED }
  }
  return resultOf(reply.result as { suggest?: unknown; label?: unknown } | undefined)
}

/** Gives a temporary URL of a stored file WeChat can fetch. */
export type TempUrlOf = (fileID: string) => Promise<string | null>

const tempUrlOf: TempUrlOf = async (fileID) => {
  const { fileList } = await cloud().getTempFileURL({ fileList: [{ fileID, maxAge: 6 * 3600 }] })
  const url = fileList?.[0]?.tempFileURL
  return typeof url === 'string' && url ? url : null
}

/** The WeChat content check; `call` and `urlOf` are the SDK's unless a test gives stand-ins. */
export function wechatContentCheck(call: WxApiCall = callWxApi, urlOf: TempUrlOf = tempUrlOf): ContentCheck {
  return {
    async text(texts, openid, scene = 'log') {
      const pieces = piecesForCheck(texts)
      if (!pieces.length) return { verdict: 'pass' }
      // msgSecCheck v2 checks what a user wrote: without the writer there is no check.
      if (!openid) return { verdict: 'review', reason: NOT_CHECKED }
      return worstOf(await mapBounded(pieces, PARALLEL_CALLS, (content) => checkPiece(call, content, openid, SCENES[scene])))
    },
    async media(fileID, kind, openid) {
      const pending = kind === 'audio' ? '音频正在进行内容安全检测，通过后读者才能看到' : '图片正在进行内容安全检测，通过后读者才能看到'
      if (!openid) return { verdict: 'review', reason: NOT_CHECKED }
      try {
        const url = await urlOf(fileID)
        if (!url) return { verdict: 'review', reason: NOT_CHECKED }
        const reply = await call('security.mediaCheckAsync', { media_url: url, media_type: kind === 'audio' ? 1 : 2, version: 2, scene: MEDIA_SCENE, openid })
        if (reply.errcode || typeof reply.trace_id !== 'string') {
          logFailure('security.mediaCheckAsync', String(reply.errcode ?? 'no trace_id'))
          return { verdict: 'review', reason: NOT_CHECKED }
        }
        return { verdict: 'review', reason: pending, traceId: reply.trace_id }
      } catch (e) {
        logFailure('security.mediaCheckAsync', (e as { code?: string }).code ?? (e as Error).message)
        return { verdict: 'review', reason: NOT_CHECKED }
      }
    }
  }
}

/** The later verdict of a media check. */
export interface MediaVerdict extends CheckResult {
  traceId: string
}

/**
 * The verdict a `wxa_media_check` event carries (`{ Event: 'wxa_media_check', trace_id,
 * version: 2, result: { suggest, label }, detail }`), or null for any other event. The
 * caller applies it to whatever holds `traceId` — and must take the event only from
 * WeChat's message push, never from a client call (a client could send any verdict).
 */
export function mediaVerdictOf(event: unknown): MediaVerdict | null {
  if (!event || typeof event !== 'object') return null
  const e = event as { Event?: unknown; trace_id?: unknown; result?: unknown; errcode?: unknown }
  if (e.Event !== 'wxa_media_check' || typeof e.trace_id !== 'string' || !e.trace_id) return null
  // A check WeChat could not finish (errcode set) stays for a person to look at.
  const result = e.errcode ? { verdict: 'review' as const, reason: NOT_CHECKED } : resultOf(e.result as { suggest?: unknown; label?: unknown } | undefined)
  return { ...result, traceId: e.trace_id }
}
