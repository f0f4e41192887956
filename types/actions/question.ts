/**
 * 向指导教师提问 questions to advisors: an intern asks one of their group's advisors a
 * professional or ideological question, privately or shared with the group; the advisor
 * asked (or the branch) answers it once, and the asker is told by a subscription message.
 * A question is read by its asker, the advisor asked and the branch; a shared one, once
 * answered, also by the asker's group and its advisors — without the asker's name or id.
 * Unanswered questions age in the advisor's inbox, marked once they have waited the
 * branch's `questionUnansweredDays` (settings). Every write carries a client request id
 * and is applied once.
 */
import { z } from 'zod'
import { QUESTION_KINDS, QUESTION_LIMITS, QUESTION_STATUSES, QUESTION_VISIBILITIES } from '../questions'
import { action, cursorInput, cursorPage, empty, id, requestId } from '../schema'

const questionKind = z.enum(QUESTION_KINDS)
const questionVisibility = z.enum(QUESTION_VISIBILITIES)
const questionStatus = z.enum(QUESTION_STATUSES)

const personRef = z.object({ id: z.string(), name: z.string() })

/** An answer: who gave it (指导教师, or 党总支 when the branch answered) and when. */
export const questionAnswer = z.object({
  body: z.string(),
  answeredAt: z.string(),
  byName: z.string(),
  byRole: z.string()
})

/** A question as its asker, the advisor asked and the branch read it. */
export const questionView = z.object({
  id: z.string(),
  kind: questionKind,
  visibility: questionVisibility,
  status: questionStatus,
  body: z.string(),
  asker: personRef,
  advisor: personRef,
  groupId: z.string(),
  askedAt: z.string(),
  /** whole days it waited: until answered, or until now while open */
  waitedDays: z.number().int(),
  /** open and waited at least the branch's `questionUnansweredDays` */
  overdue: z.boolean(),
  answer: questionAnswer.nullable(),
  /** the caller may answer it now: the advisor asked, or the branch, while it is open */
  canAnswer: z.boolean(),
  /** the caller asked it */
  mine: z.boolean()
})

/** An answered question shared with the group, as the group reads it: nothing names or identifies the asker. */
export const sharedQuestion = z.object({
  id: z.string(),
  kind: questionKind,
  body: z.string(),
  advisorName: z.string(),
  answer: questionAnswer
})

const questionBody = z.string().trim().min(1, '请写下你的问题').max(QUESTION_LIMITS.body, `问题不能超过${QUESTION_LIMITS.body}字`)
const answerBody = z.string().trim().min(1, '请写下回答').max(QUESTION_LIMITS.answer, `回答不能超过${QUESTION_LIMITS.answer}字`)

export const questionActions = {
  ask: action({
    summary: '向本小组的一位指导教师提问（同一请求编号只生效一次）',
    input: z.object({
      requestId,
      advisorId: id,
      kind: questionKind,
      visibility: questionVisibility.default('private'),
      body: questionBody
    }).strict(),
    output: questionView,
    access: { intern: 'any' }
  }),
  advisors: action({
    summary: '可以提问的指导教师（本小组的指导教师）',
    input: empty,
    output: z.object({ groupId: z.string().nullable(), advisors: z.array(personRef) }),
    access: { intern: 'any' }
  }),
  mine: action({
    summary: '我的提问（最新在前）',
    input: z.object({ ...cursorInput }).strict(),
    output: cursorPage(questionView),
    access: { intern: 'any' }
  }),
  inbox: action({
    summary: '学生向我提的问题：待回答的在前（等得最久的最先），已回答的在后',
    input: z.object({ ...cursorInput }).strict(),
    output: cursorPage(questionView).extend({
      /** questions still waiting for the caller's answer */
      open: z.number().int(),
      /** an open question is overdue after this many days (the branch's setting) */
      overdueAfterDays: z.number().int()
    }),
    access: { advisor: 'any' }
  }),
  answer: action({
    summary: '回答学生的提问（只能回答一次；提问人会收到提醒）',
    input: z.object({ requestId, questionId: id, body: answerBody }).strict(),
    output: questionView,
    access: { advisor: 'any', admin: 'any' }
  }),
  get: action({
    summary: '查看一个提问及其回答',
    input: z.object({ questionId: id }).strict(),
    output: z.discriminatedUnion('view', [
      questionView.extend({ view: z.literal('full') }),
      /** a peer's view of an answered question shared with the group */
      sharedQuestion.extend({ view: z.literal('shared') })
    ]),
    access: { intern: 'any', advisor: 'any', admin: 'any' }
  }),
  groupFeed: action({
    summary: '小组问答：分享给小组并已回答的提问（不显示提问人）',
    input: z.object({ ...cursorInput, groupId: id }).strict(),
    output: cursorPage(sharedQuestion),
    access: { intern: 'group', advisor: 'group', admin: 'any' }
  }),
  subscribe: action({
    summary: '同意接收提问被回答的提醒（一次性订阅消息）',
    input: z.object({ accepted: z.number().int().min(1).max(3) }).strict(),
    output: z.object({ remaining: z.number().int() }),
    access: { intern: 'any' }
  })
}
