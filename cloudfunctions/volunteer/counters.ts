/**
 * Each intern's counter of the year's hours (model.ts `TotalsDoc`, kind 'person'): a log
 * reserves its hours on it — one conditional `_.inc` that holds the day to 24 hours however
 * many logs arrive at once; a verification moves them from unverified to verified; a
 * rejection takes them out (and frees the day). The group's and province's counters are
 * not touched here: the `recountTotals` timer recomputes them from the records (recount.ts).
 */
import { VOLUNTEER_LIMITS } from '../../types/actions/volunteer'
import { database } from '../common/app'
import { isDuplicateWrite } from '../common/db'
import { AppError, invalid } from '../common/errors'
import { REQUESTS_KEPT, TotalsDoc, totalsId, V, VolunteerDoc } from './model'

type Counted = Pick<VolunteerDoc, 'year' | 'personId' | 'personName' | 'groupId' | 'date' | 'hours' | 'requestId'>

const personCounterId = (r: Pick<VolunteerDoc, 'year' | 'personId'>): string => totalsId('person', r.year, r.personId)

/** The intern's counter as their first log of the year makes it. */
const freshCounter = (r: Counted, now: Date): TotalsDoc => ({
  _id: personCounterId(r), kind: 'person', year: r.year, key: r.personId, name: r.personName, groupId: r.groupId,
  verified: 0, unverified: r.hours, records: 1, days: { [r.date]: r.hours }, requestIds: [r.requestId], updatedAt: now
})

const dayPath = (date: string): string => `days.${date}`

/** Attempts before a log under heavy contention for one intern's counter is asked to be sent again. */
const RESERVE_TRIES = 10

/**
 * Reserves a log's hours on its day: 'reserved' when this call did, 'applied' when an
 * earlier try of the same request did. Refuses (INVALID_ARGUMENT) hours that would take
 * the day past 24. One request when the intern's counter exists and the day has room; the
 * intern's first log of the year adds the counter (two); a refusal or a retry then reads
 * it (three).
 */
export async function reserveDay(r: Counted, now: Date): Promise<'reserved' | 'applied'> {
  const db = database()
  const _ = db.command
  const coll = db.collection(V.totals)
  const id = personCounterId(r)
  const room = VOLUNTEER_LIMITS.hoursPerDay - r.hours
  let exists = false
  for (let attempt = 0; attempt < RESERVE_TRIES; attempt++) {
    const { updated } = await coll.where({ _id: id, requestIds: _.neq(r.requestId), [dayPath(r.date)]: _.not(_.gt(room)) }).update({
      [dayPath(r.date)]: _.inc(r.hours), unverified: _.inc(r.hours), records: _.inc(1), name: r.personName, groupId: r.groupId,
      requestIds: _.push({ each: [r.requestId], slice: -REQUESTS_KEPT }), updatedAt: now
    })
    if (updated) return 'reserved'
    // Nothing updated: the first log of the year (no counter yet), a full day, or a retry.
    if (!exists) {
      try {
        await coll.add(freshCounter(r, now))
        return 'reserved'
      } catch (e) {
        if (!isDuplicateWrite(e)) throw e
      }
    }
    const doc = (await coll.doc(id).get()).data[0] as TotalsDoc | undefined
    exists = !!doc
    if (!doc) continue
    if (doc.requestIds.includes(r.requestId)) return 'applied'
    const logged = doc.days?.[r.date] ?? 0
    if (logged > room) {
      throw invalid(`${r.date}已登记${logged}小时，一天最多${VOLUNTEER_LIMITS.hoursPerDay}小时，这一天最多还能登记${Math.max(0, VOLUNTEER_LIMITS.hoursPerDay - logged)}小时`)
    }
    // The counter changed between the update and the read (another log, a rejection): try again.
  }
  throw new AppError('RATE_LIMITED', '同时登记的记录太多，请稍后重试')
}

/** The id a verification's move carries on the counter it changed: the record and where it went. */
export const settlementId = (r: Pick<VolunteerDoc, '_id' | 'state'>): string => `settle:${r._id}:${r.state}`

/**
 * Moves a verified or rejected record's hours on its intern's counter, then marks the
 * record settled: verified, from unverified to verified; rejected, out of the counter and
 * out of its day, which has room for them again. The counter takes the move once: one
 * update conditional on the move's id not being on it yet, and a try that died before the
 * mark is finished by the retry (or any later verify of the record) without moving twice.
 * Two requests. (The group's and province's counters follow from the record's new state
 * at the next recount.)
 */
export async function settleCounters(r: VolunteerDoc, now: Date): Promise<void> {
  if (r.state === 'pending' || r.settled !== false) return
  const db = database()
  const _ = db.command
  const id = settlementId(r)
  const move = r.state === 'verified'
    ? { verified: _.inc(r.hours), unverified: _.inc(-r.hours) }
    : { unverified: _.inc(-r.hours), records: _.inc(-1), [dayPath(r.date)]: _.inc(-r.hours) }
  await db.collection(V.totals).where({ _id: personCounterId(r), requestIds: _.neq(id) })
    .update({ ...move, requestIds: _.push({ each: [id], slice: -REQUESTS_KEPT }), updatedAt: now })
  await db.collection(V.records).where({ _id: r._id, state: r.state }).update({ settled: true })
}
