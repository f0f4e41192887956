/**
 * "老师回答后提醒我": a one-time subscription to the answer message (services/subscription.ts),
 * offered after asking and on an open question of one's own; acceptances go to `question.subscribe`.
 */
import { call } from '../../services/cloud'
import { askSubscription, subscriptionAvailable, SubscriptionOutcome } from '../../services/subscription'

const templateId = (): string => process.env.TARO_APP_QUESTION_TEMPLATE_ID ?? ''

export const answerReminderAvailable = (): boolean => subscriptionAvailable(templateId())

/** Asks (must follow a tap) for one answer message. */
export function askAnswerReminder(): Promise<SubscriptionOutcome> {
  return askSubscription({
    templateId: templateId(),
    title: '老师回答后提醒我',
    content: '开启后，指导教师回答你的提问时会提醒你一次（本地运行时，提醒写入模拟器的 outbox）。',
    subscribe: (accepted) => call('question', 'subscribe', { accepted })
  })
}
