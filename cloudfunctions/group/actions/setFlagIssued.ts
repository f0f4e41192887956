import { groupActions } from '../../../types/actions/group'
import { defineAction } from '../../common/dispatcher'
import { updateGroup } from '../roles'

/** Records whether the group has received its internship Party flag. Two database requests. */
export const setFlagIssued = defineAction({
  contract: groupActions.setFlagIssued,
  group: (input) => input.groupId,
  handler: async (input, ctx) => {
    await updateGroup(input.groupId, { flagIssued: input.issued }, ctx.now)
    return { flagIssued: input.issued }
  }
})
