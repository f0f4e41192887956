import { createMain } from '../common/dispatcher'
import { syncInbox } from './inboxSync'
import { registry } from './registry'

/**
 * `journal`: the study journal. Comment messages are queued in the shared outbox and
 * delivered by the `deliverMessages` timer that delivers every queued message. Its timer
 * (cloudbaserc.json `triggers`): `syncInbox` gives advisors assigned to a group later the
 * group's notes, and takes them from advisors who left it.
 */
export const main = createMain('journal', registry, { timers: { syncInbox } })
