import type { z } from 'zod'
import type { meOutput } from '../../types/actions/user'
import { Caller } from '../common/caller'

/** What `user.me` shows a person about themselves (their own phone: `caller` is always the one calling). */
export function meView(caller: Caller): z.input<typeof meOutput> {
  const person = caller.person
  if (!person) return { bound: false, roles: caller.roles, person: null, advisorOf: [], contactOf: [] }
  return {
    bound: true,
    roles: caller.roles,
    person: {
      id: person._id,
      no: person.no,
      name: person.name,
      kind: person.kind,
      politicalStatus: person.politicalStatus,
      groupId: person.groupId,
      groupRole: caller.groupRole,
      phone: person.phone,
      unitName: person.unitName,
      province: person.province,
      city: person.city
    },
    advisorOf: caller.advisorOf,
    contactOf: caller.contactOf
  }
}
