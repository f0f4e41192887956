import { createMain } from '../common/dispatcher'
import { registry } from './registry'
import { remindCheckins } from './reminders'

/**
 * `activity`: activity check-ins. Its timer (cloudbaserc.json `triggers`): `remindCheckins`
 * queues the messages asking listed members to confirm; the shared `deliverMessages` timer
 * delivers them. Photo verdicts (`wxa_media_check`) reach check-ins through the `lesson`
 * function, where 消息推送 sends them (common/heldPhotos.ts).
 */
export const main = createMain('activity', registry, { timers: { remindCheckins } })
