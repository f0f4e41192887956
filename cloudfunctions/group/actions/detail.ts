import { groupActions } from '../../../types/actions/group'
import { defineAction } from '../../common/dispatcher'
import { readGroupDetail } from '../detailView'

/** A group with its members, liaison, advisors and unit contacts. Four database requests (five to repair drifted counts). */
export const detail = defineAction({
  contract: groupActions.detail,
  group: (input) => input.groupId,
  handler: async (input, ctx) => (await readGroupDetail(ctx, input.groupId)).view
})
