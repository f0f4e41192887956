import { createMain } from '../common/dispatcher'
import { deliverMessages } from '../common/ports'
import { registry } from './registry'
import { publishDue } from './reminders'

/**
 * `lesson` with its timers (cloudbaserc.json `triggers`): `publishDue` sends out scheduled
 * lessons whose time has come and queues their reminders; `deliverMessages` delivers the
 * queued reminders.
 */
export const main = createMain('lesson', registry, { timers: { publishDue, deliverMessages } })
