import { groupActions } from '../../../types/actions/group'
import { defineAction } from '../../common/dispatcher'
import { candidateOf, rankCandidates } from '../candidates'
import { readGroupDetail } from '../detailView'

/**
 * The branch's page for a group: the detail and its liaison candidates ranked from the
 * members already read. Four database requests (five to repair drifted counts).
 */
export const manage = defineAction({
  contract: groupActions.manage,
  group: (input) => input.groupId,
  handler: async (input, ctx) => {
    const { view, members } = await readGroupDetail(ctx, input.groupId)
    return { ...view, candidates: rankCandidates(members).map(candidateOf) }
  }
})
