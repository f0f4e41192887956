import { oversightActions } from '../../../types/actions/oversight'
import { defineAction } from '../../common/dispatcher'
import { grantSubscriptions } from '../../common/ports'
import { DIGEST_TEMPLATE } from '../alerts/digest'

/** Records digest messages the person just accepted and answers how many they may now receive. */
export const subscribe = defineAction({
  contract: oversightActions.subscribe,
  handler: async (input, ctx) => ({ remaining: await grantSubscriptions(ctx.person()._id, DIGEST_TEMPLATE, input.accepted) })
})
