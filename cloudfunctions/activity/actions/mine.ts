import { activityActions } from '../../../types/actions/activity'
import { database } from '../../common/app'
import { Keyset, keysetPage, readByIds } from '../../common/db'
import { defineAction } from '../../common/dispatcher'
import { itemsOf } from '../lists'
import { A, AttendanceEntryDoc, CHECKIN_KEY, CheckinDoc } from '../model'
import { listed } from '../views'

const mineKeyset: Keyset = { list: 'activity.mine', collection: A.checkins, field: 'key', key: CHECKIN_KEY }

/**
 * The check-ins an intern is on (listed, confirmed, asked to be added or refused), newest
 * activity first: one index range of their attendance entries (personId, key), then the
 * page's check-ins by id. Four requests with the caller: the entries, the check-ins, the count.
 */
export const mine = defineAction({
  contract: activityActions.mine,
  handler: async (input, ctx) => {
    const me = ctx.person()._id
    const where = { personId: me }
    const [page, counted] = await Promise.all([
      keysetPage<AttendanceEntryDoc>(mineKeyset, input, [{ where }], { checkinId: true }),
      database().collection(A.checkins).where(where).count()
    ])
    const docs = page.docs.length ? await readByIds<CheckinDoc>(A.checkins, page.docs.map((e) => e.checkinId), { ...listed(me), _id: true }) : []
    const byId = new Map(docs.map((c) => [c._id, c]))
    const checkins = page.docs.flatMap((e) => byId.get(e.checkinId) ?? [])
    return { items: await itemsOf(ctx, checkins), nextCursor: page.nextCursor, total: counted.total }
  }
})
