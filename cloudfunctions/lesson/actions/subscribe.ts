import { lessonActions } from '../../../types/actions/lesson'
import { defineAction } from '../../common/dispatcher'
import { grantSubscriptions } from '../../common/ports'
import { LESSON_TEMPLATE } from '../reminders'

/**
 * Records the reminders a reader just accepted (WeChat's `requestSubscribeMessage`: one
 * message per acceptance) and answers how many they may now receive. Two requests with
 * the caller (three the first time).
 */
export const subscribe = defineAction({
  contract: lessonActions.subscribe,
  handler: async (input, ctx) => ({ remaining: await grantSubscriptions(ctx.person()._id, LESSON_TEMPLATE, input.accepted) })
})
