/**
 * "老师评论时提醒我": a one-time subscription to the note-comment message (services/subscription.ts),
 * asked right after the writer shares a note with their advisors; acceptances go to `journal.subscribe`.
 */
import { call } from '../../services/cloud'
import { askSubscription, subscriptionAvailable } from '../../services/subscription'

const templateId = (): string => process.env.TARO_APP_NOTE_TEMPLATE_ID ?? ''

export const noteReminderAvailable = (): boolean => subscriptionAvailable(templateId())

/** Asks (must follow a tap) and answers a line for the writer, or null when they declined. */
export async function askNoteReminder(): Promise<string | null> {
  const outcome = await askSubscription({
    templateId: templateId(),
    title: '老师评论时提醒我',
    content: '开启后，指导教师评论你的笔记时会提醒你一次（本地运行时，提醒写入模拟器的 outbox）。',
    subscribe: (accepted) => call('journal', 'subscribe', { accepted })
  })
  if (outcome.kind === 'declined') return null
  return outcome.kind === 'subscribed' ? `已开启：老师评论时会提醒你（还可提醒 ${outcome.remaining} 次）` : outcome.message
}
