import { questionActions } from '../../../types/actions/question'
import { defineAction } from '../../common/dispatcher'
import { assertReader } from '../access'
import { findQuestion, readerOf } from '../questions'
import { questionUnansweredDays } from '../settings'
import { questionViewOf, sharedQuestionOf } from '../views'

/**
 * Opens a question: whole for its asker, the advisor asked and the branch; as the group
 * reads it (no asker) for the members and advisors of the asker's group once a shared
 * question is answered; to anyone else it does not exist (NOT_FOUND). Three requests with
 * the caller (the question and the overdue setting, together).
 */
export const get = defineAction({
  contract: questionActions.get,
  handler: async (input, ctx) => {
    const [q, days] = await Promise.all([findQuestion(input.questionId), questionUnansweredDays()])
    const reading = assertReader(ctx, q)
    if (reading === 'shared') return { view: 'shared' as const, ...sharedQuestionOf(q!) }
    return { view: 'full' as const, ...questionViewOf(q!, readerOf(ctx), ctx.now, days) }
  }
})
