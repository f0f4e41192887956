import { circleActions } from '../../../types/actions/circle'
import { database } from '../../common/app'
import { defineAction } from '../../common/dispatcher'
import { C } from '../../common/model'
import { coverageOf, coverageRatio } from '../circles'
import { groupWithMembers } from '../load'

/**
 * Coverage: ordinary students with a mentor / all ordinary students in groups, for one
 * group (three requests) or the whole branch (two: the groups' kept member counts and
 * their circles, summed in one aggregation that reads the groups, not the people).
 */
export const coverage = defineAction({
  contract: circleActions.coverage,
  handler: async (input, ctx) => {
    if (input.groupId) {
      const { group, members } = await groupWithMembers(ctx, input.groupId)
      return coverageOf(members, group.circles ?? {})
    }
    const db = database()
    const $ = db.command.aggregate
    const { data } = await db.collection(C.groups).aggregate()
      .project({
        ordinary: $.subtract([$.ifNull(['$counts.total', 0]), $.ifNull(['$counts.partyMembers', 0])]),
        withMentor: $.sum($.map({ input: $.objectToArray($.ifNull(['$circles', {}])), as: 'c', in: $.size('$$c.v') }))
      })
      .group({ _id: null, ordinary: $.sum('$ordinary'), withMentor: $.sum('$withMentor') })
      .limit(1)
      .end()
    const totals = (data[0] as { ordinary?: number; withMentor?: number } | undefined) ?? {}
    return coverageRatio(totals.withMentor ?? 0, totals.ordinary ?? 0)
  }
})
