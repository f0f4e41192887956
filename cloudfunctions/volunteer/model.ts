/**
 * Documents of volunteer service as stored: the records, and the counters that keep the
 * year's hours per person, group and province (so totals and the day limit are read from
 * one document, never summed from records).
 */
import { createHash } from 'node:crypto'
import type { z } from 'zod'
import type { verificationState, volunteerCategory } from '../../types/actions/volunteer'
import type { PhotoCheck } from '../common/heldPhotos'

export const V = {
  records: 'volunteerRecords',
  totals: 'volunteerTotals'
} as const

export type VerificationState = z.infer<typeof verificationState>
export type VolunteerCategory = z.infer<typeof volunteerCategory>

export interface VolunteerDoc {
  _id: string
  personId: string
  personName: string
  /** the intern's group when the record was logged (null: none) */
  groupId: string | null
  /** the intern's province when logged: the province counter the record is counted in */
  province: string | null
  /** internship year of `date`, e.g. 2026-2027 */
  year: string
  /** YYYY-MM-DD, China time */
  date: string
  hours: number
  place: string
  category: VolunteerCategory
  amount: number | null
  description: string
  /** fileIDs under volunteer/ */
  photos: string[]
  /** 'review': a photo's check finishes later; until it passes only the author gets the photos' URLs (the text passed at once) */
  review: 'pass' | 'review'
  /** the photos' checks still running (common/heldPhotos.ts), applied by the `wxa_media_check` push */
  mediaTraceIds?: string[]
  photoChecks?: PhotoCheck[]
  heldPhotos?: boolean
  state: VerificationState
  /** false from a verification until its hours moved on the intern's counter (counters.ts `settleCounters`); absent while pending */
  settled?: boolean
  verifiedBy: { name: string; role: string; via: 'app' | 'link'; personId: string | null } | null
  verifiedAt: Date | null
  rejectReason: string | null
  /** nonces of verification links used on it */
  usedLinks: string[]
  /** the group while the record waits for verification, null after: the group's pending list */
  pendingGroup: string | null
  /** `<inverted date>:<inverted createdAt>:<_id>`: latest service first */
  key: string
  requestId: string
  createdAt: Date
  updatedAt: Date
}

export type TotalsKind = 'person' | 'group' | 'province'

/**
 * One counter of the year's hours (`_id` `<kind>:<year>:<key>`). A person's is changed with
 * `_.inc` as their records are logged (unverified), verified (moved to verified) and
 * rejected (taken out); it also holds the hours of each day (`days`), which its conditional
 * update keeps at most 24, and `requestIds`, the latest logs and settlements applied to it,
 * so a retry counts once. A group's or province's is recomputed from the records by the
 * `recountTotals` timer (recount.ts) and written whole, with no days and no request ids.
 */
export interface TotalsDoc {
  _id: string
  kind: TotalsKind
  year: string
  key: string
  name: string
  /** a person's group when they last logged (person counters only) */
  groupId: string | null
  verified: number
  unverified: number
  records: number
  /** a person's hours per day, held to 24 (person counters only) */
  days?: Record<string, number>
  requestIds: string[]
  updatedAt: Date
}

/** Log and settlement ids kept on a person's counter: enough for the retries of the device's queue. */
export const REQUESTS_KEPT = 50

export const totalsId = (kind: TotalsKind, year: string, key: string): string => `${kind}:${year}:${key}`

const digest = (s: string, n: number): string => createHash('sha256').update(s).digest('hex').slice(0, n)
/** A record's id, from its intern and the request that logs it: a retried log makes the same id. */
export const recordId = (personId: string, requestId: string): string => digest(`volunteer:${personId}:${requestId}`, 32)

const TIME_MAX = 9_999_999_999_999
const invertedTime = (at: Date): string => String(TIME_MAX - new Date(at).getTime()).padStart(13, '0')
const invertedDate = (date: string): string => String(99_999_999 - Number(date.replace(/-/g, ''))).padStart(8, '0')
export const recordKey = (date: string, createdAt: Date, id: string): string => `${invertedDate(date)}:${invertedTime(createdAt)}:${id}`
export const RECORD_KEY = /^\d{8}:\d{13}:[A-Za-z0-9_-]{1,64}$/

export { chinaDay } from '../common/chinaTime'


/** Whether YYYY-MM-DD names a day of the calendar (not 2026-02-30). */
export const isCalendarDay = (date: string): boolean => {
  const d = new Date(`${date}T00:00:00Z`)
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === date
}
