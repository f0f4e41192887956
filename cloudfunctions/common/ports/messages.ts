/**
 * Messages to people: a port, so that production sends WeChat subscription messages
 * (one per acceptance the person gave) and local runs write them to the `outbox`
 * collection, where tests read them.
 */

export interface Message {
  /** the person it is for */
  personId: string
  /** their WeChat account */
  openid: string
  /** which subscription template (by its role in the product, e.g. 'lessonPublished') */
  template: string
  /** the page the message opens, with its query */
  page: string
  /** the template's fields, e.g. { thing1: '…', time2: '…' } */
  data: Record<string, string>
}

export interface Messenger {
  /** Queues or sends messages; returns how many were accepted. Bulk: never one request per message. */
  send(messages: Message[]): Promise<number>
}
