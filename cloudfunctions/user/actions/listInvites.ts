import { userActions } from '../../../types/actions/user'
import { defineAction } from '../../common/dispatcher'
import { invitePage } from '../inviteList'

/**
 * Teachers, unit contacts and staff with their invite state, pending codes first (see
 * inviteList.ts): at most four database requests with the caller.
 */
export const listInvites = defineAction({
  contract: userActions.listInvites,
  handler: async (input, ctx) => ({ ...(await invitePage(input, ctx.now)), total: null })
})
