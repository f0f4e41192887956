import { activityActions } from '../../../types/actions/activity'
import { database } from '../../common/app'
import { Keyset, keysetPage } from '../../common/db'
import { defineAction } from '../../common/dispatcher'
import { itemsOf } from '../lists'
import { A, CHECKIN_KEY, CheckinDoc } from '../model'
import { listed } from '../views'

const groupKeyset: Keyset = { list: 'activity.list', collection: A.checkins, field: 'key', key: CHECKIN_KEY }

/**
 * A group's check-ins, newest activity first, a page at a time: for its members, its
 * advisors and admins. One index range of (groupId, key). Three requests with the caller
 * (the page and the count).
 */
export const list = defineAction({
  contract: activityActions.list,
  group: (input) => input.groupId,
  handler: async (input, ctx) => {
    const where = { groupId: input.groupId }
    const [page, counted] = await Promise.all([
      keysetPage<CheckinDoc>(groupKeyset, input, [{ where }], listed(ctx.person()._id)),
      database().collection(A.checkins).where(where).count()
    ])
    return { items: await itemsOf(ctx, page.docs), nextCursor: page.nextCursor, total: counted.total }
  }
})
