import { groupActions } from '../../../types/actions/group'
import { database } from '../../common/app'
import { defineAction } from '../../common/dispatcher'
import { notFound } from '../../common/errors'
import { C, PersonDoc } from '../../common/model'

/** A person's dated group memberships: each lasts until the next one begins. Two requests. */
export const history = defineAction({
  contract: groupActions.history,
  handler: async (input) => {
    const { data } = await database().collection(C.people).doc(input.personId).field({ history: true }).get()
    const person = data[0] as Pick<PersonDoc, 'history'> | undefined
    if (!person) throw notFound('该人员')
    const entries = person.history ?? []
    return {
      items: entries.filter((e) => e.groupId).map((e) => {
        const next = entries[entries.indexOf(e) + 1]
        return {
          groupId: e.groupId!,
          groupName: e.groupName ?? '',
          from: new Date(e.at).toISOString(),
          to: next ? new Date(next.at).toISOString() : null,
          reason: e.reason
        }
      })
    }
  }
})
