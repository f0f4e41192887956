import { activityActions } from '../../../types/actions/activity'
import { database } from '../../common/app'
import { Keyset, keysetPage } from '../../common/db'
import { defineAction } from '../../common/dispatcher'
import { itemsOf } from '../lists'
import { A, CHECKIN_KEY, CheckinDoc } from '../model'
import { listed } from '../views'

const mineKeyset: Keyset = { list: 'activity.mine', collection: A.checkins, field: 'key', key: CHECKIN_KEY }

/**
 * The check-ins an intern is on (listed, confirmed, asked to be added or refused), newest
 * activity first: one range of the multikey index (attendeeIds, key), each person's own
 * entries, whatever the size of the collection. Three requests with the caller.
 */
export const mine = defineAction({
  contract: activityActions.mine,
  handler: async (input, ctx) => {
    const me = ctx.person()._id
    const where = { attendeeIds: me }
    const [page, counted] = await Promise.all([
      keysetPage<CheckinDoc>(mineKeyset, input, [{ where }], listed(me)),
      database().collection(A.checkins).where(where).count()
    ])
    return { items: await itemsOf(ctx, page.docs), nextCursor: page.nextCursor, total: counted.total }
  }
})
