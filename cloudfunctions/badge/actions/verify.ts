import { badgeActions } from '../../../types/actions/badge'
import { database } from '../../common/app'
import { defineAction } from '../../common/dispatcher'
import { C, PersonDoc } from '../../common/model'
import { badgeSecret, checkToken } from '../token'

/** Tells a scanner whether a badge is genuine, showing only the name and group. */
export const verify = defineAction({
  contract: badgeActions.verify,
  handler: async (input, ctx) => {
    const check = checkToken(await badgeSecret(), input.token, ctx.now)
    if (!check.ok) return { valid: false, reason: check.reason }
    const { data } = await database().collection(C.people).doc(check.personId).field({ name: true, history: true, groupId: true }).get()
    const person = data[0] as Pick<PersonDoc, 'name' | 'history' | 'groupId'> | undefined
    if (!person) return { valid: false, reason: '该身份已不在名单中' }
    const current = [...(person.history ?? [])].reverse().find((h) => h.groupId === person.groupId)
    return {
      valid: true,
      name: person.name,
      groupName: person.groupId ? current?.groupName ?? null : null,
      expiresAt: check.expiresAt.toISOString()
    }
  }
})
