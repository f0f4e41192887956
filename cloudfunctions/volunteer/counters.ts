/**
 * The year's counters of hours (model.ts `TotalsDoc`): a log reserves its hours on the
 * intern's counter — one conditional `_.inc` that holds the day to 24 hours however many
 * logs arrive at once — then adds them to its group's and province's; a verification
 * moves them from unverified to verified; a rejection takes them out (and frees the day).
 */
import { VOLUNTEER_LIMITS } from '../../types/actions/volunteer'
import { database } from '../common/app'
import { isDuplicateWrite } from '../common/db'
import { AppError, invalid } from '../common/errors'
import { REQUESTS_KEPT, TotalsDoc, totalsId, V, VolunteerDoc } from './model'

/** Who a record is counted for: its counters' ids and names. */
export interface Counted {
  person: { id: string; name: string; groupId: string | null }
  /** the group's and province's counters */
  shared: { id: string; kind: 'group' | 'province'; key: string; name: string }[]
}

export function countedOf(r: Pick<VolunteerDoc, 'year' | 'personId' | 'personName' | 'groupId' | 'province'>, groupName: string | null): Counted {
  const shared: Counted['shared'] = []
  if (r.groupId) shared.push({ id: totalsId('group', r.year, r.groupId), kind: 'group', key: r.groupId, name: groupName ?? r.groupId })
  if (r.province) shared.push({ id: totalsId('province', r.year, r.province), kind: 'province', key: r.province, name: r.province })
  return { person: { id: totalsId('person', r.year, r.personId), name: r.personName, groupId: r.groupId }, shared }
}

const fresh = (id: string, kind: TotalsDoc['kind'], year: string, key: string, name: string, groupId: string | null, hours: number, requestId: string, now: Date): TotalsDoc => ({
  _id: id, kind, year, key, name, groupId, verified: 0, unverified: hours, records: 1, requestIds: [requestId], updatedAt: now
})

const dayPath = (date: string): string => `days.${date}`

/** Attempts before a log under heavy contention for one intern's counter is asked to be sent again. */
const RESERVE_TRIES = 10

/**
 * Reserves a log's hours on its day: 'reserved' when this call did, 'applied' when an
 * earlier try of the same request did. Refuses (INVALID_ARGUMENT) hours that would take
 * the day past 24. One request when the intern's counter exists and the day has room, two
 * for a refusal or a retry; the intern's first log of the year takes three.
 */
export async function reserveDay(r: VolunteerDoc, counted: Counted, now: Date): Promise<'reserved' | 'applied'> {
  const db = database()
  const _ = db.command
  const coll = db.collection(V.totals)
  const room = VOLUNTEER_LIMITS.hoursPerDay - r.hours
  for (let attempt = 0; attempt < RESERVE_TRIES; attempt++) {
    const { updated } = await coll.where({ _id: counted.person.id, requestIds: _.neq(r.requestId), [dayPath(r.date)]: _.not(_.gt(room)) }).update({
      [dayPath(r.date)]: _.inc(r.hours), unverified: _.inc(r.hours), records: _.inc(1), name: counted.person.name, groupId: counted.person.groupId,
      requestIds: _.push({ each: [r.requestId], slice: -REQUESTS_KEPT }), updatedAt: now
    })
    if (updated) return 'reserved'
    const doc = (await coll.doc(counted.person.id).get()).data[0] as TotalsDoc | undefined
    if (!doc) {
      try {
        await coll.add({ ...fresh(counted.person.id, 'person', r.year, r.personId, counted.person.name, counted.person.groupId, r.hours, r.requestId, now), days: { [r.date]: r.hours } })
        return 'reserved'
      } catch (e) {
        if (!isDuplicateWrite(e)) throw e
        continue
      }
    }
    if (doc.requestIds.includes(r.requestId)) return 'applied'
    const logged = doc.days?.[r.date] ?? 0
    if (logged > room) {
      throw invalid(`${r.date}已登记${logged}小时，一天最多${VOLUNTEER_LIMITS.hoursPerDay}小时，这一天最多还能登记${Math.max(0, VOLUNTEER_LIMITS.hoursPerDay - logged)}小时`)
    }
    // The counter changed between the update and the read (another log, a rejection): try again.
  }
  throw new AppError('RATE_LIMITED', '同时登记的记录太多，请稍后重试')
}

/**
 * Adds a reserved log to its group's and province's counters, once per request id (a
 * retry finds its id there). One request when the counters exist; the first record of a
 * group or province in a year (or a retry) takes one or two more.
 */
export async function spreadLog(r: VolunteerDoc, counted: Counted, now: Date): Promise<void> {
  if (!counted.shared.length) return
  const db = database()
  const _ = db.command
  const coll = db.collection(V.totals)
  const change = { unverified: _.inc(r.hours), records: _.inc(1), [dayPath(r.date)]: _.inc(r.hours), requestIds: _.push({ each: [r.requestId], slice: -REQUESTS_KEPT }), updatedAt: now }
  const ids = counted.shared.map((s) => s.id)
  const { updated } = await coll.where({ _id: _.in(ids), requestIds: _.neq(r.requestId) }).update(change)
  if (updated === ids.length) return
  const { data } = await coll.where({ _id: _.in(ids) }).field({ _id: true, requestIds: true }).get()
  const existing = new Map((data as TotalsDoc[]).map((d) => [d._id, d]))
  const addOnce = (id: string) => coll.where({ _id: id, requestIds: _.neq(r.requestId) }).update(change)
  await Promise.all(counted.shared.map(async (s) => {
    const doc = existing.get(s.id)
    if (doc?.requestIds.includes(r.requestId)) return
    if (doc) return addOnce(s.id)
    try {
      await coll.add({ ...fresh(s.id, s.kind, r.year, s.key, s.name, null, r.hours, r.requestId, now), days: { [r.date]: r.hours } })
    } catch (e) {
      if (!isDuplicateWrite(e)) throw e
      await addOnce(s.id)
    }
  }))
}

/** The id a verification's move carries on each counter it changed: the record and where it went. */
export const settlementId = (r: Pick<VolunteerDoc, '_id' | 'state'>): string => `settle:${r._id}:${r.state}`

/**
 * Moves a verified or rejected record's hours on its counters, then marks the record
 * settled: verified, from unverified to verified; rejected, out of the counters and out of
 * its day (every counter keeps its days), which has room for them again. Each counter
 * takes the move once: it is one update of the counters that do not yet hold the move's
 * id, and a try that died before the mark is finished by the retry (or any later verify
 * of the record) without moving twice. Two requests.
 */
export async function settleCounters(r: VolunteerDoc, now: Date): Promise<void> {
  if (r.state === 'pending' || r.settled !== false) return
  const db = database()
  const _ = db.command
  const counted = countedOf(r, null)
  const ids = [counted.person.id, ...counted.shared.map((s) => s.id)]
  const id = settlementId(r)
  const move = r.state === 'verified'
    ? { verified: _.inc(r.hours), unverified: _.inc(-r.hours) }
    : { unverified: _.inc(-r.hours), records: _.inc(-1), [dayPath(r.date)]: _.inc(-r.hours) }
  await db.collection(V.totals).where({ _id: _.in(ids), requestIds: _.neq(id) })
    .update({ ...move, requestIds: _.push({ each: [id], slice: -REQUESTS_KEPT }), updatedAt: now })
  await db.collection(V.records).where({ _id: r._id, state: r.state }).update({ settled: true })
}
