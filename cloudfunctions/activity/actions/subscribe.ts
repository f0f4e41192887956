import { activityActions } from '../../../types/actions/activity'
import { defineAction } from '../../common/dispatcher'
import { grantSubscriptions } from '../../common/ports'
import { CHECKIN_TEMPLATE } from '../reminders'

/** Records confirmation requests the intern just accepted and answers how many they may now receive. */
export const subscribe = defineAction({
  contract: activityActions.subscribe,
  handler: async (input, ctx) => ({ remaining: await grantSubscriptions(ctx.person()._id, CHECKIN_TEMPLATE, input.accepted) })
})
