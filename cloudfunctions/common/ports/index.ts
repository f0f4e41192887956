/**
 * The ports' implementations for this environment, chosen by the function's environment
 * variables (cloudbaserc.json `envVariables`): `CONTENT_CHECK=wechat` for WeChat's security
 * check, `MESSAGES=wechat` for WeChat subscription messages; unset (or `local`), the word
 * list and the local outbox. Any other value is a configuration error and fails loudly
 * rather than running production on the local word list.
 */
import type { TimerHandler } from '../dispatcher'
import type { CheckResult, ContentCheck, TextScene } from './contentCheck'
import { refuseRisky, worstOf } from './contentCheck'
import { localContentCheck } from './localContentCheck'
import type { Messenger } from './messages'
import { localMessenger } from './outbox'
import { wechatContentCheck } from './wechatContentCheck'
import { wechatMessenger } from './wechatMessages'

export type { CheckResult, ContentCheck, TextScene, Verdict } from './contentCheck'
export { refuseRisky, worstOf } from './contentCheck'
export type { DeliveryReport, Message, MessageTemplate, Messenger } from './messages'
export { MESSAGE_TEMPLATES } from './messages'
export type { MediaVerdict } from './wechatContentCheck'
export { mediaVerdictOf } from './wechatContentCheck'
export { grantSubscriptions, takeSubscription, takeSubscriptions } from './subscriptions'

function choice(variable: 'CONTENT_CHECK' | 'MESSAGES'): 'local' | 'wechat' {
  const value = process.env[variable] ?? ''
  if (value === '' || value === 'local') return 'local'
  if (value === 'wechat') return 'wechat'
  throw new Error(`${variable}=${value}: expected wechat or local`)
}

let wechatCheck: ContentCheck | undefined
let wechatSend: Messenger | undefined

/** The content check of this environment. */
export function contentCheck(): ContentCheck {
  if (choice('CONTENT_CHECK') === 'local') return localContentCheck
  wechatCheck ??= wechatContentCheck()
  return wechatCheck
}

/** The messenger of this environment. */
export function messenger(): Messenger {
  if (choice('MESSAGES') === 'local') return localMessenger
  wechatSend ??= wechatMessenger()
  return wechatSend
}

/** A stored image or audio to check, and how to name it to the writer (e.g. `封面图片`). */
export interface MediaToScreen {
  fileID: string
  kind: 'image' | 'audio'
  what?: string
}

export interface Screened {
  /** 'review': keep it pending, not shown to readers, until it passes */
  verdict: 'pass' | 'review'
  /** why it is pending (Chinese), for the writer */
  reason?: string
  /** media checks that finish later, by file: keep them to apply `mediaVerdictOf` when it comes */
  traceIds: { fileID: string; traceId: string }[]
}

/**
 * Checks what a person is about to store — texts and files together, in parallel — and
 * refuses it (AppError INVALID_ARGUMENT, Chinese message naming what failed) when any of
 * it is risky. `what` names the texts in that message (e.g. `微党课内容`).
 */
export async function screenContent(input: { texts?: string[]; media?: MediaToScreen[]; scene?: TextScene }, openid: string | null, what = '内容'): Promise<Screened> {
  const check = contentCheck()
  const media = input.media ?? []
  const [text, ...files] = await Promise.all([
    input.texts?.length ? check.text(input.texts, openid, input.scene) : Promise.resolve<CheckResult>({ verdict: 'pass' }),
    ...media.map((m) => check.media(m.fileID, m.kind, openid))
  ])
  refuseRisky(text, what)
  files.forEach((r, i) => refuseRisky(r, media[i].what ?? (media[i].kind === 'audio' ? '音频' : '图片')))
  const worst = worstOf([text, ...files])
  const traceIds = files.flatMap((r, i) => (r.traceId ? [{ fileID: media[i].fileID, traceId: r.traceId }] : []))
  return { verdict: worst.verdict === 'pass' ? 'pass' : 'review', ...(worst.reason ? { reason: worst.reason } : {}), traceIds }
}

/**
 * A timer handler that delivers queued messages until the invocation's time is nearly up:
 * register it on the function that queues them, e.g. `createMain('lesson', registry,
 * { timers: { deliverMessages } })`, with a timer trigger of that name in cloudbaserc.json.
 */
export const deliverMessages: TimerHandler = ({ deadline }) => messenger().deliver({ deadline })
