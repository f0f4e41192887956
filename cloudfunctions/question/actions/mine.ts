import { questionActions } from '../../../types/actions/question'
import { database } from '../../common/app'
import { Keyset, keysetPage } from '../../common/db'
import { defineAction } from '../../common/dispatcher'
import { ASKER_KEY, Q, QuestionDoc } from '../model'
import { readerOf } from '../questions'
import { questionUnansweredDays } from '../settings'
import { questionViewOf } from '../views'

const mineKeyset: Keyset = { list: 'question.mine', collection: Q.questions, field: 'key', key: ASKER_KEY }

/**
 * The caller's questions, newest first, a page at a time (index askerId_1_key_1), each
 * with its state and how long it waited. Four requests with the caller (the page, the
 * count, the overdue setting), whatever the number of questions.
 */
export const mine = defineAction({
  contract: questionActions.mine,
  handler: async (input, ctx) => {
    const where = { askerId: ctx.person()._id }
    const [page, counted, days] = await Promise.all([
      keysetPage<QuestionDoc>(mineKeyset, input, [{ where }]),
      database().collection(Q.questions).where(where).count(),
      questionUnansweredDays()
    ])
    const reader = readerOf(ctx)
    return { items: page.docs.map((q) => questionViewOf(q, reader, ctx.now, days)), nextCursor: page.nextCursor, total: counted.total }
  }
})
