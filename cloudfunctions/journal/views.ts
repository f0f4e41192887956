/** Notes as their readers see them. */
import type { z } from 'zod'
import type { noteListItem, noteView } from '../../types/actions/journal'
import type { NoteDoc } from './model'

const iso = (at: Date): string => new Date(at).toISOString()
const EXCERPT = 80

/** The beginning of a body, on one line. */
export const excerptOf = (body: string): string => {
  const chars = Array.from(body.replace(/\s+/g, ' ').trim())
  return chars.length > EXCERPT ? `${chars.slice(0, EXCERPT).join('')}…` : chars.join('')
}

/** A note as `reader` reads it, its photos through the URLs issued for them. */
export function noteViewOf(note: NoteDoc, urls: Map<string, string>, readerId: string): z.input<typeof noteView> {
  return {
    id: note._id, authorId: note.authorId, authorName: note.authorName, groupId: note.groupId, year: note.year, body: note.body,
    lesson: note.lessonId ? { id: note.lessonId, title: note.lessonTitle ?? '' } : null,
    visibility: note.visibility,
    photos: note.photos.map((fileID) => ({ fileID, url: urls.get(fileID) ?? null })),
    version: note.version, review: note.review, createdAt: iso(note.createdAt), updatedAt: iso(note.updatedAt),
    comments: note.comments.map((c) => ({ id: c.id, authorName: c.authorName, authorRole: c.authorRole, body: c.body, createdAt: iso(c.createdAt) })),
    mine: note.authorId === readerId
  }
}

/** A note in a list; `unread` as the list means it. */
export function listItemOf(note: NoteDoc, unread: number): z.input<typeof noteListItem> {
  return {
    id: note._id, authorName: note.authorName, excerpt: excerptOf(note.body), lessonTitle: note.lessonTitle, visibility: note.visibility,
    photoCount: note.photos.length, commentCount: note.commentCount, unread, version: note.version, review: note.review,
    createdAt: iso(note.createdAt), updatedAt: iso(note.updatedAt)
  }
}

/** What a list reads of a note (not its comments). */
export const LISTED = {
  authorId: true, authorName: true, body: true, lessonTitle: true, visibility: true, photos: true, commentCount: true, unread: true,
  version: true, review: true, createdAt: true, updatedAt: true, key: true, groupId: true, removed: true
}
