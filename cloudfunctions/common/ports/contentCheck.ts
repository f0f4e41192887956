/**
 * The content check every text and image users put into the system passes before it is
 * stored (WeChat requires it): a port, so that production uses WeChat's security check
 * and local runs a word list. Later domains (journal, check-ins) reuse it.
 */

/** pass: may be shown; review: kept, not shown until it passes; risky: refused. */
export type Verdict = 'pass' | 'review' | 'risky'

export interface CheckResult {
  verdict: Verdict
  /** what was found, for the person (Chinese), when not 'pass' */
  reason?: string
}

export interface ContentCheck {
  /** Checks texts written by `openid` (one verdict for all: the worst). */
  text(texts: string[], openid: string | null): Promise<CheckResult>
  /** Checks an image (or audio) already in storage; media checks may finish later ('review'). */
  media(fileID: string, kind: 'image' | 'audio', openid: string | null): Promise<CheckResult>
}
