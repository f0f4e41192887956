/**
 * What the journal tests share: a clean slate of the journal's collections (and lessons,
 * messages) before each test, note inputs with fresh request ids, photo uploads through
 * `journal.uploadTicket`, and notes written straight into the database in bulk.
 */
import { randomBytes } from 'node:crypto'
import { inboxEntriesOf } from '../../cloudfunctions/journal/notes'
import { groupFeedOf, newNoteId, noteKey, NoteDoc } from '../../cloudfunctions/journal/model'
import type { ActionInput } from '../../types/contract'
import { OPENID } from './fixture'
import { Harness, useHarness } from './harness'

export const JOURNAL_COLLECTIONS = ['notes', 'noteInbox', 'noteInboxGroups', 'subscriptions', 'outbox', 'lessons', 'lessonFeed', 'lessonReads', 'lessonStats']

export async function clearJournal(h: Harness): Promise<void> {
  const db = h.app.database()
  for (const c of JOURNAL_COLLECTIONS) await db.collection(c).where({ _id: db.command.exists(true) }).remove()
}

/** The harness with the fixture and an empty journal before each test. */
export function useJournalHarness(): Harness {
  const h = useHarness()
  beforeEach(() => clearJournal(h))
  return h
}

/** A fresh client request id. */
export const rid = (): string => `r-${randomBytes(8).toString('hex')}`

type SaveInput = ActionInput<'journal', 'save'>

export const noteInput = (extra: Partial<SaveInput> = {}): SaveInput => ({
  requestId: rid(), body: '今天学习了党章，体会到党员要全心全意为人民服务，在病房里更要耐心对待每一位患者。', visibility: 'private', ...extra
})

/** Writes a note as intern A (or `openid`). */
export const writeNote = (h: Harness, extra: Partial<SaveInput> = {}, openid: string = OPENID.internA) => h.ok(openid, 'journal', 'save', noteInput(extra))

/** Uploads bytes as a note photo the way the app does: a ticket, then a PUT to its URL. */
export async function uploadPhoto(h: Harness, bytes: Buffer, openid: string = OPENID.internA): Promise<string> {
  const ticket = await h.ok(openid, 'journal', 'uploadTicket', { name: 'photo.png', contentType: 'image/png', bytes: bytes.length })
  const res = await fetch(ticket.uploadUrl, { method: 'PUT', headers: ticket.uploadHeaders, body: new Uint8Array(bytes) })
  expect(res.status).toBe(200)
  return ticket.fileID
}

export async function notesIn(h: Harness): Promise<NoteDoc[]> {
  const { data } = await h.app.database().collection('notes').limit(1000).get()
  return data as NoteDoc[]
}

const DAY = 86_400_000

/** A note as the function would store it, written at `at` by `authorId` of `groupId`. */
export function bulkNote(i: number, authorId: string, groupId: string | null, visibility: NoteDoc['visibility'], at: Date): NoteDoc {
  const _id = newNoteId(authorId, `bulk-${i}`)
  const base = { visibility, review: 'pass' as const, removed: false, groupId }
  return {
    _id, authorId, authorName: authorId, authorOpenid: null, groupId, groupName: groupId, year: '2026-2027',
    body: `第${i}篇学习笔记：今天在科室学习了党的二十大精神，体会到要把为人民服务落实在每一次查房中。`, lessonId: null, lessonTitle: null,
    visibility, photos: [], version: 1, review: 'pass', reviewReason: null, requestIds: [`bulk-${i}`], comments: [], commentIds: [], commentCount: 0, unread: 0,
    removed: false, owner: authorId, groupFeed: groupFeedOf(base), key: noteKey(at, _id), createdAt: at, updatedAt: at
  }
}

/**
 * `n` notes straight into the database, over the past year: every `ownEvery`-th by intern A
 * (group A), the others by interns of group A and of other groups; the inbox of group A's
 * advisor as the function keeps it.
 */
export async function bulkNotes(h: Harness, n: number, from = 0, ownEvery = 50): Promise<void> {
  const db = h.app.database()
  const now = Date.now()
  for (let start = from; start < from + n; start += 1000) {
    const notes: NoteDoc[] = []
    for (let i = start; i < Math.min(from + n, start + 1000); i++) {
      const inA = i % 3 === 0
      const author = i % ownEvery === 0 ? 'intern-a' : inA ? `bulk-a-${i % 40}` : `bulk-x-${i % 400}`
      const visibility = (['private', 'advisor', 'group', 'private'] as const)[i % 4]
      notes.push(bulkNote(i, author, author === 'intern-a' || inA ? 'group-a' : `group-x${i % 100}`, visibility, new Date(now - DAY - (i * 365 * DAY) / 200_000)))
    }
    const inbox = notes.flatMap((note) => (note.groupId === 'group-a' ? inboxEntriesOf(note, ['advisor-a']) : []))
    for (let i = 0; i < notes.length; i += 500) await db.collection('notes').add(notes.slice(i, i + 500))
    for (let i = 0; i < inbox.length; i += 500) await db.collection('noteInbox').add(inbox.slice(i, i + 500))
  }
}
