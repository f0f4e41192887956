import { journalActions } from '../../../types/actions/journal'
import { database } from '../../common/app'
import { Keyset, keysetPage } from '../../common/db'
import { defineAction } from '../../common/dispatcher'
import { precondition } from '../../common/errors'
import { J, NOTE_KEY, NoteDoc } from '../model'
import { LISTED, listItemOf } from '../views'

const groupKeyset: Keyset = { list: 'journal.group', collection: J.notes, field: 'key', key: NOTE_KEY }

/**
 * The notes shared with a group, newest first: for its members and its advisors (the
 * caller's own group, or for an advisor the first group they advise, unless named).
 * Three requests with the caller: the page and the count.
 */
export const group = defineAction({
  contract: journalActions.group,
  handler: async (input, ctx) => {
    const groupId = input.groupId ?? ctx.person().groupId ?? ctx.caller.advisorOf[0] ?? null
    if (!groupId) throw precondition('你还没有加入党小组')
    ctx.authorizeGroup(groupId)
    const where = { groupFeed: groupId }
    const [page, counted] = await Promise.all([
      keysetPage<NoteDoc>(groupKeyset, input, [{ where }], LISTED),
      database().collection(J.notes).where(where).count()
    ])
    return { items: page.docs.map((n) => listItemOf(n, 0)), nextCursor: page.nextCursor, total: counted.total }
  }
})
