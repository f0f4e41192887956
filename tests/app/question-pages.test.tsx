/**
 * Question pages with `call` answered by the test: the ask form loads the advisors with
 * one call, refuses generated broken forms on the field broken with nothing sent, sends
 * contract-valid input with one request id however often 发送 is tapped and again after a
 * failure (the id kept in the draft across a closed page), and offers the reminder after
 * sending; lists draw each generated question's state — 待回答 with the days waited, red
 * exactly when the function says overdue (the inbox's threshold is the reply's, not the
 * page's), 已回答; one question shows its answer, the answer form to whom the function
 * allows it, and a refusal in place; the group's Q&A; the entries on 我的, 首页 and the
 * group's page; empty and error states.
 */
import { fireEvent, render, screen } from '@testing-library/react'
import fc from 'fast-check'
import { questionActions } from '../../types/actions/question'
import { QUESTION_KINDS, QUESTION_LIMITS, QUESTION_VISIBILITIES } from '../../types/questions'
import AskPage from '../../src/packages/question/pages/ask'
import MinePage from '../../src/packages/question/pages/mine'
import DetailPage from '../../src/packages/question/pages/detail'
import InboxPage from '../../src/packages/question/pages/inbox'
import GroupPage from '../../src/packages/question/pages/group'
import MePage from '../../src/pages/me'
import HomePage from '../../src/pages/home'
import GroupDetailScreen from '../../src/components/GroupDetail'
import { AskForm, checkAskForm } from '../../src/packages/question/questions'
import { ROUTES } from '../../src/routes'
import { call, CallError } from '../../src/services/cloud'
import { clearSession, setMe } from '../../src/services/session'
import Taro, { clearStorageSync, firePageEvent, setRouterParams } from './mocks/taro'
import { settle } from './pending'
import { Handler, inputsOf, serveWith } from './serve'

jest.mock('../../src/services/cloud', () => ({ ...jest.requireActual('../../src/services/cloud'), call: jest.fn() }))
const mockCall = call as unknown as jest.Mock
const serve = (handlers: Record<string, Handler>): void => serveWith(mockCall, handlers)
const callsTo = (action: string): any[] => inputsOf(mockCall, 'question', action)
const calls = (): string[] => mockCall.mock.calls.map(([fn, a]) => `${fn}.${a}`)
const typeInto = (el: Element, value: string) => fireEvent(el, new CustomEvent('input', { detail: { value, cursor: value.length }, bubbles: true }))
const offline = () => new CallError('NETWORK_ERROR', '网络不可用')
const contractAccepts = (input: unknown) => questionActions.ask.input.safeParse(input).success

const T = '2026-11-02T02:00:00.000Z'
const ADVISORS = [{ id: 't1', name: '王老师' }, { id: 't2', name: '刘老师' }]

const question = (id: string, extra: Record<string, unknown> = {}) => ({
  id, kind: 'professional', visibility: 'private', status: 'open', body: `问题${id}：怎样和家属沟通病情？`,
  asker: { id: 'p1', name: '赵同学' }, advisor: { id: 't1', name: '王老师' }, groupId: 'g1', askedAt: T,
  waitedDays: 0, overdue: false, answer: null, canAnswer: false, mine: true, ...extra
})
const answered = (id: string, extra: Record<string, unknown> = {}) => question(id, {
  status: 'answered', waitedDays: 1, answer: { body: `回答${id}：先了解家属知道什么。`, answeredAt: T, byName: '王老师', byRole: '指导教师' }, ...extra
})

function meAs(kind: 'student' | 'teacher', roles: string[], groupId: string | null = 'g1', advisorOf: string[] = []) {
  setMe({
    bound: true, roles: roles as any, advisorOf, contactOf: [],
    person: { id: kind === 'student' ? 'p1' : 't1', no: '2023001', name: kind === 'student' ? '赵同学' : '王老师', kind, politicalStatus: 'masses', groupId, groupRole: null, phone: null, unitName: null, province: '河南省', city: '郑州市' }
  })
}

beforeEach(() => {
  clearStorageSync()
  clearSession()
  setRouterParams({})
  mockCall.mockReset()
  for (const f of [Taro.navigateTo, Taro.redirectTo, Taro.showModal, Taro.switchTab]) (f as jest.Mock).mockClear()
})

// ---------------------------------------------------------------------------------------------
// The ask form's checks

const formArb: fc.Arbitrary<AskForm> = fc.record({
  advisorId: fc.constantFrom('t1', 't2'),
  kind: fc.constantFrom(...QUESTION_KINDS),
  visibility: fc.constantFrom(...QUESTION_VISIBILITIES),
  body: fc.tuple(fc.integer({ min: 1, max: QUESTION_LIMITS.body }), fc.constantFrom('', ' ', '\n')).map(([n, pad]) => `${pad}${'问'.repeat(n)}${pad}`),
  requestId: fc.constant('req-abcdefghij')
})

type Breakage = { field: 'advisorId' | 'kind' | 'body'; apply: (f: AskForm) => AskForm }
const breakages: fc.Arbitrary<Breakage> = fc.oneof(
  fc.constant({ field: 'advisorId' as const, apply: (f: AskForm) => ({ ...f, advisorId: null }) }),
  fc.constant({ field: 'kind' as const, apply: (f: AskForm) => ({ ...f, kind: null }) }),
  fc.constantFrom('', '   ', '\n\t').map((body) => ({ field: 'body' as const, apply: (f: AskForm) => ({ ...f, body }) })),
  fc.integer({ min: QUESTION_LIMITS.body + 1, max: QUESTION_LIMITS.body + 300 }).map((n) => ({ field: 'body' as const, apply: (f: AskForm) => ({ ...f, body: '问'.repeat(n) }) }))
)

describe('the ask form checks', () => {
  it('accepts generated valid forms as input the contract accepts', () => {
    fc.assert(fc.property(formArb, (form) => {
      const checked = checkAskForm(form)
      expect('input' in checked && contractAccepts(checked.input)).toBe(true)
    }), { numRuns: 200 })
  })

  it('refuses every generated broken form on the field broken, in Chinese, as the contract would', () => {
    fc.assert(fc.property(formArb, breakages, (form, { field, apply }) => {
      const broken = apply(form)
      const checked = checkAskForm(broken)
      expect('problem' in checked && checked.problem.field).toBe(field)
      if ('problem' in checked) expect(checked.problem.message).toMatch(/[\u4e00-\u9fff]/)
      expect(contractAccepts({ ...broken, body: broken.body })).toBe(false)
    }), { numRuns: 200 })
  })
})

// ---------------------------------------------------------------------------------------------
// The ask page

const renderAsk = async (advisors = ADVISORS, groupId: string | null = 'g1') => {
  meAs('student', ['intern'], groupId)
  const page = render(<AskPage />)
  await settle()
  return page
}
const body = (c: HTMLElement) => c.querySelector('.q-form__body')!
const pick = (text: string) => fireEvent.click(screen.getByText(text))

describe('the ask page', () => {
  it('loads the advisors with one call and explains in plain words what sharing with the group means', async () => {
    serve({ 'question.advisors': () => ({ groupId: 'g1', advisors: ADVISORS }) })
    const page = await renderAsk()
    expect(calls()).toEqual(['question.advisors'])
    screen.getByText('王老师')
    screen.getByText('刘老师')
    screen.getByText('老师回答后，小组同学能看到问题和回答，但看不到提问人是谁')
    expect(page.container.querySelectorAll('.q-chip--on')).toHaveLength(0)
    page.unmount()
  })

  it('chooses the only advisor already', async () => {
    serve({ 'question.advisors': () => ({ groupId: 'g1', advisors: [ADVISORS[1]] }) })
    const page = await renderAsk()
    expect(Array.from(page.container.querySelectorAll('.q-chip--on')).map((e) => e.textContent)).toEqual(['刘老师'])
    page.unmount()
  })

  it('refuses generated broken forms with the field named, and sends nothing', async () => {
    type PageBreak = { field: string; apply: (c: HTMLElement) => void }
    const pageBreaks: fc.Arbitrary<PageBreak> = fc.oneof(
      fc.constant({ field: 'advisorId', apply: () => { pick('专业问题'); typeInto(document.querySelector('.q-form__body')!, '怎样写病历？') } }),
      fc.constant({ field: 'kind', apply: () => { pick('王老师'); typeInto(document.querySelector('.q-form__body')!, '怎样写病历？') } }),
      fc.constantFrom('', '  \n ').map((v) => ({ field: 'body', apply: (c: HTMLElement) => { pick('王老师'); pick('思想问题'); typeInto(body(c), v) } })),
      fc.integer({ min: QUESTION_LIMITS.body + 1, max: QUESTION_LIMITS.body + 50 }).map((n) => ({ field: 'body', apply: (c: HTMLElement) => { pick('刘老师'); pick('专业问题'); typeInto(body(c), '问'.repeat(n)) } }))
    )
    await fc.assert(fc.asyncProperty(pageBreaks, async ({ field, apply }) => {
      clearStorageSync()
      mockCall.mockReset()
      serve({ 'question.advisors': () => ({ groupId: 'g1', advisors: ADVISORS }), 'question.ask': () => { throw new Error('must not be sent') } })
      const page = await renderAsk()
      try {
        apply(page.container)
        await settle()
        pick('发送')
        await settle()
        const problems = page.container.querySelectorAll('.q-form__problem[data-field]')
        expect(Array.from(problems).map((p) => p.getAttribute('data-field'))).toEqual([field])
        expect(problems[0].textContent).toMatch(/[\u4e00-\u9fff]/)
        expect(callsTo('ask')).toHaveLength(0)
      } finally {
        page.unmount()
      }
    }), { numRuns: 10 })
  })

  it('sends one contract-valid question with one request id however often 发送 is tapped, again after a failure and after the page was closed', async () => {
    await fc.assert(fc.asyncProperty(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 0, max: 2 }), fc.constantFrom(...QUESTION_VISIBILITIES), async (taps, failures, visibility) => {
      clearStorageSync()
      mockCall.mockReset()
      let left = failures
      serve({
        'question.advisors': () => ({ groupId: 'g1', advisors: ADVISORS }),
        'question.ask': async (input) => {
          if (left-- > 0) throw offline()
          return question('q1', { visibility: input.visibility, advisor: { id: input.advisorId, name: '刘老师' } })
        }
      })
      let page = await renderAsk()
      try {
        pick('刘老师')
        pick('思想问题')
        fireEvent.click(page.container.querySelector(`.q-visibility [role="radio"]:nth-child(${QUESTION_VISIBILITIES.indexOf(visibility) + 1})`)!)
        typeInto(body(page.container), ' 实习期间怎样坚持理论学习？ ')
        await settle()
        for (let i = 0; i < failures; i++) {
          pick('发送')
          await settle()
          screen.getByText('网络不可用，请检查网络后重试')
          // Closed and opened again: the draft brings the question and its request id back.
          page.unmount()
          page = await renderAsk()
          screen.getByText('已恢复上次未发送的内容')
        }
        for (let i = 0; i < taps; i++) pick('发送')
        await settle()
        const sent = callsTo('ask')
        expect(sent).toHaveLength(failures + 1)
        expect(new Set(sent.map((s) => s.requestId)).size).toBe(1)
        expect(sent[0]).toEqual({ requestId: sent[0].requestId, advisorId: 't2', kind: 'ideological', visibility, body: '实习期间怎样坚持理论学习？' })
        expect(contractAccepts(sent[0])).toBe(true)
        screen.getByText('已发送给刘老师')
        // Sent: the draft is gone, the next question starts empty with a new request id.
        page.unmount()
        page = await renderAsk()
        expect(screen.queryByText('已恢复上次未发送的内容')).toBeNull()
        expect((body(page.container) as HTMLTextAreaElement).value).toBe('')
      } finally {
        page.unmount()
      }
    }), { numRuns: 6 })
  })

  it('shows the function\'s refusal in place, and after sending offers the reminder', async () => {
    let refuse = true
    serve({
      'question.advisors': () => ({ groupId: 'g1', advisors: ADVISORS }),
      'question.ask': () => {
        if (refuse) throw new CallError('INVALID_ARGUMENT', '问题内容需人工审核，请修改后再提交')
        return question('q1')
      },
      'question.subscribe': () => ({ remaining: 2 })
    })
    const page = await renderAsk()
    pick('王老师')
    pick('专业问题')
    typeInto(body(page.container), '怎样写好病程记录？')
    await settle()
    pick('发送')
    await settle()
    screen.getByText('问题内容需人工审核，请修改后再提交')
    refuse = false
    pick('发送')
    await settle()
    screen.getByText('已发送给王老师')
    fireEvent.click(screen.getByText('提醒我'))
    await settle()
    expect(callsTo('subscribe')).toEqual([{ accepted: 1 }])
    screen.getByText(/还可提醒 2 次/)
    fireEvent.click(screen.getByText('查看我的提问'))
    expect(Taro.redirectTo).toHaveBeenCalledWith({ url: ROUTES.questionMine })
    page.unmount()
  })

  it('says what to do without a group or without advisors, and shows an error with retry', async () => {
    serve({ 'question.advisors': () => ({ groupId: null, advisors: [] }) })
    let page = await renderAsk(ADVISORS, null)
    screen.getByText('还没有加入党小组')
    fireEvent.click(screen.getByText('去加入小组'))
    expect(Taro.switchTab).toHaveBeenCalledWith({ url: ROUTES.group })
    page.unmount()
    serve({ 'question.advisors': () => ({ groupId: 'g1', advisors: [] }) })
    page = await renderAsk()
    screen.getByText('小组还没有指导教师')
    page.unmount()
    serve({ 'question.advisors': () => { throw new CallError('NOT_BOUND', '请先完成身份绑定') } })
    page = await renderAsk()
    screen.getByText('请先完成身份绑定')
    screen.getByText('重试')
    page.unmount()
  })
})

// ---------------------------------------------------------------------------------------------
// Lists

const itemArb = fc.record({
  answered: fc.boolean(), waitedDays: fc.integer({ min: 0, max: 40 }), overdue: fc.boolean(), kind: fc.constantFrom(...QUESTION_KINDS), shared: fc.boolean()
})
const itemsArb = fc.array(itemArb, { minLength: 1, maxLength: 6 }).map((xs) => xs.map((x, i) => (x.answered
  ? answered(`q${i}`, { waitedDays: x.waitedDays, kind: x.kind, visibility: x.shared ? 'group' : 'private' })
  : question(`q${i}`, { waitedDays: x.waitedDays, overdue: x.overdue, kind: x.kind, visibility: x.shared ? 'group' : 'private' }))))

/** What a list shows of each question's state: its text, and whether it is drawn as overdue. */
const statesIn = (c: HTMLElement) => Array.from(c.querySelectorAll('.q-card')).map((card) => {
  const state = card.querySelector('.q-state')!
  return { id: card.getAttribute('data-question'), text: state.textContent, red: state.classList.contains('q-state--overdue') }
})
const expectedStates = (items: ReturnType<typeof question>[]) => items.map((q) => ({
  id: q.id,
  text: q.status === 'answered' ? '已回答' : `待回答 · ${q.waitedDays < 1 ? '今天提问' : `已等待${q.waitedDays}天`}`,
  red: q.status === 'open' && q.overdue
}))

describe('my questions and the inbox', () => {
  it('my questions: each generated question\'s state as the function gives it, overdue in red only when it says so', async () => {
    await fc.assert(fc.asyncProperty(itemsArb, async (items) => {
      mockCall.mockReset()
      meAs('student', ['intern'])
      serve({ 'question.mine': () => ({ items, nextCursor: null, total: items.length }) })
      const page = render(<MinePage />)
      try {
        await settle()
        expect(callsTo('mine')).toEqual([{ pageSize: 20 }])
        expect(statesIn(page.container)).toEqual(expectedStates(items))
        for (const q of items) screen.getByText(q.body)
        fireEvent.click(page.container.querySelector(`[data-question="${items[0].id}"]`)!)
        expect(Taro.navigateTo).toHaveBeenLastCalledWith({ url: `${ROUTES.questionDetail}?questionId=${items[0].id}` })
      } finally {
        page.unmount()
      }
    }), { numRuns: 15 })
  })

  it('the inbox: open count and the threshold come from the reply; overdue badges follow the function', async () => {
    await fc.assert(fc.asyncProperty(itemsArb, fc.integer({ min: 0, max: 30 }), fc.nat(50), async (items, threshold, open) => {
      mockCall.mockReset()
      meAs('teacher', ['advisor'], null, ['g1'])
      const asAdvisor = items.map((q) => ({ ...q, mine: false, canAnswer: q.status === 'open' }))
      serve({ 'question.inbox': () => ({ items: asAdvisor, nextCursor: null, total: null, open, overdueAfterDays: threshold }) })
      const page = render(<InboxPage />)
      try {
        await settle()
        expect(calls()).toEqual(['question.inbox'])
        screen.getByText(`待回答 ${open} 个`)
        const overdue = asAdvisor.filter((q) => q.overdue).length
        screen.getByText(overdue ? `${overdue} 个提问已等待超过 ${threshold} 天，请尽快回答。` : `提问等待超过 ${threshold} 天会标红提醒。`)
        expect(statesIn(page.container)).toEqual(expectedStates(asAdvisor))
        // The advisor sees who asked.
        expect(page.container.querySelectorAll('.q-card__who')[0].textContent).toBe('赵同学')
      } finally {
        page.unmount()
      }
    }), { numRuns: 15 })
  })

  it('loads the next page at the bottom, and says when there is nothing yet or the call failed', async () => {
    meAs('teacher', ['advisor'], null, ['g1'])
    serve({
      'question.inbox': (input) => (input.cursor
        ? { items: [answered('q9', { mine: false })], nextCursor: null, total: null, open: 1, overdueAfterDays: 3 }
        : { items: [question('q1', { mine: false, canAnswer: true })], nextCursor: 'next-page', total: null, open: 1, overdueAfterDays: 3 })
    })
    let page = render(<InboxPage />)
    await settle()
    await settle(() => firePageEvent('reachBottom'))
    expect(callsTo('inbox')).toEqual([{ pageSize: 20 }, { pageSize: 20, cursor: 'next-page' }])
    expect(statesIn(page.container).map((s) => s.id)).toEqual(['q1', 'q9'])
    page.unmount()
    serve({ 'question.inbox': () => ({ items: [], nextCursor: null, total: null, open: 0, overdueAfterDays: 3 }) })
    page = render(<InboxPage />)
    await settle()
    screen.getByText('还没有学生向你提问')
    page.unmount()
    serve({ 'question.mine': () => ({ items: [], nextCursor: null, total: 0 }) })
    page = render(<MinePage />)
    await settle()
    screen.getByText('还没有提过问题')
    fireEvent.click(screen.getByText('＋ 向指导教师提问'))
    expect(Taro.navigateTo).toHaveBeenLastCalledWith({ url: ROUTES.questionAsk })
    page.unmount()
    serve({ 'question.inbox': () => { throw new CallError('PERMISSION_DENIED', '没有权限进行此操作') } })
    page = render(<InboxPage />)
    await settle()
    screen.getByText('没有权限进行此操作')
    screen.getByText('重试')
    page.unmount()
  })
})

// ---------------------------------------------------------------------------------------------
// One question

const renderDetail = async (id = 'q1') => {
  setRouterParams({ questionId: id })
  const page = render(<DetailPage />)
  await settle()
  return page
}

describe('one question', () => {
  it('shows the asker their answered question with who answered and when; an open one with the reminder and no answer form', async () => {
    meAs('student', ['intern'])
    serve({ 'question.get': () => ({ view: 'full', ...answered('q1', { waitedDays: 2, visibility: 'group' }) }) })
    let page = await renderDetail()
    expect(calls()).toEqual(['question.get'])
    screen.getByText('回答q1：先了解家属知道什么。')
    screen.getByText(/王老师 · 指导教师/)
    screen.getByText('回答（2天后回答）')
    screen.getByText('小组同学能看到这个问题和回答，但看不到提问人是你。')
    expect(screen.queryByText('发送回答')).toBeNull()
    page.unmount()
    serve({ 'question.get': () => ({ view: 'full', ...question('q1', { waitedDays: 4, overdue: true, visibility: 'group' }) }) })
    page = await renderDetail()
    screen.getByText('回答后，小组同学能看到这个问题和回答，但看不到提问人是你。')
    screen.getByText('待回答 · 已等待4天')
    screen.getByText('等待王老师回答')
    screen.getByText('提醒我')
    expect(screen.queryByText('发送回答')).toBeNull()
    page.unmount()
  })

  it('gives the answer form exactly when the function says the caller may answer, and sends it once with its request id', async () => {
    await fc.assert(fc.asyncProperty(fc.boolean(), fc.integer({ min: 1, max: 3 }), async (canAnswer, taps) => {
      mockCall.mockReset()
      clearStorageSync()
      meAs('teacher', ['advisor'], null, ['g1'])
      serve({
        'question.get': () => ({ view: 'full', ...question('q1', { mine: false, canAnswer }) }),
        'question.answer': (input) => answered('q1', { mine: false, answer: { body: input.body, answeredAt: T, byName: '王老师', byRole: '指导教师' } })
      })
      const page = await renderDetail()
      try {
        screen.getByText('赵同学 问王老师', { exact: false })
        expect(screen.queryByText('发送回答') !== null).toBe(canAnswer)
        if (!canAnswer) return
        typeInto(page.container.querySelector('.q-answer-box__input')!, ' 多向带教老师请教。 ')
        await settle()
        for (let i = 0; i < taps; i++) fireEvent.click(screen.getByText('发送回答'))
        await settle()
        const sent = callsTo('answer')
        expect(sent).toHaveLength(1)
        expect(sent[0]).toEqual({ requestId: expect.stringMatching(/^[A-Za-z0-9_-]{8,64}$/), questionId: 'q1', body: '多向带教老师请教。' })
        expect(questionActions.answer.input.safeParse(sent[0]).success).toBe(true)
        screen.getByText('多向带教老师请教。')
        expect(screen.queryByText('发送回答')).toBeNull()
      } finally {
        page.unmount()
      }
    }), { numRuns: 6 })
  })

  it('keeps the answer being written, with its request id, when the page closes; shows who answered first in place', async () => {
    meAs('teacher', ['admin'], null, [])
    let gets = 0
    serve({
      'question.get': () => (++gets === 1 ? { view: 'full', ...question('q1', { mine: false, canAnswer: true }) } : { view: 'full', ...answered('q1', { mine: false }) }),
      'question.answer': () => { throw new CallError('CONFLICT', '这个问题已由王老师回答') }
    })
    let page = await renderDetail()
    typeInto(page.container.querySelector('.q-answer-box__input')!, '请按规范处理。')
    await settle()
    fireEvent.click(screen.getByText('发送回答'))
    await settle()
    page.unmount()
    gets = 0
    page = await renderDetail()
    screen.getByText('已恢复上次未发送的回答')
    expect((page.container.querySelector('.q-answer-box__input') as HTMLTextAreaElement).value).toBe('请按规范处理。')
    fireEvent.click(screen.getByText('发送回答'))
    await settle()
    const sent = callsTo('answer')
    expect(sent).toHaveLength(2)
    expect(sent[1].requestId).toBe(sent[0].requestId)
    screen.getByText('这个问题已由王老师回答')
    fireEvent.click(screen.getByText('查看最新回答'))
    await settle()
    screen.getByText('回答q1：先了解家属知道什么。')
    page.unmount()
  })

  it('shows a peer the group\'s view of a shared answer, naming nobody who asked; a question one may not read, in Chinese', async () => {
    meAs('student', ['intern'])
    serve({ 'question.get': () => ({ view: 'shared', id: 'q1', kind: 'ideological', body: '怎样写思想汇报？', advisorName: '王老师', answer: { body: '结合实习中的体会来写。', answeredAt: T, byName: '王老师', byRole: '指导教师' } }) })
    let page = await renderDetail()
    screen.getByText('小组同学匿名提问 · 问王老师')
    screen.getByText('结合实习中的体会来写。')
    expect(page.container.textContent).not.toMatch(/赵同学/)
    page.unmount()
    serve({ 'question.get': () => { throw new CallError('NOT_FOUND', '提问不存在') } })
    page = await renderDetail()
    screen.getByText('提问不存在')
    page.unmount()
    setRouterParams({})
    page = render(<DetailPage />)
    await settle()
    screen.getByText('链接不完整：没有指明要打开哪个提问')
    page.unmount()
  })
})

// ---------------------------------------------------------------------------------------------
// The group's Q&A and the entries

describe('the group\'s Q&A and the entries', () => {
  it('draws every shared answer of the group it is opened for; empty and refused', async () => {
    meAs('student', ['intern'])
    const items = [1, 2, 3].map((i) => ({ id: `q${i}`, kind: i % 2 ? 'ideological' : 'professional', body: `小组问题${i}`, advisorName: '王老师', answer: { body: `小组回答${i}`, answeredAt: T, byName: '王老师', byRole: '指导教师' } }))
    serve({ 'question.groupFeed': () => ({ items, nextCursor: null, total: 3 }) })
    setRouterParams({ groupId: 'g1' })
    let page = render(<GroupPage />)
    await settle()
    expect(callsTo('groupFeed')).toEqual([{ groupId: 'g1', pageSize: 20 }])
    for (const i of [1, 2, 3]) {
      screen.getByText(`小组问题${i}`)
      screen.getByText(`小组回答${i}`)
    }
    screen.getByText(/提问人不显示/)
    page.unmount()
    serve({ 'question.groupFeed': () => ({ items: [], nextCursor: null, total: 0 }) })
    page = render(<GroupPage />)
    await settle()
    screen.getByText('小组还没有分享的问答')
    fireEvent.click(screen.getByText('向指导教师提问'))
    expect(Taro.navigateTo).toHaveBeenLastCalledWith({ url: ROUTES.questionAsk })
    page.unmount()
    serve({ 'question.groupFeed': () => { throw new CallError('PERMISSION_DENIED', '只能操作自己所在或负责的党小组') } })
    page = render(<GroupPage />)
    await settle()
    screen.getByText('只能操作自己所在或负责的党小组')
    page.unmount()
  })

  it('我的 offers asking and my questions to a student, the inbox to an advisor', async () => {
    const me = (kind: 'student' | 'teacher', roles: string[]) => ({
      bound: true, roles, advisorOf: kind === 'teacher' ? ['g1'] : [], contactOf: [],
      person: { id: 'x', no: '1', name: '某人', kind, politicalStatus: null, groupId: kind === 'student' ? 'g1' : null, groupRole: null, phone: null, unitName: null, province: null, city: null }
    })
    serve({ 'user.me': () => me('student', ['intern']) })
    let page = render(<MePage />)
    await settle()
    fireEvent.click(screen.getByText('向指导教师提问'))
    expect(Taro.navigateTo).toHaveBeenLastCalledWith({ url: ROUTES.questionAsk })
    fireEvent.click(screen.getByText('我的提问'))
    expect(Taro.navigateTo).toHaveBeenLastCalledWith({ url: ROUTES.questionMine })
    expect(screen.queryByText('学生提问')).toBeNull()
    page.unmount()
    serve({ 'user.me': () => me('teacher', ['advisor']) })
    page = render(<MePage />)
    await settle()
    fireEvent.click(screen.getByText('学生提问'))
    expect(Taro.navigateTo).toHaveBeenLastCalledWith({ url: ROUTES.questionInbox })
    expect(screen.queryByText('我的提问')).toBeNull()
    page.unmount()
  })

  it('a teacher\'s home shows the questions waiting for them, with the count the function gives; a unit contact\'s none', async () => {
    await fc.assert(fc.asyncProperty(fc.option(fc.nat(30), { nil: null }), async (openQuestions) => {
      mockCall.mockReset()
      serve({
        'user.home': () => ({
          me: { bound: true, roles: ['advisor'], advisorOf: [], contactOf: [], person: { id: 't1', no: 'T1', name: '王老师', kind: 'teacher', politicalStatus: null, groupId: null, groupRole: null, phone: null, unitName: null, province: null, city: null } },
          home: { view: 'staff', groups: [], total: 0, more: false, openQuestions }
        })
      })
      const page = render(<HomePage />)
      try {
        await settle()
        expect(calls()).toEqual(['user.home'])
        const button = screen.queryByText(/待回答的提问/)
        expect(button?.textContent ?? null).toBe(openQuestions === null ? null : `待回答的提问（${openQuestions}）`)
        if (button) {
          fireEvent.click(button)
          expect(Taro.navigateTo).toHaveBeenLastCalledWith({ url: ROUTES.questionInbox })
        }
      } finally {
        page.unmount()
      }
    }), { numRuns: 5 })
  })

  it('the group\'s page links to its Q&A for its members and advisors', async () => {
    const detail = { id: 'g1', name: '郑州一组', province: '河南省', cities: ['郑州市'], counts: { total: 0, partyMembers: 0, probationary: 0, activists: 0, others: 0 }, flagIssued: true, members: [], advisors: [], unitContacts: [], liaisonId: null, coreMemberIds: [], viewerId: 'p1' }
    for (const [who, shown] of [['member', true], ['advisor', true], ['other', false]] as const) {
      mockCall.mockReset()
      if (who === 'member') meAs('student', ['intern'], 'g1')
      if (who === 'advisor') meAs('teacher', ['advisor'], null, ['g1'])
      if (who === 'other') meAs('student', ['intern'], 'g2')
      serve({ 'group.detail': () => detail })
      const page = render(<GroupDetailScreen groupId='g1' />)
      await settle()
      expect({ who, shown: screen.queryByText('小组问答 ›') !== null }).toEqual({ who, shown })
      if (shown) {
        fireEvent.click(screen.getByText('小组问答 ›'))
        expect(Taro.navigateTo).toHaveBeenLastCalledWith({ url: `${ROUTES.questionGroup}?groupId=g1` })
      }
      page.unmount()
    }
  })
})
