import type { z } from 'zod'
import type { meOutput } from '../../types/actions/user'
import { Caller, rolesOf } from '../common/caller'
import { PersonDoc } from '../common/model'

/** What `user.me` shows a person about themselves. */
export function meView(caller: Caller, person: PersonDoc | null = caller.person): z.input<typeof meOutput> {
  if (!person) return { bound: false, roles: caller.roles, person: null, advisorOf: [], contactOf: [] }
  return {
    bound: true,
    roles: rolesOf(person),
    person: {
      id: person._id,
      no: person.no,
      name: person.name,
      kind: person.kind,
      politicalStatus: person.politicalStatus,
      groupId: person.groupId,
      groupRole: person.groupRole,
      unitName: person.unitName,
      province: person.province,
      city: person.city
    },
    advisorOf: person.advisorOf,
    contactOf: person.contactOf
  }
}
