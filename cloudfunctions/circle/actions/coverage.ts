import { circleActions } from '../../../types/actions/circle'
import { PARTY_STATUSES } from '../../../types/domain'
import { database } from '../../common/app'
import { defineAction } from '../../common/dispatcher'
import { C } from '../../common/model'
import { coverageOf, coverageRatio } from '../circles'
import { groupWithMembers } from '../load'

/**
 * Coverage: ordinary students with a mentor / all ordinary students in groups, for one
 * group or the whole branch. Three requests either way.
 */
export const coverage = defineAction({
  contract: circleActions.coverage,
  handler: async (input, ctx) => {
    if (input.groupId) {
      const { group, members } = await groupWithMembers(ctx, input.groupId)
      return coverageOf(members, group.circles ?? {})
    }
    const db = database()
    const _ = db.command
    const $ = _.aggregate
    const { total: ordinary } = await db.collection(C.people)
      .where({ kind: 'student', groupId: _.neq(null), politicalStatus: _.nin([...PARTY_STATUSES]) }).count()
    const { data } = await db.collection(C.groups).aggregate()
      .project({ n: $.sum($.map({ input: $.objectToArray('$circles'), as: 'c', in: $.size('$$c.v') })) })
      .group({ _id: null, withMentor: $.sum('$n') })
      .limit(1)
      .end()
    return coverageRatio((data[0] as { withMentor?: number } | undefined)?.withMentor ?? 0, ordinary)
  }
})
