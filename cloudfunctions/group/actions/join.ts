import { groupActions } from '../../../types/actions/group'
import { database } from '../../common/app'
import { defineAction } from '../../common/dispatcher'
import { AppError, conflict, precondition } from '../../common/errors'
import { countsChange } from '../../common/groupCounts'
import { C, GroupDoc } from '../../common/model'
import { isOrdinary } from '../../common/people'

/**
 * An ordinary student joins the internship Party group of their region with its invite
 * code. Party members are placed by the branch. Four database requests: caller, the group,
 * the person, the group's counts.
 */
export const join = defineAction({
  contract: groupActions.join,
  handler: async (input, ctx) => {
    const db = database()
    const _ = db.command
    const me = ctx.person()
    if (!isOrdinary(me)) throw precondition('党员由党总支统一编入党小组，无需凭邀请码加入')
    if (me.groupId) throw conflict('你已在一个党小组中；如需调整请联系党总支')
    const { data } = await db.collection(C.groups).where({ inviteCode: input.inviteCode }).limit(1).get()
    const group = data[0] as GroupDoc | undefined
    if (!group) throw new AppError('NOT_FOUND', '邀请码不正确，请向联络员确认')
    if (group.province !== me.province || (me.year && group.year !== me.year)) {
      throw precondition(`只能加入实习所在地区的党小组（你的实习地：${me.province ?? '未知'}）`)
    }
    const { updated } = await db.collection(C.people).where({ _id: me._id, groupId: null }).update({
      groupId: group._id,
      history: _.push({ groupId: group._id, groupName: group.name, at: ctx.now, reason: '凭邀请码加入' }),
      updatedAt: ctx.now
    })
    if (!updated) throw conflict('你已在一个党小组中；如需调整请联系党总支')
    await db.collection(C.groups).doc(group._id).update(countsChange(me.politicalStatus, 1))
    return { groupId: group._id, groupName: group.name }
  }
})
