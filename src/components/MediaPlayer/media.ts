/** What the media player shows in words: times, and why a file would not play. */

/** 75 -> "01:15", 3725 -> "1:02:05"; nothing known yet -> "--:--". */
export function formatClock(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '--:--'
  const s = Math.floor(seconds)
  const two = (n: number) => String(n).padStart(2, '0')
  const h = Math.floor(s / 3600)
  const m = Math.floor((s % 3600) / 60)
  return h ? `${h}:${two(m)}:${two(s % 60)}` : `${two(m)}:${two(s % 60)}`
}

/** Why, by WeChat's InnerAudioContext error codes and the browser's MediaError codes. */
const WECHAT_AUDIO_REASONS: Record<number, string> = { 10001: '系统错误', 10002: '网络错误', 10003: '文件错误', 10004: '格式不支持' }
const BROWSER_MEDIA_REASONS: Record<number, string> = { 1: '播放被中止', 2: '网络错误', 3: '文件无法解码', 4: '文件无法访问或格式不支持' }

function reasonOf(error: unknown): string | null {
  if (!error || typeof error !== 'object') return null
  const e = error as { errCode?: unknown; errMsg?: unknown; detail?: unknown; target?: { error?: { code?: unknown } | null } | null }
  if (typeof e.errCode === 'number' && WECHAT_AUDIO_REASONS[e.errCode]) return WECHAT_AUDIO_REASONS[e.errCode]
  // An <audio>/<video> element's error event (H5): the element carries a MediaError.
  const code = e.target?.error?.code
  if (typeof code === 'number' && BROWSER_MEDIA_REASONS[code]) return BROWSER_MEDIA_REASONS[code]
  // A component's error event: the reason is in its detail.
  if (e.detail && typeof e.detail === 'object') return reasonOf(e.detail)
  if (typeof e.errMsg === 'string' && e.errMsg.trim()) return e.errMsg.trim()
  return null
}

/**
 * The message for a file that failed to play. The link is a temporary one, so the usual
 * cure is to load the lesson again, which issues a new link.
 */
export function mediaErrorMessage(kind: 'audio' | 'video', error: unknown): string {
  const what = kind === 'video' ? '视频' : '音频'
  const reason = reasonOf(error)
  return `${what}无法播放${reason ? `（${reason}）` : ''}，链接可能已过期或网络不可用，请重新加载后再试`
}
