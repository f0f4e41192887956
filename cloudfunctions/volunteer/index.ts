import { createMain } from '../common/dispatcher'
import { recountTotals } from './recount'
import { registry } from './registry'

/**
 * `volunteer`: volunteer service hours and their verification (志愿服务). Its timer
 * (cloudbaserc.json `triggers`): `recountTotals` recomputes the group and province
 * counters from the records changed since its last run. Photo verdicts (`wxa_media_check`)
 * reach the records through the `lesson` function, where 消息推送 sends them.
 */
export const main = createMain('volunteer', registry, { timers: { recountTotals } })
