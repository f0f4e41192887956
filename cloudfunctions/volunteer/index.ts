import { createMain } from '../common/dispatcher'
import { photoVerdictHandler } from '../common/heldPhotos'
import { V } from './model'
import { registry } from './registry'

/**
 * `volunteer`: volunteer service hours and their verification (志愿服务). WeChat pushes
 * `wxa_media_check` (a photo's verdict) to it when the environment's 消息推送 settings
 * send that event here: a record held for its photos shows them to its verifiers once all
 * passed, and loses a risky one.
 */
export const main = createMain('volunteer', registry, { pushes: { wxa_media_check: photoVerdictHandler(V.records) } })
