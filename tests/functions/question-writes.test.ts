/**
 * Asking and answering from devices that may send anything again: one request id makes
 * one question (and one answer) however often and however concurrently it is sent, and
 * the asker is told of the answer at most once — once exactly when they accepted to be,
 * also when the answering try died after writing; of concurrent answers by different
 * people or requests one wins and the others are refused with CONFLICT; generated
 * invalid asks and answers change nothing; the teacher's home counts what waits for them.
 */
import fc from 'fast-check'
import { dieAtWrite } from './dying'
import { OPENID } from './fixture'
import type { Harness } from './harness'
import { ADVISOR_A2, ask, askInput, outboxIn, questionsIn, rid, subscribe, useQuestionHarness } from './questionWorld'

/** Every question, message and acceptance, as stored. */
async function state(h: Harness): Promise<string> {
  const db = h.app.database()
  const all = await Promise.all(['questions', 'outbox', 'subscriptions'].map((c) => db.collection(c).limit(1000).get()))
  return JSON.stringify(all.map((r) => r.data))
}

async function remaining(h: Harness, personId = 'intern-a'): Promise<number> {
  const { data } = await h.app.database().collection('subscriptions').doc(`questionAnswered:${personId}`).get()
  return (data[0] as { remaining?: number } | undefined)?.remaining ?? 0
}

async function clear(h: Harness): Promise<void> {
  const db = h.app.database()
  for (const c of ['questions', 'outbox', 'subscriptions']) await db.collection(c).where({ _id: db.command.exists(true) }).remove()
}

// One emulator for the file; the fixture and empty collections before each test.
const h = useQuestionHarness()

describe('question.ask', () => {

  it('stores the question asked of the advisor the asker chose, with the shared fields, and shows it in that advisor\'s inbox only', async () => {
    for (const [advisorId, openid, other] of [['advisor-a', OPENID.advisorA, ADVISOR_A2.openid], [ADVISOR_A2.id, ADVISOR_A2.openid, OPENID.advisorA]] as const) {
      const q = await ask(h, { advisorId, kind: 'ideological', visibility: 'group', body: '  怎样写好思想汇报？  ' })
      expect(q).toMatchObject({ advisor: { id: advisorId }, asker: { id: 'intern-a', name: '赵同学' }, kind: 'ideological', visibility: 'group', status: 'open', body: '怎样写好思想汇报？', waitedDays: 0, overdue: false, answer: null, mine: true })
      const stored = (await questionsIn(h)).find((d) => d._id === q.id)!
      expect(stored).toMatchObject({
        year: '2026-2027', groupId: 'group-a', askerId: 'intern-a', askerName: '赵同学', advisorId, kind: 'ideological', body: '怎样写好思想汇报？',
        visibility: 'group', status: 'open', answer: null, answeredAt: null, requestIds: [expect.any(String)]
      })
      expect(stored.askedAt).toBeInstanceOf(Date)
      expect((await h.ok(openid, 'question', 'inbox', {})).items.map((i) => i.id)).toContain(q.id)
      expect((await h.ok(other, 'question', 'inbox', {})).items.map((i) => i.id)).not.toContain(q.id)
    }
  })

  it('lists the advisors the intern may ask: their own group\'s, none without a group', async () => {
    expect(await h.ok(OPENID.internA, 'question', 'advisors', {})).toEqual({ groupId: 'group-a', advisors: [{ id: 'advisor-a', name: '王老师' }, { id: ADVISOR_A2.id, name: ADVISOR_A2.name }] })
    expect(await h.ok(OPENID.internB, 'question', 'advisors', {})).toEqual({ groupId: 'group-b', advisors: [{ id: 'advisor-b', name: '陈老师' }] })
    expect(await h.ok(OPENID.loner, 'question', 'advisors', {})).toEqual({ groupId: null, advisors: [] })
  })

  it('makes one question for one request id sent many times, at once and again later, and answers every try with it', async () => {
    await fc.assert(fc.asyncProperty(fc.integer({ min: 2, max: 6 }), fc.integer({ min: 0, max: 2 }), async (together, later) => {
      await clear(h)
      const input = askInput()
      const answers = await Promise.all(Array.from({ length: together }, () => h.ok(OPENID.internA, 'question', 'ask', input)))
      for (let i = 0; i < later; i++) answers.push(await h.ok(OPENID.internA, 'question', 'ask', input))
      expect(new Set(answers.map((a) => a.id)).size).toBe(1)
      expect(await questionsIn(h)).toHaveLength(1)
      // Another request id is another question.
      await h.ok(OPENID.internA, 'question', 'ask', askInput())
      expect(await questionsIn(h)).toHaveLength(2)
    }), { numRuns: 5 })
  })
})

describe('question.answer: once, and the asker told once', () => {

  it('applies one request id once however it is sent, and queues at most one message — one exactly when the asker accepted', async () => {
    await fc.assert(fc.asyncProperty(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 1, max: 5 }), fc.integer({ min: 0, max: 2 }), fc.boolean(),
      async (accepted, together, later, byAdmin) => {
        await clear(h)
        if (accepted) await subscribe(h, accepted)
        const q = await ask(h)
        const input = { requestId: rid(), questionId: q.id, body: '多向带教老师请教，把每天的病例整理成笔记。' }
        const who = byAdmin ? OPENID.admin : OPENID.advisorA
        const tries = await Promise.all(Array.from({ length: together }, () => h.call(who, 'question', 'answer', input)))
        for (let i = 0; i < later; i++) tries.push(await h.call(who, 'question', 'answer', input))
        expect(tries.map((t) => (t.ok ? t.data.status : t.error.code))).toEqual(tries.map(() => 'answered'))
        const stored = (await questionsIn(h))[0]
        expect(stored).toMatchObject({ status: 'answered', answer: { body: input.body, by: byAdmin ? 'admin' : 'advisor-a' }, requestIds: [expect.any(String), input.requestId] })
        const messages = (await outboxIn(h)).filter((m) => m.template === 'questionAnswered')
        expect(messages).toHaveLength(accepted ? 1 : 0)
        if (accepted) {
          expect(messages[0]).toMatchObject({ personId: 'intern-a', page: `packages/question/pages/detail/index?questionId=${q.id}`, data: { name2: byAdmin ? 'admin' : '王老师' } })
        }
        expect(await remaining(h)).toBe(Math.max(0, accepted - 1))
      }), { numRuns: 10 })
  })

  it('tells the asker once when the answering try died after writing the answer, however often it is sent again', async () => {
    await fc.assert(fc.asyncProperty(fc.integer({ min: 1, max: 3 }), fc.boolean(), async (retries, heardAnswer) => {
      await clear(h)
      await subscribe(h, 2)
      const q = await ask(h)
      const input = { requestId: rid(), questionId: q.id, body: '先了解家属已经知道什么，再用通俗的话说明病情。' }
      // The answer's conditional write is the try's first write: it lands, the process dies there or at the next one.
      const dying = dieAtWrite(h, heardAnswer ? 1 : 0, !heardAnswer)
      try {
        const died = await h.call(OPENID.advisorA, 'question', 'answer', input)
        expect(died.ok).toBe(false)
      } finally {
        dying.restore()
      }
      expect((await questionsIn(h))[0].status).toBe('answered')
      expect(await outboxIn(h)).toHaveLength(0)
      for (let i = 0; i < retries; i++) expect(await h.ok(OPENID.advisorA, 'question', 'answer', input)).toMatchObject({ status: 'answered', answer: { body: input.body } })
      expect((await outboxIn(h)).map((m) => m._id)).toEqual([`questionAnswered:${q.id}`])
      expect(await remaining(h)).toBe(1)
    }), { numRuns: 6 })
  })

  it('of concurrent answers by different people or requests, one wins; every other is refused with CONFLICT and changes nothing', async () => {
    const ANSWERERS = [OPENID.advisorA, OPENID.admin]
    await fc.assert(fc.asyncProperty(fc.array(fc.constantFrom(...ANSWERERS), { minLength: 2, maxLength: 6 }), async (who) => {
      await clear(h)
      await subscribe(h, 3)
      const q = await ask(h)
      const inputs = who.map((_, i) => ({ requestId: rid(), questionId: q.id, body: `第${i + 1}种回答：按照诊疗规范，先请示带教老师。` }))
      const results = await Promise.all(who.map((openid, i) => h.call(openid, 'question', 'answer', inputs[i])))
      const winners = results.flatMap((r, i) => (r.ok ? [i] : []))
      expect(winners).toHaveLength(1)
      for (const r of results) if (!r.ok) expect(r.error).toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/已由.+回答/) })
      const stored = (await questionsIn(h))[0]
      expect(stored.answer?.body).toBe(inputs[winners[0]].body)
      expect(stored.requestIds).toEqual([expect.any(String), inputs[winners[0]].requestId])
      expect(await outboxIn(h)).toHaveLength(1)
      expect(await remaining(h)).toBe(2)
      // A loser sending its answer again is still refused.
      const loser = results.findIndex((r) => !r.ok)
      expect(await h.call(who[loser], 'question', 'answer', inputs[loser])).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
    }), { numRuns: 8 })
  })
})

describe('question: invalid asks and answers change nothing', () => {

  /** Asks and answers the contract accepts but the rules refuse, with the code they get. */
  const refused = fc.oneof(
    fc.constantFrom('advisor-b', 'contact-a', 'intern-a', 'admin', 'nobody').map((advisorId) => ({ who: OPENID.internA, action: 'ask' as const, input: askInput({ advisorId }), code: 'INVALID_ARGUMENT' })),
    fc.constantFrom('advisor-a', 'advisor-a2').map((advisorId) => ({ who: OPENID.internB, action: 'ask' as const, input: askInput({ advisorId }), code: 'INVALID_ARGUMENT' })),
    fc.constant({ who: OPENID.loner, action: 'ask' as const, input: askInput(), code: 'FAILED_PRECONDITION' }),
    fc.constantFrom('网上赌场怎么注册？', '实习时有人推荐校园贷，可以借吗', '刷 单 返 利靠谱吗').map((body) => ({ who: OPENID.internA, action: 'ask' as const, input: askInput({ body }), code: 'INVALID_ARGUMENT' })),
    fc.constantFrom('可以去在线赌场看看', '传销也是一种工作').map((body) => ({ who: OPENID.advisorA, action: 'answer' as const, input: { requestId: rid(), questionId: 'QID', body }, code: 'INVALID_ARGUMENT' })),
    fc.constantFrom('question-none', '0'.repeat(32)).map((questionId) => ({ who: OPENID.advisorA, action: 'answer' as const, input: { requestId: rid(), questionId, body: '好的。' }, code: 'NOT_FOUND' })),
    fc.constantFrom('bad', 'WyJxdWVzdGlvbi5taW5lIiwieCJd', 'WyJxdWVzdGlvbi5pbmJveCIsIjA6MDAwMDAwMDAwMDAwMDowMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMCJd')
      .map((cursor) => ({ who: OPENID.internA, action: 'mine' as const, input: { cursor }, code: 'INVALID_ARGUMENT' }))
  )

  it('refuses each generated one with its code and a Chinese message, and nothing changes', async () => {
    const q = await ask(h)
    await subscribe(h, 1)
    await fc.assert(fc.asyncProperty(refused, async ({ who, action, input, code }) => {
      const before = await state(h)
      const body = 'questionId' in input && input.questionId === 'QID' ? { ...input, questionId: q.id } : input
      const r = await h.call(who, 'question', action, body as any)
      expect(r).toMatchObject({ ok: false, error: { code, message: expect.stringMatching(/[\u4e00-\u9fff]/) } })
      expect(await state(h)).toBe(before)
    }), { numRuns: 30, seed: 20261213 })
  })
})

describe('the teacher\'s home counts the questions waiting for them', () => {

  it('equals the open questions asked of each teacher after generated asks and answers; a unit contact has none to count', async () => {
    await fc.assert(fc.asyncProperty(fc.array(fc.record({ of: fc.constantFrom('advisor-a', ADVISOR_A2.id), answered: fc.boolean() }), { maxLength: 6 }), async (asked) => {
      await clear(h)
      for (const a of asked) {
        const q = await ask(h, { advisorId: a.of })
        if (a.answered) await h.ok(OPENID.admin, 'question', 'answer', { requestId: rid(), questionId: q.id, body: '请按科室规范处理。' })
      }
      const open = (of: string) => asked.filter((a) => a.of === of && !a.answered).length
      for (const [openid, of] of [[OPENID.advisorA, 'advisor-a'], [ADVISOR_A2.openid, ADVISOR_A2.id]] as const) {
        const home = (await h.ok(openid, 'user', 'home', {})).home
        expect(home).toMatchObject({ view: 'staff', openQuestions: open(of) })
        expect((await h.ok(openid, 'question', 'inbox', {})).open).toBe(open(of))
      }
      expect((await h.ok(OPENID.unitContactA, 'user', 'home', {})).home).toMatchObject({ view: 'staff', openQuestions: null })
    }), { numRuns: 5 })
  })
})
