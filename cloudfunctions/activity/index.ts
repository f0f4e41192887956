import { createMain } from '../common/dispatcher'
import { registry } from './registry'
import { remindCheckins } from './reminders'

/**
 * `activity`: activity check-ins. Its timer (cloudbaserc.json `triggers`): `remindCheckins`
 * queues the messages asking listed members to confirm; the shared `deliverMessages` timer
 * delivers them.
 */
export const main = createMain('activity', registry, { timers: { remindCheckins } })
