/**
 * 邀请码 page with `call` answered by the test: the first screen is one `user.listInvites`
 * call, pending codes shown with their state; creating sends what was typed and shows the
 * code large with its QR; revoking and re-inviting ask first, naming the person and the
 * code, and call nothing when declined; a non-admin sees the function's refusal. The bind
 * page takes the code typed, scanned or passed in its link.
 */
import { act, fireEvent, render, screen, within } from '@testing-library/react'
import fc from 'fast-check'
import { userActions } from '../../types/actions/user'
import InvitesPage from '../../src/packages/staff/pages/invites'
import { inviteCodeIn } from '../../src/pages/bind'
import { call, CallError } from '../../src/services/cloud'
import Taro, { setRouterParams } from './mocks/taro'
import { inputsOf, serveWith } from './serve'

jest.mock('../../src/services/cloud', () => ({ ...jest.requireActual('../../src/services/cloud'), call: jest.fn() }))
const mockCall = call as unknown as jest.Mock
const typeInto = (el: Element, value: string) => fireEvent(el, new CustomEvent('input', { detail: { value, cursor: value.length }, bubbles: true }))
const flush = () => act(async () => { for (let i = 0; i < 5; i++) await Promise.resolve() })

const FUTURE = '2099-01-01T00:00:00.000Z'
const PAST = '2020-01-01T00:00:00.000Z'
const entries = [
  { personId: 'p1', name: '刘老师', kind: 'teacher', unitName: null, phone: null, state: 'pending', code: 'ABCD2345', expiresAt: FUTURE },
  { personId: 'p2', name: '王带教', kind: 'unitContact', unitName: '郑州市第一人民医院', phone: '13800000000', state: 'expired', code: 'EFGH6789', expiresAt: PAST },
  { personId: 'p3', name: '张老师', kind: 'teacher', unitName: null, phone: null, state: 'bound', code: null, expiresAt: null },
  { personId: 'p4', name: '赵干事', kind: 'staff', unitName: null, phone: null, state: 'none', code: null, expiresAt: null }
]
const page = { items: entries, nextCursor: null, total: null }

beforeEach(() => {
  mockCall.mockReset()
  Taro.showModal.mockClear()
  setRouterParams({})
})

describe('the invitations page', () => {
  it('opens with one call and shows each person in their state, pending codes with their code', async () => {
    serveWith(mockCall, { 'user.listInvites': () => page })
    const view = render(<InvitesPage />)
    await screen.findByText('刘老师')
    expect(mockCall).toHaveBeenCalledTimes(1)
    expect(inputsOf(mockCall, 'user', 'listInvites')).toEqual([{ pageSize: 20 }])
    for (const label of ['待使用', '已过期', '已绑定', '无有效邀请码']) expect(screen.getByText(label)).toBeTruthy()
    expect(screen.getByText('ABCD2345')).toBeTruthy()
    // Only an unused, unexpired code can be revoked; a bound person cannot be re-invited.
    expect(screen.getAllByText('作废')).toHaveLength(1)
    expect(screen.getAllByText('重新生成')).toHaveLength(2)
    expect(screen.getAllByText('生成邀请码').length).toBeGreaterThanOrEqual(2)
    view.unmount()
  })

  it('sends what was typed, and shows the new code large with a QR holding it', async () => {
    await fc.assert(fc.asyncProperty(
      fc.constantFrom('teacher' as const, 'staff' as const),
      fc.stringMatching(/^[\u4e00-\u9fa5]{1,6}$/),
      fc.option(fc.stringMatching(/^1\d{10}$/), { nil: undefined }),
      fc.stringMatching(/^[A-HJ-NP-Z2-9]{8}$/),
      async (kind, name, phone, code) => {
        mockCall.mockReset()
        serveWith(mockCall, { 'user.listInvites': () => page, 'user.createInvite': () => ({ code, personId: 'new', expiresAt: FUTURE }) })
        const view = render(<InvitesPage />)
        try {
          await screen.findByText('刘老师')
          fireEvent.click(within(view.container.querySelector('.invites__kinds') as HTMLElement).getByText(kind === 'teacher' ? '指导教师' : '党总支工作人员'))
          typeInto(view.container.querySelector('.invites__name-input')!, name)
          if (phone) typeInto(view.container.querySelector('.invites__phone-input')!, phone)
          fireEvent.click(view.container.querySelector('.invites__submit')!)
          await screen.findByText(code)
          const sent = inputsOf(mockCall, 'user', 'createInvite')
          expect(sent).toEqual([{ kind, name, ...(phone ? { phone } : {}) }])
          expect(userActions.createInvite.input.safeParse(sent[0]).success).toBe(true)
          expect(view.container.querySelector('.invites__issued canvas, .invites__issued #invite-qr')).toBeTruthy()
          expect(screen.getByText(code).className).toContain('invites__code')
        } finally {
          view.unmount()
        }
      }), { numRuns: 8 })
  })

  it('asks before revoking, naming the person and the code, and revokes only when confirmed', async () => {
    serveWith(mockCall, { 'user.listInvites': () => page, 'user.revokeInvite': (i) => ({ personId: 'p1', name: '刘老师', code: i.code }) })
    const view = render(<InvitesPage />)
    await screen.findByText('刘老师')
    Taro.showModal.mockResolvedValueOnce({ confirm: false, cancel: true })
    fireEvent.click(screen.getByText('作废'))
    await flush()
    expect(Taro.showModal).toHaveBeenCalledTimes(1)
    expect((Taro.showModal.mock.calls[0] as unknown as [{ content: string }])[0].content).toMatch(/刘老师.*ABCD2345/)
    expect(inputsOf(mockCall, 'user', 'revokeInvite')).toEqual([])
    fireEvent.click(screen.getByText('作废'))
    await flush()
    expect(inputsOf(mockCall, 'user', 'revokeInvite')).toEqual([{ code: 'ABCD2345' }])
    // The list is read again to show what changed.
    expect(inputsOf(mockCall, 'user', 'listInvites').length).toBe(2)
    view.unmount()
  })

  it('asks before re-inviting, saying the old code will stop working, and re-invites that person', async () => {
    serveWith(mockCall, { 'user.listInvites': () => page, 'user.createInvite': () => ({ code: 'NEWC0DE2', personId: 'p2', expiresAt: FUTURE }) })
    const view = render(<InvitesPage />)
    await screen.findByText('王带教')
    fireEvent.click(screen.getAllByText('重新生成')[1])
    await flush()
    expect((Taro.showModal.mock.calls[0] as unknown as [{ content: string }])[0].content).toMatch(/王带教.*EFGH6789.*作废/)
    await screen.findByText('NEWC0DE2')
    expect(inputsOf(mockCall, 'user', 'createInvite')).toEqual([{ kind: 'unitContact', name: '王带教', personId: 'p2' }])
    view.unmount()
  })

  it('shows a non-admin the function refusal instead of the page', async () => {
    serveWith(mockCall, { 'user.listInvites': () => { throw new CallError('PERMISSION_DENIED', '只有党总支管理员可以管理邀请码') } })
    const view = render(<InvitesPage />)
    await screen.findByText(/只有党总支管理员可以管理邀请码/)
    expect(screen.queryByText('生成邀请码')).toBeNull()
    view.unmount()
  })
})

describe('the bind page takes an invite code', () => {
  const code = fc.stringMatching(/^[A-Z0-9]{8}$/)
  it('typed in any case, scanned as the bare code, or in a link', () => {
    fc.assert(fc.property(code, fc.constantFrom('', ' ', '\n'), (c, pad) => {
      expect(inviteCodeIn(`${pad}${c.toLowerCase()}${pad}`)).toBe(c)
      expect(inviteCodeIn(`/pages/bind/index?code=${c}`)).toBe(c)
    }))
  })
  it('and finds none in text without exactly eight letters or digits in a row', () => {
    fc.assert(fc.property(fc.stringMatching(/^[A-Z0-9]{0,7}$|^[A-Z0-9]{9,12}$/), (s) => {
      expect(inviteCodeIn(s)).toBe('')
    }))
  })
})
