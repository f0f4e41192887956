/** Reading and writing notes and their advisors' inbox entries. */
import { database } from '../common/app'
import { isDuplicateWrite } from '../common/db'
import type { ActionContext } from '../common/dispatcher'
import { AppError, invalid } from '../common/errors'
import { screenContent } from '../common/ports'
import { temporaryUrls } from '../common/storage'
import {
  InboxDoc, inboxId, inboxKey, invertedTime, J, LESSON_FEED, lessonFeedId, noGroupFeed, NoteDoc, NoteReview, sharedWithAdvisors
} from './model'

/** A note by id, or null. One request. */
export async function findNote(noteId: string): Promise<NoteDoc | null> {
  return ((await database().collection(J.notes).doc(noteId).get()).data[0] as NoteDoc | undefined) ?? null
}

/** Refuses a note that was removed (a create or edit retried after the removal). */
export function assertLive(note: NoteDoc): NoteDoc {
  if (note.removed) throw new AppError('NOT_FOUND', '这篇笔记已删除')
  return note
}

/**
 * The lesson a note is about, checked to be one its author may read: published, due, in
 * the author's feed (their group's, or their year's without a group). One request.
 */
export async function lessonFor(ctx: ActionContext, lessonId: string | null, now: Date): Promise<{ id: string; title: string } | null> {
  if (!lessonId) return null
  const me = ctx.person()
  const feedKey = me.groupId ?? (me.year ? noGroupFeed(me.year) : null)
  const feed = feedKey ? (await database().collection(LESSON_FEED).doc(lessonFeedId(feedKey, lessonId)).get()).data[0] as { title: string; key: string } | undefined : undefined
  if (!feed || feed.key < invertedTime(now)) throw invalid('所选微党课不存在或不在你的学习范围内，请重新选择')
  return { id: lessonId, title: feed.title }
}

/** The text passes the content check (risky refused; held for review kept, seen by its author only); the photos must exist. */
export async function screenNote(body: string, photos: string[], openid: string | null): Promise<{ review: NoteReview; reviewReason: string | null }> {
  const [urls, screened] = await Promise.all([
    temporaryUrls(photos),
    screenContent({ texts: [body], media: photos.map((fileID) => ({ fileID, kind: 'image' as const, what: '图片' })), scene: 'log' }, openid, '笔记内容')
  ])
  if (photos.some((p) => !urls.has(p))) throw invalid('图片不存在，请重新上传')
  return screened.verdict === 'pass' ? { review: 'pass', reviewReason: null } : { review: 'review', reviewReason: screened.reason ?? '内容需人工审核' }
}

/** The inbox entries of a new note, one per advisor of the author's group. */
export function inboxEntriesOf(note: NoteDoc, advisorIds: string[]): InboxDoc[] {
  if (!note.groupId) return []
  const shared = sharedWithAdvisors(note)
  return advisorIds.map((advisorId) => ({
    _id: inboxId(advisorId, note._id), advisorId, noteId: note._id, groupId: note.groupId!, groupName: note.groupName ?? '',
    shared, read: false, key: inboxKey(false, note.createdAt, note._id)
  }))
}

/** Adds the entries of a note, those already there kept (a retry). One request. */
export async function addInbox(entries: InboxDoc[]): Promise<void> {
  if (!entries.length) return
  try {
    await database().collection(J.inbox).add(entries)
  } catch (e) {
    if (!isDuplicateWrite(e)) throw e
    // Some were there already (a retry, or the inbox sync adding a new advisor's entry at this
    // moment), and a batch holding one is refused whole: the others go one by one.
    if (entries.length > 1) {
      await Promise.all(entries.map((entry) => database().collection(J.inbox).add(entry).catch((err: unknown) => {
        if (!isDuplicateWrite(err)) throw err
      })))
    }
  }
}

/**
 * After a save: the note's entries in its group's inbox follow its sharing, and show it
 * unread again (its advisors have not seen this version). One request; a second only when
 * the group has advisors and the note had no entries there (written before the author
 * joined the group, or moved to it).
 */
export async function syncInbox(note: NoteDoc, advisorIds: string[]): Promise<void> {
  if (!note.groupId) return
  const { updated } = await database().collection(J.inbox).where({ noteId: note._id, groupId: note.groupId })
    .update({ shared: sharedWithAdvisors(note), read: false, key: inboxKey(false, note.createdAt, note._id), groupName: note.groupName ?? '' })
  if (!updated && advisorIds.length) await addInbox(inboxEntriesOf(note, advisorIds))
}

/** An AppError for an edit made on an older version than the note's. */
export const changedElsewhere = (note: NoteDoc): AppError =>
  new AppError('CONFLICT', `这篇笔记已在别处修改（现为第${note.version}版），请查看最新内容后再修改`, { version: note.version })
