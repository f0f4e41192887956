import { userActions } from '../../../types/actions/user'
import { database } from '../../common/app'
import { defineAction } from '../../common/dispatcher'
import { notFound } from '../../common/errors'
import { C, PersonDoc } from '../../common/model'
import { clearAttempts } from '../attempts'

/**
 * Releases a person's WeChat binding so they can bind another account. The released
 * account's attempt records are cleared too: its successful attempt then never counts
 * against a later binding, and only an admin can grant that fresh start. Four database
 * requests with the caller: the person is cleared and read back in one.
 */
export const unbind = defineAction({
  contract: userActions.unbind,
  handler: async (input, ctx) => {
    const db = database()
    const _ = db.command
    const { doc } = await db.collection(C.people).where({ _id: input.personId, openid: _.neq(null) })
      .updateAndReturn({ openid: null, boundAt: null, updatedAt: ctx.now })
    const released = doc as PersonDoc | null
    if (!released) {
      const { data } = await db.collection(C.people).doc(input.personId).field({ _id: true }).get()
      if (!data.length) throw notFound('该人员')
      return { unbound: false }
    }
    const account = released.lastOpenid
    // Bindings made before `lastOpenid` existed are found by person.
    await db.collection(C.bindings).where(account ? { _id: account, personId: released._id } : { personId: released._id }).remove()
    if (account) await clearAttempts(account)
    return { unbound: true }
  }
})
