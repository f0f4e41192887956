import { journalActions } from '../../../types/actions/journal'
import { database } from '../../common/app'
import { Keyset, keysetPage, readByIds } from '../../common/db'
import { defineAction } from '../../common/dispatcher'
import { denied } from '../../common/errors'
import { relationTo } from '../access'
import { INBOX_KEY, InboxDoc, J, NoteDoc } from '../model'
import { LISTED, listItemOf } from '../views'

const inboxKeyset: Keyset = { list: 'journal.shared', collection: J.inbox, field: 'key', key: INBOX_KEY }

/**
 * An advisor's inbox: notes shared with them from the groups they advise (or one of
 * them), unread first, then newest — one index range of their entries, then the page's
 * notes by id, read as they are now (an entry whose note they may no longer read is left
 * out). Four requests with the caller: the entries, the notes, the count.
 */
export const shared = defineAction({
  contract: journalActions.shared,
  handler: async (input, ctx) => {
    if (input.groupId && !ctx.caller.advisorOf.includes(input.groupId)) throw denied('只能查看你指导的党小组的笔记')
    const db = database()
    const where = { advisorId: ctx.person()._id, shared: true, ...(input.groupId ? { groupId: input.groupId } : {}) }
    const [page, counted] = await Promise.all([
      keysetPage<InboxDoc>(inboxKeyset, input, [{ where }]),
      db.collection(J.inbox).where(where).count()
    ])
    const notes = page.docs.length ? await readByIds<NoteDoc>(J.notes, page.docs.map((e) => e.noteId), { ...LISTED, _id: true }) : []
    const byId = new Map(notes.map((n) => [n._id, n]))
    const items = page.docs.flatMap((e) => {
      const note = byId.get(e.noteId)
      return note && note.groupId === e.groupId && relationTo(ctx, note) === 'advisor' ? [{ ...listItemOf(note, e.read ? 0 : 1), groupName: e.groupName }] : []
    })
    return { items, nextCursor: page.nextCursor, total: counted.total }
  }
})
