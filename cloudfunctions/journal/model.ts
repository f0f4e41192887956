/**
 * Documents of the study journal as stored, and the keys that order its lists. A note is
 * never deleted outright: removal empties it and keeps a tombstone, so a create retried
 * after the removal finds it rather than writing the note again.
 */
import { createHash } from 'node:crypto'
import type { z } from 'zod'
import type { noteVisibility } from '../../types/actions/journal'

export const J = {
  notes: 'notes',
  inbox: 'noteInbox',
  inboxGroups: 'noteInboxGroups'
} as const

export type NoteVisibility = z.infer<typeof noteVisibility>
export type NoteReview = 'pass' | 'review'

/** A comment as stored on its note. */
export interface StoredComment {
  id: string
  authorId: string
  authorName: string
  authorRole: string
  body: string
  createdAt: Date
}

export interface NoteDoc {
  _id: string
  authorId: string
  authorName: string
  /** the author's WeChat account when they last saved it: where comment messages go */
  authorOpenid: string | null
  /** the author's group when the note was last saved (null: none) */
  groupId: string | null
  groupName: string | null
  /** internship year, e.g. 2026-2027 */
  year: string
  body: string
  lessonId: string | null
  /** the lesson's title when the note was saved */
  lessonTitle: string | null
  visibility: NoteVisibility
  /** fileIDs under journal/ */
  photos: string[]
  version: number
  review: NoteReview
  reviewReason: string | null
  /** the latest request ids applied to it (saves and its removal), at most REQUESTS_KEPT */
  requestIds: string[]
  comments: StoredComment[]
  /** ids of its comments: a retried comment is recognised by its id */
  commentIds: string[]
  commentCount: number
  /** comments its author has not seen */
  unread: number
  removed: boolean
  /** the author while the note exists, null once removed: the author's lists read this key */
  owner: string | null
  /** the group while the note is shared with it, passed the check and exists: the group's list */
  groupFeed: string | null
  /** `<inverted createdAt>:<_id>`: newest first */
  key: string
  createdAt: Date
  updatedAt: Date
}

/**
 * A note in one advisor's inbox (`_id` `<advisorId>:<noteId>`), made when the note is
 * created for each advisor of the author's group, whatever its visibility, and kept by
 * every save (so a save changes the entries with one update, whatever they were). The
 * advisor's list is one index range on (advisorId, shared, key).
 */
export interface InboxDoc {
  _id: string
  advisorId: string
  noteId: string
  groupId: string
  groupName: string
  /** the note is shared with its advisors (advisor or group visibility), passed the check and exists */
  shared: boolean
  read: boolean
  /** `<0 unread|1 read>:<inverted createdAt>:<noteId>`: unread first, then newest */
  key: string
}

/**
 * What the `syncInbox` timer last made of one group's inbox entries (`_id` the group's):
 * `advisorIds`, the advisors who hold an entry for each of the group's notes. While
 * `pending`, a run started on the group and did not finish (or the group changed too
 * recently to be sure): the next run reconciles it again, for every current advisor.
 */
export interface InboxGroupDoc {
  _id: string
  advisorIds: string[]
  pending: boolean
  syncedAt: Date
}

/** Request ids kept on a note: enough for the retries of the device's queue. */
export const REQUESTS_KEPT = 20
/** Comments a note holds at most. */
export const COMMENTS_MAX = 200

const TIME_MAX = 9_999_999_999_999
export const invertedTime = (at: Date): string => String(TIME_MAX - new Date(at).getTime()).padStart(13, '0')
export const noteKey = (createdAt: Date, noteId: string): string => `${invertedTime(createdAt)}:${noteId}`
export const NOTE_KEY = /^\d{13}:[A-Za-z0-9_-]{1,64}$/
export const inboxKey = (read: boolean, createdAt: Date, noteId: string): string => `${read ? 1 : 0}:${noteKey(createdAt, noteId)}`
export const INBOX_KEY = /^[01]:\d{13}:[A-Za-z0-9_-]{1,64}$/
export const inboxId = (advisorId: string, noteId: string): string => `${advisorId}:${noteId}`

const digest = (s: string, n: number): string => createHash('sha256').update(s).digest('hex').slice(0, n)
/** A new note's id, from its author and the request that creates it: a retried create makes the same id. */
export const newNoteId = (authorId: string, requestId: string): string => digest(`note:${authorId}:${requestId}`, 32)
/** A comment's id, from the note, its writer and the request: a retried comment makes the same id. */
export const commentId = (noteId: string, authorId: string, requestId: string): string => digest(`comment:${noteId}:${authorId}:${requestId}`, 24)

/** Whether the note's advisors see it: shared with them or the group, passed the check, not removed. */
export const sharedWithAdvisors = (n: Pick<NoteDoc, 'visibility' | 'review' | 'removed'>): boolean =>
  n.visibility !== 'private' && n.review === 'pass' && !n.removed

/** The group list key of a note: its group while it is shared with the group and passed the check. */
export const groupFeedOf = (n: Pick<NoteDoc, 'visibility' | 'review' | 'removed' | 'groupId'>): string | null =>
  n.visibility === 'group' && n.review === 'pass' && !n.removed ? n.groupId : null

/**
 * The lesson feeds the lesson function keeps (its `lessonFeed` collection), read here only
 * to check that a note's lesson is one its author may read: `_id` `<feedKey>:<lessonId>`,
 * the feed key being the intern's group or `~none:<year>`, and `key` `<inverted publishAt>:<lessonId>`.
 */
export const LESSON_FEED = 'lessonFeed'
export const lessonFeedId = (feedKey: string, lessonId: string): string => `${feedKey}:${lessonId}`
export const noGroupFeed = (year: string): string => `~none:${year}`
