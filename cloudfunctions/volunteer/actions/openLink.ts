import { volunteerActions } from '../../../types/actions/volunteer'
import { defineAction } from '../../common/dispatcher'
import { openToken, recordForLink } from '../link'
import { volunteerViewOf } from '../views'

/**
 * What a unit contact sees on opening a verification link, signed in or not: the record,
 * when the token is genuine, unexpired, unused and the record still pending. Two requests
 * (the secret, which a warm instance keeps, and the record), plus the caller load of a
 * signed-in caller.
 */
export const openLink = defineAction({
  contract: volunteerActions.openLink,
  handler: async (input, ctx) => {
    const link = await openToken(input.token, ctx.now)
    const record = await recordForLink(link)
    const { photos: _photos, ...view } = volunteerViewOf(record, new Map())
    return { record: view, expiresAt: link.expiresAt.toISOString() }
  }
})
