/**
 * Talk pages with `call` answered by the test: the record form refuses what `talk.record`
 * would (its zod input and the function's day rules) on the field, and a refusal from the
 * function lands on the field its details name; the form keeps a draft with its one
 * request id, so a save repeated after a lost answer carries the same id; the date picker
 * is bounded by the group's year and today; a group's list shows the term's coverage to
 * those who get it (and says a liaison sees only their own), pages on, and draws its
 * loading, empty and error states; a talk is marked followed up in place; the group page
 * and the teacher's home link to talks only for those who record them.
 */
import { fireEvent, render, screen } from '@testing-library/react'
import fc from 'fast-check'
import { TALK_FORMS, TALK_LIMITS, talkActions } from '../../types/actions/talk'
import IndexPage from '../../src/packages/talk/pages/index'
import RecordPage from '../../src/packages/talk/pages/record'
import DetailPage from '../../src/packages/talk/pages/detail'
import GroupDetailScreen from '../../src/components/GroupDetail'
import HomePage from '../../src/pages/home'
import { blankForm, checkTalkForm, dayBounds, draftScope, FormField, TalkForm } from '../../src/packages/talk/talk'
import { ROUTES, withQuery } from '../../src/routes'
import { chinaNow } from '../../src/services/dates'
import { call, CallError } from '../../src/services/cloud'
import { clearSession, setMe } from '../../src/services/session'
import Taro, { clearStorageSync, firePageEvent, setRouterParams } from './mocks/taro'
import { settle } from './pending'
import { Handler, inputsOf, serveWith } from './serve'

jest.mock('../../src/services/cloud', () => ({ ...jest.requireActual('../../src/services/cloud'), call: jest.fn() }))
const mockCall = call as unknown as jest.Mock
const serve = (handlers: Record<string, Handler>): void => serveWith(mockCall, handlers)
const callsTo = (action: string): any[] => inputsOf(mockCall, 'talk', action)
const calledActions = (): string[] => mockCall.mock.calls.map(([fn, a]) => `${fn}.${a}`)
const typeInto = (el: Element, value: string) => fireEvent(el, new CustomEvent('input', { detail: { value, cursor: value.length }, bubbles: true }))
const q = (c: HTMLElement, selector: string): HTMLElement => {
  const el = c.querySelector(selector)
  if (!el) throw new Error(`no ${selector}`)
  return el as HTMLElement
}
const offline = () => new CallError('NETWORK_ERROR', '网络不可用')

const GROUP = 'g1'
const YEAR = '2026-2027'
const TODAY = chinaNow().date

type Role = 'advisor' | 'liaison' | 'admin' | 'intern' | 'coreMember' | 'unitContact' | 'otherAdvisor'
function meAs(role: Role) {
  const student = role === 'liaison' || role === 'intern' || role === 'coreMember'
  setMe({
    bound: true,
    roles: (student ? ['intern', ...(role === 'intern' ? [] : [role])] : [role === 'otherAdvisor' ? 'advisor' : role]) as any,
    advisorOf: role === 'advisor' ? [GROUP] : role === 'otherAdvisor' ? ['g2'] : [], contactOf: role === 'unitContact' ? [GROUP] : [],
    person: {
      id: 'me', no: '2021001', name: '李老师', kind: student ? 'student' : role === 'unitContact' ? 'unitContact' : 'teacher', politicalStatus: 'member',
      groupId: student ? GROUP : null, groupRole: role === 'liaison' ? 'liaison' : role === 'coreMember' ? 'coreMember' : null, phone: null, unitName: null, province: '河南省', city: '郑州市'
    }
  })
}

const memberView = (id: string, name: string, kind = 'student') => ({ id, name, kind, groupRole: null, unitName: null, major: null })
const MEMBERS = [{ id: 'me', name: '张联络' }, { id: 's2', name: '王小明' }, { id: 's3', name: '王小红' }, { id: 's4', name: '赵刚' }]
const groupDetail = (viewerId: string | null = 'me') => ({
  id: GROUP, name: '郑州一组', year: YEAR, province: '河南省', cities: ['郑州市'], counts: { total: MEMBERS.length, partyMembers: 1, probationary: 0, activists: 1, others: 2 },
  liaisonName: '张联络', advisorNames: ['陈老师'], flagIssued: true,
  members: MEMBERS.map((m) => memberView(m.id, m.name)), advisors: [memberView('t1', '陈老师', 'teacher')], unitContacts: [], liaisonId: 'me', coreMemberIds: [], viewerId
})

const talkItem = (id: string, extra: Record<string, unknown> = {}) => ({
  id, groupId: GROUP, studentId: 's2', studentName: '王小明', recorderId: 't1', recorderName: '陈老师', recorderRole: 'advisor', date: '2026-10-08',
  form: 'inPerson', topic: `主题${id}`, followUp: null, followUpDue: null, followUpDone: false, ...extra
})
const talkView = (extra: Record<string, unknown> = {}) => ({
  ...talkItem('t-1'), summary: '交流了轮转安排和学习计划。', year: YEAR, term: '2026-2027-1', createdAt: '2026-10-08T02:00:00.000Z', updatedAt: '2026-10-08T02:00:00.000Z', ...extra
})
const coverage = (talkedWith: number, members: number) => ({ groupId: GROUP, name: '郑州一组', province: '河南省', term: '2026-2027-1', members, talkedWith, ratio: members ? talkedWith / members : 0 })

beforeEach(() => {
  clearStorageSync()
  clearSession()
  setRouterParams({})
  mockCall.mockReset()
  Taro.navigateBack.mockClear()
  Taro.navigateTo.mockClear()
})

// ---------------------------------------------------------------------------------------------
// The record form's checks

const addDays = (day: string, n: number): string => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10)
const bounds = dayBounds(YEAR, TODAY)
const valid: TalkForm = { ...blankForm('req-abcdefghij', 's2', TODAY), date: bounds.end, topic: '实习适应', summary: '谈了轮转安排' }

type Breakage = { field: FormField; apply: (f: TalkForm) => TalkForm }
const breakages: fc.Arbitrary<Breakage> = fc.oneof(
  fc.constant({ field: 'studentId' as const, apply: (f: TalkForm) => ({ ...f, studentId: '' }) }),
  fc.integer({ min: 1, max: 400 }).map((n) => ({ field: 'date' as const, apply: (f: TalkForm) => ({ ...f, date: addDays(TODAY, n) }) })),
  fc.integer({ min: 1, max: 400 }).map((n) => ({ field: 'date' as const, apply: (f: TalkForm) => ({ ...f, date: addDays(bounds.start, -n) }) })),
  fc.constantFrom('', '2026-13-01', '2026-02-30').map((date) => ({ field: 'date' as const, apply: (f: TalkForm) => ({ ...f, date }) })),
  fc.constantFrom('', '  ', '\n').map((topic) => ({ field: 'topic' as const, apply: (f: TalkForm) => ({ ...f, topic }) })),
  fc.integer({ min: TALK_LIMITS.topic + 1, max: TALK_LIMITS.topic + 40 }).map((n) => ({ field: 'topic' as const, apply: (f: TalkForm) => ({ ...f, topic: '题'.repeat(n) }) })),
  fc.constantFrom('', ' \n ').map((summary) => ({ field: 'summary' as const, apply: (f: TalkForm) => ({ ...f, summary }) })),
  fc.integer({ min: TALK_LIMITS.summary + 1, max: TALK_LIMITS.summary + 50 }).map((n) => ({ field: 'summary' as const, apply: (f: TalkForm) => ({ ...f, summary: '谈'.repeat(n) }) })),
  fc.constantFrom('', '   ').map((followUp) => ({ field: 'followUp' as const, apply: (f: TalkForm) => ({ ...f, hasFollowUp: true, followUp, followUpDue: f.date }) })),
  fc.integer({ min: TALK_LIMITS.followUp + 1, max: TALK_LIMITS.followUp + 40 }).map((n) => ({ field: 'followUp' as const, apply: (f: TalkForm) => ({ ...f, hasFollowUp: true, followUp: '跟'.repeat(n), followUpDue: f.date }) })),
  fc.constant({ field: 'followUpDue' as const, apply: (f: TalkForm) => ({ ...f, hasFollowUp: true, followUp: '复谈', followUpDue: '' }) }),
  fc.integer({ min: 1, max: 30 }).map((n) => ({ field: 'followUpDue' as const, apply: (f: TalkForm) => ({ ...f, hasFollowUp: true, followUp: '复谈', followUpDue: addDays(f.date, -n) }) }))
)

describe('the record form checks', () => {
  it('refuses every generated broken form on the field broken, in Chinese', () => {
    fc.assert(fc.property(breakages, ({ field, apply }) => {
      const checked = checkTalkForm(apply(valid), GROUP, YEAR, TODAY)
      expect('problem' in checked).toBe(true)
      if (!('problem' in checked)) return
      expect(checked.problem.field).toBe(field)
      expect(checked.problem.message).toMatch(/[\u4e00-\u9fff]/)
    }), { numRuns: 300 })
  })

  it('accepts generated valid forms as input the contract accepts, on any day of the year up to today; an unticked follow-up is not sent', () => {
    const days: string[] = []
    for (let d = bounds.start; d <= bounds.end; d = addDays(d, 1)) days.push(d)
    fc.assert(fc.property(
      fc.constantFrom(...days), fc.constantFrom(...TALK_FORMS), fc.integer({ min: 1, max: TALK_LIMITS.topic }), fc.integer({ min: 1, max: TALK_LIMITS.summary }),
      fc.boolean(), fc.integer({ min: 0, max: 90 }),
      (date, kind, topic, summary, followUp, dueIn) => {
        const form: TalkForm = { ...valid, date, form: kind, topic: '题'.repeat(topic), summary: '谈'.repeat(summary), hasFollowUp: followUp, followUp: '复谈一次', followUpDue: addDays(date, dueIn) }
        const checked = checkTalkForm(form, GROUP, YEAR, TODAY)
        expect('input' in checked).toBe(true)
        if (!('input' in checked)) return
        expect(talkActions.record.input.safeParse(checked.input).success).toBe(true)
        expect(checked.input).toMatchObject({ groupId: GROUP, studentId: 's2', date, form: kind, followUp: followUp ? '复谈一次' : null, followUpDue: followUp ? addDays(date, dueIn) : null })
      }), { numRuns: 200 })
  })
})

// ---------------------------------------------------------------------------------------------
// The record page

const renderRecord = async (params: Record<string, string> = {}) => {
  setRouterParams({ groupId: GROUP, ...params })
  const page = render(<RecordPage />)
  await settle()
  return page
}

/** Fills the form as a person would: a student, a topic, a summary. */
async function fill(c: HTMLElement, student = '王小明'): Promise<void> {
  fireEvent.click(screen.getByText(student))
  typeInto(q(c, '.talk-form__topic'), '实习适应')
  typeInto(q(c, '.talk-form__summary'), '谈了轮转安排和学习计划')
  await settle()
}

describe('the record page', () => {
  it('loads the group\'s other students with one call, and bounds the day by the group\'s year and today', async () => {
    serve({ 'group.detail': () => groupDetail('me') })
    const page = await renderRecord()
    expect(calledActions()).toEqual(['group.detail'])
    expect(Array.from(page.container.querySelectorAll('.talk-form__students .talk-chip')).map((e) => e.textContent)).toEqual(['王小明', '王小红', '赵刚'])
    const picker = q(page.container, '.talk-form__date').closest('taro-picker-core') as HTMLElement & { start?: string; end?: string }
    expect({ start: picker.start, end: picker.end }).toEqual(dayBounds(YEAR, TODAY))
    page.unmount()
  })

  it('shows the function\'s refusal on the field its details name, or under 保存', async () => {
    await fc.assert(fc.asyncProperty(fc.constantFrom<FormField | null>('studentId', 'date', 'topic', 'summary', null), async (field) => {
      mockCall.mockReset()
      clearStorageSync()
      const message = field ? `这一项不行：${field}` : '服务器开小差了，请稍后再试'
      serve({ 'group.detail': () => groupDetail(), 'talk.record': () => { throw new CallError(field ? 'INVALID_ARGUMENT' : 'INTERNAL', message, field ? [{ path: [field], message }] : undefined) } })
      const page = await renderRecord()
      try {
        await fill(page.container)
        fireEvent.click(screen.getByText('保存'))
        await settle()
        const problems = page.container.querySelectorAll('.talk-form__problem')
        expect(problems).toHaveLength(1)
        expect(problems[0].getAttribute('data-field')).toBe(field ?? 'form')
        expect(problems[0].textContent).toBe(message)
        expect(Taro.navigateBack).not.toHaveBeenCalled()
      } finally {
        page.unmount()
      }
    }), { numRuns: 10 })
  })

  it('refuses a broken form on its field without calling the function', async () => {
    serve({ 'group.detail': () => groupDetail() })
    const page = await renderRecord()
    typeInto(q(page.container, '.talk-form__topic'), '实习适应')
    await settle()
    fireEvent.click(screen.getByText('保存'))
    await settle()
    expect(q(page.container, '.talk-form__problem').getAttribute('data-field')).toBe('studentId')
    fireEvent.click(screen.getByText('王小红'))
    fireEvent.click(screen.getByText('需要跟进'))
    typeInto(q(page.container, '.talk-form__summary'), '谈了学习计划')
    typeInto(q(page.container, '.talk-form__follow-up'), '联系带教老师')
    await settle()
    fireEvent.click(screen.getByText('保存'))
    await settle()
    expect(q(page.container, '.talk-form__problem').getAttribute('data-field')).toBe('followUpDue')
    expect(callsTo('record')).toEqual([])
    page.unmount()
  })

  it('keeps a draft with its request id: a save repeated after a lost answer, even after reopening, carries the same id; success clears it', async () => {
    await fc.assert(fc.asyncProperty(fc.integer({ min: 1, max: 3 }), fc.boolean(), async (failures, reopen) => {
      clearStorageSync()
      mockCall.mockReset()
      Taro.navigateBack.mockClear()
      let left = failures
      serve({ 'group.detail': () => groupDetail(), 'talk.record': (input) => { if (left-- > 0) throw offline(); return talkView({ studentId: input.studentId }) } })
      let page = await renderRecord()
      try {
        await fill(page.container, '赵刚')
        fireEvent.click(screen.getByText('需要跟进'))
        await settle()
        typeInto(q(page.container, '.talk-form__follow-up'), '下周复谈')
        const due = q(page.container, '.talk-form__due').closest('taro-picker-core') as HTMLElement
        await settle(() => { fireEvent(due, new CustomEvent('change', { detail: { value: TODAY } })) })
        for (let i = 0; i < failures; i++) {
          fireEvent.click(screen.getByText('保存'))
          await settle()
          expect(q(page.container, '.talk-form__problem').textContent).toContain('联网后再点保存')
          if (reopen) {
            page.unmount()
            page = await renderRecord()
            screen.getByText('已恢复上次未保存的内容')
          }
        }
        fireEvent.click(screen.getByText('保存'))
        await settle()
        const sent = callsTo('record')
        expect(sent).toHaveLength(failures + 1)
        expect(new Set(sent.map((i) => i.requestId)).size).toBe(1)
        expect(sent[sent.length - 1]).toMatchObject({ groupId: GROUP, studentId: 's4', topic: '实习适应', followUp: '下周复谈', followUpDue: TODAY })
        expect(Taro.navigateBack).toHaveBeenCalledTimes(1)
        expect(Taro.getStorageSync(`draft:${draftScope(GROUP)}`)).toBe('')
      } finally {
        page.unmount()
      }
    }), { numRuns: 6 })
  })

  it('starts with the student named in the address, and shows the refusal of the group in place', async () => {
    serve({ 'group.detail': () => groupDetail() })
    let page = await renderRecord({ studentId: 's3' })
    expect(Array.from(page.container.querySelectorAll('.talk-form__students .talk-chip--on')).map((e) => e.textContent)).toEqual(['王小红'])
    page.unmount()
    mockCall.mockReset()
    serve({ 'group.detail': () => { throw new CallError('PERMISSION_DENIED', '只能操作自己所在或负责的党小组') } })
    page = await renderRecord()
    screen.getByText('只能操作自己所在或负责的党小组')
    screen.getByText('重试')
    page.unmount()
  })
})

// ---------------------------------------------------------------------------------------------
// A group's talks

const renderList = async (params: Record<string, string> = { groupId: GROUP }) => {
  setRouterParams(params)
  const page = render(<IndexPage />)
  await settle()
  return page
}

describe('a group\'s talks', () => {
  it('shows the term\'s coverage with the first page (one call), and pages on with the cursor', async () => {
    await fc.assert(fc.asyncProperty(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 1, max: 40 }), async (talked, extra) => {
      mockCall.mockReset()
      const members = talked + extra
      serve({
        'talk.list': (input) => (input.cursor
          ? { items: [talkItem('t-9')], nextCursor: null, total: 2, coverage: null }
          : { items: [talkItem('t-1', { followUp: '复谈', followUpDue: '2026-10-20' })], nextCursor: 'next-1', total: 2, coverage: coverage(talked, members) })
      })
      const page = await renderList()
      try {
        expect(calledActions()).toEqual(['talk.list'])
        expect(q(page.container, '.talk-coverage__ratio').textContent).toBe(`${Math.round((talked / members) * 100)}%`)
        expect(q(page.container, '.talk-coverage__note').textContent).toContain(`${talked}/${members} 名同学`)
        screen.getByText('谈心谈话（2）')
        expect(page.container.querySelectorAll('.talk-card')).toHaveLength(1)
        expect(screen.queryByText(/这里列出你记录的谈话/)).toBeNull()
        await settle(() => firePageEvent('reachBottom'))
        expect(callsTo('list')).toEqual([{ groupId: GROUP, pageSize: 20 }, { groupId: GROUP, pageSize: 20, cursor: 'next-1' }])
        expect(page.container.querySelectorAll('.talk-card')).toHaveLength(2)
        // the coverage stays the first page's
        expect(q(page.container, '.talk-coverage__ratio').textContent).toBe(`${Math.round((talked / members) * 100)}%`)
      } finally {
        page.unmount()
      }
    }), { numRuns: 8 })
  })

  it('tells a liaison they see the talks they recorded, and offers 记录谈话 in every state but loading and error', async () => {
    serve({ 'talk.list': () => ({ items: [], nextCursor: null, total: 0, coverage: null }) })
    const page = await renderList()
    screen.getByText(/这里列出你记录的谈话/)
    screen.getByText('你还没有记录谈话')
    fireEvent.click(screen.getByText('＋ 记录谈话'))
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: withQuery(ROUTES.talkRecord, { groupId: GROUP }) })
    page.unmount()
  })

  it('draws loading, then the function\'s error with 重试, and loads again', async () => {
    const answers: { resolve: (v: unknown) => void; reject: (e: unknown) => void }[] = []
    mockCall.mockImplementation(() => new Promise((resolve, reject) => { answers.push({ resolve, reject }) }))
    const page = await renderList()
    expect(page.container.querySelector('.page-state--loading')).not.toBeNull()
    expect(screen.queryByText('＋ 记录谈话')).toBeNull()
    await settle(() => answers[0].reject(new CallError('PERMISSION_DENIED', '只能操作自己所在或负责的党小组')))
    screen.getByText('只能操作自己所在或负责的党小组')
    expect(screen.queryByText('＋ 记录谈话')).toBeNull()
    fireEvent.click(screen.getByText('重试'))
    await settle(() => answers[1].resolve({ items: [talkItem('t-1')], nextCursor: null, total: 1, coverage: coverage(1, 7) }))
    expect(page.container.querySelectorAll('.talk-card')).toHaveLength(1)
    screen.getByText('＋ 记录谈话')
    page.unmount()
  })

  it('lists one student\'s talks with talk.forStudent, named in the title', async () => {
    serve({ 'talk.forStudent': () => ({ items: [talkItem('t-1'), talkItem('t-2')], nextCursor: null, total: 2, student: { id: 's2', name: '王小明' } }) })
    const page = await renderList({ groupId: GROUP, studentId: 's2' })
    expect(callsTo('forStudent')).toEqual([{ groupId: GROUP, studentId: 's2', pageSize: 20 }])
    screen.getByText('与王小明的谈话（2）')
    expect(page.container.querySelector('.talk-coverage')).toBeNull()
    page.unmount()
  })
})

// ---------------------------------------------------------------------------------------------
// One talk

describe('a talk', () => {
  it('marks its follow-up done in place with one call, and back', async () => {
    serve({
      'talk.get': () => talkView({ followUp: '联系带教老师', followUpDue: '2026-10-20' }),
      'talk.setFollowUpDone': (input) => talkView({ followUp: '联系带教老师', followUpDue: '2026-10-20', followUpDone: input.done })
    })
    setRouterParams({ talkId: 't-1' })
    const page = render(<DetailPage />)
    await settle()
    expect(calledActions()).toEqual(['talk.get'])
    screen.getByText('交流了轮转安排和学习计划。')
    fireEvent.click(screen.getByText('标记跟进完成'))
    await settle()
    expect(callsTo('setFollowUpDone')).toEqual([{ talkId: 't-1', done: true }])
    screen.getByText(/已完成/)
    fireEvent.click(screen.getByText('改为未完成'))
    await settle()
    expect(callsTo('setFollowUpDone')).toEqual([{ talkId: 't-1', done: true }, { talkId: 't-1', done: false }])
    screen.getByText('标记跟进完成')
    page.unmount()
  })

  it('offers nothing to mark without a follow-up, and says a talk it may not show does not exist', async () => {
    serve({ 'talk.get': () => talkView() })
    setRouterParams({ talkId: 't-1' })
    let page = render(<DetailPage />)
    await settle()
    expect(screen.queryByText('标记跟进完成')).toBeNull()
    page.unmount()
    mockCall.mockReset()
    serve({ 'talk.get': () => { throw new CallError('NOT_FOUND', '谈话记录不存在') } })
    page = render(<DetailPage />)
    await settle()
    screen.getByText('找不到这次谈话')
    screen.getByText('谈话记录不存在')
    page.unmount()
  })
})

// ---------------------------------------------------------------------------------------------
// Where talks are opened from

describe('entries to talks', () => {
  it('shows 谈心谈话 on the group page to its advisors, its liaison and the branch only', async () => {
    const roles: Role[] = ['advisor', 'liaison', 'admin', 'intern', 'coreMember', 'unitContact', 'otherAdvisor']
    for (const role of roles) {
      mockCall.mockReset()
      meAs(role)
      serve({ 'group.detail': () => groupDetail(null) })
      const page = render(<GroupDetailScreen groupId={GROUP} />)
      await settle()
      const card = page.container.querySelector('.group-detail__talks')
      expect({ role, shown: !!card }).toEqual({ role, shown: ['advisor', 'liaison', 'admin'].includes(role) })
      if (card) {
        fireEvent.click(card)
        expect(Taro.navigateTo).toHaveBeenLastCalledWith({ url: withQuery(ROUTES.talks, { groupId: GROUP }) })
      }
      page.unmount()
    }
  })

  it('links 谈心谈话 on a teacher\'s home for each group they advise, not those they are only the contact of', async () => {
    await fc.assert(fc.asyncProperty(fc.array(fc.boolean(), { minLength: 1, maxLength: 5 }), async (advised) => {
      mockCall.mockReset()
      Taro.navigateTo.mockClear()
      const groups = advised.map((_, i) => ({ ...groupDetail(), id: `g${i}`, name: `第${i}组` }))
      const me = {
        bound: true, roles: ['advisor'], advisorOf: groups.filter((_, i) => advised[i]).map((g) => g.id), contactOf: [],
        person: { id: 'me', no: 'T1', name: '陈老师', kind: 'teacher', politicalStatus: 'member', groupId: null, groupRole: null, phone: null, unitName: null, province: null, city: null }
      }
      serve({ 'user.home': () => ({ me, home: { view: 'staff', groups: groups.map(({ id, name, year, province, cities, counts, liaisonName, advisorNames, flagIssued }) => ({ id, name, year, province, cities, counts, liaisonName, advisorNames, flagIssued })), total: groups.length, more: false } }) })
      const page = render(<HomePage />)
      try {
        await settle()
        const links = Array.from(page.container.querySelectorAll('.home__talks'))
        expect(links).toHaveLength(advised.filter(Boolean).length)
        for (const link of links) fireEvent.click(link)
        expect(Taro.navigateTo.mock.calls.map(([a]: any) => a.url)).toEqual(groups.filter((_, i) => advised[i]).map((g) => withQuery(ROUTES.talks, { groupId: g.id })))
      } finally {
        page.unmount()
      }
    }), { numRuns: 6 })
  })
})
