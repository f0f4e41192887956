import type { PoliticalStatus } from '../../../types/domain'
import { contract } from '../../../types/contract'
import { database } from '../../common/app'
import { defineAction } from '../../common/dispatcher'
import { C, PersonDoc } from '../../common/model'
import { isParty } from '../../common/people'
import { GROUP_MEMBERS_MAX } from './detail'

/**
 * Liaison and core member candidates: the group's Party members, full members first, then
 * by Party standing (earliest joining). Two database requests.
 */
export const suggestLiaisons = defineAction({
  contract: contract.group.suggestLiaisons,
  group: (input) => input.groupId,
  handler: async (input) => {
    const { data } = await database().collection(C.people).where({ groupId: input.groupId })
      .field({ name: true, no: true, politicalStatus: true, joinedPartyAt: true }).limit(GROUP_MEMBERS_MAX).get()
    const candidates = rankCandidates(data as PersonDoc[])
    return {
      candidates: candidates.map((p) => ({
        id: p._id,
        name: p.name,
        politicalStatus: p.politicalStatus as PoliticalStatus,
        reason: `${p.politicalStatus === 'member' ? '正式党员' : '预备党员'}${p.joinedPartyAt ? `，${p.joinedPartyAt}入党` : ''}`
      }))
    }
  }
})

export function rankCandidates(people: Pick<PersonDoc, '_id' | 'no' | 'politicalStatus' | 'joinedPartyAt' | 'name'>[]) {
  return people.filter(isParty).sort((a, b) =>
    (a.politicalStatus === 'member' ? 0 : 1) - (b.politicalStatus === 'member' ? 0 : 1) ||
    (a.joinedPartyAt ?? '9999').localeCompare(b.joinedPartyAt ?? '9999') ||
    a.no.localeCompare(b.no))
}
