/**
 * Documents of dual cultivation as stored (the shapes ISSUE12 fixes for every domain that
 * reads them): one `cultivations` document per person under cultivation, `_id` the person's
 * id, holding their two contacts and the branch's reviews; one `observations` document per
 * observation a contact recorded.
 */
import { createHash } from 'node:crypto'
import type { z } from 'zod'
import type { observationAspect, observationSide, reviewKind, ReviewOutcome } from '../../types/actions/cultivation'
import type { PoliticalStatus } from '../../types/domain'

export const CV = {
  cultivations: 'cultivations',
  observations: 'observations',
  /** the branch's settings (domain oversight): doc `cadences` holds `activistReviewMonths` */
  settings: 'settings'
} as const

export type ReviewKind = z.infer<typeof reviewKind>
export type ObservationSide = z.infer<typeof observationSide>
export type ObservationAspect = z.infer<typeof observationAspect>

/** A review the branch recorded. `id` is `<kind>:<dueOn>`: one decision per due review. */
export interface ReviewDoc {
  id: string
  kind: ReviewKind
  dueOn: string
  outcome: ReviewOutcome
  note: string
  decidedAt: Date
  decidedById: string
  decidedByName: string
  /** the day of the review (YYYY-MM-DD) */
  reviewedOn: string
  /** 延长预备期: the new end of probation */
  extendedTo: string | null
  /** the status the outcome gives, from the status the person had */
  statusChange: { from: PoliticalStatus; to: PoliticalStatus } | null
  /** the person's group when decided: the group whose counts the status change moves */
  groupId: string | null
}

export interface CultivationDoc {
  _id: string
  personId: string
  name: string
  /** the person's student number: the order of a contact's list */
  no: string
  year: string | null
  groupId: string | null
  schoolContactId: string | null
  schoolContactName: string | null
  unitContactId: string | null
  unitContactName: string | null
  reviews: ReviewDoc[]
  lastReviewOn: string | null
  /** observations recorded on each side, moved with `_.inc` by `observe` */
  counts: { school: number; unit: number }
  /** the latest observations counted (ids), so a retried observation counts once */
  counted: string[]
  createdAt: Date
  updatedAt: Date
}

export interface ObservationDoc {
  _id: string
  requestIds: string[]
  personId: string
  year: string | null
  side: ObservationSide
  authorId: string
  authorName: string
  date: string
  aspect: ObservationAspect
  body: string
  /** `<inverted date>:<inverted createdAt>:<_id>`: newest first */
  key: string
  createdAt: Date
}

/** Observation ids kept on a cultivation as counted: enough for the retries of a device. */
export const COUNTED_KEPT = 50

const digest = (s: string): string => createHash('sha256').update(s).digest('hex').slice(0, 32)

/** An observation's id, from its author and the request that records it: a retry makes the same id. */
export const observationId = (authorId: string, requestId: string): string => digest(`observation:${authorId}:${requestId}`)

/** A review's id: its kind and the day it is due. */
export const reviewIdOf = (kind: ReviewKind, dueOn: string): string => `${kind}:${dueOn}`

/** What marks a status change as this review's, on the person and on the group's counts. */
export const statusKeyOf = (personId: string, reviewId: string): string => `${personId}:${reviewId}`

const TIME_MAX = 9_999_999_999_999
const invertedTime = (at: Date): string => String(TIME_MAX - new Date(at).getTime()).padStart(13, '0')
const invertedDate = (date: string): string => String(99_999_999 - Number(date.replace(/-/g, ''))).padStart(8, '0')
/** Newest observation first: by its day, then by when it was written. */
export const observationKey = (date: string, createdAt: Date, id: string): string => `${invertedDate(date)}:${invertedTime(createdAt)}:${id}`
export const OBSERVATION_KEY = /^\d{8}:\d{13}:[a-f0-9]{32}$/
