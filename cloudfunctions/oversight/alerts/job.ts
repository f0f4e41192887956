/**
 * The `dailyAlerts` timer (cloudbaserc.json; the same code runs locally): rebuilds the
 * alerts of the current internship year by the branch's cadences, then sends each person
 * who should act their day's digest. "Now" is when the platform fired the trigger.
 */
import { internshipYearOf } from '../../../types/domain'
import { chinaDay } from '../../common/chinaTime'
import type { TimerHandler } from '../../common/dispatcher'
import { readSettings } from '../settings'
import { sendDigests } from './digest'
import { writeRebuild } from './rebuild'
import { alertsOf } from './rules'
import { readRuleInput } from './sources'

export const dailyAlerts: TimerHandler = async ({ firedAt, now }) => {
  const at = firedAt ?? now
  const day = chinaDay(at)
  const year = internshipYearOf(day)
  const settings = await readSettings()
  const alerts = alertsOf(await readRuleInput(year, at, settings.cadences))
  const counts = await writeRebuild(alerts, year, settings.alerts, now)
  // A run overtaken by a later one leaves the digests to it.
  const digests = counts ? await sendDigests(alerts, day) : 0
  return { year, alerts: alerts.length, counts, digests }
}
