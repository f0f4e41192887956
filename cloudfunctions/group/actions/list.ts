import { groupActions } from '../../../types/actions/group'
import { database } from '../../common/app'
import { defineAction } from '../../common/dispatcher'
import { C, GroupDoc } from '../../common/model'
import { groupSummaryOf } from '../../common/views'

/**
 * Groups, a page at a time: all of them for the branch, and for teachers and unit contacts
 * the groups they look after, with the member counts kept on each group. Three database
 * requests: caller, total, page.
 */
export const list = defineAction({
  contract: groupActions.list,
  handler: async (input, ctx) => {
    const db = database()
    const _ = db.command
    const where: Record<string, unknown> = {}
    if (input.province) where.province = input.province
    if (!ctx.caller.roles.includes('admin')) {
      const mine = [...ctx.caller.advisorOf, ...ctx.caller.contactOf]
      where._id = _.in(mine)
    }
    const coll = db.collection(C.groups)
    const { total } = await coll.where(where).count()
    const { data } = await coll.where(where).orderBy('province', 'asc').orderBy('name', 'asc')
      .skip((input.page - 1) * input.pageSize).limit(input.pageSize).get()
    const groups = data as GroupDoc[]
    return {
      items: groups.map((g) => groupSummaryOf(g)),
      total,
      page: input.page,
      pageSize: input.pageSize
    }
  }
})
