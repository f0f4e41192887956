import { BADGE_MOTTO } from '../../types/actions/badge'
import { POLITICAL_STATUS_LABELS, PoliticalStatus } from '../../types/domain'
import { contract } from '../../types/contract'
import { database } from '../common/app'
import { defineAction } from '../common/dispatcher'
import { precondition } from '../common/errors'
import { C, PersonDoc } from '../common/model'
import { BADGE_TTL_MS, badgeSecret, checkToken, issueToken } from './token'

/** The caller's identity badge (身份牌): what the card shows, and a fresh signed QR token. */
export const get = defineAction({
  contract: contract.badge.get,
  handler: async (_input, ctx) => {
    const me = ctx.person()
    if (!me.politicalStatus) throw precondition('名单中缺少你的政治面貌，请联系党总支')
    // Whole seconds: the token carries the expiry in seconds.
    const expiresAt = new Date(Math.floor((ctx.now.getTime() + BADGE_TTL_MS) / 1000) * 1000)
    const status = me.politicalStatus as PoliticalStatus
    return {
      name: me.name,
      politicalStatus: status,
      politicalStatusLabel: POLITICAL_STATUS_LABELS[status],
      groupName: ctx.caller.group?.name ?? null,
      unitName: me.unitName,
      motto: BADGE_MOTTO,
      qrPayload: issueToken(await badgeSecret(), me._id, expiresAt),
      expiresAt: expiresAt.toISOString()
    }
  }
})

/** Tells a scanner whether a badge is genuine, showing only the name and group. */
export const verify = defineAction({
  contract: contract.badge.verify,
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
