/**
 * Documents of micro Party lessons as stored, and the keys that tie them together. A
 * lesson's readers are named by feed keys: a group's id, `~none:<year>` for the interns of
 * a year without a group (lessons for everyone), `~staff` for teachers, unit contacts and
 * the branch (every published lesson).
 */
import type { z } from 'zod'
import type { contentReview, lessonMedia, LESSON_STATES, lessonTarget, quiz, quizResult } from '../../types/actions/lesson'

export const L = {
  lessons: 'lessons',
  feed: 'lessonFeed',
  reads: 'lessonReads',
  stats: 'lessonStats'
} as const

export type LessonState = (typeof LESSON_STATES)[number]
export type RemindState = 'sending' | 'done'
export type Review = z.infer<typeof contentReview>
export type LessonMedia = z.infer<typeof lessonMedia>
export type Quiz = z.infer<typeof quiz>
export type LessonTarget = z.infer<typeof lessonTarget>
export type QuizResult = z.infer<typeof quizResult>
export interface StoredQuizResult extends Omit<QuizResult, 'answeredAt'> {
  answeredAt: Date
}

export interface LessonDoc {
  _id: string
  title: string
  summary: string
  /** Markdown as written */
  body: string
  /** the body rendered and sanitised when saved */
  bodyHtml: string
  cover: string | null
  media: LessonMedia | null
  /** with the answers: never sent to readers */
  quiz: Quiz | null
  target: LessonTarget
  /** the names of a `groups` target's groups when it was saved, for its composer (empty for other targets) */
  targetGroups: { id: string; name: string }[]
  year: string
  /** as stored; a 'scheduled' lesson whose time has come is published (see `effectiveState`) */
  state: LessonState
  /** the worst verdict on what it holds (text and files) */
  review: Review
  reviewReason: string | null
  /** the check's verdict on the current cover and media alone, kept while they do not change */
  filesReview: Review
  /** the check's verdict on the texts alone (absent on lessons saved before it was kept: unknown) */
  textReview?: Review
  /** WeChat media checks of the current files still to finish: their verdicts arrive as `wxa_media_check` events */
  mediaTraceIds?: string[]
  /** when readers see it (or, while in review, when they are meant to) */
  publishAt: Date | null
  /** the last change readers could notice, made after they could see it */
  editedAt: Date | null
  /** when a run claimed its reminders (null: not yet): the last claim, renewed when a stale one is resumed */
  remindedAt: Date | null
  /**
   * 'sending' from the claim until every reminder is queued, then 'done'; a claim still
   * 'sending' long after `remindedAt` belongs to a run that died, and the timer resumes it
   */
  remindState: RemindState | null
  /** feed keys of its readers, resolved when it went out (empty before) */
  audience: string[]
  authorId: string
  authorName: string
  /** order of the composers' list: newest first */
  key: string
  createdAt: Date
  updatedAt: Date
}

/** A lesson in one feed (`_id` `<feedKey>:<lessonId>`): what a reader's list shows, copied from the lesson. */
export interface FeedDoc {
  _id: string
  groupId: string
  lessonId: string
  /** `<inverted publishAt>:<lessonId>`: newest first, unique, and `publishAt <= now` is a key range */
  key: string
  publishAt: Date
  title: string
  summary: string
  cover: string | null
  mediaKind: 'audio' | 'video' | null
  hasQuiz: boolean
  authorName: string
  editedAt: Date | null
}

/** One person's reading of one lesson (`_id` `<lessonId>:<personId>`). */
export interface ReadDoc {
  _id: string
  lessonId: string
  personId: string
  /** the feed key the reading counts for (null: not counted, e.g. a teacher's) */
  groupId: string | null
  readAt: Date
  /** stored once, at the first submission */
  quiz: StoredQuizResult | null
}

/** Read figures of a lesson in one group (`_id` `<lessonId>:<feedKey>`), or its totals (`<lessonId>:~total`). */
export interface StatsDoc {
  _id: string
  lessonId: string
  groupId: string
  groupName: string
  province: string
  /** the group's members when the lesson went out */
  targeted: number
  read: number
  answered: number
  scoreSum: number
  /** the sum of the quiz's maximum over the answers (the quiz may change between them) */
  scoreMax: number
}

export const STAFF_FEED = '~staff'
export const TOTAL_ROW = '~total'
export const NO_GROUP_PREFIX = '~none:'
export const noGroupKey = (year: string): string => `${NO_GROUP_PREFIX}${year}`
export const isGroupKey = (key: string): boolean => !key.startsWith('~')

export const feedId = (feedKey: string, lessonId: string): string => `${feedKey}:${lessonId}`
export const readId = (lessonId: string, personId: string): string => `${lessonId}:${personId}`
export const statsId = (lessonId: string, feedKey: string): string => `${lessonId}:${feedKey}`

const TIME_MAX = 9_999_999_999_999

/** Times as keys that sort newest first: 13 digits, so they compare as strings. */
export const invertedTime = (at: Date): string => String(TIME_MAX - at.getTime()).padStart(13, '0')
export const timeKey = (at: Date, id: string): string => `${invertedTime(at)}:${id}`
/** What every key of lists ordered by `timeKey` looks like. */
export const TIME_KEY = /^\d{13}:[A-Za-z0-9_-]{1,64}$/
