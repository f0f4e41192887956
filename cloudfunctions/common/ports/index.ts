/**
 * The ports' implementations for this environment: WeChat's in production (the function's
 * environment variables CONTENT_CHECK=wechat, MESSAGES=wechat, set in cloudbaserc.json),
 * local ones otherwise (a word list; the `outbox` collection).
 */
import type { ContentCheck } from './contentCheck'
import { localContentCheck } from './localContentCheck'
import type { Messenger } from './messages'
import { outboxMessenger } from './outbox'

export type { CheckResult, ContentCheck, Verdict } from './contentCheck'
export type { Message, Messenger } from './messages'

export function contentCheck(): ContentCheck {
  return localContentCheck
}

export function messenger(): Messenger {
  return outboxMessenger
}
