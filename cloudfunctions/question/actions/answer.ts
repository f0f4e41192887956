import type { z } from 'zod'
import { questionActions } from '../../../types/actions/question'
import { database } from '../../common/app'
import { ActionContext, defineAction } from '../../common/dispatcher'
import { conflict, denied } from '../../common/errors'
import { answersIt, assertReader } from '../access'
import { answeredInboxKey, feedKeyOf, Q, QuestionDoc, StoredAnswer } from '../model'
import { answerQueued, findQuestion, readerOf, screenText, tellAsker } from '../questions'
import { questionViewOf } from '../views'

type AnswerInput = z.output<typeof questionActions.answer.input>

/**
 * Why the answer wrote nothing, or the answer an earlier try of the same request wrote
 * (a retry after a lost reply, or after a try that died before telling the asker), with
 * whether that try's message is queued already. Two requests, together.
 */
async function refusalOrEarlier(input: AnswerInput, ctx: ActionContext): Promise<{ q: QuestionDoc; told: boolean }> {
  const [q, told] = await Promise.all([findQuestion(input.questionId), answerQueued(input.questionId)])
  assertReader(ctx, q)
  if (!answersIt(ctx, q!)) throw denied('只有被提问的指导教师可以回答这个问题')
  if (q!.answer && q!.answer.by === ctx.person()._id && q!.requestIds.includes(input.requestId)) return { q: q!, told }
  throw conflict(q!.answer ? `这个问题已由${q!.answer.byName}回答` : '这个问题已经回答过了')
}

/**
 * The advisor asked (or the branch) answers an open question, once: one conditional
 * write (open, and asked of the caller unless the branch answers) sets the answer, moves
 * the question to the answered part of the inbox and into the group's shared answers
 * when shared. Of two answers at once one wins, the other is refused (CONFLICT). Then
 * the asker is told, when they accepted to be (tellAsker). Four requests with the
 * caller; a refusal four too, and a retry whose message was queued (a lost reply) four;
 * any other retry six (it tries to tell the asker: after a try that died before its
 * message was queued, or when the asker had no acceptance).
 */
export const answer = defineAction({
  contract: questionActions.answer,
  handler: async (input, ctx) => {
    const me = ctx.person()
    await screenText(input.body, 'comment', ctx.caller.openid, '回答内容')
    const _ = database().command
    const stored: StoredAnswer = { body: input.body, answeredAt: ctx.now, by: me._id, byName: me.name }
    const mineOnly = ctx.caller.roles.includes('admin') ? {} : { advisorId: me._id }
    const { doc } = await database().collection(Q.questions)
      .where({ _id: input.questionId, status: 'open', ...mineOnly })
      .updateAndReturn({
        status: 'answered', answer: stored, answeredAt: ctx.now,
        inboxKey: answeredInboxKey(ctx.now, input.questionId), feedKey: feedKeyOf(ctx.now, input.questionId),
        requestIds: _.push([input.requestId])
      }) as { doc: QuestionDoc | null }
    const { q, told } = doc ? { q: doc, told: false } : await refusalOrEarlier(input, ctx)
    if (!told) await tellAsker(q)
    return questionViewOf(q, readerOf(ctx), ctx.now, null)
  }
})
