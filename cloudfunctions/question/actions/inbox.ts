import { questionActions } from '../../../types/actions/question'
import { database } from '../../common/app'
import { Keyset, keysetPage } from '../../common/db'
import { defineAction } from '../../common/dispatcher'
import { INBOX_KEY, Q, QuestionDoc } from '../model'
import { readerOf } from '../questions'
import { questionUnansweredDays } from '../settings'
import { questionViewOf } from '../views'

const inboxKeyset: Keyset = { list: 'question.inbox', collection: Q.questions, field: 'inboxKey', key: INBOX_KEY }

/**
 * The questions asked of the caller: open ones first, the longest waiting first, each
 * with the days it has waited and whether that passed the branch's setting; then answered
 * ones, latest answer first. One index range (advisorId_1_inboxKey_1) a page at a time.
 * Four requests with the caller (the page, the open count, the setting); `total` is not
 * counted (null), the open count is.
 */
export const inbox = defineAction({
  contract: questionActions.inbox,
  handler: async (input, ctx) => {
    const advisorId = ctx.person()._id
    const [page, open, days] = await Promise.all([
      keysetPage<QuestionDoc>(inboxKeyset, input, [{ where: { advisorId } }]),
      database().collection(Q.questions).where({ advisorId, status: 'open' }).count(),
      questionUnansweredDays()
    ])
    const reader = readerOf(ctx)
    return {
      items: page.docs.map((q) => questionViewOf(q, reader, ctx.now, days)),
      nextCursor: page.nextCursor,
      total: null,
      open: open.total,
      overdueAfterDays: days
    }
  }
})
