import { journalActions } from '../../../types/actions/journal'
import { database } from '../../common/app'
import { defineAction } from '../../common/dispatcher'
import { deleteFiles } from '../../common/storage'
import { J, NoteDoc, REQUESTS_KEPT } from '../model'
import { findNote } from '../notes'

/**
 * Removes one of the caller's notes, with its comments and its advisors' inbox entries;
 * a tombstone (the author and the request ids) stays, so a create retried later is not
 * written again. Never an error: `removed` is true for the removal this request made
 * (sent again, it answers the same), false when there was nothing of the caller's to
 * remove. Three requests with the caller.
 */
export const remove = defineAction({
  contract: journalActions.remove,
  handler: async (input, ctx) => {
    const me = ctx.person()
    const db = database()
    const _ = db.command
    const { doc } = await db.collection(J.notes).where({ _id: input.noteId, authorId: me._id, removed: false }).updateAndReturn({
      removed: true, owner: null, groupFeed: null, body: '', comments: _.set([]), commentIds: _.set([]), commentCount: 0, unread: 0,
      lessonId: null, lessonTitle: null, updatedAt: ctx.now, requestIds: _.push({ each: [input.requestId], slice: -REQUESTS_KEPT })
    }) as { doc: NoteDoc | null }
    if (!doc) {
      const note = await findNote(input.noteId)
      return { removed: !!note && note.authorId === me._id && note.requestIds.includes(input.requestId) }
    }
    // The tombstone keeps the photos' fileIDs (never shown again) so that they are deleted here.
    await Promise.all([db.collection(J.inbox).where({ noteId: input.noteId }).remove(), deleteFiles(doc.photos)])
    return { removed: true }
  }
})
