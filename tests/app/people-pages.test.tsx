/**
 * 小组管理 with `call` answered by the test: every change (roles, advisors, unit contacts,
 * the flag, a move, "1+10" circles) asks first, saying exactly what changes, calls its
 * action with the right input only once confirmed, and says what changed; cancelling calls
 * nothing and shows nothing as done; a person's history shows their moves in order; a
 * non-admin opening the page sees the function's refusal.
 */
import { cleanup, fireEvent, render, screen } from '@testing-library/react'
import fc from 'fast-check'
import GroupManagePage from '../../src/packages/staff/pages/group-manage'
import { rolesChange, setChange } from '../../src/packages/staff/groupManage'
import { chinaNow } from '../../src/services/dates'
import { call, CallError } from '../../src/services/cloud'
import { clearSession } from '../../src/services/session'
import Taro, { setRouterParams } from './mocks/taro'
import { settle } from './pending'
import { Handler, inputsOf, serveWith } from './serve'

jest.mock('../../src/services/cloud', () => ({ ...jest.requireActual('../../src/services/cloud'), call: jest.fn() }))
const mockCall = call as unknown as jest.Mock
const GROUP = 'g1'
const typeInto = (el: Element, value: string) => fireEvent(el, new CustomEvent('input', { detail: { value, cursor: value.length }, bubbles: true }))

const member = (id: string, name: string, politicalStatus: string, groupRole: string | null = null) =>
  ({ id, name, kind: 'student', groupRole, unitName: null, major: null, politicalStatus, mentorId: null })
const MEMBERS = [member('p1', '李联络', 'member', 'liaison'), member('p2', '王骨干', 'probationary', 'coreMember'), member('p3', '张党员', 'member'), member('p4', '赵同学', 'masses')]
const CANDIDATES = [
  { id: 'p1', name: '李联络', politicalStatus: 'member', reason: '正式党员' },
  { id: 'p3', name: '张党员', politicalStatus: 'member', reason: '正式党员' },
  { id: 'p2', name: '王骨干', politicalStatus: 'probationary', reason: '预备党员' }
]
const managed = (extra: Record<string, unknown> = {}) => ({
  id: GROUP, name: '郑州市实习党小组', province: '河南省', cities: ['郑州市'], year: '2026-2027',
  counts: { total: 4, partyMembers: 3, probationary: 1, activists: 0, others: 1 }, liaisonName: '李联络', flagIssued: false,
  members: MEMBERS, advisors: [{ ...member('t1', '王老师', 'member'), kind: 'teacher' }], unitContacts: [],
  liaisonId: 'p1', coreMemberIds: ['p2'], viewerId: 'admin', candidates: CANDIDATES, ...extra
})

/** Every write the page can make; each records how many were made when the confirmation was asked. */
const WRITES = ['group.assignRoles', 'group.assignAdvisors', 'group.assignUnitContacts', 'group.setFlagIssued', 'group.moveMember', 'circle.autoAssign', 'circle.setMentor']
const writesSoFar = () => mockCall.mock.calls.filter(([f, a]) => WRITES.includes(`${f}.${a}`)).length
let writesWhenAsked: number[] = []

function answerModal(confirm: boolean) {
  Taro.showModal.mockImplementationOnce((() => {
    writesWhenAsked.push(writesSoFar())
    return Promise.resolve({ confirm, cancel: !confirm })
  }) as any)
}
const modalText = (): string => {
  const calls = Taro.showModal.mock.calls as unknown as [{ content: string }][]
  return calls[calls.length - 1][0].content
}

function serve(extra: Record<string, Handler> = {}) {
  serveWith(mockCall, {
    'group.manage': () => managed(),
    'group.assignRoles': (i) => ({ liaisonId: i.liaisonId, coreMemberIds: i.coreMemberIds }),
    'group.assignAdvisors': (i) => ({ advisorIds: i.advisorIds }),
    'group.assignUnitContacts': (i) => ({ unitContactIds: i.unitContactIds }),
    'group.setFlagIssued': (i) => ({ flagIssued: i.issued }),
    'group.assignable': (i) => ({ items: i.kind === 'teacher' ? [{ id: 't2', name: '刘老师', unitName: null, province: null }] : [{ id: 'c1', name: '周主任', unitName: '郑州市第一人民医院', province: '河南省' }], nextCursor: null, total: 1 }),
    'group.history': () => ({ items: [] }),
    // Names repeat from year to year: the function answers the year asked for.
    'group.list': (i) => ({ items: [{ id: 'g0', name: '洛阳市实习党小组', year: '2025-2026' }, { id: 'g2', name: '洛阳市实习党小组', year: '2026-2027' }].filter((g) => !i.year || g.year === i.year), nextCursor: null, total: null }),
    'group.moveMember': (i) => ({ fromGroupId: GROUP, toGroupId: i.toGroupId, movedAt: '2026-10-08T02:00:00.000Z' }),
    'circle.list': () => ({ circles: [{ mentor: { id: 'p1', name: '李联络' }, mentees: [{ id: 'p4', name: '赵同学' }] }], withoutMentor: [{ id: 'p5', name: '钱同学' }], coverage: { withMentor: 1, ordinary: 2, ratio: 0.5 } }),
    'circle.autoAssign': () => ({ assigned: 1, unassigned: 0, coverage: { withMentor: 2, ordinary: 2, ratio: 1 } }),
    'circle.setMentor': (i) => ({ studentId: i.studentId, mentorId: i.mentorId }),
    ...extra
  })
}

async function open() {
  setRouterParams({ groupId: GROUP })
  const page = render(<GroupManagePage />)
  await settle()
  return page
}
const q = (c: HTMLElement, sel: string) => c.querySelector(sel) as HTMLElement
const qa = (c: HTMLElement, sel: string) => Array.from(c.querySelectorAll(sel)) as HTMLElement[]
async function click(el: Element) {
  fireEvent.click(el)
  await settle()
}

beforeEach(() => {
  clearSession()
  mockCall.mockReset()
  Taro.showModal.mockReset()
  Taro.showModal.mockImplementation((() => Promise.resolve({ confirm: true, cancel: false })) as any)
  writesWhenAsked = []
})
afterEach(cleanup)

describe('the change descriptions', () => {
  const names = new Map(MEMBERS.map((m) => [m.id, m.name]))
  const ids = fc.constantFrom(...MEMBERS.map((m) => m.id))
  it('name every added and removed person once, and nothing when the sets are equal', () => {
    fc.assert(fc.property(fc.uniqueArray(ids), fc.uniqueArray(ids), (before, after) => {
      const line = setChange('骨干', before, after, names)
      const same = before.length === after.length && before.every((id) => after.includes(id))
      if (same) return expect(line).toBeNull()
      for (const id of MEMBERS.map((m) => m.id)) {
        const n = names.get(id)!
        const changed = before.includes(id) !== after.includes(id)
        expect(line!.split(n).length - 1).toBe(changed ? 1 : 0)
      }
    }))
  })
  it('say the liaison before and after', () => {
    fc.assert(fc.property(fc.option(ids, { nil: null }), fc.option(ids, { nil: null }), (a, b) => {
      const lines = rolesChange({ liaisonId: a, coreMemberIds: [] }, { liaisonId: b, coreMemberIds: [] }, names)
      expect(lines).toEqual(a === b ? [] : [`联络员：${a ? names.get(a) : '无'} → ${b ? names.get(b) : '无'}`])
    }))
  })
})

describe('小组管理', () => {
  it('opens with one call, group.manage', async () => {
    serve()
    await open()
    expect(mockCall.mock.calls.map(([f, a, i]) => [f, a, i])).toEqual([['group', 'manage', { groupId: GROUP }]])
    expect(screen.getByText('郑州市实习党小组')).toBeTruthy()
  })

  it('shows a non-admin the function\'s refusal', async () => {
    serve({ 'group.manage': () => { throw new CallError('PERMISSION_DENIED', '只有党总支可以管理党小组') } })
    await open()
    expect(screen.getByText(/只有党总支可以管理党小组/)).toBeTruthy()
    expect(document.querySelector('.manage__roles')).toBeNull()
  })

  it('saves generated liaison and core member choices only once confirmed, saying exactly what changes', async () => {
    const taps = fc.array(fc.record({ role: fc.constantFrom('liaison', 'core'), at: fc.integer({ min: 0, max: CANDIDATES.length - 1 }) }), { minLength: 1, maxLength: 6 })
    await fc.assert(fc.asyncProperty(taps, fc.boolean(), async (seq, confirm) => {
      cleanup(); mockCall.mockReset(); Taro.showModal.mockReset(); writesWhenAsked = []
      serve()
      const { container } = await open()
      let liaison: string | null = 'p1'
      let core = ['p2']
      for (const t of seq) {
        const id = CANDIDATES[t.at].id
        if (t.role === 'liaison') liaison = liaison === id ? null : id
        else core = core.includes(id) ? core.filter((x) => x !== id) : [...core, id]
        await click(qa(container, t.role === 'liaison' ? '.manage__liaison' : '.manage__core')[t.at])
      }
      const expected = rolesChange({ liaisonId: 'p1', coreMemberIds: ['p2'] }, { liaisonId: liaison, coreMemberIds: core }, new Map(MEMBERS.map((m) => [m.id, m.name])))
      answerModal(confirm)
      await click(q(container, '.manage__save-roles'))
      const calls = inputsOf(mockCall, 'group', 'assignRoles')
      if (!expected.length) {
        expect(Taro.showModal).not.toHaveBeenCalled()
        expect(calls).toEqual([])
        return
      }
      expect(modalText()).toBe(expected.join('\n'))
      expect(writesWhenAsked).toEqual([0])
      if (confirm) {
        expect(calls).toEqual([{ groupId: GROUP, liaisonId: liaison, coreMemberIds: core }])
        for (const l of expected) expect(screen.getByText(l)).toBeTruthy()
      } else {
        expect(calls).toEqual([])
        expect(container.querySelector('.manage__outcome')).toBeNull()
      }
    }), { numRuns: 15 })
  })

  it('says 联络员：李联络 → 张党员 for that change', async () => {
    serve()
    const { container } = await open()
    await click(qa(container, '.manage__liaison')[1])
    await click(q(container, '.manage__save-roles'))
    expect(modalText()).toBe('联络员：李联络 → 张党员')
  })

  it.each([['teacher', 'assignAdvisors', { advisorIds: ['t1', 't2'] }, '指导教师：增加 刘老师'], ['unitContact', 'assignUnitContacts', { unitContactIds: ['c1'] }, '实习单位联系人：增加 周主任']] as const)(
    'adds a %s picked from group.assignable only once confirmed', async (kind, action, input, line) => {
      for (const confirm of [false, true]) {
        cleanup(); mockCall.mockReset(); writesWhenAsked = []
        serve()
        const { container } = await open()
        const section = q(container, `.manage__staff--${kind}`)
        await click(q(section, '.manage__add'))
        expect(inputsOf(mockCall, 'group', 'assignable')[0]).toMatchObject({ kind })
        await click(q(container, '.manage__pick'))
        answerModal(confirm)
        await click(q(section, '.manage__save-staff'))
        expect(modalText()).toBe(line)
        expect(inputsOf(mockCall, 'group', action)).toEqual(confirm ? [{ groupId: GROUP, ...input }] : [])
        expect(writesWhenAsked.at(-1)).toBe(0)
      }
    })

  it('removes an advisor, and marks the flag issued, each after confirmation', async () => {
    serve()
    const { container } = await open()
    await click(q(q(container, '.manage__staff--teacher'), '.manage__remove'))
    await click(q(q(container, '.manage__staff--teacher'), '.manage__save-staff'))
    expect(modalText()).toBe('指导教师：移除 王老师')
    expect(inputsOf(mockCall, 'group', 'assignAdvisors')).toEqual([{ groupId: GROUP, advisorIds: [] }])
    answerModal(false)
    await click(q(container, '.manage__flag-toggle'))
    expect(modalText()).toBe('党旗：未发放 → 已发放')
    expect(inputsOf(mockCall, 'group', 'setFlagIssued')).toEqual([])
    await click(q(container, '.manage__flag-toggle'))
    expect(inputsOf(mockCall, 'group', 'setFlagIssued')).toEqual([{ groupId: GROUP, issued: true }])
    expect(screen.getAllByText('党旗：未发放 → 已发放').length).toBeGreaterThan(0)
  })

  it('shows a member\'s moves in order and moves them to a searched group only once confirmed', async () => {
    const moves = fc.array(fc.record({ name: fc.constantFrom('郑州市实习党小组', '洛阳市实习党小组', '开封市实习党小组'), reason: fc.constantFrom('组建党小组', '更换实习医院', '调整分组') }), { minLength: 1, maxLength: 5 })
    await fc.assert(fc.asyncProperty(moves, async (entries) => {
      cleanup(); mockCall.mockReset(); Taro.showModal.mockReset(); writesWhenAsked = []
      const items = entries.map((e, i) => ({ groupId: `g${i}`, groupName: e.name, from: new Date(Date.UTC(2026, 6, 1 + i * 10)).toISOString(), to: i < entries.length - 1 ? new Date(Date.UTC(2026, 6, 11 + i * 10)).toISOString() : null, reason: e.reason }))
      serve({ 'group.history': () => ({ items }) })
      const { container } = await open()
      await click(qa(container, '.manage__member')[3])
      expect(inputsOf(mockCall, 'group', 'history')).toEqual([{ personId: 'p4' }])
      const shown = qa(container, '.manage__history-item').map((el) => el.textContent)
      expect(shown).toHaveLength(items.length)
      shown.forEach((t, i) => { expect(t).toContain(items[i].groupName); expect(t).toContain(items[i].reason) })
      expect(shown[shown.length - 1]).toContain('至今')
    }), { numRuns: 8 })

  })

  it('moves a member to a searched group with the reason only once confirmed, and reloads their history', async () => {
    for (const confirm of [false, true]) {
      cleanup(); mockCall.mockReset(); writesWhenAsked = []
      serve()
      const { container } = await open()
      await click(qa(container, '.manage__member')[3])
      typeInto(q(container, '.manage__search'), '洛阳')
      await click(q(container, '.manage__search-go'))
      expect(inputsOf(mockCall, 'group', 'list')).toEqual([{ keyword: '洛阳', year: '2026-2027', pageSize: 50 }])
      expect(container.querySelectorAll('.manage__target')).toHaveLength(1)
      await click(q(container, '.manage__target'))
      typeInto(q(container, '.manage__reason'), '更换实习医院')
      await settle()
      answerModal(confirm)
      await click(q(container, '.manage__do-move'))
      expect(modalText()).toMatch(/^赵同学：郑州市实习党小组 → 洛阳市实习党小组（.+ 起，原因：更换实习医院）$/)
      expect(writesWhenAsked).toEqual([0])
      expect(inputsOf(mockCall, 'group', 'moveMember')).toEqual(confirm ? [{ personId: 'p4', toGroupId: 'g2', reason: '更换实习医院' }] : [])
      expect(inputsOf(mockCall, 'group', 'history')).toHaveLength(confirm ? 2 : 1)
      expect(container.querySelector('.manage__outcome')?.textContent ?? '').toContain(confirm ? '2026年10月8日 起' : '')
      if (!confirm) expect(container.querySelector('.manage__outcome')).toBeNull()
    }
  })

  it('dates a move on the day chosen, from the day the person joined to today; today sends no date', async () => {
    const joined = '2026-09-01T00:00:00.000Z'
    serve({ 'group.history': () => ({ items: [{ groupId: GROUP, groupName: '郑州市实习党小组', from: joined, to: null, reason: '组建党小组' }] }) })
    const { container } = await open()
    await click(qa(container, '.manage__member')[3])
    const picker = q(container, '.manage__move-date').closest('taro-picker-core') as HTMLElement & { start?: string; end?: string }
    expect(picker).not.toBeNull()
    expect({ start: picker.start, end: picker.end }).toEqual({ start: '2026-09-01', end: chinaNow().date })
    expect(q(container, '.manage__move-date').textContent).toContain('今天')
    typeInto(q(container, '.manage__search'), '洛阳')
    await click(q(container, '.manage__search-go'))
    await click(q(container, '.manage__target'))
    typeInto(q(container, '.manage__reason'), '更换实习医院')
    await settle(() => { fireEvent(picker, new CustomEvent('change', { detail: { value: '2026-10-08' } })) })
    expect(q(container, '.manage__move-date').textContent).toContain('2026年10月8日')
    await click(q(container, '.manage__do-move'))
    expect(modalText()).toContain('（2026年10月8日 起，原因：更换实习医院）')
    expect(inputsOf(mockCall, 'group', 'moveMember')).toEqual([{ personId: 'p4', toGroupId: 'g2', reason: '更换实习医院', date: '2026-10-08' }])
  })

  it('runs and adjusts 1+10 circles only once confirmed, with the coverage before and after', async () => {
    serve()
    const { container } = await open()
    expect(inputsOf(mockCall, 'circle', 'list')).toEqual([])
    await click(q(container, '.manage__load-circles'))
    expect(inputsOf(mockCall, 'circle', 'list')).toEqual([{ groupId: GROUP }])
    expect(q(container, '.manage__coverage').textContent).toContain('50%')
    answerModal(false)
    await click(q(container, '.manage__auto'))
    expect(modalText()).toContain('为尚无联系党员的 1 名普通同学分配联系党员')
    expect(inputsOf(mockCall, 'circle', 'autoAssign')).toEqual([])
    await click(q(container, '.manage__auto'))
    expect(inputsOf(mockCall, 'circle', 'autoAssign')).toEqual([{ groupId: GROUP }])
    expect(screen.getByText('覆盖率：50% → 100%')).toBeTruthy()
    // move 赵同学 from 李联络 to 张党员
    await click(qa(container, '.manage__mentee')[0])
    answerModal(false)
    await click(qa(container, '.manage__mentor')[0])
    expect(modalText()).toBe('赵同学的联系党员：李联络 → 王骨干')
    expect(inputsOf(mockCall, 'circle', 'setMentor')).toEqual([])
    await click(qa(container, '.manage__mentor')[1])
    expect(modalText()).toBe('赵同学的联系党员：李联络 → 张党员')
    expect(inputsOf(mockCall, 'circle', 'setMentor')).toEqual([{ studentId: 'p4', mentorId: 'p3' }])
    expect(writesWhenAsked).toEqual([0, 1])
  })
})
