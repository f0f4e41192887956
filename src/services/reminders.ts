/**
 * The product's reminders, each a one-time subscription message (services/subscription.ts):
 * what it is called, what the person is told before and after answering, and the domain
 * action its acceptances go to. Pages offer a reminder at the moment it makes sense (after
 * sharing a note, confirming an activity, asking a question) with `ReminderOffer`, or ask
 * with `askReminder` themselves.
 */
import { call } from './cloud'
import { askSubscription, subscriptionAvailable, SubscriptionOffer, SubscriptionOutcome } from './subscription'

export type ReminderKind = 'lesson' | 'note' | 'checkin' | 'answer' | 'digest'

/**
 * Each reminder's template id, set at build time (empty when not configured). Each
 * `process.env.TARO_APP_…` is written out whole, as the build replaces it.
 */
const TEMPLATE_IDS: Record<ReminderKind, () => string> = {
  lesson: () => process.env.TARO_APP_LESSON_TEMPLATE_ID ?? '',
  note: () => process.env.TARO_APP_NOTE_TEMPLATE_ID ?? '',
  checkin: () => process.env.TARO_APP_CHECKIN_TEMPLATE_ID ?? '',
  answer: () => process.env.TARO_APP_QUESTION_TEMPLATE_ID ?? '',
  digest: () => process.env.TARO_APP_OVERSIGHT_TEMPLATE_ID ?? ''
}

interface Reminder extends Omit<SubscriptionOffer, 'templateId'> {
  /** the line once the person accepted, with the messages they may still receive */
  subscribed: (remaining: number) => string
  /** the line once they declined */
  declined: string
}

const LOCAL = '（本地运行时，提醒写入模拟器的 outbox）'

const REMINDERS: Record<ReminderKind, Reminder> = {
  lesson: {
    title: '有新微党课时提醒我',
    content: `开启后，下一次有新的微党课发布时会提醒你一次${LOCAL}。`,
    subscribe: (accepted) => call('lesson', 'subscribe', { accepted }),
    subscribed: (n) => `已开启：有新微党课时会提醒你（还可提醒 ${n} 次）`,
    declined: '未开启提醒，下次读完微党课时还可以开启'
  },
  note: {
    title: '老师评论时提醒我',
    content: `开启后，指导教师评论你的笔记时会提醒你一次${LOCAL}。`,
    subscribe: (accepted) => call('journal', 'subscribe', { accepted }),
    subscribed: (n) => `已开启：老师评论时会提醒你（还可提醒 ${n} 次）`,
    declined: '未开启提醒'
  },
  checkin: {
    title: '有活动需要确认时提醒我',
    content: `开启后，联络员下次把你列入活动名单时会提醒你确认一次${LOCAL}。`,
    subscribe: (accepted) => call('activity', 'subscribe', { accepted }),
    subscribed: (n) => `已开启：下次有活动需要确认时会提醒你（还可提醒 ${n} 次）`,
    declined: '未开启提醒'
  },
  answer: {
    title: '老师回答后提醒我',
    content: `开启后，指导教师回答你的提问时会提醒你一次${LOCAL}。`,
    subscribe: (accepted) => call('question', 'subscribe', { accepted }),
    subscribed: (n) => `已开启：老师回答后会提醒你（还可提醒 ${n} 次）`,
    declined: '未开启提醒，可以随时回到“我的提问”查看'
  },
  digest: {
    title: '每日提醒汇总',
    content: `开启后，有需要你处理的提醒时，每天早上发一条汇总给你${LOCAL}。`,
    subscribe: (accepted) => call('oversight', 'subscribe', { accepted }),
    subscribed: (n) => `已开启：有需要你处理的提醒时，每天最多发一条汇总（还可发送 ${n} 次）`,
    declined: '未开启提醒汇总'
  }
}

/** False on WeChat when the build has no template id for it: the reminder is not offered at all. */
export const reminderAvailable = (kind: ReminderKind): boolean => subscriptionAvailable(TEMPLATE_IDS[kind]())

/** The reminder's name, as its offer is titled. */
export const reminderTitle = (kind: ReminderKind): string => REMINDERS[kind].title

/** Asks (must follow a tap: WeChat shows its sheet only then) and reports the acceptances recorded. */
export function askReminder(kind: ReminderKind): Promise<SubscriptionOutcome> {
  const { title, content, subscribe } = REMINDERS[kind]
  return askSubscription({ templateId: TEMPLATE_IDS[kind](), title, content, subscribe })
}

/** What the person is told of their answer. */
export function reminderOutcomeText(kind: ReminderKind, outcome: SubscriptionOutcome): string {
  if (outcome.kind === 'subscribed') return REMINDERS[kind].subscribed(outcome.remaining)
  if (outcome.kind === 'declined') return REMINDERS[kind].declined
  return outcome.message
}
