import { groupActions } from '../../../types/actions/group'
import { defineAction } from '../../common/dispatcher'
import { membersOf } from '../../common/groups'
import { candidateOf, rankCandidates } from '../candidates'

/** Liaison and core member candidates: the group's Party members, ranked. Two database requests. */
export const suggestLiaisons = defineAction({
  contract: groupActions.suggestLiaisons,
  group: (input) => input.groupId,
  handler: async (input) => {
    const members = await membersOf(input.groupId, ['no', 'name', 'politicalStatus', 'joinedPartyAt'])
    return { candidates: rankCandidates(members).map(candidateOf) }
  }
})
