/**
 * "有新微党课时提醒我": a one-time subscription to the new-lesson message (services/subscription.ts),
 * its acceptances to `lesson.subscribe`; the 微党课 tab offers it once.
 */
import Taro from '@tarojs/taro'
import { call } from '../../services/cloud'
import { askSubscription, subscriptionAvailable, SubscriptionOutcome } from '../../services/subscription'

/** The subscription template of a new lesson (build-time; empty when not configured). */
const templateId = (): string => process.env.TARO_APP_LESSON_TEMPLATE_ID ?? ''

/** False on WeChat without a configured template: the offer is not shown at all. */
export const reminderAvailable = (): boolean => subscriptionAvailable(templateId())

export type ReminderOutcome = SubscriptionOutcome

/** Asks the reader (must follow a tap: WeChat shows its sheet only then) and reports the acceptances. */
export const askForReminder = (): Promise<ReminderOutcome> => askSubscription({
  templateId: templateId(),
  title: '有新微党课时提醒我',
  content: '开启后，下一次有新的微党课发布时会提醒你一次（本地运行时，提醒写入模拟器的 outbox）。',
  subscribe: (accepted) => call('lesson', 'subscribe', { accepted })
})

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
