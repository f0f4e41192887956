import { BADGE_MOTTO, badgeActions } from '../../../types/actions/badge'
import { BADGE_TTL_MS, POLITICAL_STATUS_LABELS } from '../../../types/domain'
import { defineAction } from '../../common/dispatcher'
import { precondition } from '../../common/errors'
import { badgeSecret, issueToken } from '../token'

/** The caller's identity badge (身份牌): what the card shows, and a fresh signed QR token. */
export const get = defineAction({
  contract: badgeActions.get,
  handler: async (_input, ctx) => {
    const me = ctx.person()
    if (!me.politicalStatus) throw precondition('名单中缺少你的政治面貌，请联系党总支')
    // Whole seconds: the token carries the expiry in seconds.
    const expiresAt = new Date(Math.floor((ctx.now.getTime() + BADGE_TTL_MS) / 1000) * 1000)
    return {
      name: me.name,
      politicalStatus: me.politicalStatus,
      politicalStatusLabel: POLITICAL_STATUS_LABELS[me.politicalStatus],
      groupName: ctx.caller.group?.name ?? null,
      unitName: me.unitName,
      motto: BADGE_MOTTO,
      qrPayload: issueToken(await badgeSecret(), me._id, expiresAt),
      expiresAt: expiresAt.toISOString()
    }
  }
})
