/**
 * Talks as stored (collection `talks`, read by name by the ledger and the branch's
 * oversight). One document per talk; its id is made from the recorder and the request, so
 * a retried record writes nothing more.
 */
import { createHash } from 'node:crypto'
import type { z } from 'zod'
import type { recorderRole, talkForm } from '../../types/actions/talk'

export const T = { talks: 'talks' } as const

export type TalkForm = z.infer<typeof talkForm>
export type RecorderRole = z.infer<typeof recorderRole>

export interface TalkDoc {
  _id: string
  /** the request that recorded it */
  requestIds: string[]
  /** internship year of `date`, e.g. 2026-2027 */
  year: string
  /** term of `date`, e.g. 2026-2027-1 */
  term: string
  /** the student's group when the talk was recorded: its advisors read the talk */
  groupId: string
  studentId: string
  studentName: string
  recorderId: string
  recorderName: string
  recorderRole: RecorderRole
  /** YYYY-MM-DD, China time */
  date: string
  form: TalkForm
  topic: string
  summary: string
  followUp: string | null
  followUpDue: string | null
  followUpDone: boolean
  followUpDoneAt: Date | null
  /** `<inverted date>:<inverted createdAt>:<_id>`: latest talk first */
  key: string
  createdAt: Date
  updatedAt: Date
}

/** A talk's id, from its recorder and the request that records it: a retried record makes the same id. */
export const talkId = (recorderId: string, requestId: string): string =>
  createHash('sha256').update(`talk:${recorderId}:${requestId}`).digest('hex').slice(0, 24)

const TIME_MAX = 9_999_999_999_999
const invertedTime = (at: Date): string => String(TIME_MAX - new Date(at).getTime()).padStart(13, '0')
const invertedDate = (date: string): string => String(99_999_999 - Number(date.replace(/-/g, ''))).padStart(8, '0')

/** A talk's list key: latest day first, then latest recorded, its id breaking ties. */
export const talkKey = (date: string, createdAt: Date, id: string): string => `${invertedDate(date)}:${invertedTime(createdAt)}:${id}`
export const TALK_KEY = /^\d{8}:\d{13}:[a-f0-9]{24}$/
