import { activityActions } from '../../../types/actions/activity'
import { defineAction } from '../../common/dispatcher'
import { notFound, precondition } from '../../common/errors'
import { answerOf, moveAttendance } from '../attendance'
import { findCheckin } from '../checkins'
import { PERSON_ID } from '../model'

/**
 * The liaison (or a core member) of the check-in's group approves a request to be added
 * (confirmed) or refuses it (declined): one conditional write from `requested`, the counts
 * moved with it. The same decision sent again is answered as it stands; a different one
 * on a request already decided is refused. Three requests at most with the caller.
 */
export const decide = defineAction({
  contract: activityActions.decide,
  handler: async (input, ctx) => {
    const groupId = ctx.caller.group?._id ?? null
    ctx.authorizeGroup(groupId)
    const to = input.approve ? 'confirmed' : 'declined'
    if (!PERSON_ID.test(input.personId)) throw notFound('补登申请')
    const moved = await moveAttendance({ checkinId: input.checkinId, personId: input.personId, from: 'requested', to, where: { groupId }, now: ctx.now })
    if (moved) return answerOf(moved, input.personId)
    const checkin = await findCheckin(input.checkinId)
    if (!checkin || checkin.groupId !== groupId) throw notFound('活动打卡')
    const state = checkin.attendance[input.personId]?.state
    if (state === to) return answerOf(checkin, input.personId)
    if (state === 'confirmed' || state === 'declined') throw precondition(`这条补登申请已${state === 'confirmed' ? '同意' : '拒绝'}，不能再更改`)
    throw notFound('补登申请')
  }
})
