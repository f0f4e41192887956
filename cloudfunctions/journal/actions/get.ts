import { journalActions } from '../../../types/actions/journal'
import { database } from '../../common/app'
import { defineAction } from '../../common/dispatcher'
import { assertReader } from '../access'
import { temporaryUrls } from '../../common/storage'
import { inboxId, inboxKey, J } from '../model'
import { findNote } from '../notes'
import { noteViewOf } from '../views'

/**
 * Opens a note: its author always; the advisors of its group when it is shared with them
 * or the group; the group's members when it is shared with the group; to anyone else it
 * does not exist (NOT_FOUND). An advisor opening it marks it read in their inbox; its
 * author opening it has seen its comments. Three requests at most with the caller; the
 * photos' URLs come from storage, issued for this reader.
 */
export const get = defineAction({
  contract: journalActions.get,
  handler: async (input, ctx) => {
    const me = ctx.person()
    const db = database()
    const note = await findNote(input.noteId)
    const relation = assertReader(ctx, note)
    const [urls] = await Promise.all([
      temporaryUrls(note!.photos),
      relation === 'advisor'
        ? db.collection(J.inbox).where({ _id: inboxId(me._id, note!._id), read: false }).update({ read: true, key: inboxKey(true, note!.createdAt, note!._id) })
        : relation === 'author' && note!.unread > 0 ? db.collection(J.notes).doc(note!._id).update({ unread: 0 }) : null
    ])
    return noteViewOf(note!, urls, me._id)
  }
})
