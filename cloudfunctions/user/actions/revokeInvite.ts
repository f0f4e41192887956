import { userActions } from '../../../types/actions/user'
import { database } from '../../common/app'
import { defineAction } from '../../common/dispatcher'
import { precondition } from '../../common/errors'
import { C, PersonDoc } from '../../common/model'

/**
 * Voids an unused code: one conditional update on the person holding it, so a code that
 * was redeemed or replaced meanwhile is left alone and the refusal says so. Two requests
 * with the caller.
 */
export const revokeInvite = defineAction({
  contract: userActions.revokeInvite,
  handler: async (input, ctx) => {
    const { doc } = await database().collection(C.people).where({ inviteCode: input.code, openid: null })
      .updateAndReturn({ inviteCode: null, inviteExpiresAt: null, updatedAt: ctx.now })
    const person = doc as PersonDoc | null
    if (!person) throw precondition('该邀请码已使用、已作废或已被新的邀请码取代，无需作废')
    return { personId: person._id, name: person.name, code: input.code }
  }
})
