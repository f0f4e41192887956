/** People as the domain sees them: creating a person document, Party membership, counting. */
import type { GroupCounts } from '../../types/groups'
import { isPartyMember, type PoliticalStatus } from '../../types/domain'
import type { PersonDoc } from './model'

/** A person document with every field present (absent values as null or empty). */
export function newPerson(fields: Partial<PersonDoc> & Pick<PersonDoc, 'no' | 'kind' | 'name'>, now: Date): Omit<PersonDoc, '_id'> {
  return {
    phone: null, grade: null, major: null, politicalStatus: null, joinedPartyAt: null, probationEndsAt: null,
    activistSince: null, unitId: null, unitName: null, province: null, city: null, internshipStart: null,
    internshipEnd: null, groupId: null, admin: false,
    year: null, history: [], openid: null, boundAt: null, createdAt: now, updatedAt: now,
    ...fields
  }
}

export const isParty = (p: Pick<PersonDoc, 'politicalStatus'>): boolean => isPartyMember(p.politicalStatus)

/** Ordinary students of a group: everyone a Party member may look after in a "1+10" circle. */
export const isOrdinary = (p: Pick<PersonDoc, 'kind' | 'politicalStatus'>): boolean => p.kind === 'student' && !isParty(p)

/** Members by political status; `n` people of each listed status. */
export function countMembers(rows: { politicalStatus: PoliticalStatus | null; n?: number }[]): GroupCounts {
  const c: GroupCounts = { total: 0, partyMembers: 0, probationary: 0, activists: 0, others: 0 }
  for (const { politicalStatus, n = 1 } of rows) {
    c.total += n
    if (isPartyMember(politicalStatus)) c.partyMembers += n
    else if (politicalStatus === 'activist') c.activists += n
    else c.others += n
    if (politicalStatus === 'probationary') c.probationary += n
  }
  return c
}
