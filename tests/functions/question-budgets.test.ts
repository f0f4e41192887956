/**
 * Database requests of the question actions, measured as the screens use them (the caller
 * load included): each at most 4, a retried ask 4 and a retried answer 4 when its message
 * was queued; the same at 4,000 questions as at 200 (written straight into the
 * database), and the documents read are a page's, whatever the collection holds.
 */
import { OPENID } from './fixture'
import type { Harness } from './harness'
import { ADVISOR_A2, askInput, rid, storedQuestion, storeQuestions, useQuestionHarness } from './questionWorld'

const DAY = 86_400_000

/** `n` questions from `from` on: a tenth intern A's of advisor A in group A (some shared and answered), the rest other askers', advisors' and groups'. */
async function bulkQuestions(h: Harness, n: number, from: number): Promise<void> {
  const now = Date.now()
  const docs = Array.from({ length: n }, (_, k) => {
    const i = from + k
    const own = i % 10 === 0
    const inA = i % 3 === 0
    return storedQuestion(i, {
      askerId: own ? 'intern-a' : `bulk-${i % 300}`, groupId: own || inA ? 'group-a' : `group-x${i % 50}`,
      advisorId: own || inA ? (i % 2 ? 'advisor-a' : ADVISOR_A2.id) : `teacher-${i % 40}`,
      visibility: i % 4 === 0 ? 'group' : 'private',
      askedAt: new Date(now - DAY - (i % 365) * DAY / 2 - i * 1000),
      answeredAt: i % 5 < 3 ? new Date(now - (i % 365) * DAY / 4 - i * 1000) : null
    })
  })
  await storeQuestions(h, docs)
}

describe('question: request budgets', () => {
  const h = useQuestionHarness()

  const cost = async (run: () => Promise<unknown>): Promise<{ requests: number; docs: number }> => {
    h.resetCounters()
    const docs = h.emulator!.store.stats.docsExamined
    await run()
    return { requests: h.dbRequests(), docs: h.emulator!.store.stats.docsExamined - docs }
  }

  /** Every action once, as the screens use them, on a question asked now. */
  async function screens(): Promise<Record<string, { requests: number; docs: number }>> {
    const input = askInput({ visibility: 'group' })
    let questionId = ''
    let cursor: string | null = null
    const answerInput = () => ({ requestId: `answer-${questionId.slice(0, 12)}`, questionId, body: '请参考科室的带教手册，有疑问随时问我。' })
    const out = {
      advisors: await cost(() => h.ok(OPENID.internA, 'question', 'advisors', {})),
      ask: await cost(async () => { questionId = (await h.ok(OPENID.internA, 'question', 'ask', input)).id }),
      askRetry: await cost(() => h.ok(OPENID.internA, 'question', 'ask', input)),
      askRefused: await cost(() => h.call(OPENID.internA, 'question', 'ask', askInput({ advisorId: 'advisor-b' }))),
      mineFirst: await cost(async () => { cursor = (await h.ok(OPENID.internA, 'question', 'mine', { pageSize: 10 })).nextCursor }),
      mineNext: await cost(() => h.ok(OPENID.internA, 'question', 'mine', { pageSize: 10, cursor: cursor! })),
      inboxFirst: await cost(async () => { cursor = (await h.ok(OPENID.advisorA, 'question', 'inbox', { pageSize: 10 })).nextCursor }),
      inboxNext: await cost(() => h.ok(OPENID.advisorA, 'question', 'inbox', { pageSize: 10, cursor: cursor! })),
      teacherHome: await cost(() => h.ok(OPENID.advisorA, 'user', 'home', {})),
      getAsker: await cost(() => h.ok(OPENID.internA, 'question', 'get', { questionId })),
      getAdvisor: await cost(() => h.ok(OPENID.advisorA, 'question', 'get', { questionId })),
      answer: await cost(() => h.ok(OPENID.advisorA, 'question', 'answer', answerInput())),
      answerRetry: await cost(() => h.ok(OPENID.advisorA, 'question', 'answer', answerInput())),
      answerConflict: await cost(() => h.call(OPENID.admin, 'question', 'answer', { ...answerInput(), requestId: rid() })),
      getPeer: await cost(() => h.ok(OPENID.coreA, 'question', 'get', { questionId })),
      groupFeedFirst: await cost(async () => { cursor = (await h.ok(OPENID.coreA, 'question', 'groupFeed', { groupId: 'group-a', pageSize: 10 })).nextCursor }),
      groupFeedNext: await cost(() => h.ok(OPENID.coreA, 'question', 'groupFeed', { groupId: 'group-a', pageSize: 10, cursor: cursor! })),
      subscribe: await cost(() => h.ok(OPENID.internA, 'question', 'subscribe', { accepted: 1 }))
    }
    // Unsubscribed askers are answered within the budget too (taking finds no acceptance, and reads back).
    await h.ok(OPENID.internA, 'question', 'subscribe', { accepted: 1 })
    const unsubscribed = (await h.ok(OPENID.coreA, 'question', 'ask', askInput())).id
    return {
      ...out,
      answerUnsubscribed: await cost(() => h.ok(OPENID.advisorA, 'question', 'answer', { requestId: rid(), questionId: unsubscribed, body: '好的，下次小组会上一起讨论。' }))
    }
  }

  it('answers every action in at most 4 requests, the same at 4,000 questions as at 200, reading a page\'s documents', async () => {
    await h.ok(OPENID.internA, 'question', 'subscribe', { accepted: 3 })
    await bulkQuestions(h, 200, 0)
    const small = await screens()
    await bulkQuestions(h, 3_800, 200)
    expect((await h.app.database().collection('questions').count()).total).toBeGreaterThanOrEqual(4_000)
    const large = await screens()
    const requests = (c: typeof small) => Object.fromEntries(Object.entries(c).map(([k, v]) => [k, v.requests]))
    expect(requests(large)).toEqual(requests(small))
    expect(requests(large)).toEqual({
      advisors: 1, ask: 3, askRetry: 4, askRefused: 1, mineFirst: 4, mineNext: 4, inboxFirst: 4, inboxNext: 4, teacherHome: 2,
      getAsker: 3, getAdvisor: 3, answer: 4, answerRetry: 4, answerConflict: 4, getPeer: 3, groupFeedFirst: 3, groupFeedNext: 3,
      subscribe: 2, answerUnsubscribed: 4
    })
    // Documents read: the caller's (with their groups), and a page of 10 with the one after it, or the one question — whatever the collection holds.
    for (const [action, c] of Object.entries(large)) expect({ action, docs: c.docs <= 2 + 11 }).toEqual({ action, docs: true })
  })
})
