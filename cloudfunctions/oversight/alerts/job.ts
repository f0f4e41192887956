/**
 * The `dailyAlerts` timer (cloudbaserc.json; the same code runs locally): brings the alerts
 * of the current internship year up to date by the branch's cadences, then sends each
 * person who should act their day's digest. "Now" is when the platform fired the trigger.
 */
import { internshipYearOf } from '../../../types/domain'
import { chinaDay } from '../../common/chinaTime'
import type { TimerHandler } from '../../common/dispatcher'
import { readSettings } from '../settings'
import { sendDigests } from './digest'
import { alertsOf } from './rules'
import { readRuleInput } from './sources'
import { syncAlerts } from './sync'

export const dailyAlerts: TimerHandler = async ({ firedAt, now }) => {
  const at = firedAt ?? now
  const day = chinaDay(at)
  const year = internshipYearOf(day)
  const settings = await readSettings()
  const alerts = alertsOf(await readRuleInput(year, at, settings.cadences))
  const { counts, added, removed } = await syncAlerts(alerts, year, now)
  const digests = await sendDigests(alerts, day)
  return { year, alerts: alerts.length, counts, added, removed, digests }
}
