import { talkActions } from '../../../types/actions/talk'
import { database } from '../../common/app'
import { Keyset, keysetPage } from '../../common/db'
import { defineAction } from '../../common/dispatcher'
import { readsAllOf } from '../access'
import { coverageOf } from '../coverage'
import { T, TALK_KEY } from '../model'
import { termNow } from '../talks'
import { ITEM_FIELDS, TalkItemDoc, talkItemOf } from '../views'

const groupKeyset: Keyset = { list: 'talk.list', collection: T.talks, field: 'key', key: TALK_KEY }

/**
 * A group's talks, latest first, a page at a time: all of them for its advisors and the
 * branch, with this term's coverage of the group on the first page; for its liaison only
 * the talks they recorded. One index range of (groupId, key) or (groupId, recorderId,
 * key). Four requests with the caller (the page, the count, the coverage).
 */
export const list = defineAction({
  contract: talkActions.list,
  group: (input) => input.groupId,
  handler: async (input, ctx) => {
    const all = readsAllOf(ctx.caller, input.groupId)
    const where = all ? { groupId: input.groupId } : { groupId: input.groupId, recorderId: ctx.person()._id }
    const [page, counted, coverage] = await Promise.all([
      keysetPage<TalkItemDoc>(groupKeyset, input, [{ where }], ITEM_FIELDS),
      database().collection(T.talks).where(where).count(),
      all && !input.cursor ? coverageOf([input.groupId], termNow(ctx.now)) : null
    ])
    return { items: page.docs.map(talkItemOf), nextCursor: page.nextCursor, total: counted.total, coverage: coverage?.get(input.groupId) ?? null }
  }
})
