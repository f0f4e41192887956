import { questionActions } from '../../../types/actions/question'
import { database } from '../../common/app'
import { Keyset, keysetPage } from '../../common/db'
import { defineAction } from '../../common/dispatcher'
import { ASKER_KEY, Q, QuestionDoc } from '../model'
import { sharedQuestionOf } from '../views'

const feedKeyset: Keyset = { list: 'question.groupFeed', collection: Q.questions, field: 'feedKey', key: ASKER_KEY }

/** Only what the group reads is fetched: nothing of the asker leaves the database. */
const SHARED_FIELDS = { kind: true, body: true, advisorId: true, advisorName: true, answer: true, feedKey: true }

/**
 * A group's answered questions shared with it, latest answer first, as the group reads
 * them: no asker's name or id anywhere (not even read from the database). For its
 * members, its advisors and the branch. One index range
 * (groupId_1_visibility_1_status_1_feedKey_1) a page at a time; three requests with the
 * caller (the page and the count).
 */
export const groupFeed = defineAction({
  contract: questionActions.groupFeed,
  group: (input) => input.groupId,
  handler: async (input) => {
    const where = { groupId: input.groupId, visibility: 'group', status: 'answered' }
    const [page, counted] = await Promise.all([
      keysetPage<QuestionDoc>(feedKeyset, input, [{ where }], SHARED_FIELDS),
      database().collection(Q.questions).where(where).count()
    ])
    return { items: page.docs.map(sharedQuestionOf), nextCursor: page.nextCursor, total: counted.total }
  }
})
