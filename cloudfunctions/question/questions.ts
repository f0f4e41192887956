/** Reading questions, checking what people write, and telling the asker of an answer. */
import { database } from '../common/app'
import type { ActionContext } from '../common/dispatcher'
import { invalid } from '../common/errors'
import { messenger, screenContent, takeSubscription } from '../common/ports'
import { OUTBOX } from '../common/ports/outbox'
import type { TextScene } from '../common/ports'
import type { QuestionDoc } from './model'
import { Q } from './model'
import type { Reader } from './views'

export const TEMPLATE = 'questionAnswered'
/** The page an answer's message opens. */
const QUESTION_PAGE = 'packages/question/pages/detail/index'

/** A question by id, or null. One request. */
export async function findQuestion(id: string): Promise<QuestionDoc | null> {
  return ((await database().collection(Q.questions).doc(id).get()).data[0] as QuestionDoc | undefined) ?? null
}

/** The caller as a reader of views. */
export const readerOf = (ctx: ActionContext): Reader => ({ personId: ctx.person()._id, admin: ctx.caller.roles.includes('admin') })

/**
 * The text passes the content check at once: risky is refused, and so is text WeChat
 * would hold for review (to be reworded), as comments and check-ins do — a question or an
 * answer held unseen would leave the other side waiting. No database request.
 */
export async function screenText(text: string, scene: TextScene, openid: string | null, what: string): Promise<void> {
  const screened = await screenContent({ texts: [text], scene }, openid, what)
  if (screened.verdict !== 'pass') throw invalid(`${what}需人工审核${screened.reason ? `（${screened.reason}）` : ''}，请修改后再提交`)
}

/** The answer's message, and its dispatch: one per question, since a question is answered once. */
const answerMessageKey = (id: string): string => `questionAnswered:${id}`

/** Whether the answer's message is already queued (or sent): a retry then has nobody more to tell. One request. */
export async function answerQueued(id: string): Promise<boolean> {
  const { data } = await database().collection(OUTBOX).doc(answerMessageKey(id)).field({ _id: true }).get()
  return data.length > 0
}

/**
 * Tells the asker their question was answered, when they accepted to be told: one
 * acceptance taken for the question (its answer is given once), the message keyed by the
 * question — so a retried answer takes nothing more and queues nothing more. Two requests:
 * the take and the queueing, or the take and its read-back when nothing was taken.
 */
export async function tellAsker(q: QuestionDoc): Promise<void> {
  if (!q.askerOpenid || !q.answer) return
  const dispatch = answerMessageKey(q._id)
  if (!(await takeSubscription(q.askerId, TEMPLATE, dispatch))) return
  await messenger().send([{
    personId: q.askerId, openid: q.askerOpenid, template: TEMPLATE,
    page: `${QUESTION_PAGE}?questionId=${encodeURIComponent(q._id)}`,
    data: { thing1: q.body, name2: q.answer.byName, thing3: q.answer.body },
    key: dispatch
  }])
}
