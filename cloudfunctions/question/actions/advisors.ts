import { questionActions } from '../../../types/actions/question'
import { defineAction } from '../../common/dispatcher'

/** The advisors the caller may ask: those of their own group, as the caller load brought it. No request beyond the caller. */
export const advisors = defineAction({
  contract: questionActions.advisors,
  handler: async (_input, ctx) => {
    const group = ctx.caller.group
    if (!group) return { groupId: null, advisors: [] }
    return { groupId: group._id, advisors: group.advisorIds.map((id, i) => ({ id, name: group.advisorNames[i] ?? '指导教师' })) }
  }
})
