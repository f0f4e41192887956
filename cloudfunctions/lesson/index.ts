import { createMain } from '../common/dispatcher'
import { deliverMessages } from '../common/ports'
import { mediaChecked } from './mediaVerdicts'
import { registry } from './registry'
import { publishDue } from './reminders'

/**
 * `lesson` with its timers (cloudbaserc.json `triggers`): `publishDue` sends out scheduled
 * lessons whose time has come and queues their reminders; `deliverMessages` delivers the
 * queued reminders. WeChat pushes `wxa_media_check` (the verdict of a cover's or an audio's
 * check) to it when the environment's 消息推送 settings send that event here.
 */
export const main = createMain('lesson', registry, { timers: { publishDue, deliverMessages }, pushes: { wxa_media_check: mediaChecked } })
