import { createMain } from '../common/dispatcher'
import { photoVerdictHandler } from '../common/heldPhotos'
import { A } from './model'
import { registry } from './registry'
import { remindCheckins } from './reminders'

/**
 * `activity`: activity check-ins. Its timer (cloudbaserc.json `triggers`): `remindCheckins`
 * queues the messages asking listed members to confirm; the shared `deliverMessages` timer
 * delivers them. WeChat pushes `wxa_media_check` (a photo's verdict) to it when the
 * environment's 消息推送 settings send that event here: a check-in held for its photos
 * shows them to every reader once all passed, and loses a risky one.
 */
export const main = createMain('activity', registry, { timers: { remindCheckins }, pushes: { wxa_media_check: photoVerdictHandler(A.checkins) } })
