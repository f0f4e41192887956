/**
 * The groups' life over the internship year so far: their activity check-ins (with each
 * attendee's history entry) and their members' volunteer service (with the year's
 * counters), generated from the school and written in bulk, as the `activity` and
 * `volunteer` functions would have stored them. Call after the groups are staffed and the
 * development identities bound.
 */
import { A, entryOf } from '../../cloudfunctions/activity/model'
import { V } from '../../cloudfunctions/volunteer/model'
import type { App } from '../client'
import { addInChunks } from './bulk'
import { generateCheckins } from './checkins'
import { mulberry32 } from './data'
import { DevPeople, readSchool } from './school'
import { seedSpan } from './seasons'
import { countersOf, generateVolunteer } from './volunteer'

export interface GroupLifeSeedResult {
  checkins: number
  /** attendance entries (one per person on a check-in) */
  entries: number
  volunteerRecords: number
  /** records by state */
  verification: { pending: number; verified: number; rejected: number }
  counters: number
}

/** Seeds the check-ins and volunteer service of `year` up to `now` (the seed's clock). */
export async function seedGroupLife(server: App, year: string, dev: DevPeople, options: { seed?: number; now?: Date; log?: (line: string) => void } = {}): Promise<GroupLifeSeedResult> {
  const now = options.now ?? new Date()
  const school = await readSchool(server, year, dev)
  const span = seedSpan(year, now)
  const checkins = generateCheckins(school, span, now, mulberry32((options.seed ?? 3) * 7919 + 19))
  const records = generateVolunteer(school, checkins, span, now, mulberry32((options.seed ?? 5) * 7919 + 23))
  const counters = countersOf(records, new Map(school.groups.map((g) => [g._id, g.name])))
  const entries = checkins.flatMap((c) => c.attendeeIds.map((id) => entryOf(id, c)))
  await addInChunks(server, A.checkins, [...checkins, ...entries])
  await addInChunks(server, V.records, records)
  await addInChunks(server, V.totals, counters)
  const count = (s: string) => records.filter((r) => r.state === s).length
  const result = {
    checkins: checkins.length, entries: entries.length, volunteerRecords: records.length,
    verification: { pending: count('pending'), verified: count('verified'), rejected: count('rejected') }, counters: counters.length
  }
  options.log?.(`group life: ${result.checkins} check-ins (${result.entries} attendance entries), ${result.volunteerRecords} volunteer records, ${result.counters} counters`)
  return result
}
