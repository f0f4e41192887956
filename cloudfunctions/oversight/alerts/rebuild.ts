/**
 * Writing a rebuild of the alerts so that readers never see half of one: the new alerts
 * go in under a new run id, then the alerts' state (one document) switches to that run
 * — only if no later run switched it first — then older runs' alerts are removed.
 * A job that dies before the switch leaves the previous rebuild current (the next run
 * removes its leftovers); one that dies after it leaves old alerts that no reader sees
 * until the next run removes them. Two runs at once each keep the later one's alerts.
 */
import { randomBytes } from 'node:crypto'
import { ALERT_KINDS, AlertKind } from '../../../types/actions/oversight'
import { database } from '../../common/app'
import { isDuplicateWrite } from '../../common/db'
import { chunkBySize } from '../../common/requestSize'
import { ALERTS_STATE_ID, AlertDoc, AlertsStateDoc, O } from '../model'
import type { Alert } from './rules'

/** Alerts written per request (the request size may cut it smaller). */
const WRITE_CHUNK = 500
/** A run not switched to this long after it began has died (the function stops long before). */
const STALE_RUN_MS = 15 * 60_000

export const newRun = (now: Date): string => `${now.getTime().toString(36).padStart(9, '0')}${randomBytes(4).toString('hex')}`

/** Makes `run` current unless a run begun later already is; answers whether it did. One or two requests. */
async function switchTo(state: Omit<AlertsStateDoc, '_id'>): Promise<boolean> {
  const db = database()
  const _ = db.command
  const { updated } = await db.collection(O.settings).where({ _id: ALERTS_STATE_ID, builtAt: _.lt(state.builtAt) })
    .update({ run: state.run, year: state.year, builtAt: state.builtAt, counts: _.set(state.counts) })
  if (updated) return true
  try {
    await db.collection(O.settings).add({ _id: ALERTS_STATE_ID, ...state })
    return true
  } catch (e) {
    // The state exists and a run begun later switched it: this one is already out of date.
    if (isDuplicateWrite(e)) return false
    throw e
  }
}

/**
 * Writes `alerts` as the current ones of `year`; answers the counts by kind, or null when
 * a run begun later had already switched (this run's alerts are then removed). Requests:
 * a clean-up, one per 500 alerts, the switch, a clean-up.
 */
export async function writeRebuild(alerts: Alert[], year: string, previous: AlertsStateDoc | null, now: Date): Promise<Record<AlertKind, number> | null> {
  const db = database()
  const _ = db.command
  const coll = db.collection(O.alerts)
  const run = newRun(now)
  await coll.where({ run: _.neq(previous?.run ?? ''), checkedAt: _.lt(new Date(now.getTime() - STALE_RUN_MS)) }).remove()
  const docs: AlertDoc[] = alerts.map((a) => ({ ...a, _id: `${run}|${a.alertId}`, run, year, checkedAt: now }))
  for (const chunk of chunkBySize(docs, { maxItems: WRITE_CHUNK })) await coll.add(chunk)
  const counts = Object.fromEntries(ALERT_KINDS.map((k) => [k, 0])) as Record<AlertKind, number>
  for (const a of alerts) counts[a.kind]++
  if (!(await switchTo({ run, year, builtAt: now, counts }))) {
    await coll.where({ run }).remove()
    return null
  }
  // Runs begun before this one (a run begun later keeps its alerts, to switch to them).
  await coll.where({ run: _.neq(run), checkedAt: _.lte(now) }).remove()
  return counts
}
