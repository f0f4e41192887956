/**
 * The 组建党小组 page with `call` answered by the test: a generated contract-valid preview
 * is drawn with every group under its province, each group's bar segments as wide as their
 * counts on one scale; 应用 first asks with the preview's counts and then calls
 * `group.applyFormation` once with the previewed parameters; an interrupted apply is
 * resumed by applying again, a changed roster sends the branch back to preview; several
 * waiting years are offered as choices; a non-admin sees the function's refusal.
 */
import { fireEvent, render, screen } from '@testing-library/react'
import fc from 'fast-check'
import { groupActions } from '../../types/actions/group'
import FormationPage from '../../src/packages/staff/pages/formation'
import { barScale, confirmText, Preview, resultText, summaryOf } from '../../src/packages/staff/pages/formation/formation'
import { call, CallError } from '../../src/services/cloud'
import Taro, { setRouterParams } from './mocks/taro'
import { settle } from './pending'
import { Handler, inputsOf, serveWith } from './serve'

jest.mock('../../src/services/cloud', () => ({ ...jest.requireActual('../../src/services/cloud'), call: jest.fn() }))
const mockCall = call as unknown as jest.Mock
const serve = (handlers: Record<string, Handler>): void => serveWith(mockCall, handlers)
const callsTo = (action: string): any[] => inputsOf(mockCall, 'group', action)
const typeInto = (el: Element, value: string) => fireEvent(el, new CustomEvent('input', { detail: { value, cursor: value.length }, bubbles: true }))

// ---------------------------------------------------------------------------------------------
// Generated previews, valid against the contract's output schema

const counts = fc.record({
  members: fc.nat({ max: 12 }), probationary: fc.nat({ max: 5 }), activists: fc.nat({ max: 10 }), others: fc.nat({ max: 40 })
}).filter((c) => c.members + c.probationary + c.activists + c.others > 0)
  .map((c) => ({ total: c.members + c.probationary + c.activists + c.others, partyMembers: c.members + c.probationary, probationary: c.probationary, activists: c.activists, others: c.others }))

const PROVINCES = ['河南省', '湖北省', '上海市', '广东省', '四川省']
const CITIES = ['郑州市', '洛阳市', '武汉市', '宜昌市', '广州市', '深圳市', '成都市', '绵阳市']
const NAMES = ['王伟', '李娜', '张敏', '刘洋', '陈静']

/** One region: its cities and its groups' counts, each group new or existing. */
const region = fc.record({
  cities: fc.uniqueArray(fc.constantFrom(...CITIES), { minLength: 1, maxLength: 3 }),
  groups: fc.array(fc.record({ counts, existing: fc.boolean(), liaisons: fc.uniqueArray(fc.constantFrom(...NAMES), { maxLength: 3 }) }), { minLength: 1, maxLength: 4 })
})

const previews: fc.Arbitrary<Preview> = fc.record({
  year: fc.integer({ min: 2020, max: 2035 }).map((y) => `${y}-${y + 1}`),
  provinces: fc.uniqueArray(fc.constantFrom(...PROVINCES), { minLength: 1, maxLength: 3 }),
  regions: fc.array(region, { minLength: 1, maxLength: 6 }),
  warnings: fc.array(fc.constantFrom('郑州市第2实习党小组没有学生党员：建议指定一名教师党员', '3名学生没有实习年度'), { maxLength: 2 })
}).map(({ year, provinces, regions, warnings }) => {
  const placed = regions.map((r, i) => ({ ...r, province: provinces[i % provinces.length], key: `${year}/${provinces[i % provinces.length]}/${r.cities[0]}#${i}` }))
  const groups = placed.flatMap((r) => r.groups.map((g, j) => ({
    key: `${r.key}/${j + 1}`, name: `${r.cities[0]}第${j + 1}实习党小组`, province: r.province, cities: r.cities, counts: g.counts,
    existing: g.existing, joining: g.existing ? Math.min(g.counts.total, 3) : g.counts.total,
    suggestedLiaisons: g.existing ? [] : g.liaisons.map((name, k) => ({ id: `p-${j}-${k}`, name }))
  })))
  const sum = (gs: typeof groups, f: (c: (typeof groups)[number]['counts']) => number) => gs.reduce((n, g) => n + f(g.counts), 0)
  return {
    fingerprint: `fp-${year}-${groups.length}`,
    year,
    interns: groups.reduce((n, g) => n + g.joining, 0),
    groups,
    regions: placed.map((r) => {
      const gs = groups.filter((g) => g.key.startsWith(`${r.key}/`))
      return { key: r.key, name: r.cities[0], province: r.province, cities: r.cities, interns: sum(gs, (c) => c.total), partyMembers: sum(gs, (c) => c.partyMembers), activists: sum(gs, (c) => c.activists), groups: gs.length, year }
    }),
    warnings
  }
})

/** A fixed preview for the apply tests: 2 new groups in 2 provinces and 1 existing group joined. */
const PREVIEW: Preview = groupActions.previewFormation.output.parse({
  fingerprint: 'fp-abc', year: '2026-2027', interns: 62,
  groups: [
    { key: '2026-2027/河南省/郑州市/1', name: '郑州市第1实习党小组', province: '河南省', cities: ['郑州市'], counts: { total: 30, partyMembers: 4, probationary: 1, activists: 6, others: 20 }, existing: false, joining: 30, suggestedLiaisons: [{ id: 'p1', name: '王伟' }] },
    { key: '2026-2027/湖北省/武汉市/1', name: '武汉市第1实习党小组', province: '湖北省', cities: ['武汉市'], counts: { total: 28, partyMembers: 3, probationary: 0, activists: 5, others: 20 }, existing: false, joining: 28, suggestedLiaisons: [] },
    { key: '2026-2027/上海市/1', name: '上海市第1实习党小组', province: '上海市', cities: ['上海市'], counts: { total: 33, partyMembers: 5, probationary: 2, activists: 8, others: 20 }, existing: true, joining: 4, suggestedLiaisons: [] }
  ],
  regions: [
    { key: '2026-2027/河南省/郑州市', name: '郑州市', province: '河南省', cities: ['郑州市'], interns: 30, partyMembers: 4, activists: 6, groups: 1, year: '2026-2027' },
    { key: '2026-2027/湖北省/武汉市', name: '武汉市', province: '湖北省', cities: ['武汉市'], interns: 28, partyMembers: 3, activists: 5, groups: 1, year: '2026-2027' },
    { key: '2026-2027/上海市', name: '上海市', province: '上海市', cities: ['上海市'], interns: 4, partyMembers: 0, activists: 1, groups: 1, year: '2026-2027' }
  ],
  warnings: ['武汉市第1实习党小组的学生党员少于3名']
})

const renderPage = async () => {
  const page = render(<FormationPage />)
  await settle()
  return page
}

beforeEach(() => {
  setRouterParams({})
  mockCall.mockReset()
})

describe('the preview', () => {
  it('draws every generated group under its province, its bar segments as wide as their counts on one scale', async () => {
    await fc.assert(fc.asyncProperty(previews, async (preview) => {
      expect(groupActions.previewFormation.output.safeParse(preview).success).toBe(true)
      mockCall.mockReset()
      serve({ 'group.previewFormation': () => preview })
      const page = await renderPage()
      try {
        expect(callsTo('previewFormation')).toEqual([{ targetGroupSize: 30 }])
        const cards = Array.from(page.container.querySelectorAll<HTMLElement>('.fgroup'))
        expect(cards.map((c) => c.getAttribute('data-key')).sort()).toEqual(preview.groups.map((g) => g.key).sort())
        const scale = barScale(preview)
        for (const g of preview.groups) {
          const card = cards.find((c) => c.getAttribute('data-key') === g.key)!
          const section = card.closest('.fprovince')!
          expect(section.querySelector('.fprovince__title')!.textContent).toContain(g.province)
          const drawn: Record<string, number> = Object.fromEntries(Array.from(card.querySelectorAll<HTMLElement>('.fbar__seg')).map((s) => [s.getAttribute('data-segment'), parseFloat(s.style.width)]))
          const expected = { members: g.counts.partyMembers - g.counts.probationary, probationary: g.counts.probationary, activists: g.counts.activists, others: g.counts.others }
          for (const [key, count] of Object.entries(expected)) {
            if (count === 0) expect(drawn[key]).toBeUndefined()
            else expect(drawn[key]).toBeCloseTo((count / scale) * 100, 6)
          }
          // the whole bar stands for the group's size
          expect(Object.values(drawn).reduce((a, b) => a + b, 0)).toBeCloseTo((g.counts.total / scale) * 100, 6)
          if (!g.existing && g.suggestedLiaisons.length) expect(card.textContent).toContain(g.suggestedLiaisons.map((p) => p.name).join('、'))
        }
        for (const w of preview.warnings) expect(page.container.querySelector('.formation__warnings')!.textContent).toContain(w)
      } finally {
        page.unmount()
      }
    }), { numRuns: 25 })
  })

  it('previews again with the target size typed, and offers the years a refusal names', async () => {
    serve({
      'group.previewFormation': (input) => {
        if (!input.year) throw new CallError('INVALID_ARGUMENT', '2个实习年度都有待编组的学生：2025-2026（3人）、2026-2027（62人）；请选择一个年度（year）分别预览和组建')
        return PREVIEW
      }
    })
    const page = await renderPage()
    screen.getByText(/2个实习年度都有待编组的学生/)
    fireEvent.click(screen.getByText('2026-2027'))
    await settle()
    expect(callsTo('previewFormation')).toEqual([{ targetGroupSize: 30 }, { targetGroupSize: 30, year: '2026-2027' }])
    expect(page.container.querySelectorAll('.fgroup')).toHaveLength(3)
    typeInto(page.container.querySelector('.formation__size')!, '40')
    await settle()
    fireEvent.click(screen.getByText('重新预览'))
    await settle()
    expect(callsTo('previewFormation').at(-1)).toEqual({ targetGroupSize: 40, year: '2026-2027' })
    screen.getByText('2025-2026')
    page.unmount()
  })
})

describe('applying', () => {
  it('asks with the preview\'s counts, calls nothing when declined, and applies once with the previewed parameters', async () => {
    await fc.assert(fc.asyncProperty(previews, fc.integer({ min: 5, max: 200 }), async (preview, size) => {
      mockCall.mockReset()
      Taro.showModal.mockClear()
      const result = { year: preview.year!, groups: summaryOf(preview).newGroups, existingGroups: summaryOf(preview).existingGroups, placed: preview.interns }
      serve({ 'group.previewFormation': () => preview, 'group.applyFormation': () => result })
      const page = await renderPage()
      try {
        typeInto(page.container.querySelector('.formation__size')!, String(size))
        await settle()
        fireEvent.click(screen.getByText('重新预览'))
        await settle()
        Taro.showModal.mockResolvedValueOnce({ confirm: false, cancel: true })
        fireEvent.click(screen.getByText('应用'))
        await settle()
        expect(callsTo('applyFormation')).toEqual([])
        // the counts, taken from the preview here rather than from the page's own summary
        const fresh = preview.groups.filter((g) => !g.existing)
        const joined = preview.groups.filter((g) => g.existing)
        const asked = (Taro.showModal.mock.calls[0] as any[])[0].content as string
        expect(asked).toBe(confirmText(preview))
        if (fresh.length) expect(asked).toContain(`将在${new Set(fresh.map((g) => g.province)).size}个省份新建${fresh.length}个党小组，编入${fresh.reduce((n, g) => n + g.counts.total, 0)}名学生`)
        if (joined.length) expect(asked).toContain(`将${joined.reduce((n, g) => n + g.joining, 0)}名新增学生编入${joined.length}个已有党小组`)
        expect(page.container.querySelector('.formation__apply')!.textContent).toContain(asked)
        fireEvent.click(screen.getByText('应用'))
        await settle()
        expect(Taro.showModal).toHaveBeenCalledTimes(2)
        expect(callsTo('applyFormation')).toEqual([{ targetGroupSize: size, year: preview.year, fingerprint: preview.fingerprint }])
        expect(page.container.querySelector('.formation__result')!.textContent).toContain(resultText(result))
        // applied: no second apply from the same preview
        expect(screen.queryByText('应用')).toBeNull()
        fireEvent.click(screen.getByText('查看党小组列表'))
        expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/staff/pages/groups/index' })
      } finally {
        page.unmount()
      }
    }), { numRuns: 10 })
  })

  it('resumes an interrupted formation by applying again with the same input, and shows the function\'s answer', async () => {
    let applies = 0
    serve({
      'group.previewFormation': () => PREVIEW,
      'group.applyFormation': () => {
        if (++applies === 1) throw new CallError('INTERNAL', '云函数执行超时')
        return { year: '2026-2027', groups: 2, existingGroups: 1, placed: 60 }
      }
    })
    const page = await renderPage()
    fireEvent.click(screen.getByText('应用'))
    await settle()
    screen.getByText('组建未完成')
    screen.getByText('云函数执行超时')
    fireEvent.click(screen.getByText('继续组建'))
    await settle()
    expect(Taro.showModal).toHaveBeenCalledTimes(2)
    const input = { targetGroupSize: 30, year: '2026-2027', fingerprint: 'fp-abc' }
    expect(callsTo('applyFormation')).toEqual([input, input])
    const shown = page.container.querySelector('.formation__result')!.textContent!
    expect(shown).toContain('新建2个党小组，向1个已有党小组编入新增学生，共编入60名学生')
    // the function placed fewer than previewed: said, not hidden
    expect(shown).toContain('2名未按预览编入')
    page.unmount()
  })

  it('sends the branch back to preview when the roster changed, without offering to apply again', async () => {
    serve({ 'group.previewFormation': () => PREVIEW, 'group.applyFormation': () => { throw new CallError('CONFLICT', '名单在预览之后发生了变化，请重新预览后再确认') } })
    const page = await renderPage()
    fireEvent.click(screen.getByText('应用'))
    await settle()
    screen.getByText('名单在预览之后发生了变化，请重新预览后再确认')
    expect(screen.queryByText('继续组建')).toBeNull()
    const buttons = screen.getAllByText('重新预览')
    fireEvent.click(buttons[buttons.length - 1])
    await settle()
    expect(callsTo('previewFormation')).toHaveLength(2)
    expect(page.container.querySelector('.formation__failed')).toBeNull()
    page.unmount()
  })
})

describe('who may form groups', () => {
  it('shows a non-admin the function\'s refusal, with nothing to apply', async () => {
    serve({ 'group.previewFormation': () => { throw new CallError('PERMISSION_DENIED', '只有党总支可以组建党小组') } })
    const page = await renderPage()
    expect(page.container.querySelector('.page-state--error')!.textContent).toContain('只有党总支可以组建党小组')
    expect(screen.queryByText('应用')).toBeNull()
    expect(callsTo('applyFormation')).toEqual([])
    page.unmount()
  })
})
