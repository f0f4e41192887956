import { userActions } from '../../../types/actions/user'
import { database } from '../../common/app'
import { callerOf } from '../../common/caller'
import { defineAction } from '../../common/dispatcher'
import { invalid } from '../../common/errors'
import { reserveAttempt } from '../attempts'
import { claimPerson, recordBinding } from '../binding'
import { meView } from '../view'

/**
 * Binds a teacher, unit contact or branch staff member by invite code. The attempt takes
 * its slot first (attempts.ts); the person holding the open code is claimed and the code
 * used up in the same conditional update; then the binding is recorded, and if that
 * fails the code is given back, so a code is used exactly when someone got bound by it.
 */
export const redeemInvite = defineAction({
  contract: userActions.redeemInvite,
  handler: async (input, ctx) => {
    const openid = ctx.caller.openid!
    const slot = await reserveAttempt('invite', openid, ctx.now)
    const person = await claimPerson({ inviteCode: input.code, inviteExpiresAt: database().command.gt(ctx.now) }, openid, ctx.now, { inviteCode: null })
    if (!person) {
      throw invalid(`邀请码无效、已使用或已过期，请向党总支重新获取。${slot.left > 0 ? `还可尝试${slot.left}次` : `请${slot.minutesToWait}分钟后再试`}`)
    }
    await recordBinding(openid, person, ctx.now, { inviteCode: input.code })
    return meView(callerOf(openid, person, null, [], []))
  }
})
