import { createMain } from '../common/dispatcher'
import { dailyAlerts } from './alerts/job'
import { registry } from './registry'

/**
 * `oversight`: the branch's dashboard, the group activity grid, alerts, cadence settings
 * and the year-end export. Its timer (cloudbaserc.json `triggers`): `dailyAlerts` rebuilds
 * the alerts every morning and sends each person who should act one digest a day.
 */
export const main = createMain('oversight', registry, { timers: { dailyAlerts } })
