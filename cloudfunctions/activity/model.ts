/**
 * Check-ins as stored. One document per check-in holds its attendance (one entry per
 * person, keyed by their id) and its counts, so a confirmation is one conditional write
 * that moves the person's state and the counts together. Beside it, in the same
 * collection, each person on it has a small attendance entry (`AttendanceEntryDoc`) whose
 * index (personId, key) gives an intern their own history as one index range; a check-in
 * and its entries are written in one batch, which is refused whole when the check-in
 * exists (a retry).
 */
import { createHash } from 'node:crypto'
import type { z } from 'zod'
import type { activityType, attendanceState } from '../../types/actions/activity'
import type { PhotoCheck } from '../common/heldPhotos'

export const A = { checkins: 'checkins' } as const

export type ActivityType = z.infer<typeof activityType>
export type AttendanceState = z.infer<typeof attendanceState>

export interface Attendance {
  name: string
  state: AttendanceState
}

/** People by state: `listed` awaiting their confirmation, `confirmed`, `requested` awaiting a decision (declined ones are not counted). */
export interface CheckinCounts {
  listed: number
  confirmed: number
  requested: number
}

/** Where a check-in's confirmation messages stand: queued by the `remindCheckins` timer, once. */
export type RemindState = 'pending' | 'sending' | 'done'

export interface CheckinDoc {
  _id: string
  groupId: string
  groupName: string
  type: ActivityType
  heldAt: Date
  place: string
  content: string
  /** fileIDs under activity/ */
  photos: string[]
  /** 'review': a photo's check finishes later; until it passes only the group's leaders get the photos' URLs */
  review: 'pass' | 'review'
  /** the photos' checks still running (common/heldPhotos.ts), applied by the `wxa_media_check` push */
  mediaTraceIds?: string[]
  photoChecks?: PhotoCheck[]
  heldPhotos?: boolean
  recordedBy: { id: string; name: string }
  requestId: string
  /** person id -> their attendance */
  attendance: Record<string, Attendance>
  /** everyone with an attendance entry, in the order they were added */
  attendeeIds: string[]
  counts: CheckinCounts
  remind: RemindState
  remindedAt: Date | null
  /** `<inverted heldAt>:<_id>`: newest activity first */
  key: string
  createdAt: Date
  updatedAt: Date
}

/**
 * One person's place in the history of check-ins they are on (listed, or asked to be
 * added): `_id` `<personId>:<checkinId>`, never confused with a check-in's id (24 hex).
 * Their state is read from the check-in itself.
 */
export interface AttendanceEntryDoc {
  _id: string
  personId: string
  checkinId: string
  key: string
}

export const entryId = (personId: string, checkinId: string): string => `${personId}:${checkinId}`
export const entryOf = (personId: string, c: Pick<CheckinDoc, '_id' | 'key'>): AttendanceEntryDoc =>
  ({ _id: entryId(personId, c._id), personId, checkinId: c._id, key: c.key })

const TIME_MAX = 9_999_999_999_999
/** A check-in's list key: newest activity first, its id breaking ties. */
export const checkinKey = (heldAt: Date, checkinId: string): string => `${String(TIME_MAX - heldAt.getTime()).padStart(13, '0')}:${checkinId}`
export const CHECKIN_KEY = /^\d{13}:[a-f0-9]{24}$/

/** A new check-in's id, from its recorder and the request: a retried record makes the same id. */
export const newCheckinId = (recorderId: string, requestId: string): string =>
  createHash('sha256').update(`checkin:${recorderId}:${requestId}`).digest('hex').slice(0, 24)

/** Person ids that may name a field of `attendance` (no dots or dollars). */
export const PERSON_ID = /^[A-Za-z0-9_-]{1,64}$/
/** The field path of one person's attendance. */
export const attendancePath = (personId: string): string => `attendance.${personId}`
