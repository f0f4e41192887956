/**
 * "有新微党课时提醒我": asking for a one-time subscription to the new-lesson message. On
 * WeChat the reader answers WeChat's own sheet (each acceptance lets the function send
 * one message); on H5, where there is no WeChat, a plain confirmation stands in so the
 * local outbox can be tried. Either way the acceptances go to `lesson.subscribe`.
 */
import Taro from '@tarojs/taro'
import { call } from '../../services/cloud'

/** The subscription template of a new lesson (build-time; empty when not configured). */
const templateId = (): string => process.env.TARO_APP_LESSON_TEMPLATE_ID ?? ''

const isWeapp = process.env.TARO_ENV === 'weapp'

/** False on WeChat without a configured template: the offer is not shown at all. */
export const reminderAvailable = (): boolean => !isWeapp || templateId() !== ''

export type ReminderOutcome =
  | { kind: 'subscribed'; remaining: number }
  | { kind: 'declined' }
  | { kind: 'failed'; message: string }

/** How many of the templates asked for the reader accepted in WeChat's answer. */
export function acceptedCount(answer: Record<string, unknown>, tmplIds: readonly string[]): number {
  return tmplIds.filter((id) => answer[id] === 'accept').length
}

/** WeChat's refusals a reader can do something about. */
function subscribeFailure(error: unknown): string {
  const code = (error as { errCode?: number } | null)?.errCode
  if (code === 20004) return '你关闭了小程序的订阅消息，可在右上角“···”›“设置”›“通知管理”中打开'
  if (code === 20005) return '小程序的订阅消息已被禁用'
  return '暂时无法开启提醒，请稍后再试'
}

/** WeChat's subscription sheet (weapp): how many acceptances, or why it failed. */
async function askWeChat(): Promise<number | ReminderOutcome> {
  const tmplIds = [templateId()]
  try {
    // Taro's typing also demands Alipay's `entityIds`; WeChat takes `tmplIds` alone.
    const answer = await Taro.requestSubscribeMessage({ tmplIds } as unknown as Taro.requestSubscribeMessage.Option)
    return acceptedCount(answer as unknown as Record<string, unknown>, tmplIds)
  } catch (e) {
    return { kind: 'failed', message: subscribeFailure(e) }
  }
}

/** A plain confirmation (H5, no WeChat): one acceptance when confirmed. */
async function askInBrowser(): Promise<number> {
  try {
    const { confirm } = await Taro.showModal({
      title: '有新微党课时提醒我',
      content: '开启后，下一次有新的微党课发布时会提醒你一次（本地运行时，提醒写入模拟器的 outbox）。',
      confirmText: '开启',
      cancelText: '暂不'
    })
    return confirm ? 1 : 0
  } catch {
    return 0
  }
}

/** Asks the reader (must follow a tap: WeChat shows its sheet only then) and reports the acceptances. */
export async function askForReminder(): Promise<ReminderOutcome> {
  const asked = isWeapp ? await askWeChat() : await askInBrowser()
  if (typeof asked !== 'number') return asked
  if (asked < 1) return { kind: 'declined' }
  try {
    const { remaining } = await call('lesson', 'subscribe', { accepted: asked })
    return { kind: 'subscribed', remaining }
  } catch (e) {
    return { kind: 'failed', message: (e as Error)?.message || '暂时无法开启提醒，请稍后再试' }
  }
}

const OFFERED_KEY = 'lessonReminderOffered'

/** Whether the 微党课 tab has offered the reminder before (it offers once, on the first visit). */
export function offeredOnTab(): boolean {
  try {
    return !!Taro.getStorageSync(OFFERED_KEY)
  } catch {
    return false
  }
}

/** Remembers that the tab's offer was answered or dismissed. */
export function markOfferedOnTab(): void {
  try {
    Taro.setStorageSync(OFFERED_KEY, '1')
  } catch {
    // storage unavailable: the offer shows again next time, which does no harm
  }
}
