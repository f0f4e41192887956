import { circleActions } from '../../../types/actions/circle'
import { defineAction } from '../../common/dispatcher'
import { conflict } from '../../common/errors'
import { autoAssign as assignCircles, coverageOf } from '../circles'
import { CIRCLES_CHANGED_MESSAGE, groupWithMembers, saveCircles } from '../load'

/** Assigns every ordinary student of a group a Party member. At most four requests. */
export const autoAssign = defineAction({
  contract: circleActions.autoAssign,
  group: (input) => input.groupId,
  handler: async (input, ctx) => {
    const { group, members } = await groupWithMembers(ctx, input.groupId)
    const { circles, unassigned } = assignCircles(members, group.circles ?? {})
    if (!(await saveCircles(group, circles, ctx.now))) throw conflict(CIRCLES_CHANGED_MESSAGE)
    const coverage = coverageOf(members, circles)
    return { assigned: coverage.withMentor, unassigned: unassigned.length, coverage }
  }
})
