/**
 * Questions to advisors as stored, and the keys that order their three lists: the
 * asker's (newest first), the advisor's inbox (open ones oldest first, then answered ones
 * latest answer first) and the group's shared answers (latest answer first).
 */
import { createHash } from 'node:crypto'
import type { QuestionKind, QuestionStatus, QuestionVisibility } from '../../types/questions'
import { QUESTIONS } from '../common/questions'

export const Q = { questions: QUESTIONS } as const

/** An answer as stored: `by` is the person who answered (the advisor asked, or someone of the branch). */
export interface StoredAnswer {
  body: string
  answeredAt: Date
  by: string
  byName: string
}

export interface QuestionDoc {
  _id: string
  /** the ask's request id, then the answer's: a retry of either is recognised */
  requestIds: string[]
  /** the asker's group's internship year */
  year: string
  /** the asker's group when they asked */
  groupId: string
  askerId: string
  askerName: string
  /** the asker's WeChat account when they asked: where the answer's message goes (never shown) */
  askerOpenid: string | null
  advisorId: string
  advisorName: string
  kind: QuestionKind
  body: string
  visibility: QuestionVisibility
  status: QuestionStatus
  askedAt: Date
  answer: StoredAnswer | null
  answeredAt: Date | null
  /** the asker's list: `<inverted askedAt>:<_id>` */
  key: string
  /** the advisor's inbox: `0:<askedAt>:<_id>` while open, `1:<inverted answeredAt>:<_id>` once answered */
  inboxKey: string
  /** the group's shared answers: `<inverted answeredAt>:<_id>` once answered, null before */
  feedKey: string | null
}

const digest = (s: string): string => createHash('sha256').update(s).digest('hex').slice(0, 32)

/** A question's id, from its asker and the request that asks it: a retried ask makes the same id. */
export const questionId = (askerId: string, requestId: string): string => digest(`question:${askerId}:${requestId}`)

const TIME_MAX = 9_999_999_999_999
const time13 = (at: Date): string => String(new Date(at).getTime()).padStart(13, '0')
const invertedTime = (at: Date): string => String(TIME_MAX - new Date(at).getTime()).padStart(13, '0')

export const askerKey = (askedAt: Date, id: string): string => `${invertedTime(askedAt)}:${id}`
export const openInboxKey = (askedAt: Date, id: string): string => `0:${time13(askedAt)}:${id}`
export const answeredInboxKey = (answeredAt: Date, id: string): string => `1:${invertedTime(answeredAt)}:${id}`
export const feedKeyOf = (answeredAt: Date, id: string): string => `${invertedTime(answeredAt)}:${id}`

/** What each list's keys look like: a cursor holding anything else is refused. */
export const ASKER_KEY = /^\d{13}:[0-9a-f]{32}$/
export const INBOX_KEY = /^[01]:\d{13}:[0-9a-f]{32}$/
