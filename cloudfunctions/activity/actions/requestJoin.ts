import { activityActions, CHECKIN_LIMITS } from '../../../types/actions/activity'
import { database } from '../../common/app'
import { defineAction } from '../../common/dispatcher'
import { invalid, notFound, precondition } from '../../common/errors'
import { answerOf, moveAttendance } from '../attendance'
import { findCheckin } from '../checkins'
import { addEntry } from '../entries'
import { PERSON_ID } from '../model'

/**
 * A member of the group who was not listed asks to be added: one conditional write gives
 * them a `requested` entry (only if they have none, only on a check-in of their own group)
 * and counts it, then adds the request to their history; sent again it is answered as it
 * stands. A listed member is told to confirm instead. Four requests at most with the caller.
 */
export const requestJoin = defineAction({
  contract: activityActions.requestJoin,
  handler: async (input, ctx) => {
    const me = ctx.person()
    if (!PERSON_ID.test(me._id)) throw invalid('无法为你补登，请联系联络员')
    const _ = database().command
    const moved = me.groupId ? await moveAttendance({
      checkinId: input.checkinId, personId: me._id, from: null, to: 'requested', name: me.name, now: ctx.now,
      where: { groupId: me.groupId, 'counts.requested': _.lt(CHECKIN_LIMITS.attendees) }
    }) : null
    if (moved) {
      await addEntry(me._id, moved)
      return answerOf(moved, me._id)
    }
    const checkin = await findCheckin(input.checkinId)
    const mine = checkin?.attendance[me._id]?.state
    if (!checkin || (!mine && checkin.groupId !== me.groupId)) throw notFound('活动打卡')
    if (mine === 'requested' || mine === 'confirmed') {
      // A first try that died after its write left no entry in the member's history.
      if (mine === 'requested') await addEntry(me._id, checkin)
      return answerOf(checkin, me._id)
    }
    if (mine === 'listed') throw precondition('你已在这次活动的名单中，请直接确认参加')
    if (mine === 'declined') throw precondition('联络员未同意你的补登申请')
    throw precondition(`这次活动的补登申请已达上限（${CHECKIN_LIMITS.attendees}人）`)
  }
})
