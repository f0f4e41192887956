/**
 * Volunteer service pages with `call` answered by the test: the log form's checks (half
 * hours up to 24, never after today, an amount for a donation only) agree with the
 * contract; the form queues one record however often 保存 is tapped; the unit contact's
 * page shows a record and verifies it, and shows the function's refusal of a used, expired
 * or forged link in Chinese; the group's pending list verifies and returns records.
 */
import { fireEvent, render, screen } from '@testing-library/react'
import dayjs from 'dayjs'
import fc from 'fast-check'
import { volunteerActions } from '../../types/actions/volunteer'
import LogPage from '../../src/packages/volunteer/pages/log'
import MinePage from '../../src/packages/volunteer/pages/index'
import VerifyPage from '../../src/packages/volunteer/pages/verify'
import PendingPage from '../../src/packages/volunteer/pages/pending'
import LinkPage from '../../src/packages/volunteer/pages/link'
import { ROUTES } from '../../src/routes'
import { checkLogForm, LogForm, queueLog } from '../../src/packages/volunteer/volunteer'
import { call, CallError } from '../../src/services/cloud'
import { resetWriteQueueForTests, writeQueue } from '../../src/services/writeQueue'
import Taro, { clearStorageSync, setRouterParams } from './mocks/taro'
import { settle } from './pending'

// The verify page calls without an identity (callAnonymously): both answered by the one mock.
jest.mock('../../src/services/cloud', () => {
  const mock = jest.fn()
  return { ...jest.requireActual('../../src/services/cloud'), call: mock, callAnonymously: mock }
})
const mockCall = call as unknown as jest.Mock
type Handler = (input: any) => unknown
function serve(handlers: Record<string, Handler>): void {
  mockCall.mockImplementation(async (fn: string, action: string, input: unknown) => {
    const h = handlers[`${fn}.${action}`]
    if (!h) throw new Error(`unexpected call ${fn}.${action}`)
    return h(input)
  })
}
const callsTo = (action: string) => mockCall.mock.calls.filter(([fn, a]) => fn === 'volunteer' && a === action).map(([, , input]) => input)
const typeInto = (el: Element, value: string) => fireEvent(el, new CustomEvent('input', { detail: { value, cursor: value.length }, bubbles: true }))
const offline = () => new CallError('NETWORK_ERROR', '网络不可用')

const T = '2026-03-01T02:00:00.000Z'
const record = (id: string, extra: Record<string, unknown> = {}) => ({
  id, personId: 'p1', personName: '李同学', groupId: 'g1', year: '2025-2026', date: '2026-02-28', hours: 3.5, place: '社区卫生服务中心',
  category: 'healthOutreach', amount: null, description: `义诊宣教${id}`, photos: [], state: 'pending', verifiedBy: null, verifiedAt: null,
  rejectReason: null, createdAt: T, updatedAt: T, ...extra
})

beforeEach(() => {
  clearStorageSync()
  resetWriteQueueForTests()
  setRouterParams({})
  mockCall.mockReset()
  Taro.navigateBack.mockClear()
})

const TODAY = '2026-03-10'
const base: LogForm = { date: '2026-03-01', hours: '2', place: '社区', category: 'healthOutreach', amount: '', description: '义诊', photos: [] }
const contractAccepts = (input: unknown) => volunteerActions.log.input.safeParse(input).success

describe('the log form checks', () => {
  it('accepts hours exactly in half-hour steps from 0.5 to 24, as the contract does', () => {
    fc.assert(fc.property(fc.double({ min: -2, max: 30, noNaN: true }), (h) => {
      const checked = checkLogForm({ ...base, hours: String(h) }, 'req-abcdefghij', TODAY)
      const shouldPass = h >= 0.5 && h <= 24 && Number.isInteger(h * 2)
      expect('input' in checked).toBe(shouldPass)
      if ('input' in checked) expect(contractAccepts(checked.input)).toBe(true)
      else expect(checked.problem.field).toBe('hours')
    }), { numRuns: 300 })
    fc.assert(fc.property(fc.integer({ min: 1, max: 48 }), (halves) => {
      const checked = checkLogForm({ ...base, hours: String(halves / 2) }, 'req-abcdefghij', TODAY)
      expect('input' in checked && checked.input.hours).toBe(halves / 2)
    }))
  })

  it('refuses a date after today (China time) and accepts today and before', () => {
    fc.assert(fc.property(fc.integer({ min: -400, max: 400 }), (offset) => {
      const date = dayjs(TODAY).add(offset, 'day').format('YYYY-MM-DD')
      const checked = checkLogForm({ ...base, date }, 'req-abcdefghij', TODAY)
      if (offset > 0) expect('problem' in checked && checked.problem).toEqual({ field: 'date', message: '服务日期不能晚于今天' })
      else expect('input' in checked).toBe(true)
    }))
  })

  it('asks an amount for a donation only, and sends none otherwise', () => {
    fc.assert(fc.property(fc.constantFrom('healthOutreach', 'epidemicPrevention', 'donation', 'other') as fc.Arbitrary<LogForm['category']>, fc.oneof(fc.constant(''), fc.constant('0'), fc.constant('-5'), fc.integer({ min: 1, max: 2_000_000 }).map(String)), (category, amount) => {
      const checked = checkLogForm({ ...base, category, amount }, 'req-abcdefghij', TODAY)
      if (category !== 'donation') {
        expect('input' in checked && checked.input.amount).toBeNull()
        return
      }
      const n = Number(amount)
      if (amount && n > 0 && n <= 1_000_000) {
        expect('input' in checked && checked.input.amount).toBe(n)
        expect(contractAccepts((checked as { input: unknown }).input)).toBe(true)
      } else expect('problem' in checked && checked.problem.field).toBe('amount')
    }))
  })
})

describe('the log page', () => {
  it('queues one record however often 保存 is tapped, and goes back once', async () => {
    await fc.assert(fc.asyncProperty(fc.integer({ min: 1, max: 5 }), async (taps) => {
      clearStorageSync()
      resetWriteQueueForTests()
      mockCall.mockReset()
      serve({ 'volunteer.log': () => { throw offline() } })
      Taro.navigateBack.mockClear()
      const page = render(<LogPage />)
      try {
        await settle()
        typeInto(page.container.querySelector('.vol-form__hours')!, '3.5')
        typeInto(page.container.querySelector('.vol-form__place')!, '社区卫生服务中心')
        typeInto(page.container.querySelector('.vol-form__description')!, '健康宣教')
        await settle()
        const save = screen.getByText('保存')
        for (let i = 0; i < taps; i++) fireEvent.click(save)
        await settle()
        const jobs = writeQueue().list()
        expect(jobs).toHaveLength(1)
        expect(jobs[0]).toMatchObject({ fn: 'volunteer', action: 'log' })
        expect(jobs[0].input).toMatchObject({ hours: 3.5, place: '社区卫生服务中心', description: '健康宣教', category: 'healthOutreach', amount: null })
        expect(typeof jobs[0].input.requestId).toBe('string')
        expect(Taro.navigateBack).toHaveBeenCalledTimes(1)
      } finally {
        page.unmount()
      }
    }), { numRuns: 8 })
  })

  it('shows the problem in place and queues nothing when the form is incomplete', async () => {
    const page = render(<LogPage />)
    await settle()
    typeInto(page.container.querySelector('.vol-form__hours')!, '2.25')
    await settle()
    fireEvent.click(screen.getByText('保存'))
    await settle()
    screen.getByText('时长以半小时为单位，例如 2 或 3.5')
    expect(writeQueue().list()).toHaveLength(0)
    fireEvent.click(screen.getByText('捐赠'))
    typeInto(page.container.querySelector('.vol-form__hours')!, '1')
    typeInto(page.container.querySelector('.vol-form__place')!, '红十字会')
    typeInto(page.container.querySelector('.vol-form__description')!, '捐款')
    await settle()
    fireEvent.click(screen.getByText('保存'))
    await settle()
    screen.getByText('捐赠请填写金额')
    expect(writeQueue().list()).toHaveLength(0)
    page.unmount()
  })
})

describe('my volunteer service', () => {
  it('shows the year\'s totals, waiting writes on top, and a sent record once', async () => {
    let online = false
    serve({
      'volunteer.log': (input) => {
        if (!online) throw offline()
        return record(`r-${input.requestId}`, { description: input.description })
      },
      'volunteer.mine': () => ({ items: [record('r1', { state: 'verified', verifiedBy: { name: '王老师', role: '带教老师', via: 'link' } })], nextCursor: null, total: 1, totals: { verified: 3.5, unverified: 0, records: 1 } })
    })
    queueLog({ requestId: 'req-abcdefghijkl', date: '2026-03-01', hours: 2, place: '社区', category: 'other', amount: null, description: '离线登记', photos: [] })
    await settle()
    const page = render(<MinePage />)
    await settle()
    expect(page.container.querySelectorAll('.job-card')).toHaveLength(1)
    expect(page.container.querySelector('.vol-totals__value--verified')!.textContent).toBe('3.5小时')
    screen.getByText('本年度已核实')
    screen.getByText(/核实人：王老师/)
    online = true
    await settle(() => void writeQueue().flush())
    expect(page.container.querySelectorAll('.job-card')).toHaveLength(0)
    expect(screen.getAllByText('离线登记')).toHaveLength(1)
    expect(callsTo('log').length).toBeGreaterThanOrEqual(2)
    expect(new Set(callsTo('log').map((i: any) => i.requestId)).size).toBe(1)
    page.unmount()
  })
})

describe('the link for the unit contact', () => {
  /** A token as the function issues them: letters, digits, dots, dashes, underscores. */
  const token = fc.stringMatching(/^VL1\.[A-Za-z0-9_-]{8,40}\.[A-Za-z0-9_-]{16,43}$/)

  it('shares a chat card that opens the verify page with exactly this link\'s token, which the page sends back', async () => {
    await fc.assert(fc.asyncProperty(token, async (t) => {
      mockCall.mockReset()
      setRouterParams({ recordId: 'r1' })
      serve({ 'volunteer.createLink': () => ({ token: t, url: `/#/packages/volunteer/pages/verify/index?token=${encodeURIComponent(t)}`, expiresAt: T }) })
      const link = render(<LinkPage />)
      await settle()
      expect(callsTo('createLink')).toEqual([{ recordId: 'r1' }])
      const share = (Taro.useShareAppMessage as jest.Mock).mock.calls.at(-1)![0]() as { title: string; path: string }
      link.unmount()
      const [route, query] = share.path.split('?')
      expect(route).toBe(ROUTES.volunteerVerify)
      // WeChat hands the page its query decoded once; the verify page asks with that token.
      setRouterParams(Object.fromEntries(new URLSearchParams(query)))
      serve({ 'volunteer.openLink': () => ({ record: (({ photos, ...r }) => r)(record('r1')), expiresAt: T }) })
      const verify = render(<VerifyPage />)
      await settle()
      expect(callsTo('openLink')).toEqual([{ token: t }])
      verify.unmount()
    }), { numRuns: 15 })
  })
})

describe('the unit contact\'s verify page', () => {
  const TOKEN = 'vl1.eyJyIjoicjEifQ.signature-abcdefghijklmnop'

  it('shows the record without any session call and verifies it with the contact\'s name', async () => {
    setRouterParams({ token: encodeURIComponent(TOKEN) })
    serve({
      'volunteer.openLink': () => ({ record: (({ photos, ...r }) => r)(record('r1')), expiresAt: T }),
      'volunteer.verifyByLink': () => ({ state: 'verified' })
    })
    const page = render(<VerifyPage />)
    await settle()
    screen.getByText(/实习生 李同学 登记了以下志愿服务/)
    fireEvent.click(screen.getByText('属实，确认核实'))
    await settle()
    screen.getByText('请填写您的姓名')
    expect(callsTo('verifyByLink')).toHaveLength(0)
    typeInto(page.container.querySelector('.vol-verify__name')!, '王老师')
    await settle()
    fireEvent.click(screen.getByText('属实，确认核实'))
    await settle()
    screen.getByText('已确认核实，谢谢您！')
    expect(callsTo('verifyByLink')).toEqual([{ token: TOKEN, verifierName: '王老师', approve: true }])
    expect(mockCall.mock.calls.every(([fn]) => fn === 'volunteer')).toBe(true)
    page.unmount()
  })

  it('returns a record with a reason', async () => {
    setRouterParams({ token: TOKEN })
    serve({
      'volunteer.openLink': () => ({ record: (({ photos, ...r }) => r)(record('r1')), expiresAt: T }),
      'volunteer.verifyByLink': () => ({ state: 'rejected' })
    })
    const page = render(<VerifyPage />)
    await settle()
    typeInto(page.container.querySelector('.vol-verify__name')!, '王老师')
    fireEvent.click(screen.getByText('退回'))
    await settle()
    fireEvent.click(screen.getByText('确认退回'))
    await settle()
    screen.getByText('退回请说明原因')
    typeInto(page.container.querySelector('.vol-verify__reason')!, '时长不符')
    await settle()
    fireEvent.click(screen.getByText('确认退回'))
    await settle()
    expect(callsTo('verifyByLink')).toEqual([{ token: TOKEN, verifierName: '王老师', approve: false, reason: '时长不符' }])
    screen.getByText('已退回，实习生会看到您的原因。')
    page.unmount()
  })

  it.each([
    ['used', new CallError('CONFLICT', '此核实链接已使用过，不能重复使用')],
    ['expired', new CallError('FAILED_PRECONDITION', '核实链接已过期，请实习生重新生成链接')],
    ['forged', new CallError('FAILED_PRECONDITION', '核实链接校验失败：链接被伪造或篡改')]
  ])('shows a %s link\'s refusal in Chinese and no form', async (_, refusal) => {
    setRouterParams({ token: TOKEN })
    serve({ 'volunteer.openLink': () => { throw refusal } })
    const page = render(<VerifyPage />)
    await settle()
    screen.getByText(refusal.message)
    expect(screen.queryByText('属实，确认核实')).toBeNull()
    page.unmount()
  })

  it('refuses a link cut short without calling', async () => {
    setRouterParams({ token: 'short' })
    const page = render(<VerifyPage />)
    await settle()
    screen.getByText('核实链接不完整，请让实习生重新发送链接或二维码')
    expect(mockCall).not.toHaveBeenCalled()
    page.unmount()
  })
})

describe('a group\'s pending list', () => {
  it('verifies one record, returns another with a reason, and each leaves the list', async () => {
    setRouterParams({ groupId: 'g1' })
    serve({
      'volunteer.pending': () => ({ items: [record('r1', { personName: '张同学' }), record('r2', { personName: '赵同学' })], nextCursor: null, total: 2 }),
      'volunteer.verify': (input) => record(input.recordId, { state: input.approve ? 'verified' : 'rejected' })
    })
    const page = render(<PendingPage />)
    await settle()
    expect(callsTo('pending')[0]).toMatchObject({ groupId: 'g1' })
    screen.getByText('张同学')
    fireEvent.click(page.container.querySelector('[data-record="r1"] .vol-pending__verify')!)
    await settle()
    expect(screen.queryByText('张同学')).toBeNull()
    fireEvent.click(page.container.querySelector('[data-record="r2"] .vol-pending__reject')!)
    await settle()
    fireEvent.click(page.container.querySelector('[data-record="r2"] .vol-pending__confirm-return')!)
    await settle()
    screen.getByText('退回请说明原因')
    typeInto(page.container.querySelector('[data-record="r2"] .vol-pending__reason')!, '请补充照片')
    await settle()
    fireEvent.click(page.container.querySelector('[data-record="r2"] .vol-pending__confirm-return')!)
    await settle()
    expect(callsTo('verify')).toEqual([{ recordId: 'r1', approve: true }, { recordId: 'r2', approve: false, reason: '请补充照片' }])
    screen.getByText('没有待核实的记录')
    page.unmount()
  })

  it('shows the function\'s refusal in place and keeps the record', async () => {
    setRouterParams({ groupId: 'g1' })
    serve({
      'volunteer.pending': () => ({ items: [record('r1')], nextCursor: null, total: 1 }),
      'volunteer.verify': () => { throw new CallError('CONFLICT', '这条记录已被核实') }
    })
    const page = render(<PendingPage />)
    await settle()
    fireEvent.click(page.container.querySelector('[data-record="r1"] .vol-pending__verify')!)
    await settle()
    screen.getByText('这条记录已被核实')
    expect(page.container.querySelector('[data-record="r1"]')).not.toBeNull()
    page.unmount()
  })
})
