import { isPartyMember, PoliticalStatus } from '../../types/domain'
import { PersonDoc } from './model'

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

export const isParty = (p: Pick<PersonDoc, 'politicalStatus'>): boolean =>
  !!p.politicalStatus && isPartyMember(p.politicalStatus as PoliticalStatus)

/** Ordinary students of a group: everyone a Party member may look after in a "1+10" circle. */
export const isOrdinary = (p: Pick<PersonDoc, 'kind' | 'politicalStatus'>): boolean => p.kind === 'student' && !isParty(p)
