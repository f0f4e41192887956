import { userActions } from '../../../types/actions/user'
import { database } from '../../common/app'
import { defineAction } from '../../common/dispatcher'
import { notFound } from '../../common/errors'
import { C, PersonDoc } from '../../common/model'

/** Releases a person's WeChat binding so they can bind another account. */
export const unbind = defineAction({
  contract: userActions.unbind,
  handler: async (input, ctx) => {
    const db = database()
    const { data } = await db.collection(C.people).doc(input.personId).get()
    const person = data[0] as PersonDoc | undefined
    if (!person) throw notFound('该人员')
    if (!person.openid) return { unbound: false }
    await db.collection(C.people).doc(person._id).update({ openid: null, boundAt: null, updatedAt: ctx.now })
    await db.collection(C.bindings).doc(person.openid).remove()
    return { unbound: true }
  }
})
