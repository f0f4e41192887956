import { activityActions } from '../../../types/actions/activity'
import { defineAction } from '../../common/dispatcher'
import { notFound, precondition } from '../../common/errors'
import { answerOf, moveAttendance } from '../attendance'
import { findCheckin } from '../checkins'

/**
 * A listed member confirms they attended: their state moves from listed to confirmed and
 * the counts with it, in one conditional write, so a repeated or concurrent confirmation
 * counts once and is answered as it stands. Someone not listed is told to ask to be added;
 * to anyone not on it at all the check-in does not exist. Three requests at most with the caller.
 */
export const confirm = defineAction({
  contract: activityActions.confirm,
  handler: async (input, ctx) => {
    const me = ctx.person()
    const moved = await moveAttendance({ checkinId: input.checkinId, personId: me._id, from: 'listed', to: 'confirmed', now: ctx.now })
    if (moved) return answerOf(moved, me._id)
    const checkin = await findCheckin(input.checkinId)
    const mine = checkin?.attendance[me._id]?.state
    if (!checkin || (!mine && checkin.groupId !== me.groupId)) throw notFound('活动打卡')
    if (mine === 'confirmed') return answerOf(checkin, me._id)
    if (mine === 'requested') throw precondition('你的补登申请还在等待联络员确认')
    if (mine === 'declined') throw precondition('联络员未同意你的补登申请')
    throw precondition('你不在这次活动的名单中，可以申请补登')
  }
})
