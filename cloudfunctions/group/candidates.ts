import { compareText } from '../../types/domain'
import type { PersonDoc } from '../common/model'
import { isParty } from '../common/people'

export type Candidate = Pick<PersonDoc, '_id' | 'no' | 'name' | 'politicalStatus' | 'joinedPartyAt'>

/**
 * Liaison and core member candidates among `people`: Party members, full members first,
 * then by Party standing (earliest joining), then student number.
 */
export function rankCandidates<P extends Candidate>(people: P[]): P[] {
  return people.filter(isParty).sort((a, b) =>
    (a.politicalStatus === 'member' ? 0 : 1) - (b.politicalStatus === 'member' ? 0 : 1) ||
    compareText(a.joinedPartyAt ?? '9999', b.joinedPartyAt ?? '9999') ||
    compareText(a.no, b.no))
}

/** A ranked candidate as the contract shows them, with why they are proposed. */
export function candidateOf(p: Candidate) {
  return {
    id: p._id,
    name: p.name,
    politicalStatus: p.politicalStatus!,
    reason: `${p.politicalStatus === 'member' ? '正式党员' : '预备党员'}${p.joinedPartyAt ? `，${p.joinedPartyAt}入党` : ''}`
  }
}
