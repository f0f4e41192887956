/**
 * The asker's list and the advisor's inbox over generated timelines (questions asked days
 * apart, some answered later, of several advisors, by several askers): the inbox holds
 * the advisor's own questions, open ones first with the longest waiting first, each with
 * the whole days it waited and marked overdue exactly from the branch's setting (or its
 * default), then answered ones latest answer first; the asker's list holds theirs newest
 * first; both page without gaps or repeats at any page size.
 */
import fc from 'fast-check'
import type { QuestionDoc } from '../../cloudfunctions/question/model'
import { DEFAULT_QUESTION_UNANSWERED_DAYS } from '../../types/questions'
import { OPENID } from './fixture'
import type { Harness } from './harness'
import { ADVISOR_A2, setUnansweredDays, storedQuestion, storeQuestions, useQuestionHarness } from './questionWorld'

const DAY = 86_400_000

interface Planned { asker: 'intern-a' | 'core-a'; advisor: 'advisor-a' | 'advisor-a2'; daysAgo: number; answeredDaysLater: number | null }

const planned: fc.Arbitrary<Planned[]> = fc.array(fc.record({
  asker: fc.constantFrom<'intern-a' | 'core-a'>('intern-a', 'core-a'),
  advisor: fc.constantFrom<'advisor-a' | 'advisor-a2'>('advisor-a', 'advisor-a2'),
  daysAgo: fc.integer({ min: 0, max: 20 }),
  answeredDaysLater: fc.option(fc.integer({ min: 0, max: 20 }), { nil: null })
}), { minLength: 1, maxLength: 25 })

/**
 * The questions as the function stores them: asked half a day past `daysAgo` whole days
 * (so whole days waited never sit on a boundary while the test runs), a minute apart from
 * one another, answered `answeredDaysLater` days after (never after now).
 */
function timeline(plan: Planned[], now: number): QuestionDoc[] {
  return plan.map((p, i) => {
    const askedAt = new Date(now - p.daysAgo * DAY - DAY / 2 - i * 60_000)
    const later = p.answeredDaysLater === null ? null : Math.min(p.answeredDaysLater, p.daysAgo)
    return storedQuestion(i, {
      askerId: p.asker, advisorId: p.advisor, advisorName: p.advisor === 'advisor-a' ? '王老师' : ADVISOR_A2.name, askedAt,
      answeredAt: later === null ? null : new Date(askedAt.getTime() + later * DAY + i * 1000)
    })
  })
}

/** Every item of a list, paged through at `pageSize`. */
async function pageThrough(h: Harness, openid: string, action: 'mine' | 'inbox', pageSize: number) {
  const items: any[] = []
  const replies: any[] = []
  let cursor: string | undefined
  for (let i = 0; i < 100; i++) {
    const r = await h.ok(openid, 'question', action, { pageSize, ...(cursor ? { cursor } : {}) })
    replies.push(r)
    items.push(...r.items)
    if (!r.nextCursor) break
    cursor = r.nextCursor
  }
  return { items, replies }
}

const t = (d: Date | null): number => (d ? new Date(d).getTime() : 0)

describe('question lists', () => {
  const h = useQuestionHarness()

  it('the inbox: open ones oldest first with their days waited and overdue from the setting, then answered ones latest answer first', async () => {
    await fc.assert(fc.asyncProperty(planned, fc.option(fc.integer({ min: 0, max: 10 }), { nil: null }), fc.integer({ min: 1, max: 7 }), async (plan, setting, pageSize) => {
      const db = h.app.database()
      for (const c of ['questions', 'settings']) await db.collection(c).where({ _id: db.command.exists(true) }).remove()
      if (setting !== null) await setUnansweredDays(h, setting)
      const docs = timeline(plan, Date.now())
      await storeQuestions(h, docs)
      const threshold = setting ?? DEFAULT_QUESTION_UNANSWERED_DAYS
      for (const [openid, advisorId] of [[OPENID.advisorA, 'advisor-a'], [ADVISOR_A2.openid, ADVISOR_A2.id]] as const) {
        const mine = docs.filter((d) => d.advisorId === advisorId)
        const open = mine.filter((d) => d.status === 'open').sort((a, b) => t(a.askedAt) - t(b.askedAt))
        const answered = mine.filter((d) => d.status === 'answered').sort((a, b) => t(b.answeredAt) - t(a.answeredAt))
        const { items, replies } = await pageThrough(h, openid, 'inbox', pageSize)
        expect(items.map((i) => i.id)).toEqual([...open, ...answered].map((d) => d._id))
        for (const r of replies) expect({ open: r.open, overdueAfterDays: r.overdueAfterDays }).toEqual({ open: open.length, overdueAfterDays: threshold })
        const byId = new Map(plan.map((p, i) => [docs[i]._id, p]))
        for (const item of items) {
          const p = byId.get(item.id)!
          const waited = item.status === 'open' ? p.daysAgo : Math.min(p.answeredDaysLater!, p.daysAgo)
          expect({ id: item.id, waitedDays: item.waitedDays, overdue: item.overdue, canAnswer: item.canAnswer })
            .toEqual({ id: item.id, waitedDays: waited, overdue: item.status === 'open' && p.daysAgo >= threshold, canAnswer: item.status === 'open' })
        }
      }
    }), { numRuns: 12, seed: 20261214 })
  })

  it('the asker\'s list: their own questions, newest first, with the count', async () => {
    await fc.assert(fc.asyncProperty(planned, fc.integer({ min: 1, max: 7 }), async (plan, pageSize) => {
      const db = h.app.database()
      await db.collection('questions').where({ _id: db.command.exists(true) }).remove()
      const docs = timeline(plan, Date.now())
      await storeQuestions(h, docs)
      for (const [openid, askerId] of [[OPENID.internA, 'intern-a'], [OPENID.coreA, 'core-a']] as const) {
        const theirs = docs.filter((d) => d.askerId === askerId).sort((a, b) => t(b.askedAt) - t(a.askedAt))
        const { items, replies } = await pageThrough(h, openid, 'mine', pageSize)
        expect(items.map((i) => i.id)).toEqual(theirs.map((d) => d._id))
        for (const r of replies) expect(r.total).toBe(theirs.length)
        for (const item of items) expect(item).toMatchObject({ mine: true, canAnswer: false, asker: { id: askerId } })
      }
    }), { numRuns: 10, seed: 20261215 })
  })

  it('an answer moves the question from the open part of the inbox to the answered part', async () => {
    const now = Date.now()
    const docs = [0, 1, 2].map((i) => storedQuestion(i, { askerId: 'intern-a', askedAt: new Date(now - (5 - i) * DAY) }))
    await storeQuestions(h, docs)
    await h.ok(OPENID.advisorA, 'question', 'answer', { requestId: 'req-move-00001', questionId: docs[1]._id, body: '请参考科室的带教手册。' })
    const inbox = await h.ok(OPENID.advisorA, 'question', 'inbox', {})
    expect(inbox.items.map((i) => [i.id, i.status])).toEqual([[docs[0]._id, 'open'], [docs[2]._id, 'open'], [docs[1]._id, 'answered']])
    expect(inbox.open).toBe(2)
    expect(inbox.items[2]).toMatchObject({ waitedDays: 4, overdue: false, answer: { byName: '王老师', byRole: '指导教师' } })
  })
})
