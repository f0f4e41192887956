/**
 * The cultivation pages with `call` answered by the test: each first screen is one call;
 * the list offers the caller's scopes and sends filters only where the scope takes them,
 * with due badges that agree with the days left; a file shows the school's and the unit's
 * observations apart, 记录考察情况 to a contact and 记录考察结果 to the branch, whose decision
 * is recorded only after a confirmation saying exactly what changes (张三：预备党员 → 正式党员);
 * the observation form checks what the contract checks and sends one request id however
 * often it is sent; naming contacts confirms the change; 我的培养考察 shows outcomes only.
 */
import { cleanup, fireEvent, render, screen } from '@testing-library/react'
import fc from 'fast-check'
import { cultivationActions, STATUS_AFTER, REVIEW_OUTCOMES } from '../../types/actions/cultivation'
import ListPage from '../../src/packages/cultivation/pages/index'
import FilePage from '../../src/packages/cultivation/pages/file'
import ObservePage from '../../src/packages/cultivation/pages/observe'
import AssignPage from '../../src/packages/cultivation/pages/assign'
import MinePage from '../../src/packages/cultivation/pages/mine'
import { checkObservation, decisionLines, dueBadge, listInput } from '../../src/packages/cultivation/cultivation'
import { call, CallError } from '../../src/services/cloud'
import { chinaNow } from '../../src/services/dates'
import Taro, { firePageEvent, setRouterParams } from './mocks/taro'
import { settle } from './pending'
import { Handler, inputsOf, serveWith } from './serve'

jest.mock('../../src/services/cloud', () => ({ ...jest.requireActual('../../src/services/cloud'), call: jest.fn() }))
const mockCall = call as unknown as jest.Mock
const typeInto = (el: Element, value: string) => fireEvent(el, new CustomEvent('input', { detail: { value, cursor: value.length }, bubbles: true }))
const calls = () => mockCall.mock.calls.map(([f, a]) => `${f}.${a}`)
const click = async (el: Element) => { fireEvent.click(el); await settle() }
const q = (sel: string) => document.querySelector(sel) as HTMLElement
const qa = (sel: string) => Array.from(document.querySelectorAll(sel)) as HTMLElement[]
const modalText = (): string => {
  const c = Taro.showModal.mock.calls as unknown as [{ content: string }][]
  return c[c.length - 1][0].content
}

const row = (id: string, extra: Record<string, unknown> = {}) => ({
  personId: id, name: `同学${id}`, no: `20230100${id}`, groupId: 'g1', groupName: '郑州市实习党小组', year: '2026-2027', politicalStatus: 'activist',
  contacts: { school: { id: 't1', name: '何老师' }, unit: null }, nextReview: { kind: 'sixMonth', dueOn: '2026-12-10', daysLeft: 10 },
  counts: { school: 2, unit: 0 }, lastReviewOn: null, ...extra
})
const page = (items: unknown[], extra: Record<string, unknown> = {}) => ({ items, nextCursor: null, total: items.length, scope: 'all', scopes: ['all'], year: '2026-2027', ...extra })
const observation = (id: string, side: 'school' | 'unit', body: string) => ({ id, side, authorName: side === 'school' ? '何老师' : '刘带教', date: '2026-11-20', aspect: 'work', body, createdAt: '2026-11-20T02:00:00.000Z' })
const file = (extra: Record<string, unknown> = {}) => ({
  ...row('1', { name: '张三', politicalStatus: 'probationary', nextReview: { kind: 'probationEnd', dueOn: '2026-11-01', daysLeft: -29 } }),
  activistSince: '2024-09-01', joinedPartyAt: '2025-11-01', probationEndsAt: '2026-11-01', reviewMonths: 6, reviews: [],
  observations: { items: [observation('o1', 'school', '理论学习认真'), observation('o2', 'unit', '对待患者耐心')], nextCursor: null, total: null },
  canObserve: null, canReview: false, suggestions: null, ...extra
})

beforeEach(() => {
  mockCall.mockReset()
  Taro.showModal.mockReset()
  Taro.showModal.mockImplementation((() => Promise.resolve({ confirm: true, cancel: false })) as any)
  Taro.navigateTo.mockClear()
  Taro.navigateBack.mockClear()
  setRouterParams({})
})
afterEach(cleanup)

describe('what the pages say', () => {
  it('a due badge is overdue, due soon or later exactly as the days left say', () => {
    fc.assert(fc.property(fc.integer({ min: -800, max: 800 }), fc.constantFrom('sixMonth' as const, 'probationEnd' as const), (daysLeft, kind) => {
      const b = dueBadge({ kind, dueOn: '2027-01-01', daysLeft })
      expect(b.tone).toBe(daysLeft < 0 ? 'overdue' : daysLeft <= 30 ? 'soon' : 'later')
      if (daysLeft < 0) expect(b.text).toContain(`逾期${-daysLeft}天`)
      if (daysLeft > 0 && daysLeft <= 30) expect(b.text).toContain(`${daysLeft}天后到期`)
    }))
  })

  it('a decision names the status change for 按期转正 and 取消资格, the new end for 延长预备期, and nothing else changes', () => {
    fc.assert(fc.property(fc.constantFrom(...REVIEW_OUTCOMES), (outcome) => {
      const kind = ['qualified', 'basicallyQualified', 'unqualified'].includes(outcome) ? 'sixMonth' as const : 'probationEnd' as const
      const status = kind === 'sixMonth' ? 'activist' as const : 'probationary' as const
      const lines = decisionLines('张三', status, { kind, dueOn: '2026-11-01', outcome, reviewedOn: '2026-11-10', ...(outcome === 'extended' ? { extendedTo: '2027-05-01' } : {}) })
      expect(lines[0]).toMatch(/^张三：.+记为“.+”/)
      expect(lines.some((l) => l.includes('→'))).toBe(!!STATUS_AFTER[outcome] || outcome === 'extended')
    }))
    expect(decisionLines('张三', 'probationary', { kind: 'probationEnd', dueOn: '2026-11-01', outcome: 'confirmed', reviewedOn: '2026-11-10' })).toContain('张三：预备党员 → 正式党员')
  })

  it('the list sends filters only where its scope takes them, and always what the contract accepts', () => {
    const filter = fc.record({
      scope: fc.constantFrom(undefined, 'all' as const, 'groups' as const, 'contacts' as const),
      year: fc.constantFrom(undefined, '2026-2027'), status: fc.constantFrom(undefined, 'activist' as const, 'probationary' as const),
      groupId: fc.constantFrom(undefined, 'g1'), withoutContacts: fc.boolean()
    })
    fc.assert(fc.property(filter, fc.option(fc.constant('abc'), { nil: undefined }), (f, cursor) => {
      const input = listInput(f, cursor)
      expect(cultivationActions.list.input.safeParse(input).success).toBe(true)
      if (f.scope === 'contacts') expect(Object.keys(input).sort()).toEqual(['pageSize', 'scope', ...(cursor ? ['cursor'] : [])].sort())
      if (f.scope === 'groups') expect(input.year).toBeUndefined()
    }))
  })

  it('the observation form accepts exactly what the contract accepts, and never a day after today', () => {
    const today = chinaNow().date
    const plus = (n: number) => new Date(Date.parse(`${today}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10)
    fc.assert(fc.property(fc.integer({ min: -400, max: 40 }), fc.constantFrom(null, 'study' as const, 'work' as const, 'conduct' as const), fc.oneof(fc.string({ maxLength: 20 }), fc.constant(' '), fc.constant('甲'.repeat(1001))), (offset, aspect, body) => {
      const checked = checkObservation({ date: plus(offset), aspect, body }, 'p1', 'req-abcdefghij', today)
      const ok = offset <= 0 && aspect !== null && body.trim().length > 0 && body.trim().length <= 1000
      expect('input' in checked).toBe(ok)
      if ('input' in checked) expect(cultivationActions.observe.input.safeParse(checked.input).success).toBe(true)
      if (offset > 0) expect('problem' in checked && checked.problem).toEqual({ field: 'date', message: '考察日期不能晚于今天' })
    }), { numRuns: 300 })
  })
})

describe('培养考察 (the list)', () => {
  it('opens with one call and shows each person with contacts, counts and their due badge', async () => {
    serveWith(mockCall, { 'cultivation.list': () => page([row('1'), row('2', { nextReview: { kind: 'probationEnd', dueOn: '2026-11-01', daysLeft: -29 }, politicalStatus: 'probationary' }), row('3', { nextReview: null })]) })
    render(<ListPage />)
    await settle()
    expect(calls()).toEqual(['cultivation.list'])
    expect(qa('.cv-row')).toHaveLength(3)
    expect(q('.cv-due--soon').textContent).toBe('半年考察10天后到期')
    expect(q('.cv-due--overdue').textContent).toBe('预备期满逾期29天')
    expect(screen.getAllByText('未指定')).toHaveLength(3)
    expect(screen.getAllByText(/学校 2 条/)).toHaveLength(3)
    await click(qa('.cv-row')[0])
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/cultivation/pages/file/index?personId=1' })
  })

  it('offers the caller\'s scopes and the filters a scope takes', async () => {
    serveWith(mockCall, { 'cultivation.list': (i) => page([row('1')], { scope: i.scope ?? 'groups', scopes: ['groups', 'contacts'], year: null }) })
    render(<ListPage />)
    await settle()
    expect(qa('.cv-scopes .cv-chip').map((c) => c.textContent)).toEqual(['我指导的小组', '我联系的'])
    expect(q('.cv-years')).toBeNull()
    await click(q('.cv-filter--probationary'))
    await click(q('.cv-filter--without'))
    expect(inputsOf(mockCall, 'cultivation', 'list').at(-1)).toEqual({ pageSize: 20, status: 'probationary', withoutContacts: true })
    await click(q('.cv-scope--contacts'))
    expect(inputsOf(mockCall, 'cultivation', 'list').at(-1)).toEqual({ pageSize: 20, scope: 'contacts' })
    expect(q('.cv-filters')).toBeNull()
  })

  it('says who will appear for a contact with no one yet, and shows a refusal with retry', async () => {
    serveWith(mockCall, { 'cultivation.list': () => page([], { scope: 'contacts', scopes: ['contacts'], year: null, total: 0 }) })
    render(<ListPage />)
    await settle()
    expect(screen.getByText('党总支还没有指定你联系的同志')).toBeTruthy()
    cleanup()
    mockCall.mockReset()
    serveWith(mockCall, { 'cultivation.list': () => { throw new CallError('PERMISSION_DENIED', '没有可查看的培养考察名单') } })
    render(<ListPage />)
    await settle()
    expect(screen.getByText('没有可查看的培养考察名单')).toBeTruthy()
    expect(screen.getByText('重试')).toBeTruthy()
  })
})

describe('a person\'s file', () => {
  const open = async (handlers: Record<string, Handler>) => {
    setRouterParams({ personId: '1' })
    serveWith(mockCall, handlers)
    render(<FilePage />)
    await settle()
  }

  it('opens with one call and shows the school\'s and the unit\'s observations apart', async () => {
    await open({ 'cultivation.get': () => file() })
    expect(calls()).toEqual(['cultivation.get'])
    expect(q('.cv-side--school').textContent).toContain('理论学习认真')
    expect(q('.cv-side--school').textContent).not.toContain('对待患者耐心')
    expect(q('.cv-side--unit').textContent).toContain('对待患者耐心')
    // An advisor reads it: neither 记录考察情况 nor 记录考察结果 nor 指定联系人.
    expect(q('.cv-file__observe')).toBeNull()
    expect(q('.cv-review-form')).toBeNull()
    expect(q('.cv-file__assign')).toBeNull()
  })

  it('offers a contact 记录考察情况, opening the form for this person', async () => {
    await open({ 'cultivation.get': () => file({ canObserve: 'unit' }) })
    await click(q('.cv-file__observe'))
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/cultivation/pages/observe/index?personId=1&name=%E5%BC%A0%E4%B8%89' })
  })

  it('records the branch\'s decision only after a confirmation saying exactly what changes; cancelling records nothing', async () => {
    let recorded = false
    await open({
      'cultivation.get': () => file({ canReview: !recorded, suggestions: { teachers: [], unitContacts: [] }, politicalStatus: recorded ? 'member' : 'probationary', nextReview: recorded ? null : { kind: 'probationEnd', dueOn: '2026-11-01', daysLeft: -29 } }),
      'cultivation.recordReview': (i) => { recorded = true; return { review: { ...i, id: 'probationEnd:2026-11-01', extendedTo: null, statusChange: { from: 'probationary', to: 'member' }, decidedAt: '2026-11-30T02:00:00.000Z', decidedByName: '党总支' }, politicalStatus: 'member', nextReview: null } }
    })
    expect(qa('.cv-outcome-choice').map((c) => c.textContent)).toEqual(['按期转正', '延长预备期', '取消预备党员资格'])
    await click(q('.cv-review-form__submit'))
    expect(screen.getByText('请选择考察结果')).toBeTruthy()
    await click(qa('.cv-outcome-choice')[0])
    Taro.showModal.mockImplementationOnce((() => Promise.resolve({ confirm: false, cancel: true })) as any)
    await click(q('.cv-review-form__submit'))
    expect(modalText()).toContain('张三：预备党员 → 正式党员')
    expect(calls()).not.toContain('cultivation.recordReview')
    await click(q('.cv-review-form__submit'))
    expect(inputsOf(mockCall, 'cultivation', 'recordReview')).toEqual([{ personId: '1', kind: 'probationEnd', dueOn: '2026-11-01', outcome: 'confirmed', reviewedOn: chinaNow().date, note: '' }])
    expect(q('.cv-outcome').textContent).toContain('张三：预备党员 → 正式党员')
    expect(q('.cv-review-form')).toBeNull()
  })

  it('shows the function\'s refusal of a decision in place', async () => {
    await open({
      'cultivation.get': () => file({ canReview: true }),
      'cultivation.recordReview': () => { throw new CallError('INVALID_ARGUMENT', '预备期于2026-11-01期满，期满后才能记录预备期满考察') }
    })
    await click(qa('.cv-outcome-choice')[2])
    await click(q('.cv-review-form__submit'))
    expect(modalText()).toContain('张三：预备党员 → 群众')
    expect(screen.getByText('预备期于2026-11-01期满，期满后才能记录预备期满考察')).toBeTruthy()
  })

  it('shows a refusal for someone who may not read the file', async () => {
    await open({ 'cultivation.get': () => { throw new CallError('NOT_FOUND', '该同志的培养考察档案不存在') } })
    expect(screen.getByText('无法查看培养考察档案')).toBeTruthy()
    expect(screen.getByText('该同志的培养考察档案不存在')).toBeTruthy()
  })
})

describe('记录考察情况', () => {
  it('sends one request id however often it is sent, and goes back once recorded', async () => {
    await fc.assert(fc.asyncProperty(fc.integer({ min: 1, max: 4 }), async (failures) => {
      cleanup()
      mockCall.mockReset()
      Taro.navigateBack.mockClear()
      let n = 0
      serveWith(mockCall, { 'cultivation.observe': (i) => { if (n++ < failures) throw new CallError('NETWORK_ERROR', '网络不可用'); return observation('o9', 'school', i.body) } })
      setRouterParams({ personId: 'p1', name: encodeURIComponent('张三') })
      render(<ObservePage />)
      await settle()
      expect(calls()).toEqual([])
      expect(screen.getByText('记录张三的考察情况')).toBeTruthy()
      await click(qa('.cv-observe__aspect')[1])
      typeInto(q('.cv-observe__body'), '积极参加科室学习')
      await settle()
      for (let i = 0; i <= failures; i++) await click(q('.cv-observe__save'))
      const sent = inputsOf(mockCall, 'cultivation', 'observe') as { requestId: string }[]
      expect(sent).toHaveLength(failures + 1)
      expect(new Set(sent.map((s) => s.requestId)).size).toBe(1)
      expect(sent[0]).toMatchObject({ personId: 'p1', aspect: 'work', body: '积极参加科室学习', date: chinaNow().date })
      expect(Taro.navigateBack).toHaveBeenCalledTimes(1)
      await click(q('.cv-observe__save'))
      expect(inputsOf(mockCall, 'cultivation', 'observe')).toHaveLength(failures + 1)
    }), { numRuns: 4 })
  })

  it('asks for the aspect and the text before sending anything', async () => {
    serveWith(mockCall, {})
    setRouterParams({ personId: 'p1' })
    render(<ObservePage />)
    await settle()
    await click(q('.cv-observe__save'))
    expect(screen.getByText('请选择考察方面')).toBeTruthy()
    await click(qa('.cv-observe__aspect')[0])
    await click(q('.cv-observe__save'))
    expect(screen.getByText('请填写考察情况')).toBeTruthy()
    expect(calls()).toEqual([])
  })
})

describe('指定联系人', () => {
  const suggested = { teachers: [{ id: 't2', name: '王老师', unitName: null }], unitContacts: [{ id: 'c1', name: '刘带教', unitName: '郑州市第一人民医院' }] }
  it('opens with one call, confirms exactly what changes, and saves only when confirmed', async () => {
    serveWith(mockCall, {
      'cultivation.get': () => file({ suggestions: suggested }),
      'cultivation.assignContacts': (i) => ({ personId: i.personId, contacts: { school: { id: i.schoolContactId, name: '王老师' }, unit: { id: i.unitContactId, name: '刘带教' } } })
    })
    setRouterParams({ personId: '1' })
    render(<AssignPage />)
    await settle()
    expect(calls()).toEqual(['cultivation.get'])
    const school = () => qa('.cv-assign--teacher .cv-pick')
    const unit = () => qa('.cv-assign--unitContact .cv-pick')
    expect(school().map((p) => p.textContent)).toEqual(['何老师已选', '王老师选择'])
    await click(school()[1])
    await click(unit()[0])
    Taro.showModal.mockImplementationOnce((() => Promise.resolve({ confirm: false, cancel: true })) as any)
    await click(q('.cv-assign__save'))
    expect(modalText()).toBe('张三的学校联系人：何老师 → 王老师\n张三的单位联系人：未指定 → 刘带教')
    expect(calls()).not.toContain('cultivation.assignContacts')
    await click(q('.cv-assign__save'))
    expect(inputsOf(mockCall, 'cultivation', 'assignContacts')).toEqual([{ personId: '1', schoolContactId: 't2', unitContactId: 'c1' }])
    expect(Taro.navigateBack).toHaveBeenCalledTimes(1)
  })

  it('finds other teachers by name through group.assignable', async () => {
    serveWith(mockCall, {
      'cultivation.get': () => file({ suggestions: suggested }),
      'group.assignable': (i) => ({ items: i.kind === 'teacher' ? [{ id: 't9', name: i.keyword ?? '赵老师', unitName: null, province: null }] : [], nextCursor: null, total: null })
    })
    setRouterParams({ personId: '1' })
    render(<AssignPage />)
    await settle()
    typeInto(q('.cv-assign__keyword--teacher'), '赵老师')
    await settle()
    await click(q('.cv-assign__go--teacher'))
    expect(inputsOf(mockCall, 'group', 'assignable')).toEqual([{ kind: 'teacher', pageSize: 20, keyword: '赵老师' }])
    await click(qa('.cv-assign--teacher .cv-pick').at(-1)!)
    await click(q('.cv-assign__save'))
    expect(modalText()).toBe('张三的学校联系人：何老师 → 赵老师')
  })
})

describe('我的培养考察', () => {
  it('shows my outcomes and the review due in one call', async () => {
    serveWith(mockCall, { 'cultivation.myOutcomes': () => ({ politicalStatus: 'activist', underCultivation: true, nextReview: { kind: 'sixMonth', dueOn: '2027-04-01', daysLeft: 122 }, outcomes: [{ kind: 'sixMonth', dueOn: '2026-10-01', outcome: 'qualified', reviewedOn: '2026-10-05', extendedTo: null }] }) })
    render(<MinePage />)
    await settle()
    expect(calls()).toEqual(['cultivation.myOutcomes'])
    expect(screen.getByText('合格')).toBeTruthy()
    expect(screen.getByText(/下次：积极分子半年考察/)).toBeTruthy()
    await settle(() => firePageEvent('pullDownRefresh'))
    expect(calls()).toEqual(['cultivation.myOutcomes', 'cultivation.myOutcomes'])
  })

  it('says so to someone not under cultivation', async () => {
    serveWith(mockCall, { 'cultivation.myOutcomes': () => ({ politicalStatus: 'masses', underCultivation: false, nextReview: null, outcomes: [] }) })
    render(<MinePage />)
    await settle()
    expect(screen.getByText('你目前不在培养考察中')).toBeTruthy()
  })
})
