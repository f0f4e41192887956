import { journalActions } from '../../../types/actions/journal'
import { database } from '../../common/app'
import { Keyset, keysetPage } from '../../common/db'
import { defineAction } from '../../common/dispatcher'
import { J, NOTE_KEY, NoteDoc } from '../model'
import { LISTED, listItemOf } from '../views'

const mineKeyset: Keyset = { list: 'journal.mine', collection: J.notes, field: 'key', key: NOTE_KEY }

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/**
 * The caller's notes, newest first, a page at a time; with a keyword, those whose text
 * holds it — matched within the author's own range of the (owner, key) index, so a search
 * reads the author's notes only, never the collection. Three requests with the caller
 * (the page and the count).
 */
export const mine = defineAction({
  contract: journalActions.mine,
  handler: async (input, ctx) => {
    const db = database()
    const keyword = input.keyword?.trim()
    const where: Record<string, unknown> = { owner: ctx.person()._id }
    if (keyword) where.body = db.RegExp({ regexp: escapeRegExp(keyword), options: 'i' })
    const [page, counted] = await Promise.all([
      keysetPage<NoteDoc>(mineKeyset, input, [{ where }], LISTED),
      db.collection(J.notes).where(where).count()
    ])
    return { items: page.docs.map((n) => listItemOf(n, n.unread)), nextCursor: page.nextCursor, total: counted.total }
  }
})
