/**
 * What the question tests share: the fixture with a second advisor in group A (so an
 * intern chooses whom to ask), the question collections emptied before each test, ask
 * inputs with fresh request ids, and questions written straight into the database as the
 * function stores them (for timelines the clock cannot be made to walk through).
 */
import { randomBytes } from 'node:crypto'
import { answeredInboxKey, askerKey, feedKeyOf, openInboxKey, QuestionDoc, questionId } from '../../cloudfunctions/question/model'
import type { ActionInput } from '../../types/contract'
import { buildFixture, Fixture, loadFixture, OPENID } from './fixture'
import { Harness, useHarness } from './harness'

const QUESTION_COLLECTIONS = ['questions', 'subscriptions', 'outbox', 'settings']

/** Group A's second advisor. */
export const ADVISOR_A2 = { id: 'advisor-a2', openid: 'o-advisor-a2', name: '刘老师' }

/** The fixture, with advisor-a2 advising group A beside advisor-a (and the advisors named as people read them). */
export function questionFixture(): Fixture {
  const f = buildFixture()
  const advisorA = f.people.find((p) => p._id === 'advisor-a')!
  f.people.push({ ...advisorA, _id: ADVISOR_A2.id, no: 'T0003', name: ADVISOR_A2.name, openid: ADVISOR_A2.openid })
  advisorA.name = '王老师'
  f.people.find((p) => p._id === 'advisor-b')!.name = '陈老师'
  const a = f.groups.find((g) => g._id === 'group-a')!
  a.advisorIds = ['advisor-a', ADVISOR_A2.id]
  a.advisorNames = ['王老师', ADVISOR_A2.name]
  f.groups.find((g) => g._id === 'group-b')!.advisorNames = ['陈老师']
  return f
}

export async function clearQuestions(h: Harness): Promise<void> {
  const db = h.app.database()
  for (const c of QUESTION_COLLECTIONS) await db.collection(c).where({ _id: db.command.exists(true) }).remove()
}

/** The harness with the question fixture and no questions, messages or settings before each test. */
export function useQuestionHarness(): Harness {
  const h = useHarness({ fixturePerTest: false })
  beforeEach(async () => {
    await loadFixture(h.app, questionFixture())
    await clearQuestions(h)
  })
  return h
}

/** A fresh client request id. */
export const rid = (): string => `r-${randomBytes(8).toString('hex')}`

type AskInput = ActionInput<'question', 'ask'>

export const askInput = (extra: Partial<AskInput> = {}): AskInput => ({
  requestId: rid(), advisorId: 'advisor-a', kind: 'professional', visibility: 'private',
  body: '实习中遇到危重病人时，怎样和家属沟通病情更合适？', ...extra
})

/** Asks as intern A (or `openid`). */
export const ask = (h: Harness, extra: Partial<AskInput> = {}, openid: string = OPENID.internA) => h.ok(openid, 'question', 'ask', askInput(extra))

/** Answers as advisor A (or `openid`). */
export const answer = (h: Harness, questionId: string, openid: string = OPENID.advisorA, body = '先了解家属已经知道什么，再用通俗的话说明病情。') =>
  h.ok(openid, 'question', 'answer', { requestId: rid(), questionId, body })

export async function questionsIn(h: Harness): Promise<QuestionDoc[]> {
  return (await h.app.database().collection('questions').limit(1000).get()).data as QuestionDoc[]
}

export async function outboxIn(h: Harness): Promise<{ _id: string; personId: string; template: string; page: string; data: Record<string, string> }[]> {
  return (await h.app.database().collection('outbox').limit(1000).get()).data as any
}

/** Accepts `n` answer messages as intern A (or `openid`). */
export const subscribe = (h: Harness, n = 1, openid: string = OPENID.internA) => h.ok(openid, 'question', 'subscribe', { accepted: n })

/** Sets the branch's overdue threshold, as the oversight settings keep it. */
export async function setUnansweredDays(h: Harness, days: number): Promise<void> {
  const db = h.app.database()
  await db.collection('settings').where({ _id: 'cadences' }).remove()
  await db.collection('settings').add({ _id: 'cadences', questionUnansweredDays: days })
}

/** A question as the function stores it, asked by `askerId` of `advisorId` at `askedAt`, answered at `answeredAt` if given. */
export function storedQuestion(n: number, fields: { askerId: string; askerName?: string; groupId?: string; advisorId?: string; advisorName?: string;
  visibility?: QuestionDoc['visibility']; askedAt: Date; answeredAt?: Date | null }): QuestionDoc {
  const requestId = `bulk-${n}-${fields.askedAt.getTime()}`
  const _id = questionId(fields.askerId, requestId)
  const advisorId = fields.advisorId ?? 'advisor-a'
  const answeredAt = fields.answeredAt ?? null
  return {
    _id, requestIds: [requestId], year: '2026-2027', groupId: fields.groupId ?? 'group-a',
    askerId: fields.askerId, askerName: fields.askerName ?? fields.askerId, askerOpenid: null,
    advisorId, advisorName: fields.advisorName ?? '王老师', kind: n % 2 ? 'ideological' : 'professional',
    body: `第${n}个问题：实习中怎样平衡学习和工作？`, visibility: fields.visibility ?? 'private',
    status: answeredAt ? 'answered' : 'open', askedAt: fields.askedAt,
    answer: answeredAt ? { body: `第${n}个回答：先把每天的病例整理成笔记。`, answeredAt, by: advisorId, byName: fields.advisorName ?? '王老师' } : null,
    answeredAt,
    key: askerKey(fields.askedAt, _id),
    inboxKey: answeredAt ? answeredInboxKey(answeredAt, _id) : openInboxKey(fields.askedAt, _id),
    feedKey: answeredAt ? feedKeyOf(answeredAt, _id) : null
  }
}

/** Writes questions straight into the database, in bulk. */
export async function storeQuestions(h: Harness, docs: QuestionDoc[]): Promise<void> {
  for (let i = 0; i < docs.length; i += 500) await h.app.database().collection('questions').add(docs.slice(i, i + 500))
}
