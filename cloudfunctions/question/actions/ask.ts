import type { z } from 'zod'
import { questionActions } from '../../../types/actions/question'
import { database } from '../../common/app'
import { isDuplicateWrite } from '../../common/db'
import { ActionContext, defineAction } from '../../common/dispatcher'
import { invalid, precondition } from '../../common/errors'
import { askerKey, openInboxKey, Q, QuestionDoc, questionId } from '../model'
import { findQuestion, readerOf, screenText } from '../questions'
import { questionUnansweredDays } from '../settings'
import { questionViewOf } from '../views'

type AskInput = z.output<typeof questionActions.ask.input>

/** The question as it will be stored: asked of an advisor of the caller's own group, as the caller load brought it. */
function questionOf(input: AskInput, ctx: ActionContext): QuestionDoc {
  const me = ctx.person()
  const group = ctx.caller.group
  if (!group) throw precondition('你还没有加入党小组，加入后才能向小组的指导教师提问')
  const at = group.advisorIds.indexOf(input.advisorId)
  if (at < 0) throw invalid('只能向本小组的指导教师提问，请重新选择')
  const _id = questionId(me._id, input.requestId)
  return {
    _id, requestIds: [input.requestId], year: group.year, groupId: group._id,
    askerId: me._id, askerName: me.name, askerOpenid: ctx.caller.openid,
    advisorId: input.advisorId, advisorName: group.advisorNames[at] ?? '指导教师',
    kind: input.kind, body: input.body, visibility: input.visibility, status: 'open', askedAt: ctx.now,
    answer: null, answeredAt: null, key: askerKey(ctx.now, _id), inboxKey: openInboxKey(ctx.now, _id), feedKey: null
  }
}

/** Writes the question; one written by an earlier try of the same request is answered as it is. */
async function insertOnce(q: QuestionDoc): Promise<QuestionDoc> {
  try {
    await database().collection(Q.questions).add(q)
    return q
  } catch (e) {
    if (!isDuplicateWrite(e)) throw e
    const made = await findQuestion(q._id)
    if (!made || made.askerId !== q.askerId) throw e
    return made
  }
}

/**
 * An intern asks one of their group's advisors (the one they choose), once per request
 * id: the question's id is made from the asker and the request, so a retry finds what the
 * first try wrote. The text passes the content check first. Three requests with the
 * caller (the write and the branch's overdue setting, together); a retry four.
 */
export const ask = defineAction({
  contract: questionActions.ask,
  handler: async (input, ctx) => {
    const question = questionOf(input, ctx)
    await screenText(input.body, input.visibility === 'group' ? 'log' : 'comment', ctx.caller.openid, '问题内容')
    const [stored, days] = await Promise.all([insertOnce(question), questionUnansweredDays()])
    return questionViewOf(stored, readerOf(ctx), ctx.now, days)
  }
})
