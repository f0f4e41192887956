import { activityActions } from '../../../types/actions/activity'
import { defineAction } from '../../common/dispatcher'
import { temporaryUrls } from '../../common/storage'
import { assertReader, findCheckin, leads } from '../checkins'
import { checkinViewOf } from '../views'

/**
 * Opens a check-in: members of its group, its advisors, admins; to anyone else it does not
 * exist (NOT_FOUND). Photos whose check has not passed get URLs for the group's leaders
 * only. Two requests with the caller; the URLs come from storage.
 */
export const get = defineAction({
  contract: activityActions.get,
  handler: async (input, ctx) => {
    const checkin = assertReader(ctx, await findCheckin(input.checkinId))
    const urls = checkin.review === 'pass' || leads(ctx, checkin) ? await temporaryUrls(checkin.photos) : new Map<string, string>()
    return checkinViewOf(checkin, urls, ctx.person()._id)
  }
})
