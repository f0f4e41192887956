/**
 * The content check every text and image users put into the system passes before it is
 * stored (WeChat requires it): a port, so that production uses WeChat's security check
 * and local runs a word list. Later domains (journal, check-ins) reuse it.
 */
import { AppError } from '../errors'

/** pass: may be shown; review: kept, not shown until it passes; risky: refused. */
export type Verdict = 'pass' | 'review' | 'risky'

export interface CheckResult {
  verdict: Verdict
  /** what was found, for the person (Chinese), when not 'pass' */
  reason?: string
  /** WeChat's label of what was found (e.g. 20002 pornography), when it gave one */
  label?: number
  /**
   * A media check that finishes later: its trace id. Keep it with what the file belongs
   * to; the verdict arrives as a `wxa_media_check` event (see `mediaVerdictOf`).
   */
  traceId?: string
}

/**
 * Where a text appears, which WeChat weighs differently: `comment` (scene 2) for short
 * answers and remarks, `log` (scene 4, 社交日志) for what others read as a post — lessons,
 * journal entries.
 */
export type TextScene = 'comment' | 'log'

export interface ContentCheck {
  /** Checks texts written by `openid` (one verdict for all: the worst). */
  text(texts: string[], openid: string | null, scene?: TextScene): Promise<CheckResult>
  /** Checks an image (or audio) already in storage; media checks may finish later ('review' with a `traceId`). */
  media(fileID: string, kind: 'image' | 'audio', openid: string | null): Promise<CheckResult>
}

const RANK: Record<Verdict, number> = { pass: 0, review: 1, risky: 2 }

/** The worst of several results (risky over review over pass); the first of equals keeps its reason. */
export function worstOf(results: readonly CheckResult[]): CheckResult {
  let worst: CheckResult = { verdict: 'pass' }
  for (const r of results) if (RANK[r.verdict] > RANK[worst.verdict]) worst = r
  return worst
}

/**
 * Refuses risky content with a message the writer can act on; passes on 'pass' and
 * 'review' (the caller keeps the latter pending, unseen by readers). `what` names the
 * content in the message, e.g. `标题` or `封面图片`.
 */
export function refuseRisky(result: CheckResult, what = '内容'): asserts result is CheckResult & { verdict: 'pass' | 'review' } {
  if (result.verdict !== 'risky') return
  const reason = result.reason ? `：${result.reason}` : ''
  throw new AppError('INVALID_ARGUMENT', `${what}未通过内容安全检测${reason}。请修改后再提交`)
}
