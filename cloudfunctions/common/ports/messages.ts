/**
 * Messages to people: a port. Every message is first queued in the `outbox` collection
 * (in bulk: a few requests whatever the number of messages); delivering takes queued
 * messages and sends them — as WeChat subscription messages in production (one HTTP call
 * each, as WeChat works, a few at a time), or, locally, by marking them delivered in the
 * outbox, where tests and developers read them. Delivery runs from a timer trigger
 * (`deliverMessages` in ports/index.ts), so a publish to thousands of readers is not
 * bound by the publishing call's time limit.
 *
 * A WeChat subscription message may be sent only once per acceptance the person gave
 * (`requestSubscribeMessage`); callers queue messages only for those with an acceptance
 * left (ports/subscriptions.ts).
 */

/**
 * The product's subscription templates by their role, each with the environment variable
 * that holds its WeChat template id (from the mini program's 订阅消息 settings).
 */
export const MESSAGE_TEMPLATES = {
  /** a new micro Party lesson: thing1 the title, thing2 the author, time3 when published (adjust to the template chosen) */
  lessonPublished: 'LESSON_TEMPLATE_ID',
  /** a comment on my study note: thing1 the note's beginning, name2 the commenter, thing3 the comment (adjust to the template chosen) */
  noteCommented: 'NOTE_TEMPLATE_ID',
  /** please confirm an activity you attended: thing1 the activity and place, time2 when it was held, thing3 what to do (adjust to the template chosen) */
  checkinConfirm: 'CHECKIN_TEMPLATE_ID',
  /** my question was answered: thing1 the question's beginning, name2 who answered, thing3 the answer's beginning (adjust to the template chosen) */
  questionAnswered: 'QUESTION_TEMPLATE_ID',
  /** the day's alerts for the person who should act: thing1 how many and of what, thing2 the first, date3 the day (adjust to the template chosen) */
  oversightDigest: 'OVERSIGHT_TEMPLATE_ID'
} as const

export type MessageTemplate = keyof typeof MESSAGE_TEMPLATES

export interface Message {
  /** the person it is for */
  personId: string
  /** their WeChat account */
  openid: string
  /** which subscription template, by its role in the product */
  template: MessageTemplate
  /** the page the message opens, with its query, e.g. `pages/lesson/detail?id=…` */
  page: string
  /** the template's fields, e.g. { thing1: '…', time2: '…' } */
  data: Record<string, string>
  /**
   * Names the message (at most 100 characters; it becomes the outbox document's `_id`), so
   * that queueing it again — a retried run — adds nothing. Unnamed messages are always added.
   */
  key?: string
}

/** What one delivery run did. */
export interface DeliveryReport {
  /** delivered (sent to WeChat, or marked delivered locally) */
  sent: number
  /** refused for good (e.g. no acceptance left, an unknown account) */
  failed: number
  /** put back in the queue for a later run (WeChat busy, or the run's time ran out) */
  retried: number
}

export interface Messenger {
  /** Queues messages; returns how many were queued. Bulk: never one request per message. */
  send(messages: Message[]): Promise<number>
  /** Delivers queued messages, oldest first, until none is left or `deadline` (ms since the epoch) is near. */
  deliver(options: { deadline: number }): Promise<DeliveryReport>
}

/**
 * Longest value WeChat accepts per field type (the key's name without its number):
 * `thing1` at most 20 characters, `phrase2` 5, `name3` 10, `character_string4` 32.
 */
const FIELD_LIMITS: Record<string, number> = { thing: 20, phrase: 5, name: 10, character_string: 32, number: 32, letter: 32, symbol: 5 }

/**
 * The fields as WeChat shows them: each value cut to its field type's limit (an over-long
 * value fails the whole message), counting characters, not UTF-16 units; free text
 * (`thing`) ends with `…` where it was cut. Messages are queued so, so the outbox holds
 * what the person will read and callers pass whole texts.
 */
export function fieldValues(data: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [key, raw] of Object.entries(data)) {
    const type = key.replace(/\d+$/, '')
    const limit = FIELD_LIMITS[type]
    const chars = Array.from(String(raw))
    out[key] = limit && chars.length > limit
      ? (type === 'thing' ? `${chars.slice(0, limit - 1).join('')}…` : chars.slice(0, limit).join(''))
      : chars.join('')
  }
  return out
}

/** The template data as WeChat takes it: `{ key: { value } }`, each value as `fieldValues` cuts it. */
export function templateData(data: Record<string, string>): Record<string, { value: string }> {
  return Object.fromEntries(Object.entries(fieldValues(data)).map(([key, value]) => [key, { value }]))
}
