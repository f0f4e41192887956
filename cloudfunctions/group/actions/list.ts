import { groupActions } from '../../../types/actions/group'
import { database } from '../../common/app'
import { keysetPage } from '../../common/db'
import { defineAction } from '../../common/dispatcher'
import { C, GroupDoc } from '../../common/model'
import { groupSummaryOf } from '../../common/views'
import { groupKeyset } from '../sortKey'

const SUMMARY_FIELDS = { name: true, province: true, cities: true, counts: true, liaisonName: true, advisorNames: true, flagIssued: true }

/**
 * Groups by province and name, a page at a time: all of them for the branch, and for
 * teachers and unit contacts the groups they look after, with the member counts kept on
 * each group. The branch's page is an index range (`province_1_sortKey_1`, `sortKey_1`)
 * and its total an index count; a teacher's page reads their own groups by id.
 * At most three database requests: caller, page, total.
 */
export const list = defineAction({
  contract: groupActions.list,
  handler: async (input, ctx) => {
    const db = database()
    const everything = ctx.caller.roles.includes('admin')
    const mine = [...new Set([...ctx.caller.advisorOf, ...ctx.caller.contactOf])]
    const where: Record<string, unknown> = everything ? {} : { _id: db.command.in(mine) }
    if (input.province) where.province = input.province
    const page = keysetPage<GroupDoc>(groupKeyset, input, [{ where }], SUMMARY_FIELDS)
    const total = everything
      ? db.collection(C.groups).where(where).count().then((r) => r.total)
      : input.province ? null : mine.length
    const [{ docs, nextCursor }, counted] = await Promise.all([page, total])
    return { items: docs.map((g) => groupSummaryOf(g)), nextCursor, total: counted }
  }
})
