import { questionActions } from '../../../types/actions/question'
import { defineAction } from '../../common/dispatcher'
import { grantSubscriptions } from '../../common/ports'
import { TEMPLATE } from '../questions'

/** Records answer messages the intern just accepted and answers how many they may now receive. */
export const subscribe = defineAction({
  contract: questionActions.subscribe,
  handler: async (input, ctx) => ({ remaining: await grantSubscriptions(ctx.person()._id, TEMPLATE, input.accepted) })
})
