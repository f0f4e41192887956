/**
 * The journal's side of the device queue: saving and deleting notes go through it (so a
 * note written offline is sent when the network returns), and the list shows what is
 * still on the device. Labels and the plain explanations of who sees a note.
 */
import type { ActionInput, ActionOutput } from '../../../types/contract'
import { jobStatus as queuedStatus } from '../../components/JobCard'
import { enqueueAction, Job, writeQueue } from '../../services/writeQueue'

export type NoteView = ActionOutput<'journal', 'get'>
export type NoteItem = ActionOutput<'journal', 'mine'>['items'][number]
export type SaveInput = ActionInput<'journal', 'save'> & { requestId: string }
export type Visibility = NoteView['visibility']

/** Who sees a note, in the words the writer chooses by. */
export const VISIBILITY: Record<Visibility, { label: string; hint: string }> = {
  private: { label: '仅自己', hint: '只有你自己能看到' },
  advisor: { label: '给指导教师', hint: '你和本小组的指导教师能看到，老师可以评论' },
  group: { label: '小组分享', hint: '本小组的同学和指导教师都能看到' }
}

/** True for the journal's own jobs. */
export const isJournalJob = (job: Job): boolean => job.fn === 'journal'

/** The first characters of a body, for a label or an excerpt. */
export const excerptOf = (body: string, n = 60): string => {
  const flat = body.replace(/\s+/g, ' ').trim()
  return flat.length > n ? `${flat.slice(0, n)}…` : flat
}

/** Queues a save (new or edit); the key makes a double tap queue it once. Throws QUEUE_FULL. */
export function queueSave(input: SaveInput): Job {
  const label = `${input.noteId ? '修改笔记' : '新笔记'}：${excerptOf(input.body, 20)}`
  return enqueueAction('journal', 'save', input, label, `journal.save:${input.requestId}`)
}

/** Queues a deletion. */
export function queueRemove(noteId: string, requestId: string, excerpt: string): Job {
  return enqueueAction('journal', 'remove', { requestId, noteId }, `删除笔记：${excerpt}`, `journal.remove:${noteId}`)
}

/** The state of a job as the writer reads it: a conflict says what happened and what to do. */
export function jobStatus(job: Job): string {
  if (job.state === 'failed' && job.error?.code === 'CONFLICT') return '这篇笔记已在别处修改，你的修改没有覆盖它：可查看最新版本后重新修改，或放弃这次修改'
  return queuedStatus(job)
}

/** A sent note as a list item (the job's place in the list goes to it). */
export function itemOf(note: NoteView): NoteItem {
  return {
    id: note.id,
    authorName: note.authorName,
    excerpt: excerptOf(note.body, 80),
    lessonTitle: note.lesson?.title ?? null,
    visibility: note.visibility,
    photoCount: note.photos.length,
    commentCount: note.comments.length,
    unread: 0,
    version: note.version,
    review: note.review,
    createdAt: note.createdAt,
    updatedAt: note.updatedAt
  }
}

/**
 * What the list shows below the queue: the server's notes with those sent since it loaded
 * put in place (an edit replaces its note, a new note goes first) and deleted ones left out.
 */
export function mergeNotes(server: NoteItem[], sent: NoteItem[], removed: ReadonlySet<string>): NoteItem[] {
  const byId = new Map(sent.map((n) => [n.id, n]))
  const known = new Set(server.map((n) => n.id))
  const fresh = sent.filter((n) => !known.has(n.id))
  return [...fresh, ...server.map((n) => byId.get(n.id) ?? n)].filter((n) => !removed.has(n.id))
}

/** The queued save of a note, if any (the editor resumes it rather than starting another). */
export const pendingSaveOf = (noteId: string): Job | undefined =>
  writeQueue().list().find((j) => j.fn === 'journal' && j.action === 'save' && j.input.noteId === noteId)
