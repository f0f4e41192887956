/**
 * Bringing the stored alerts in line with today's: each alert is stored under its own id
 * (stable while its condition lasts) with a digest of what it says, so a run reads the
 * stored digests (one aggregation), removes the alerts that ended or changed and adds the
 * new and changed ones in bulk, then records where the alerts stand. From one day to the
 * next few alerts change, and so few are written. A run that dies part-way leaves alerts
 * that are each whole, and the next run finishes the job from what it finds.
 */
import { createHash } from 'node:crypto'
import { ALERT_KINDS, AlertKind } from '../../../types/actions/oversight'
import { database } from '../../common/app'
import { isDuplicateWrite } from '../../common/db'
import { chunkBySize } from '../../common/requestSize'
import { ALERTS_STATE_ID, AlertDoc, AlertsStateDoc, O } from '../model'
import type { Alert } from './rules'

/** Alerts added per request (the request size may cut it smaller); ids removed per request. */
const WRITE_CHUNK = 500
const REMOVE_CHUNK = 1000

/** An alert as stored. */
export function alertDoc(a: Alert, year: string): AlertDoc {
  const { alertId, ...rest } = a
  const content = { ...rest, year }
  return { _id: alertId, ...content, hash: createHash('sha1').update(JSON.stringify(content)).digest('base64url') }
}

/** The stored alerts' ids and digests: one aggregation, its rows folded into one. */
async function storedDigests(): Promise<Map<string, string>> {
  const $ = database().command.aggregate
  const { data } = await database().collection(O.alerts).aggregate()
    .group({ _id: null, alerts: $.push({ i: '$_id', h: '$hash' }) })
    .end()
  return new Map(((data[0] as { alerts: { i: string; h: string }[] } | undefined)?.alerts ?? []).map((a) => [a.i, a.h]))
}

/** Adds alerts in bulk; a chunk refused for an alert already there (a run at the same time) is added one by one. */
async function addAlerts(docs: AlertDoc[]): Promise<void> {
  const coll = database().collection(O.alerts)
  for (const chunk of chunkBySize(docs, { maxItems: WRITE_CHUNK })) {
    try {
      await coll.add(chunk)
    } catch (e) {
      if (!isDuplicateWrite(e)) throw e
      for (const doc of chunk) await coll.add(doc).catch((err: unknown) => { if (!isDuplicateWrite(err)) throw err })
    }
  }
}

/**
 * Makes the stored alerts exactly `alerts` (of `year`) and records the counts; answers what
 * it wrote. Requests: the digests, one per 1000 alerts removed, one per 500 added, the state.
 */
export async function syncAlerts(alerts: Alert[], year: string, now: Date): Promise<{ counts: Record<AlertKind, number>; added: number; removed: number }> {
  const db = database()
  const docs = alerts.map((a) => alertDoc(a, year))
  const stored = await storedDigests()
  const wanted = new Map(docs.map((d) => [d._id, d]))
  const removed = [...stored].filter(([id, hash]) => wanted.get(id)?.hash !== hash).map(([id]) => id)
  const added = docs.filter((d) => stored.get(d._id) !== d.hash)
  for (let i = 0; i < removed.length; i += REMOVE_CHUNK) await db.collection(O.alerts).where({ _id: db.command.in(removed.slice(i, i + REMOVE_CHUNK)) }).remove()
  await addAlerts(added)
  const counts = Object.fromEntries(ALERT_KINDS.map((k) => [k, 0])) as Record<AlertKind, number>
  for (const a of alerts) counts[a.kind]++
  const state: Omit<AlertsStateDoc, '_id'> = { year, builtAt: now, counts }
  await db.collection(O.settings).doc(ALERTS_STATE_ID).set(state)
  return { counts, added: added.length, removed: removed.length }
}
