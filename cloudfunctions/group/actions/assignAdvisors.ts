import { groupActions } from '../../../types/actions/group'
import { defineAction } from '../../common/dispatcher'
import { assignees, requireKind, updateGroup } from '../roles'

/** The group's advisor teachers. Three database requests. */
export const assignAdvisors = defineAction({
  contract: groupActions.assignAdvisors,
  group: (input) => input.groupId,
  handler: async (input, ctx) => {
    const ids = [...new Set(input.advisorIds)]
    const advisors = requireKind(await assignees(ids), ids, 'teacher', '指导教师')
    await updateGroup(input.groupId, { advisorIds: ids, advisorNames: advisors.map((a) => a.name) }, ctx.now)
    return { advisorIds: ids }
  }
})
