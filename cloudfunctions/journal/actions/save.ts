import type { z } from 'zod'
import { journalActions } from '../../../types/actions/journal'
import { internshipYearOf } from '../../../types/domain'
import { database } from '../../common/app'
import { isDuplicateWrite } from '../../common/db'
import { ActionContext, defineAction } from '../../common/dispatcher'
import { notFound } from '../../common/errors'
import { temporaryUrls } from '../../common/storage'
import { groupFeedOf, J, newNoteId, noteKey, NoteDoc, REQUESTS_KEPT } from '../model'
import { addInbox, assertLive, changedElsewhere, findNote, inboxEntriesOf, lessonFor, screenNote, syncInbox } from '../notes'
import { noteViewOf } from '../views'
import { chinaDay } from '../../common/chinaTime'

type SaveInput = z.output<typeof journalActions.save.input>
/** What a save writes from its input and the author. */
type Written = Pick<NoteDoc, 'body' | 'lessonId' | 'lessonTitle' | 'visibility' | 'photos' | 'review' | 'reviewReason' | 'authorName' | 'authorOpenid' | 'groupId' | 'groupName'>

async function writtenBy(input: SaveInput, ctx: ActionContext): Promise<Written> {
  const me = ctx.person()
  const [lesson, checked] = await Promise.all([lessonFor(ctx, input.lessonId, ctx.now), screenNote(input.body, input.photos, ctx.caller.openid)])
  const group = ctx.caller.group
  return {
    body: input.body, lessonId: lesson?.id ?? null, lessonTitle: lesson?.title ?? null, visibility: input.visibility, photos: input.photos,
    ...checked, authorName: me.name, authorOpenid: ctx.caller.openid, groupId: group?._id ?? null, groupName: group?.name ?? null
  }
}

/** A new note, its id made from the request: the same request sent again finds the note its first try made. */
async function create(input: SaveInput, written: Written, ctx: ActionContext): Promise<NoteDoc> {
  const me = ctx.person()
  const _id = newNoteId(me._id, input.requestId)
  const base = { ...written, removed: false, groupId: written.groupId }
  const note: NoteDoc = {
    _id, authorId: me._id, year: me.year ?? internshipYearOf(chinaDay(ctx.now)), ...base, version: 1, requestIds: [input.requestId],
    comments: [], commentIds: [], commentCount: 0, unread: 0, owner: me._id, groupFeed: groupFeedOf(base), key: noteKey(ctx.now, _id),
    createdAt: ctx.now, updatedAt: ctx.now
  }
  try {
    await database().collection(J.notes).add(note)
  } catch (e) {
    if (!isDuplicateWrite(e)) throw e
    const made = await findNote(_id)
    if (!made) throw e
    assertLive(made)
    // A first try that died after the note was written left its advisors without it: give it to them now.
    if (made.version === 1) await addInbox(inboxEntriesOf(made, ctx.caller.group?.advisorIds ?? []))
    return made
  }
  await addInbox(inboxEntriesOf(note, ctx.caller.group?.advisorIds ?? []))
  return note
}

/**
 * An edit, applied only on the version it was made on and only once per request: one
 * conditional write. When it writes nothing, the note says why: the request was applied
 * already (answered as the note is), the note changed meanwhile (CONFLICT), or it is gone.
 */
async function edit(noteId: string, baseVersion: number, input: SaveInput, written: Written, ctx: ActionContext): Promise<NoteDoc> {
  const me = ctx.person()
  const _ = database().command
  const change = { ...written, groupFeed: groupFeedOf({ ...written, removed: false }), updatedAt: ctx.now }
  const { doc } = await database().collection(J.notes)
    .where({ _id: noteId, authorId: me._id, removed: false, version: baseVersion, requestIds: _.neq(input.requestId) })
    .updateAndReturn({ ...change, photos: _.set(written.photos), version: _.inc(1), requestIds: _.push({ each: [input.requestId], slice: -REQUESTS_KEPT }) }) as { doc: NoteDoc | null }
  if (doc) {
    await syncInbox(doc, ctx.caller.group?.advisorIds ?? [])
    return doc
  }
  const note = await findNote(noteId)
  if (!note || note.authorId !== me._id) throw notFound('学习笔记')
  assertLive(note)
  if (note.requestIds.includes(input.requestId)) return note
  throw changedElsewhere(note)
}

/**
 * Creates or edits a note. The text and photos pass the content check (refused when risky;
 * held for review, the note is seen by its author only); a lesson must be one the author
 * may read. Four requests at most with the caller: the lesson, the note's write, its
 * advisors' inbox (or, for a retry, the note as it is).
 */
export const save = defineAction({
  contract: journalActions.save,
  handler: async (input, ctx) => {
    const written = await writtenBy(input, ctx)
    const note = input.noteId ? await edit(input.noteId, input.baseVersion!, input, written, ctx) : await create(input, written, ctx)
    return noteViewOf(note, await temporaryUrls(note.photos), ctx.person()._id)
  }
})
