import { userActions } from '../../../types/actions/user'
import { database } from '../../common/app'
import { defineAction } from '../../common/dispatcher'
import { AppError, conflict } from '../../common/errors'
import { C, InviteDoc, PersonDoc } from '../../common/model'
import { meView } from '../view'
import { callerOf } from '../../common/caller'

/**
 * Binds a teacher, unit contact or branch staff member by invite code. Invite codes carry
 * 40 bits of randomness and expire, so guessing is not a practical attack.
 */
export const redeemInvite = defineAction({
  contract: userActions.redeemInvite,
  handler: async (input, ctx) => {
    const db = database()
    const _ = db.command
    const openid = ctx.caller.openid!
    const now = ctx.now
    // Look up and use the invite in one conditional update: a code works once.
    const used = await db.collection(C.invites)
      .where({ _id: input.code, usedAt: null, expiresAt: _.gt(now) })
      .updateAndReturn({ usedAt: now, usedBy: openid })
    const invite = used.doc as InviteDoc | null
    if (!invite) throw new AppError('INVALID_ARGUMENT', '邀请码无效、已使用或已过期，请向党总支重新获取')

    const claimed = await db.collection(C.people).where({ _id: invite.personId, openid: null })
      .updateAndReturn({ openid, boundAt: now, updatedAt: now })
    const person = claimed.doc as PersonDoc | null
    if (!person) throw conflict('该身份已绑定其他微信，请联系党总支')
    try {
      await db.collection(C.bindings).add({ _id: openid, personId: person._id, boundAt: now })
    } catch {
      await db.collection(C.people).doc(person._id).update({ openid: null, boundAt: null })
      throw conflict('该微信已绑定其他身份')
    }
    return meView(callerOf(openid, person, null, [], []))
  }
})
