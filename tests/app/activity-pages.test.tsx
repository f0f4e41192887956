/**
 * Check-in and ledger pages with `call` answered by the test: the record form refuses what
 * `activity.record` would (its zod input and the function's time rule) with the field
 * named and nothing queued, and queues one check-in with one request id however often 保存
 * is tapped; a check-in offers 确认参加 only to a listed member and 申请补登 only to a
 * member not listed, and its leaders decide requests with the right call; the ledger draws
 * every section of a generated contract-valid month and asks for the month picked; lists
 * and the ledger show their empty and error states.
 */
import { fireEvent, render, screen } from '@testing-library/react'
import dayjs from 'dayjs'
import fc from 'fast-check'
import { activityActions, ACTIVITY_TYPES, CHECKIN_LIMITS, ledgerMonth } from '../../types/actions/activity'
import IndexPage from '../../src/packages/activity/pages/index'
import RecordPage from '../../src/packages/activity/pages/record'
import DetailPage from '../../src/packages/activity/pages/detail'
import MinePage from '../../src/packages/activity/pages/mine'
import LedgerPage from '../../src/packages/activity/pages/ledger'
import { checkRecordForm, FormField, queueRecord, RecordForm, shiftMonth } from '../../src/packages/activity/activity'
import { chinaNow } from '../../src/services/dates'
import { call, CallError } from '../../src/services/cloud'
import { clearSession, setMe } from '../../src/services/session'
import { resetWriteQueueForTests, writeQueue } from '../../src/services/writeQueue'
import Taro, { clearStorageSync, setRouterParams } from './mocks/taro'
import { settle } from './pending'
import { Handler, inputsOf, serveWith } from './serve'

jest.mock('../../src/services/cloud', () => ({ ...jest.requireActual('../../src/services/cloud'), call: jest.fn() }))
const mockCall = call as unknown as jest.Mock
const serve = (handlers: Record<string, Handler>): void => serveWith(mockCall, handlers)
const callsTo = (action: string): any[] => inputsOf(mockCall, 'activity', action)
const typeInto = (el: Element, value: string) => fireEvent(el, new CustomEvent('input', { detail: { value, cursor: value.length }, bubbles: true }))
const offline = () => new CallError('NETWORK_ERROR', '网络不可用')

const T = '2026-03-01T02:00:00.000Z'
const GROUP = 'g1'

type Person = { id: string; groupId: string | null; groupRole: 'liaison' | 'coreMember' | null; name?: string }
function meAs({ id, groupId, groupRole, name = '李同学' }: Person, roles: string[] = ['intern']) {
  setMe({
    bound: true, roles: [...roles, ...(groupRole ? [groupRole] : [])] as any, advisorOf: [], contactOf: [],
    person: { id, no: '2021001', name, kind: 'student', politicalStatus: 'member', groupId, groupRole, phone: null, unitName: null, province: '河南省', city: '郑州市' }
  })
}
const LIAISON: Person = { id: 'p1', groupId: GROUP, groupRole: 'liaison', name: '张联络' }

const memberView = (id: string, name: string) => ({ id, name, kind: 'student', groupRole: null, unitName: null, major: null })
const groupDetail = (members: { id: string; name: string }[], viewerId: string) => ({
  id: GROUP, name: '郑州一组', province: '河南省', cities: ['郑州市'], counts: { total: members.length, member: 0, probationary: 0, activist: 0, applicant: 0, masses: 0 },
  flagIssued: true, members: members.map((m) => memberView(m.id, m.name)), advisors: [], unitContacts: [], liaisonId: 'p1', coreMemberIds: [], viewerId
})

const checkin = (extra: Record<string, unknown> = {}) => ({
  id: 'c1', groupId: GROUP, groupName: '郑州一组', type: 'themeDay', heldAt: T, place: '市中心医院会议室', content: '学习党章第一章',
  photos: [], recordedBy: { id: 'p1', name: '张联络' }, attendees: [], counts: { listed: 0, confirmed: 0, requested: 0 }, mine: null,
  review: 'pass', createdAt: T, updatedAt: T, ...extra
})
const listItem = (id: string, extra: Record<string, unknown> = {}) => {
  const { attendees, photos, ...rest } = checkin({ id, content: `活动内容${id}`, ...extra }) as any
  return { ...rest, photoCount: 0, coverUrl: null }
}

beforeEach(() => {
  clearStorageSync()
  resetWriteQueueForTests()
  clearSession()
  setRouterParams({})
  mockCall.mockReset()
  Taro.navigateBack.mockClear()
  Taro.navigateTo.mockClear()
})

// ---------------------------------------------------------------------------------------------
// The record form's checks

const NOW = new Date('2026-03-10T06:00:00.000Z')
const now = chinaNow(NOW)
const PHOTO = 'cloud://env-1/activity/202603/abcdefghijklmnopqrstuvwx.jpg'
const validForm: RecordForm = { type: 'groupMeeting', date: now.date, time: now.time, place: '医院会议室', content: '学习党章', attendeeIds: ['p1', 'p2'], photos: [PHOTO] }
const contractAccepts = (input: unknown) => activityActions.record.input.safeParse(input).success

/** One way a form can be wrong, and the field it must be reported on. */
type Breakage = { field: FormField; apply: (f: RecordForm) => RecordForm }
const minutesFromNow = (m: number) => chinaNow(new Date(NOW.getTime() + m * 60_000))
const breakages: fc.Arbitrary<Breakage> = fc.oneof(
  fc.constantFrom('', '   ', '\n\t').map((place) => ({ field: 'place' as const, apply: (f: RecordForm) => ({ ...f, place }) })),
  fc.integer({ min: CHECKIN_LIMITS.place + 1, max: CHECKIN_LIMITS.place + 40 }).map((n) => ({ field: 'place' as const, apply: (f: RecordForm) => ({ ...f, place: '地'.repeat(n) }) })),
  fc.constantFrom('', '  ', '\n').map((content) => ({ field: 'content' as const, apply: (f: RecordForm) => ({ ...f, content }) })),
  fc.integer({ min: CHECKIN_LIMITS.content + 1, max: CHECKIN_LIMITS.content + 300 }).map((n) => ({ field: 'content' as const, apply: (f: RecordForm) => ({ ...f, content: '学'.repeat(n) }) })),
  fc.constant({ field: 'attendeeIds' as const, apply: (f: RecordForm) => ({ ...f, attendeeIds: [] }) }),
  fc.integer({ min: CHECKIN_LIMITS.attendees + 1, max: CHECKIN_LIMITS.attendees + 20 }).map((n) => ({ field: 'attendeeIds' as const, apply: (f: RecordForm) => ({ ...f, attendeeIds: Array.from({ length: n }, (_, i) => `p${i}`) }) })),
  fc.integer({ min: CHECKIN_LIMITS.photos + 1, max: CHECKIN_LIMITS.photos + 5 }).map((n) => ({ field: 'photos' as const, apply: (f: RecordForm) => ({ ...f, photos: Array.from({ length: n }, () => PHOTO) }) })),
  fc.constantFrom('http://example.com/a.jpg', 'cloud://env/other/202603/x.jpg', 'photo.jpg').map((p) => ({ field: 'photos' as const, apply: (f: RecordForm) => ({ ...f, photos: [p] }) })),
  // the function refuses an activity more than ten minutes ahead, or more than 366 days back
  fc.integer({ min: 11, max: 60 * 24 * 30 }).map((m) => ({ field: 'heldAt' as const, apply: (f: RecordForm) => ({ ...f, date: minutesFromNow(m).date, time: minutesFromNow(m).time }) })),
  fc.integer({ min: 367, max: 900 }).map((d) => ({ field: 'heldAt' as const, apply: (f: RecordForm) => ({ ...f, date: minutesFromNow(-d * 1440).date, time: now.time }) })),
  fc.constantFrom(['', '10:00'], ['2026-13-45', '10:00'], [now.date, ''], ['not a date', 'noon']).map(([date, time]) => ({ field: 'heldAt' as const, apply: (f: RecordForm) => ({ ...f, date, time }) }))
)

describe('the record form checks', () => {
  it('refuses every generated broken form on the field broken, in Chinese', () => {
    fc.assert(fc.property(breakages, ({ field, apply }) => {
      const checked = checkRecordForm(apply(validForm), GROUP, 'req-abcdefghij', NOW)
      expect('problem' in checked).toBe(true)
      if (!('problem' in checked)) return
      expect(checked.problem.field).toBe(field)
      expect(checked.problem.message).toMatch(/[\u4e00-\u9fff]/)
    }), { numRuns: 300 })
  })

  it('accepts generated valid forms as input the contract accepts, at any time from a year back to ten minutes ahead', () => {
    fc.assert(fc.property(
      fc.constantFrom(...ACTIVITY_TYPES), fc.integer({ min: -365 * 1440, max: 10 }), fc.integer({ min: 1, max: CHECKIN_LIMITS.place }), fc.integer({ min: 1, max: CHECKIN_LIMITS.content }),
      fc.integer({ min: 1, max: CHECKIN_LIMITS.attendees }), fc.integer({ min: 0, max: CHECKIN_LIMITS.photos }),
      (type, minutes, placeLength, contentLength, attendees, photos) => {
        const at = minutesFromNow(minutes)
        const form: RecordForm = { type, date: at.date, time: at.time, place: '所'.repeat(placeLength), content: '学'.repeat(contentLength), attendeeIds: Array.from({ length: attendees }, (_, i) => `p${i}`), photos: Array.from({ length: photos }, () => PHOTO) }
        const checked = checkRecordForm(form, GROUP, 'req-abcdefghij', NOW)
        expect('input' in checked).toBe(true)
        if (!('input' in checked)) return
        expect(contractAccepts(checked.input)).toBe(true)
        // the time is China time: the instant sent is the one picked
        expect(dayjs(checked.input.heldAt).valueOf()).toBe(new Date(`${at.date}T${at.time}:00+08:00`).getTime())
      }), { numRuns: 200 })
  })
})

// ---------------------------------------------------------------------------------------------
// The record page

const MEMBERS = [{ id: 'p1', name: '张联络' }, { id: 'p2', name: '王小明' }, { id: 'p3', name: '王小红' }, { id: 'p4', name: '赵刚' }]
const renderRecord = async () => {
  setRouterParams({ groupId: GROUP })
  meAs(LIAISON)
  const page = render(<RecordPage />)
  await settle()
  return page
}

/** What a person can break on the page, and the field it must be reported on. */
type PageBreakage = { field: FormField; apply: (c: HTMLElement) => void }
const pageBreakages: fc.Arbitrary<PageBreakage> = fc.oneof(
  fc.constantFrom('', '   ').map((v) => ({ field: 'place' as const, apply: (c: HTMLElement) => typeInto(c.querySelector('.act-form__place')!, v) })),
  fc.integer({ min: CHECKIN_LIMITS.place + 1, max: 100 }).map((n) => ({ field: 'place' as const, apply: (c: HTMLElement) => typeInto(c.querySelector('.act-form__place')!, '地'.repeat(n)) })),
  fc.constantFrom('', ' \n ').map((v) => ({ field: 'content' as const, apply: (c: HTMLElement) => typeInto(c.querySelector('.act-form__content')!, v) })),
  fc.integer({ min: CHECKIN_LIMITS.content + 1, max: CHECKIN_LIMITS.content + 50 }).map((n) => ({ field: 'content' as const, apply: (c: HTMLElement) => typeInto(c.querySelector('.act-form__content')!, '学'.repeat(n)) })),
  // un-ticking the recorder leaves nobody
  fc.constant({ field: 'attendeeIds' as const, apply: () => fireEvent.click(screen.getByText(/张联络/)) })
)

describe('the record page', () => {
  it('loads the group\'s members with one call, the recorder ticked; 全选 and search by name', async () => {
    serve({ 'group.detail': () => groupDetail(MEMBERS, 'p1') })
    const page = await renderRecord()
    expect(mockCall.mock.calls.map(([fn, a]) => `${fn}.${a}`)).toEqual(['group.detail'])
    const ticked = () => Array.from(page.container.querySelectorAll('.attendee--on')).map((e) => e.textContent?.replace('✓ ', ''))
    expect(ticked()).toEqual(['张联络'])
    typeInto(page.container.querySelector('.attendee-picker__search')!, '王')
    await settle()
    expect(page.container.querySelectorAll('.attendee')).toHaveLength(2)
    fireEvent.click(screen.getByText('全选'))
    await settle()
    expect(ticked()).toEqual(['王小明', '王小红'])
    screen.getByText('已选 3/4 人')
    typeInto(page.container.querySelector('.attendee-picker__search')!, '')
    await settle()
    expect(ticked()).toEqual(['张联络', '王小明', '王小红'])
    fireEvent.click(screen.getByText('全选'))
    await settle()
    screen.getByText('已选 4/4 人')
    fireEvent.click(screen.getByText('全不选'))
    await settle()
    screen.getByText('已选 0/4 人')
    page.unmount()
  })

  it('refuses generated broken forms with the field named, and queues nothing', async () => {
    await fc.assert(fc.asyncProperty(pageBreakages, async ({ field, apply }) => {
      clearStorageSync()
      resetWriteQueueForTests()
      mockCall.mockReset()
      serve({ 'group.detail': () => groupDetail(MEMBERS, 'p1'), 'activity.record': () => { throw offline() } })
      const page = await renderRecord()
      try {
        typeInto(page.container.querySelector('.act-form__place')!, '医院会议室')
        typeInto(page.container.querySelector('.act-form__content')!, '学习党章')
        await settle()
        apply(page.container)
        await settle()
        fireEvent.click(screen.getByText('保存'))
        await settle()
        const problems = page.container.querySelectorAll('.act-form__problem')
        expect(problems).toHaveLength(1)
        expect(problems[0].getAttribute('data-field')).toBe(field)
        expect(problems[0].textContent).toMatch(/[\u4e00-\u9fff]/)
        expect(writeQueue().list()).toHaveLength(0)
        expect(Taro.navigateBack).not.toHaveBeenCalled()
      } finally {
        page.unmount()
      }
    }), { numRuns: 12 })
  })

  it('queues exactly one check-in with one request id however often 保存 is tapped', async () => {
    await fc.assert(fc.asyncProperty(fc.integer({ min: 1, max: 4 }), fc.constantFrom(...ACTIVITY_TYPES), async (taps, type) => {
      clearStorageSync()
      resetWriteQueueForTests()
      mockCall.mockReset()
      Taro.navigateBack.mockClear()
      serve({ 'group.detail': () => groupDetail(MEMBERS, 'p1'), 'activity.record': () => { throw offline() } })
      const page = await renderRecord()
      try {
        fireEvent.click(page.container.querySelector(`[role="radio"]:nth-child(${ACTIVITY_TYPES.indexOf(type) + 1})`)!)
        typeInto(page.container.querySelector('.act-form__place')!, ' 医院会议室 ')
        typeInto(page.container.querySelector('.act-form__content')!, '学习党章第一章')
        fireEvent.click(screen.getByText('王小明'))
        await settle()
        for (let i = 0; i < taps; i++) fireEvent.click(screen.getByText('保存'))
        await settle()
        const jobs = writeQueue().list()
        expect(jobs).toHaveLength(1)
        expect(jobs[0]).toMatchObject({ fn: 'activity', action: 'record' })
        expect(jobs[0].input).toMatchObject({ groupId: GROUP, type, place: '医院会议室', content: '学习党章第一章', attendeeIds: ['p1', 'p2'], photos: [] })
        expect(contractAccepts(jobs[0].input)).toBe(true)
        // every send of this job carries the one request id
        await settle(() => void writeQueue().flush())
        const sent = callsTo('record')
        expect(sent.length).toBeGreaterThanOrEqual(1)
        expect(new Set(sent.map((i) => i.requestId))).toEqual(new Set([jobs[0].input.requestId]))
        expect(Taro.navigateBack).toHaveBeenCalledTimes(1)
      } finally {
        page.unmount()
      }
    }), { numRuns: 6 })
  })

  it('keeps what was typed as a draft and restores it; a queued save clears it', async () => {
    serve({ 'group.detail': () => groupDetail(MEMBERS, 'p1'), 'activity.record': () => { throw offline() } })
    let page = await renderRecord()
    typeInto(page.container.querySelector('.act-form__place')!, '社区服务中心')
    fireEvent.click(screen.getByText('赵刚'))
    await settle()
    page.unmount()
    page = await renderRecord()
    screen.getByText('已恢复上次未保存的内容')
    expect((page.container.querySelector('.act-form__place') as HTMLInputElement).value).toBe('社区服务中心')
    expect(Array.from(page.container.querySelectorAll('.attendee--on')).map((e) => e.textContent)).toEqual(['✓ 张联络', '✓ 赵刚'])
    typeInto(page.container.querySelector('.act-form__content')!, '健康宣教')
    await settle()
    fireEvent.click(screen.getByText('保存'))
    await settle()
    expect(writeQueue().list()).toHaveLength(1)
    page.unmount()
    page = await renderRecord()
    expect(screen.queryByText('已恢复上次未保存的内容')).toBeNull()
    page.unmount()
  })

  it('shows the function\'s refusal of the group in place', async () => {
    serve({ 'group.detail': () => { throw new CallError('PERMISSION_DENIED', '只有本小组的联络员或骨干可以记录活动') } })
    const page = await renderRecord()
    screen.getByText('只有本小组的联络员或骨干可以记录活动')
    screen.getByText('重试')
    page.unmount()
  })
})

// ---------------------------------------------------------------------------------------------
// A check-in

const STATES = ['listed', 'confirmed', 'requested', 'declined'] as const
type Mine = (typeof STATES)[number] | null

describe('a check-in', () => {
  it('offers 确认参加 only to a listed member and 申请补登 only to a member not listed', async () => {
    await fc.assert(fc.asyncProperty(fc.constantFrom<Mine>(null, ...STATES), fc.boolean(), async (mine, member) => {
      mockCall.mockReset()
      const me: Person = { id: 'p9', groupId: member ? GROUP : 'g2', groupRole: null }
      meAs(me)
      const attendees = mine ? [{ personId: 'p9', name: '李同学', state: mine }] : []
      serve({ 'activity.get': () => checkin({ mine, attendees, counts: { listed: mine === 'listed' ? 1 : 0, confirmed: mine === 'confirmed' ? 1 : 0, requested: mine === 'requested' ? 1 : 0 } }) })
      setRouterParams({ checkinId: 'c1' })
      const page = render(<DetailPage />)
      try {
        await settle()
        expect(mockCall).toHaveBeenCalledTimes(1)
        expect(screen.queryByText('确认参加') !== null).toBe(mine === 'listed')
        expect(screen.queryByText('申请补登') !== null).toBe(mine === null && member)
        // only leaders see requests
        expect(screen.queryByText(/补登申请（/)).toBeNull()
      } finally {
        page.unmount()
      }
    }), { numRuns: 20 })
  })

  it('confirms with the check-in\'s id and shows the answer in place, then offers the reminder', async () => {
    meAs({ id: 'p9', groupId: GROUP, groupRole: null })
    serve({
      'activity.get': () => checkin({ mine: 'listed', attendees: [{ personId: 'p9', name: '李同学', state: 'listed' }], counts: { listed: 1, confirmed: 2, requested: 0 } }),
      'activity.confirm': () => ({ state: 'confirmed', counts: { listed: 0, confirmed: 3, requested: 0 } }),
      'activity.subscribe': () => ({ remaining: 2 })
    })
    setRouterParams({ checkinId: 'c1' })
    const page = render(<DetailPage />)
    await settle()
    fireEvent.click(screen.getByText('确认参加'))
    await settle()
    expect(callsTo('confirm')).toEqual([{ checkinId: 'c1' }])
    expect(screen.queryByText('确认参加')).toBeNull()
    screen.getByText('已确认 3/列入 3')
    fireEvent.click(screen.getByText('提醒我'))
    await settle()
    expect(callsTo('subscribe')).toEqual([{ accepted: 1 }])
    screen.getByText(/还可提醒 2 次/)
    page.unmount()
  })

  it('asks to be added and shows the function\'s refusal in Chinese in place', async () => {
    meAs({ id: 'p9', groupId: GROUP, groupRole: null })
    let refuse = true
    serve({
      'activity.get': () => checkin(),
      'activity.requestJoin': () => {
        if (refuse) throw new CallError('FAILED_PRECONDITION', '这次活动的补登申请已达上限（200人）')
        return { state: 'requested', counts: { listed: 0, confirmed: 0, requested: 1 } }
      }
    })
    setRouterParams({ checkinId: 'c1' })
    const page = render(<DetailPage />)
    await settle()
    fireEvent.click(screen.getByText('申请补登'))
    await settle()
    screen.getByText('这次活动的补登申请已达上限（200人）')
    refuse = false
    fireEvent.click(screen.getByText('申请补登'))
    await settle()
    expect(callsTo('requestJoin')).toEqual([{ checkinId: 'c1' }, { checkinId: 'c1' }])
    screen.getByText('已提交补登申请，等待联络员审批。')
    expect(screen.queryByText('申请补登')).toBeNull()
    page.unmount()
  })

  it('lets a leader decide each generated request with the right call', async () => {
    await fc.assert(fc.asyncProperty(
      fc.uniqueArray(fc.integer({ min: 10, max: 99 }), { minLength: 1, maxLength: 5 }), fc.nat(), fc.boolean(), fc.constantFrom<'liaison' | 'coreMember'>('liaison', 'coreMember'),
      async (ids, pick, approve, role) => {
        mockCall.mockReset()
        meAs({ id: 'p1', groupId: GROUP, groupRole: role })
        const requests = ids.map((n) => ({ personId: `p${n}`, name: `申请人${n}`, state: 'requested' }))
        const chosen = requests[pick % requests.length]
        serve({
          'activity.get': () => checkin({ attendees: [{ personId: 'p1', name: '张联络', state: 'confirmed' }, ...requests], counts: { listed: 0, confirmed: 1, requested: requests.length } }),
          'activity.decide': (input) => ({ state: input.approve ? 'confirmed' : 'declined', counts: { listed: 0, confirmed: 1 + (input.approve ? 1 : 0), requested: requests.length - 1 } })
        })
        setRouterParams({ checkinId: 'c1' })
        const page = render(<DetailPage />)
        try {
          await settle()
          screen.getByText(`补登申请（${requests.length}）`)
          const row = page.container.querySelector(`.act-request[data-person="${chosen.personId}"]`)!
          fireEvent.click(Array.from(row.querySelectorAll('button, .nut-button')).find((b) => b.textContent === (approve ? '同意' : '拒绝'))!)
          await settle()
          expect(callsTo('decide')).toEqual([{ checkinId: 'c1', personId: chosen.personId, approve }])
          screen.getByText(`补登申请（${requests.length - 1}）`)
          const person = page.container.querySelector(`.act-person[data-person="${chosen.personId}"]`)!
          expect(person.textContent).toContain(approve ? '已确认' : '未同意')
        } finally {
          page.unmount()
        }
      }), { numRuns: 10 })
  })

  it('previews a photo among the served ones, and shows one still being checked as such', async () => {
    meAs({ id: 'p9', groupId: GROUP, groupRole: null })
    serve({ 'activity.get': () => checkin({ photos: [{ fileID: 'f1', url: 'https://x/1.jpg' }, { fileID: 'f2', url: null }, { fileID: 'f3', url: 'https://x/3.jpg' }] }) })
    setRouterParams({ checkinId: 'c1' })
    const page = render(<DetailPage />)
    await settle()
    screen.getByText('图片审核中')
    const images = page.container.querySelectorAll('.act-detail__photo:not(.act-detail__photo--pending)')
    expect(images).toHaveLength(2)
    fireEvent.click(images[1])
    expect(Taro.previewImage).toHaveBeenLastCalledWith({ current: 'https://x/3.jpg', urls: ['https://x/1.jpg', 'https://x/3.jpg'] })
    page.unmount()
  })

  it('shows NOT_FOUND in Chinese for a check-in of another group', async () => {
    meAs({ id: 'p9', groupId: 'g2', groupRole: null })
    serve({ 'activity.get': () => { throw new CallError('NOT_FOUND', '活动打卡不存在') } })
    setRouterParams({ checkinId: 'c1' })
    const page = render(<DetailPage />)
    await settle()
    screen.getByText('活动打卡不存在')
    page.unmount()
  })
})

// ---------------------------------------------------------------------------------------------
// Lists

describe('a group\'s check-ins and my activities', () => {
  it('shows queued check-ins on top, the cards\' counts and my state, and 记录活动 to leaders only', async () => {
    await fc.assert(fc.asyncProperty(fc.constantFrom<'liaison' | 'coreMember' | null>('liaison', 'coreMember', null), async (role) => {
      clearStorageSync()
      resetWriteQueueForTests()
      mockCall.mockReset()
      meAs({ id: 'p1', groupId: GROUP, groupRole: role })
      serve({
        'activity.record': () => { throw offline() },
        'activity.list': () => ({ items: [listItem('c1', { mine: 'listed', counts: { listed: 3, confirmed: 2, requested: 1 } }), listItem('c2', { mine: 'confirmed' })], nextCursor: null, total: 2 })
      })
      queueRecord({ requestId: 'req-abcdefghijkl', groupId: GROUP, type: 'study', heldAt: '2026-03-01T10:00:00+08:00', place: '会议室', content: '学习', attendeeIds: ['p1'], photos: [] })
      setRouterParams({ groupId: GROUP })
      const page = render(<IndexPage />)
      try {
        await settle()
        expect(callsTo('list')).toEqual([{ groupId: GROUP, pageSize: 20 }])
        expect(page.container.querySelectorAll('.job-card')).toHaveLength(1)
        screen.getByText(/理论学习 3月1日 10:00 · 会议室/)
        screen.getByText('已确认 2/列入 5 · 待审批补登 1')
        screen.getByText('待确认')
        screen.getByText('已确认')
        expect(screen.queryByText('＋ 记录活动') !== null).toBe(role !== null)
      } finally {
        page.unmount()
      }
    }), { numRuns: 3 })
  })

  it('says what to do when the group has no check-ins, and shows a refusal in Chinese', async () => {
    meAs(LIAISON)
    serve({ 'activity.list': () => ({ items: [], nextCursor: null, total: 0 }) })
    setRouterParams({ groupId: GROUP })
    let page = render(<IndexPage />)
    await settle()
    screen.getByText('小组还没有活动打卡')
    screen.getByText(/点“记录活动”打卡/)
    page.unmount()
    serve({ 'activity.list': () => { throw new CallError('PERMISSION_DENIED', '只能查看本小组的活动') } })
    page = render(<IndexPage />)
    await settle()
    screen.getByText('只能查看本小组的活动')
    page.unmount()
  })

  it('lists my activities with their group, or says none yet', async () => {
    meAs({ id: 'p9', groupId: GROUP, groupRole: null })
    serve({ 'activity.mine': () => ({ items: [listItem('c7', { mine: 'requested' })], nextCursor: null, total: 1 }) })
    let page = render(<MinePage />)
    await settle()
    screen.getByText('活动内容c7')
    screen.getByText('已申请补登')
    screen.getByText('郑州一组')
    page.unmount()
    serve({ 'activity.mine': () => ({ items: [], nextCursor: null, total: 0 }) })
    page = render(<MinePage />)
    await settle()
    screen.getByText('还没有参加过的活动')
    page.unmount()
  })
})

// ---------------------------------------------------------------------------------------------
// The ledger

const WORDS = ['党章', '义诊', '防疫', '党史', '宣讲', '捐赠', '学习', '座谈']
const isoIn = fc.date({ min: new Date('2026-01-01T00:00:00Z'), max: new Date('2026-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString())
const counts = fc.record({ listed: fc.nat(50), confirmed: fc.nat(50), requested: fc.nat(10) })
const ledgerArb = fc.record({
  checkins: fc.array(fc.record({ type: fc.constantFrom(...ACTIVITY_TYPES), heldAt: isoIn, word: fc.constantFrom(...WORDS), counts }), { maxLength: 5 }),
  lessons: fc.array(fc.record({ publishAt: isoIn, targeted: fc.integer({ min: 0, max: 40 }), readShare: fc.double({ min: 0, max: 1, noNaN: true }), quiz: fc.option(fc.integer({ min: 0, max: 1000 }).map((n) => n / 10)) }), { maxLength: 4 }),
  notes: fc.array(fc.record({ createdAt: isoIn, word: fc.constantFrom(...WORDS), lesson: fc.boolean() }), { maxLength: 3 }),
  extraNotes: fc.nat(20),
  volunteer: fc.record({ verifiedHalves: fc.nat(400), unverifiedHalves: fc.nat(400), records: fc.nat(100), people: fc.nat(30) }),
  liaison: fc.boolean(),
  advisors: fc.nat(2),
  talks: fc.record({ inPerson: fc.nat(6), call: fc.nat(6), video: fc.nat(6), students: fc.nat(12) })
}).map((g) => ledgerMonth.parse({
  month: '2026-09',
  group: { id: GROUP, name: '郑州一组', province: '河南省', year: '2026-2027', liaisonName: g.liaison ? '张联络' : null, advisorNames: ['陈老师', '刘老师'].slice(0, g.advisors) },
  checkins: { total: g.checkins.length, items: g.checkins.map((c, i) => ({ id: `c${i}`, type: c.type, heldAt: c.heldAt, place: `地点${i}`, content: `活动${i}：${c.word}`, counts: c.counts })) },
  lessons: g.lessons.map((l, i) => {
    const read = Math.round(l.targeted * l.readShare)
    return { lessonId: `l${i}`, title: `微党课${i}：${WORDS[i % WORDS.length]}`, publishAt: l.publishAt, targeted: l.targeted, read, readRate: l.targeted ? read / l.targeted : 0, answered: read, quizAverage: l.quiz }
  }),
  notes: { count: g.notes.length + g.extraNotes, latest: g.notes.map((n, i) => ({ id: `n${i}`, authorName: `作者${i}`, createdAt: n.createdAt, excerpt: `笔记${i}：${n.word}`, lessonTitle: n.lesson ? `课程${i}` : null })) },
  volunteer: { verified: g.volunteer.verifiedHalves / 2, unverified: g.volunteer.unverifiedHalves / 2, records: g.volunteer.records, people: g.volunteer.people },
  talks: {
    count: g.talks.inPerson + g.talks.call + g.talks.video,
    students: Math.min(g.talks.students, g.talks.inPerson + g.talks.call + g.talks.video),
    forms: { inPerson: g.talks.inPerson, call: g.talks.call, video: g.talks.video }
  }
}))

const sectionText = (c: HTMLElement, name: string) => c.querySelector(`.ledger-section--${name}`)?.textContent ?? ''

describe('the ledger', () => {
  it('draws every section of a generated contract-valid month', async () => {
    await fc.assert(fc.asyncProperty(ledgerArb, async (ledger) => {
      mockCall.mockReset()
      serve({ 'activity.ledger': () => ledger })
      setRouterParams({ groupId: GROUP, month: '2026-09' })
      const page = render(<LedgerPage />)
      try {
        await settle()
        const c = page.container
        const empty = !ledger.checkins.total && !ledger.lessons.length && !ledger.notes.count && !ledger.volunteer.records && !ledger.talks.count
        if (empty) {
          screen.getByText('2026年9月还没有记录')
          return
        }
        expect(c.querySelectorAll('.ledger-section--checkins .ledger-row')).toHaveLength(ledger.checkins.items.length)
        expect(sectionText(c, 'checkins')).toContain(`活动（${ledger.checkins.total}）`)
        for (const item of ledger.checkins.items) {
          expect(sectionText(c, 'checkins')).toContain(item.content)
          expect(sectionText(c, 'checkins')).toContain(`已确认 ${item.counts.confirmed}/列入 ${item.counts.listed + item.counts.confirmed}`)
        }
        expect(c.querySelectorAll('.ledger-section--lessons .ledger-row')).toHaveLength(ledger.lessons.length)
        for (const l of ledger.lessons) {
          expect(sectionText(c, 'lessons')).toContain(l.title)
          expect(sectionText(c, 'lessons')).toContain(`已读 ${l.read}/${l.targeted} · 阅读率 ${Math.round(l.readRate * 1000) / 10}%`)
          expect(sectionText(c, 'lessons')).toContain(l.quizAverage === null ? '暂无答题成绩' : `平均得分 ${l.quizAverage}%`)
        }
        expect(sectionText(c, 'notes')).toContain(`学习笔记（${ledger.notes.count}）`)
        for (const n of ledger.notes.latest) expect(sectionText(c, 'notes')).toContain(n.excerpt)
        const hours = (h: number) => `${Number.isInteger(h) ? h : h.toFixed(1)}小时`
        expect(sectionText(c, 'volunteer')).toContain(`${hours(ledger.volunteer.verified)}已核实`)
        expect(sectionText(c, 'volunteer')).toContain(`${hours(ledger.volunteer.unverified)}待核实`)
        expect(sectionText(c, 'volunteer')).toContain(`${ledger.volunteer.records}条记录`)
        expect(sectionText(c, 'volunteer')).toContain(`${ledger.volunteer.people}人参加`)
        expect(sectionText(c, 'talks')).toContain(`谈心谈话（${ledger.talks.count}）`)
        if (ledger.talks.count) {
          expect(sectionText(c, 'talks')).toContain(`${ledger.talks.students}名同学`)
          expect(sectionText(c, 'talks')).toContain(`${ledger.talks.forms.inPerson}当面谈`)
          expect(sectionText(c, 'talks')).toContain(`${ledger.talks.forms.call}电话`)
          expect(sectionText(c, 'talks')).toContain(`${ledger.talks.forms.video}视频`)
        } else {
          expect(sectionText(c, 'talks')).toContain('本月没有记录谈心谈话')
        }
      } finally {
        page.unmount()
      }
    }), { numRuns: 25 })
  })

  it('asks for the month picked with 上月 and 下月, this month (China time) by default', async () => {
    await fc.assert(fc.asyncProperty(fc.integer({ min: 1, max: 5 }), async (back) => {
      mockCall.mockReset()
      const ledger = fc.sample(ledgerArb, 1)[0]
      serve({ 'activity.ledger': (input) => ({ ...ledger, month: input.month }) })
      setRouterParams({ groupId: GROUP })
      const page = render(<LedgerPage />)
      try {
        await settle()
        const thisMonth = chinaNow().month
        for (let i = 0; i < back; i++) {
          fireEvent.click(screen.getByText('‹ 上月'))
          await settle()
        }
        fireEvent.click(screen.getByText('下月 ›'))
        await settle()
        const expected = [thisMonth, ...Array.from({ length: back }, (_, i) => shiftMonth(thisMonth, -(i + 1))), shiftMonth(thisMonth, -(back - 1))]
        expect(callsTo('ledger')).toEqual(expected.map((month) => ({ groupId: GROUP, month })))
      } finally {
        page.unmount()
      }
    }), { numRuns: 4 })
  })

  it('exports the internship year of the month shown', async () => {
    serve({ 'activity.ledger': () => fc.sample(ledgerArb, 1)[0], 'activity.exportLedger': () => ({ fileID: 'f', url: 'https://x/ledger.xlsx' }) })
    setRouterParams({ groupId: GROUP, month: '2026-03' })
    const page = render(<LedgerPage />)
    await settle()
    fireEvent.click(screen.getByText('导出全年台账（2025-2026学年）'))
    await settle()
    expect(callsTo('exportLedger')).toEqual([{ groupId: GROUP, year: '2025-2026' }])
    screen.getByText(/https:\/\/x\/ledger\.xlsx/)
    page.unmount()
  })

  it('shows the function\'s refusal in Chinese with retry', async () => {
    serve({ 'activity.ledger': () => { throw new CallError('PERMISSION_DENIED', '只有联络员、骨干、指导教师和党总支可以查看工作台账') } })
    setRouterParams({ groupId: GROUP, month: '2026-09' })
    const page = render(<LedgerPage />)
    await settle()
    screen.getByText('只有联络员、骨干、指导教师和党总支可以查看工作台账')
    screen.getByText('重试')
    page.unmount()
  })
})
