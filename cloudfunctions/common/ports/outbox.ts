/** Local messages: written to the `outbox` collection in bulk, where tests and developers read them. */
import { database } from '../app'
import type { Messenger } from './messages'

export const outboxMessenger: Messenger = {
  async send(messages) {
    const coll = database().collection('outbox')
    const now = new Date()
    for (let i = 0; i < messages.length; i += 500) {
      await coll.add(messages.slice(i, i + 500).map((m) => ({ ...m, queuedAt: now, sentAt: null })))
    }
    return messages.length
  }
}
