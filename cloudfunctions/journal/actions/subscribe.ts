import { journalActions } from '../../../types/actions/journal'
import { defineAction } from '../../common/dispatcher'
import { grantSubscriptions } from '../../common/ports'

/** Records comment messages the intern just accepted and answers how many they may now receive. */
export const subscribe = defineAction({
  contract: journalActions.subscribe,
  handler: async (input, ctx) => ({ remaining: await grantSubscriptions(ctx.person()._id, 'noteCommented', input.accepted) })
})
