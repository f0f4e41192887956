/**
 * The oversight pages with `call` answered by the test: the dashboard draws every figure
 * of a generated contract-valid view (each chart's numbers are the view's, its bars
 * proportional to them), switches years and taps through to the groups of a province and
 * the alerts of a kind; the activity grid asks for the province and marks silent months;
 * alerts filter by kind and open their links; the settings form refuses what the
 * contract refuses on the field, shows the function's refusals on theirs, and saves only
 * after a confirmation listing exactly what changes; the export asks for the year shown
 * and how; a caller the function refuses sees its reason.
 */
import { fireEvent, render, screen } from '@testing-library/react'
import dayjs from 'dayjs'
import fc from 'fast-check'
import { ALERT_ACTOR_ROLES, ALERT_KIND_LABELS, ALERT_KINDS, ALERT_LINKS, AlertKind, alertView, Cadences, dashboardView, DEFAULT_CADENCES, groupActivityRow, OVERSIGHT_PAGES } from '../../types/actions/oversight'
import DashboardPage from '../../src/packages/oversight/pages/dashboard'
import GroupActivityPage from '../../src/packages/oversight/pages/group-activity'
import AlertsPage from '../../src/packages/oversight/pages/alerts'
import SettingsPage from '../../src/packages/oversight/pages/settings'
import { ROUTES } from '../../src/routes'
import { call, CallError } from '../../src/services/cloud'
import { formatDateTime } from '../../src/services/dates'
import Taro, { setRouterParams } from './mocks/taro'
import { validCadences } from '../helpers/cadences'
import { settle } from './pending'
import { Handler, inputsOf, serveWith } from './serve'

jest.mock('../../src/services/cloud', () => ({ ...jest.requireActual('../../src/services/cloud'), call: jest.fn() }))
const mockCall = call as unknown as jest.Mock
const serve = (handlers: Record<string, Handler>): void => serveWith(mockCall, handlers)
const callsTo = (action: string): any[] => inputsOf(mockCall, 'oversight', action)
const typeInto = (el: Element, value: string) => fireEvent(el, new CustomEvent('input', { detail: { value, cursor: value.length }, bubbles: true }))
const text = (root: ParentNode, selector: string): string => root.querySelector(selector)?.textContent ?? ''
const all = (root: ParentNode, selector: string): HTMLElement[] => Array.from(root.querySelectorAll<HTMLElement>(selector))
/** A bar's length in percent, as drawn. */
const length = (el: Element | null, side: 'width' | 'height' = 'width'): number => parseFloat((el as HTMLElement | null)?.style[side] ?? '') || 0
/** What a share of a whole is, in percent. */
const shareOf = (value: number, whole: number): number => (whole > 0 ? (value / whole) * 100 : 0)
const pct = (fraction: number): string => `${Math.round(fraction * 1000) / 10}%`
const hours = (h: number): string => `${Number.isInteger(h) ? h : h.toFixed(1)}小时`

beforeEach(() => {
  setRouterParams({})
  mockCall.mockReset()
  Taro.navigateTo.mockClear()
  Taro.showModal.mockReset()
  Taro.showModal.mockImplementation(() => Promise.resolve({ confirm: true, cancel: false }))
})

// ---------------------------------------------------------------------------------------------
// Generated views, contract-valid (each parsed by the contract's own schema)

const PROVINCES = ['上海市', '云南省', '北京市', '四川省', '天津市', '安徽省', '山东省', '广东省', '江苏省', '河南省', '浙江省', '湖北省', '湖南省', '福建省', '贵州省', '陕西省', '内蒙古自治区', '广西壮族自治区']
const YEARS = ['2027-2028', '2026-2027', '2025-2026', '2024-2025']
const monthsOf = (year: string, n: number): string[] =>
  Array.from({ length: n }, (_, i) => { const m = 7 + i; const y = Number(year.slice(0, 4)) + (m > 12 ? 1 : 0); return `${y}-${String(((m - 1) % 12) + 1).padStart(2, '0')}` })
const ratio = (n: number, of: number): number => (of ? Math.round((n / of) * 10000) / 10000 : 0)
/** Part of a whole: `share` (0-1) of `of`, a whole number. */
const part = (of: number, share: number): number => Math.min(of, Math.round(of * share))
const unit = fc.double({ min: 0, max: 1, noNaN: true })

const provinceArb = fc.record({ groups: fc.integer({ min: 1, max: 40 }), interns: fc.integer({ min: 0, max: 900 }), party: unit, flags: unit })
const monthArb = fc.record({ checkins: fc.nat(300), meetingShare: unit, metShare: unit, pushed: fc.nat(6), targeted: fc.nat(8000), readShare: unit })

const dashboardArb = fc.record({
  years: fc.shuffledSubarray(YEARS, { minLength: 1 }),
  scope: fc.constantFrom('branch' as const, 'advisor' as const),
  months: fc.integer({ min: 0, max: 12 }),
  provinces: fc.shuffledSubarray(PROVINCES, { minLength: 0, maxLength: 14 }).chain((names) => fc.tuple(fc.constant(names), fc.array(provinceArb, { minLength: names.length, maxLength: names.length }))),
  status: fc.record({ member: fc.nat(500), probationary: fc.nat(200), activist: fc.nat(400), others: fc.nat(3000) }),
  monthly: fc.array(monthArb, { minLength: 12, maxLength: 12 }),
  lessons: fc.record({ pushed: fc.nat(40), targeted: fc.nat(40000), readShare: unit }),
  volunteer: fc.record({ verifiedHalves: fc.nat(20000), unverifiedHalves: fc.nat(4000), records: fc.nat(5000), asOf: fc.option(fc.constant('2026-12-01T02:29:00.000Z'), { nil: null }) }),
  circles: fc.record({ ordinary: fc.nat(3000), share: unit }),
  talks: fc.record({ members: fc.nat(3000), share: unit, recorded: fc.nat(500) }),
  questions: fc.record({ open: fc.nat(60), overdueShare: unit }),
  alerts: fc.array(fc.nat(150), { minLength: ALERT_KINDS.length, maxLength: ALERT_KINDS.length })
}).map((g) => {
  const year = g.years[0]
  const [names, figures] = g.provinces
  const provinces = names.map((province, i) => {
    const f = figures[i]
    return { province, groups: f.groups, interns: f.interns, partyMembers: part(f.interns, f.party), flagsIssued: part(f.groups, f.flags) }
  }).sort((a, b) => a.province.localeCompare(b.province, 'zh'))
  const sum = (k: 'groups' | 'interns' | 'partyMembers' | 'flagsIssued') => provinces.reduce((n, p) => n + p[k], 0)
  const groups = sum('groups')
  const months = monthsOf(year, g.months)
  const byKind = Object.fromEntries(ALERT_KINDS.map((k, i) => [k, g.alerts[i]]))
  return dashboardView.parse({
    year, years: [...g.years].sort().reverse(), scope: g.scope, asOf: '2026-12-01T02:30:00.000Z', months,
    term: { label: `${year}-1`, from: `${year.slice(0, 4)}-07-01`, to: `${year.slice(0, 4)}-12-31` },
    totals: { groups, interns: sum('interns'), partyMembers: sum('partyMembers'), provinces: provinces.length, flagsIssued: sum('flagsIssued') },
    politicalStatus: g.status,
    provinces,
    monthly: months.map((month, i) => {
      const m = g.monthly[i]
      const met = part(groups, m.metShare)
      const read = part(m.targeted, m.readShare)
      return { month, checkins: m.checkins, meetings: part(m.checkins, m.meetingShare), groupsMet: met, groupsSilent: groups - met, lessonsPushed: m.pushed, lessonTargeted: m.targeted, lessonRead: read, readRate: ratio(read, m.targeted) }
    }),
    lessons: { pushed: g.lessons.pushed, targeted: g.lessons.targeted, read: part(g.lessons.targeted, g.lessons.readShare), readRate: ratio(part(g.lessons.targeted, g.lessons.readShare), g.lessons.targeted) },
    volunteer: { verified: g.volunteer.verifiedHalves / 2, unverified: g.volunteer.unverifiedHalves / 2, records: g.volunteer.records, asOf: g.volunteer.asOf },
    circles: { withMentor: part(g.circles.ordinary, g.circles.share), ordinary: g.circles.ordinary, ratio: ratio(part(g.circles.ordinary, g.circles.share), g.circles.ordinary) },
    talks: { students: part(g.talks.members, g.talks.share), members: g.talks.members, coverage: ratio(part(g.talks.members, g.talks.share), g.talks.members), recorded: g.talks.recorded },
    questions: { open: g.questions.open, overdue: part(g.questions.open, g.questions.overdueShare) },
    alerts: { total: g.alerts.reduce((n, x) => n + x, 0), byKind }
  })
})
type DashboardView = ReturnType<typeof dashboardView.parse>

const renderDashboard = async (view: DashboardView | ((input: any) => DashboardView), params: Record<string, string> = {}) => {
  serve({ 'oversight.dashboard': typeof view === 'function' ? view : () => view, 'oversight.exportYear': (input) => ({ fileID: 'f', url: `https://x/${input.year}-${input.by}.xlsx`, rows: 42 }) })
  setRouterParams(params)
  const page = render(<DashboardPage />)
  await settle()
  return page
}

/** Opens the folded provinces, when they are folded. */
async function unfoldProvinces(c: HTMLElement): Promise<void> {
  const toggle = c.querySelector('.ov-provinces__toggle')
  if (toggle && /展开/.test(toggle.textContent ?? '')) await settle(() => { fireEvent.click(toggle) })
}

function expectDashboardFigures(c: HTMLElement, d: DashboardView): void {
  // headline tiles
  expect(text(c, '.ov-tile--groups .ov-tile__value')).toBe(String(d.totals.groups))
  expect(text(c, '.ov-tile--interns .ov-tile__value')).toBe(String(d.totals.interns))
  expect(text(c, '.ov-tile--party .ov-tile__value')).toBe(String(d.totals.partyMembers))
  expect(text(c, '.ov-tile--provinces .ov-tile__value')).toBe(String(d.totals.provinces))
  expect(text(c, '.ov-tile--flags .ov-tile__value')).toBe(String(d.totals.flagsIssued))
  expect(c.textContent).toContain(`数据截至 ${dayjs(d.asOf).format('M月D日 HH:mm')}`)

  // political status: one bar, each part as wide as its share; the legend's numbers the view's
  const s = d.politicalStatus
  const whole = s.member + s.probationary + s.activist + s.others
  for (const key of ['member', 'probationary', 'activist', 'others'] as const) {
    expect(text(c, `.ov-legend__item--${key} .ov-legend__value`)).toBe(String(s[key]))
    expect(text(c, `.ov-legend__item--${key} .ov-legend__share`)).toBe(whole ? pct(s[key] / whole) : '—')
    const seg = c.querySelector(`.ov-stack .ov-stack__bar .ov-stack__seg--${key}`)
    if (s[key] === 0) expect(seg).toBeNull()
    else expect(length(seg)).toBeCloseTo(shareOf(s[key], whole), 1)
  }
  expect(text(c, '.ov-status .ov-card__side')).toBe(`共${whole}人`)

  // provinces: every one, its bars against the largest
  const rows = all(c, '.ov-province')
  expect(rows).toHaveLength(d.provinces.length)
  const maxInterns = Math.max(0, ...d.provinces.map((p) => p.interns))
  const maxGroups = Math.max(0, ...d.provinces.map((p) => p.groups))
  for (const p of d.provinces) {
    const row = rows.find((r) => text(r, '.ov-province__name') === p.province)!
    expect(row).toBeDefined()
    expect(text(row, '.ov-hbar--interns .ov-hbar__value')).toBe(`${p.interns}人`)
    expect(text(row, '.ov-hbar--groups .ov-hbar__value')).toBe(`${p.groups}组`)
    expect(length(row.querySelector('.ov-hbar--interns .ov-hbar__fill'))).toBeCloseTo(shareOf(p.interns, maxInterns), 1)
    expect(length(row.querySelector('.ov-hbar--groups .ov-hbar__fill'))).toBeCloseTo(shareOf(p.groups, maxGroups), 1)
  }
  // larger first
  const shown = rows.map((r) => d.provinces.find((p) => p.province === text(r, '.ov-province__name'))!.interns)
  expect(shown).toEqual([...shown].sort((a, b) => b - a))

  // months: check-ins and meetings as columns against the busiest; groups met and silent as a column of the year's groups
  const activity = all(c, '.ov-activity .ov-columns__month')
  const met = all(c, '.ov-met .ov-columns__month')
  expect(activity).toHaveLength(d.months.length)
  expect(met).toHaveLength(d.months.length)
  const busiest = Math.max(0, ...d.monthly.flatMap((m) => [m.checkins, m.meetings]))
  d.monthly.forEach((m, i) => {
    expect(text(activity[i], '.ov-columns__label')).toBe(`${Number(m.month.slice(5))}月`)
    expect(text(activity[i], '.ov-col--checkins .ov-col__value')).toBe(String(m.checkins))
    expect(text(activity[i], '.ov-col--meetings .ov-col__value')).toBe(String(m.meetings))
    expect(length(activity[i].querySelector('.ov-col--checkins .ov-col__bar'), 'height')).toBeCloseTo(shareOf(m.checkins, busiest), 1)
    expect(length(activity[i].querySelector('.ov-col--meetings .ov-col__bar'), 'height')).toBeCloseTo(shareOf(m.meetings, busiest), 1)
    expect(text(met[i], '.ov-met__n--met')).toBe(String(m.groupsMet))
    expect(text(met[i], '.ov-met__n--silent')).toBe(String(m.groupsSilent))
    expect(length(met[i].querySelector('.ov-stackcol__met'), 'height')).toBeCloseTo(shareOf(m.groupsMet, m.groupsMet + m.groupsSilent), 1)
    expect(length(met[i].querySelector('.ov-stackcol__silent'), 'height')).toBeCloseTo(shareOf(m.groupsSilent, m.groupsMet + m.groupsSilent), 1)
  })

  // lessons: the year's rate and fraction, each month's rate as a bar of its readers
  const lessons = c.querySelector('.ov-lessons')!
  expect(text(lessons, '.ov-ring__percent')).toBe(pct(d.lessons.readRate))
  expect(text(lessons, '.ov-ring__fraction')).toBe(`已读 ${d.lessons.read}/${d.lessons.targeted}`)
  expect(text(lessons, '.ov-ring__note')).toBe(`推送 ${d.lessons.pushed} 课`)
  const lessonMonths = all(lessons, '.ov-lessons__month')
  d.monthly.forEach((m, i) => {
    expect(text(lessonMonths[i], '.ov-hbar__value')).toBe(m.lessonTargeted ? pct(m.readRate) : '未推送')
    expect(length(lessonMonths[i].querySelector('.ov-hbar__fill'))).toBeCloseTo(shareOf(m.lessonRead, m.lessonTargeted), 1)
  })

  // hours, "1+10" and talks
  expect(text(c, '.ov-tile--verified .ov-tile__value')).toBe(hours(d.volunteer.verified))
  expect(text(c, '.ov-tile--unverified .ov-tile__value')).toBe(hours(d.volunteer.unverified))
  expect(text(c, '.ov-tile--records .ov-tile__value')).toBe(String(d.volunteer.records))
  // the branch's hours come from counters recounted every minute: when they were, if not current
  expect(c.querySelector('.ov-volunteer__asof')?.textContent ?? null).toBe(d.volunteer.asOf ? `统计于 ${formatDateTime(d.volunteer.asOf)}` : null)
  const hoursAll = d.volunteer.verified + d.volunteer.unverified
  if (d.volunteer.verified) expect(length(c.querySelector('.ov-volunteer__bar .ov-stack__seg--verified'))).toBeCloseTo(shareOf(d.volunteer.verified, hoursAll), 1)
  expect(text(c, '.ov-coverage__circles .ov-ring__percent')).toBe(pct(d.circles.ratio))
  expect(text(c, '.ov-coverage__circles .ov-ring__fraction')).toBe(`${d.circles.withMentor}/${d.circles.ordinary}人`)
  expect(text(c, '.ov-coverage__talks .ov-ring__percent')).toBe(pct(d.talks.coverage))
  expect(text(c, '.ov-coverage__talks .ov-ring__fraction')).toBe(`${d.talks.students}/${d.talks.members}人`)
  expect(text(c, '.ov-coverage__talks .ov-ring__note')).toBe(`本学期记录 ${d.talks.recorded} 次`)
  expect(text(c, '.ov-coverage__talks .ov-ring__label')).toContain(d.term.label)

  // questions and alerts by kind, bars against the largest kind
  expect(text(c, '.ov-tile--open .ov-tile__value')).toBe(String(d.questions.open))
  expect(text(c, '.ov-tile--overdue .ov-tile__value')).toBe(String(d.questions.overdue))
  expect(text(c, '.ov-alerts .ov-card__link')).toBe(`全部提醒 ${d.alerts.total} ›`)
  const largestKind = Math.max(0, ...ALERT_KINDS.map((k) => d.alerts.byKind[k]))
  for (const k of ALERT_KINDS) {
    expect(text(c, `.ov-kind--${k} .ov-hbar__value`)).toBe(String(d.alerts.byKind[k]))
    expect(length(c.querySelector(`.ov-kind--${k} .ov-hbar__fill`))).toBeCloseTo(shareOf(d.alerts.byKind[k], largestKind), 1)
  }

  // the branch exports and sets cadences; an advisor does neither
  expect(!!c.querySelector('.ov-export')).toBe(d.scope === 'branch')
  expect(!!c.querySelector('.ov-link--settings')).toBe(d.scope === 'branch')
}

describe('the dashboard', () => {
  it('draws every figure of a generated view: each chart\'s numbers are the view\'s, its bars proportional', async () => {
    await fc.assert(fc.asyncProperty(dashboardArb, async (d) => {
      mockCall.mockReset()
      const page = await renderDashboard(d)
      try {
        expect(callsTo('dashboard')).toEqual([{}])
        if (d.totals.groups === 0) {
          expect(page.container.querySelector('.page-state--empty')).not.toBeNull()
          expect(page.container.querySelector('.ov-tiles')).toBeNull()
          return
        }
        await unfoldProvinces(page.container)
        expectDashboardFigures(page.container, d)
      } finally {
        page.unmount()
      }
    }), { numRuns: 10 })
  })

  it('asks for the year picked among the view\'s years, and keeps the chips while it loads', async () => {
    await fc.assert(fc.asyncProperty(dashboardArb.filter((d) => d.years.length > 1), fc.array(fc.nat(10), { minLength: 1, maxLength: 4 }), async (d, picks) => {
      mockCall.mockReset()
      const page = await renderDashboard((input) => ({ ...d, year: input.year ?? d.year }))
      try {
        const asked: string[] = []
        let shown = d.year
        for (const pick of picks) {
          const year = d.years[pick % d.years.length]
          const chip = all(page.container, '.ov-years .ov-chip').find((el) => el.textContent === `${year}学年`)!
          expect(chip).toBeDefined()
          await settle(() => { fireEvent.click(chip) })
          // the year shown already is not asked for again
          if (year !== shown) asked.push(year)
          shown = year
          expect(page.container.querySelector('.ov-chip--on')?.textContent).toBe(`${year}学年`)
          expect(text(page.container, '.ov-head__title')).toBe(`${year}学年${d.scope === 'advisor' ? '所带小组总览' : '总览'}`)
        }
        expect(callsTo('dashboard')).toEqual([{}, ...asked.map((year) => ({ year }))])
      } finally {
        page.unmount()
      }
    }), { numRuns: 5 })
  })

  it('a province opens the activity grid of the year for that province, and the grid asks for it', async () => {
    const d = fc.sample(dashboardArb.filter((v) => v.provinces.length > 0), 1)[0]
    await fc.assert(fc.asyncProperty(fc.constantFrom(...d.provinces.map((p) => p.province)), async (province) => {
      mockCall.mockReset()
      Taro.navigateTo.mockClear()
      const page = await renderDashboard(d)
      await unfoldProvinces(page.container)
      const row = all(page.container, '.ov-province').find((r) => text(r, '.ov-province__name') === province)!
      fireEvent.click(row)
      const url: string = (Taro.navigateTo.mock.calls[0] as any)[0].url
      page.unmount()
      const [path, query] = url.split('?')
      expect(path).toBe(ROUTES.groupActivity)
      const params = Object.fromEntries(new URLSearchParams(query))
      expect(params).toEqual({ year: d.year, province })

      // the grid opened with that query asks the function for the province's groups (as WeChat may hand it over, encoded)
      mockCall.mockReset()
      serve({ 'oversight.groupActivity': (input) => ({ items: [], nextCursor: null, total: null, year: input.year, months: [], term: `${input.year}-1` }) })
      setRouterParams({ year: d.year, province: encodeURIComponent(province) })
      const grid = render(<GroupActivityPage />)
      await settle()
      expect(callsTo('groupActivity')).toEqual([{ year: d.year, province }])
      screen.getByText(`${province} ✕`)
      grid.unmount()
    }), { numRuns: 3 })
  })

  it('an alert kind opens the alerts of that kind', async () => {
    const d = fc.sample(dashboardArb.filter((v) => v.totals.groups > 0), 1)[0]
    const page = await renderDashboard(d)
    for (const kind of ALERT_KINDS) {
      Taro.navigateTo.mockClear()
      fireEvent.click(page.container.querySelector(`.ov-kind--${kind}`)!)
      expect(Taro.navigateTo).toHaveBeenCalledWith({ url: `${ROUTES.alerts}?kind=${kind}` })
    }
    page.unmount()
  })

  it('exports the year shown, by group or by person', async () => {
    const d = fc.sample(dashboardArb.filter((v) => v.totals.groups > 0 && v.years.length > 1), 1)[0]
    const page = await renderDashboard((input) => ({ ...d, scope: 'branch', year: input.year ?? d.year }))
    await settle(() => { fireEvent.click(screen.getByText('按小组导出')) })
    const other = d.years.find((y) => y !== d.year)!
    await settle(() => { fireEvent.click(all(page.container, '.ov-years .ov-chip').find((el) => el.textContent === `${other}学年`)!) })
    await settle(() => { fireEvent.click(screen.getByText('按个人导出')) })
    expect(callsTo('exportYear')).toEqual([{ year: d.year, by: 'group' }, { year: other, by: 'person' }])
    screen.getByText(`已导出42人；如未开始下载，可复制链接：https://x/${other}-person.xlsx`)
    page.unmount()
  })

  it('shows the export\'s refusal where it was asked', async () => {
    const d = fc.sample(dashboardArb.filter((v) => v.totals.groups > 0), 1)[0]
    serve({ 'oversight.dashboard': () => ({ ...d, scope: 'branch' }), 'oversight.exportYear': () => { throw new CallError('FAILED_PRECONDITION', '该学年还没有可导出的记录') } })
    const page = render(<DashboardPage />)
    await settle()
    await settle(() => { fireEvent.click(screen.getByText('按小组导出')) })
    expect(text(page.container, '.ov-export .ov-note--error')).toBe('该学年还没有可导出的记录')
    page.unmount()
  })

  it('shows the function\'s refusal to a caller who is neither the branch nor an advisor, with nothing else', async () => {
    serve({ 'oversight.dashboard': () => { throw new CallError('PERMISSION_DENIED', '没有权限进行此操作') } })
    const page = render(<DashboardPage />)
    await settle()
    screen.getByText('无法查看总览')
    screen.getByText('没有权限进行此操作')
    expect(page.container.querySelector('.ov-tiles')).toBeNull()
    expect(page.container.querySelector('.ov-export')).toBeNull()
    page.unmount()
  })
})

// ---------------------------------------------------------------------------------------------
// The activity grid

const gridArb = fc.record({
  year: fc.constantFrom(...YEARS),
  months: fc.integer({ min: 1, max: 12 }),
  rows: fc.array(fc.record({
    province: fc.constantFrom(...PROVINCES), members: fc.nat(60), meetings: fc.array(fc.nat(3), { minLength: 12, maxLength: 12 }), extra: fc.array(fc.nat(4), { minLength: 12, maxLength: 12 }),
    targeted: fc.nat(600), readShare: unit, verifiedHalves: fc.nat(400), unverifiedHalves: fc.nat(100), talkShare: unit, flag: fc.boolean(), liaison: fc.boolean()
  }), { minLength: 1, maxLength: 6 })
}).map((g) => {
  const months = monthsOf(g.year, g.months)
  return {
    year: g.year, months, term: `${g.year}-1`,
    rows: g.rows.map((r, i) => {
      const read = part(r.targeted, r.readShare)
      const students = part(r.members, r.talkShare)
      const monthly = months.map((month, j) => ({ month, meetings: r.meetings[j], checkins: r.meetings[j] + r.extra[j] }))
      const lastMet = [...monthly].reverse().find((m) => m.meetings > 0)
      return groupActivityRow.parse({
        id: `g${i}`, name: `第${i + 1}实习党小组`, province: r.province, cities: [`${r.province}某市`], liaisonName: r.liaison ? '张联络' : null, advisorNames: ['陈老师'],
        members: r.members, partyMembers: part(r.members, 0.2), months: monthly, lastMeetingOn: lastMet ? `${lastMet.month}-15` : null,
        lessons: { targeted: r.targeted, read, readRate: ratio(read, r.targeted) }, volunteer: { verified: r.verifiedHalves / 2, unverified: r.unverifiedHalves / 2 },
        talks: { students, coverage: ratio(students, r.members) }, flagIssued: r.flag
      })
    })
  }
})

describe('the activity grid', () => {
  it('draws each group\'s months (meetings coloured, silent months marked) and figures, and opens the group', async () => {
    await fc.assert(fc.asyncProperty(gridArb, async (g) => {
      mockCall.mockReset()
      Taro.navigateTo.mockClear()
      serve({ 'oversight.groupActivity': () => ({ items: g.rows, nextCursor: null, total: null, year: g.year, months: g.months, term: g.term }) })
      setRouterParams({ year: g.year })
      const page = render(<GroupActivityPage />)
      try {
        await settle()
        expect(callsTo('groupActivity')).toEqual([{ year: g.year }])
        const rows = all(page.container, '.ov-row:not(.ov-row--head)')
        expect(rows).toHaveLength(g.rows.length)
        g.rows.forEach((r, i) => {
          const row = rows[i]
          expect(text(row, '.ov-row__name')).toBe(r.name)
          const cells = all(row, '.ov-strip__cell')
          expect(cells).toHaveLength(g.months.length)
          r.months.forEach((m, j) => {
            expect(cells[j].classList.contains(m.meetings > 0 ? 'ov-strip__cell--met' : 'ov-strip__cell--silent')).toBe(true)
            expect(text(cells[j], '.ov-strip__n')).toBe(m.meetings > 0 ? String(m.meetings) : '✕')
          })
          expect(text(row, '.ov-row__last .ov-row__value')).toBe(r.lastMeetingOn ?? '本学年未开')
          expect(text(row, '.ov-row__read .ov-row__value')).toBe(r.lessons.targeted ? `${pct(r.lessons.readRate)}（${r.lessons.read}/${r.lessons.targeted}）` : '未推送')
          expect(text(row, '.ov-row__hours .ov-row__value')).toBe(`${hours(r.volunteer.verified)}${r.volunteer.unverified ? `（待核实${hours(r.volunteer.unverified)}）` : ''}`)
          expect(text(row, '.ov-row__talks .ov-row__value')).toBe(`${pct(r.talks.coverage)}（${r.talks.students}/${r.members}）`)
          expect(text(row, '.ov-row__flag .ov-row__value')).toBe(r.flagIssued ? '已发放' : '未发放')
        })
        const pick = g.rows.length - 1
        fireEvent.click(rows[pick])
        expect(Taro.navigateTo).toHaveBeenCalledWith({ url: `${ALERT_LINKS.group}?groupId=${g.rows[pick].id}` })
      } finally {
        page.unmount()
      }
    }), { numRuns: 8 })
  })

  it('clearing the province asks for every group again', async () => {
    serve({ 'oversight.groupActivity': (input) => ({ items: [], nextCursor: null, total: 0, year: input.year ?? '2026-2027', months: [], term: '2026-2027-1' }) })
    setRouterParams({ province: '河南省' })
    const page = render(<GroupActivityPage />)
    await settle()
    screen.getByText('河南省没有党小组')
    await settle(() => { fireEvent.click(screen.getByText('河南省 ✕')) })
    expect(callsTo('groupActivity')).toEqual([{ province: '河南省' }, {}])
    page.unmount()
  })
})

// ---------------------------------------------------------------------------------------------
// Alerts

const alertArb = (i: number) => fc.record({
  kind: fc.constantFrom(...ALERT_KINDS), severity: fc.constantFrom('notice' as const, 'urgent' as const), province: fc.constantFrom(...PROVINCES),
  subject: fc.option(fc.constantFrom('张三', '李四', '王五'), { nil: null }),
  actors: fc.array(fc.record({ name: fc.constantFrom('赵老师', '钱联络', '孙联系人'), role: fc.constantFrom(...ALERT_ACTOR_ROLES) }), { maxLength: 3 }),
  day: fc.integer({ min: 1, max: 28 })
}).map((a) => alertView.parse({
  id: `${a.kind}:${i}`, kind: a.kind, severity: a.severity, groupId: `g${i}`, groupName: `第${i + 1}实习党小组`, province: a.province, subject: a.subject,
  message: `提醒内容${i}`, actors: a.actors.map((x, j) => ({ id: x.role === 'branch' ? null : `p${j}`, ...x })), link: `${ALERT_LINKS.group}?groupId=g${i}`,
  since: `2026-11-${String(a.day).padStart(2, '0')}`, checkedAt: '2026-12-01T00:00:00.000Z'
}))
const alertsArb = fc.integer({ min: 1, max: 8 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => alertArb(i))))
const ROLE_WORDS: Record<(typeof ALERT_ACTOR_ROLES)[number], string> = { liaison: '联络员', advisor: '指导教师', schoolContact: '入党联系人', unitContact: '单位联系人', recorder: '谈话记录人', branch: '党总支' }

describe('the alerts', () => {
  it('lists each alert as the function orders them, with who should act, since when, and its link', async () => {
    await fc.assert(fc.asyncProperty(alertsArb, async (alerts) => {
      mockCall.mockReset()
      Taro.navigateTo.mockClear()
      const byKind = Object.fromEntries(ALERT_KINDS.map((k) => [k, alerts.filter((a) => a.kind === k).length]))
      serve({ 'oversight.alerts': () => ({ items: alerts, nextCursor: null, total: alerts.length, asOf: '2026-11-30T23:30:00.000Z', byKind }) })
      const page = render(<AlertsPage />)
      try {
        await settle()
        screen.getByText(`提醒更新于 ${dayjs('2026-11-30T23:30:00.000Z').format('M月D日 HH:mm')}，每天早上自动检查`)
        const cards = all(page.container, '.ov-alert')
        expect(cards.map((c) => text(c, '.ov-alert__message'))).toEqual(alerts.map((a) => a.message))
        alerts.forEach((a, i) => {
          expect(text(cards[i], '.ov-alert__severity')).toBe(a.severity === 'urgent' ? '紧急' : '提醒')
          expect(text(cards[i], '.ov-alert__subject')).toBe(a.subject ? `对象：${a.subject}` : '')
          expect(text(cards[i], '.ov-alert__actors')).toBe(`应处理：${a.actors.length ? a.actors.map((x) => `${x.name}（${ROLE_WORDS[x.role]}）`).join('、') : '党总支'}`)
          expect(text(cards[i], '.ov-alert__since')).toBe(`自 ${Number(a.since.slice(0, 4))}年${Number(a.since.slice(5, 7))}月${Number(a.since.slice(8))}日 起`)
        })
        const pick = alerts.length - 1
        fireEvent.click(cards[pick].querySelector('.ov-alert__open')!)
        expect(Taro.navigateTo).toHaveBeenCalledWith({ url: alerts[pick].link })
      } finally {
        page.unmount()
      }
    }), { numRuns: 8 })
  })

  it('asks for the kind of the chip tapped (and of ?kind=), with each kind\'s count on its chip and kinds with none quiet', async () => {
    await fc.assert(fc.asyncProperty(fc.option(fc.constantFrom(...ALERT_KINDS), { nil: undefined }), fc.array(fc.option(fc.constantFrom(...ALERT_KINDS), { nil: undefined }), { minLength: 1, maxLength: 4 }), async (opened, taps) => {
      mockCall.mockReset()
      // every other kind has none
      const totals = Object.fromEntries(ALERT_KINDS.map((k, i) => [k, i % 2 ? 0 : i * 3 + 1])) as Record<AlertKind, number>
      const sum = ALERT_KINDS.reduce((n, k) => n + totals[k], 0)
      serve({ 'oversight.alerts': (input: { kind?: AlertKind }) => ({ items: [], nextCursor: null, total: input.kind ? totals[input.kind] : sum, asOf: null, byKind: totals }) })
      setRouterParams(opened ? { kind: opened } : {})
      const page = render(<AlertsPage />)
      try {
        await settle()
        const expected: (string | undefined)[] = [opened]
        for (const kind of taps) {
          const chip = page.container.querySelector(`.ov-kind-chip--${kind ?? 'all'}`)!
          await settle(() => { fireEvent.click(chip) })
          if (kind !== expected[expected.length - 1]) expected.push(kind)
          expect(page.container.querySelector('.ov-kind-chip.ov-chip--on')?.textContent).toMatch(new RegExp(` ${kind ? totals[kind] : sum}$`))
          for (const k of ALERT_KINDS) {
            const chip = page.container.querySelector(`.ov-kind-chip--${k}`)!
            expect(chip.textContent).toBe(`${ALERT_KIND_LABELS[k]} ${totals[k]}`)
            expect(chip.classList.contains('ov-kind-chip--none')).toBe(totals[k] === 0 && k !== kind)
          }
          expect(page.container.querySelector('.ov-kind-chip--all')!.textContent).toBe(`全部 ${sum}`)
        }
        expect(callsTo('alerts')).toEqual(expected.map((kind) => (kind ? { kind } : {})))
        screen.getByText('提醒尚未生成：每天早上自动检查一次')
      } finally {
        page.unmount()
      }
    }), { numRuns: 8 })
  })

  it('offers the daily digest and records the acceptance', async () => {
    serve({ 'oversight.alerts': () => ({ items: [], nextCursor: null, total: 0, asOf: null, byKind: Object.fromEntries(ALERT_KINDS.map((k) => [k, 0])) }), 'oversight.subscribe': (input) => ({ remaining: input.accepted + 2 }) })
    const page = render(<AlertsPage />)
    await settle()
    screen.getByText('当前没有需要处理的提醒')
    await settle(() => { fireEvent.click(screen.getByText('开启')) })
    expect(callsTo('subscribe')).toEqual([{ accepted: 1 }])
    screen.getByText(/还可发送 3 次/)
    page.unmount()
  })

  it('shows the function\'s refusal in Chinese with retry', async () => {
    serve({ 'oversight.alerts': () => { throw new CallError('PERMISSION_DENIED', '没有权限进行此操作') } })
    const page = render(<AlertsPage />)
    await settle()
    screen.getByText('无法查看提醒')
    screen.getByText('没有权限进行此操作')
    page.unmount()
  })
})

// ---------------------------------------------------------------------------------------------
// Cadence settings

/** The form's boxes, as the branch reads them. */
const FIELD_WORDS: Record<keyof Cadences, string> = {
  meetingEveryMonths: '开会周期', silentAlertMonths: '未开会提醒', activistReviewMonths: '积极分子考察周期', probationWarnDays: '预备期提前提醒',
  lessonUnreadDays: '微党课未读提醒', lessonUnreadShare: '未读比例', questionUnansweredDays: '问题答复期限', talkFollowUpGraceDays: '谈话跟进宽限'
}
const FIELD_ORDER = Object.keys(FIELD_WORDS) as (keyof Cadences)[]
const valueWords = (k: keyof Cadences, c: Cadences): string => {
  if (k === 'silentAlertMonths') return `${c.silentAlertMonths.join('、')}个月`
  if (k === 'lessonUnreadShare') return `${Math.round(c.lessonUnreadShare * 100)}%`
  return `${c[k]}${['meetingEveryMonths', 'activistReviewMonths'].includes(k) ? '个月' : '天'}`
}
/** What the confirmation must say: each changed field, in the form's order, and nothing else. */
const changeLines = (before: Cadences, after: Cadences): string[] =>
  FIELD_ORDER.filter((k) => valueWords(k, before) !== valueWords(k, after)).map((k) => `${FIELD_WORDS[k]}：${valueWords(k, before)} → ${valueWords(k, after)}`)

const settingsView = (c: Cadences) => ({ cadences: c, defaults: DEFAULT_CADENCES, updatedAt: null, updatedBy: null })

const renderSettings = async (stored: Cadences, save: Handler = (input) => ({ cadences: input.cadences, updatedAt: '2026-12-01T01:00:00.000Z', updatedBy: '党总支王书记' })) => {
  serve({ 'oversight.settings': () => settingsView(stored), 'oversight.saveSettings': save })
  const page = render(<SettingsPage />)
  await settle()
  return page
}

/** Types `c` into the form, adding or removing tiers of silence to fit. */
async function fillForm(c: HTMLElement, to: Cadences): Promise<void> {
  while (all(c, '.ov-tiers__tier').length > to.silentAlertMonths.length) await settle(() => { fireEvent.click(all(c, '.ov-tiers__remove')[0]) })
  while (all(c, '.ov-tiers__tier').length < to.silentAlertMonths.length) await settle(() => { fireEvent.click(c.querySelector('.ov-tiers__add')!) })
  await settle(() => {
    for (const k of FIELD_ORDER) {
      if (k === 'silentAlertMonths') to.silentAlertMonths.forEach((m, i) => typeInto(c.querySelector(`.ov-input--silentAlertMonths-${i}`)!, String(m)))
      else typeInto(c.querySelector(`.ov-input--${k}`)!, String(k === 'lessonUnreadShare' ? Math.round(to[k] * 100) : to[k]))
    }
  })
}
const save = (c: HTMLElement) => settle(() => { fireEvent.click(c.querySelector('.ov-settings__save')!) })
const modalContent = (): string | undefined => (Taro.showModal.mock.calls[0] as any)?.[0]?.content

describe('the cadence settings', () => {
  it('shows the stored values, and saves only after a confirmation listing exactly the fields changed', async () => {
    await fc.assert(fc.asyncProperty(validCadences, validCadences, fc.boolean(), async (stored, wanted, confirm) => {
      mockCall.mockReset()
      Taro.showModal.mockClear()
      Taro.showModal.mockImplementation(() => Promise.resolve({ confirm, cancel: !confirm }))
      const page = await renderSettings(stored)
      const c = page.container
      try {
        expect((c.querySelector('.ov-input--meetingEveryMonths') as any).value).toBe(String(stored.meetingEveryMonths))
        expect(all(c, '.ov-tiers__tier')).toHaveLength(stored.silentAlertMonths.length)
        await fillForm(c, wanted)
        await save(c)
        const lines = changeLines(stored, wanted)
        if (!lines.length) {
          expect(Taro.showModal).not.toHaveBeenCalled()
          expect(callsTo('saveSettings')).toEqual([])
          screen.getByText('没有修改')
          return
        }
        expect(modalContent()).toBe(lines.join('\n'))
        if (!confirm) {
          expect(callsTo('saveSettings')).toEqual([])
          return
        }
        expect(callsTo('saveSettings')).toEqual([{ cadences: wanted }])
        expect(all(c, '.ov-saved__change').map((el) => el.textContent)).toEqual(lines)
        // saved: the same values again change nothing
        Taro.showModal.mockClear()
        await save(c)
        expect(Taro.showModal).not.toHaveBeenCalled()
        expect(callsTo('saveSettings')).toHaveLength(1)
      } finally {
        page.unmount()
      }
    }), { numRuns: 10 })
  })

  it('refuses what the contract refuses, on the field, without asking or calling', async () => {
    type Breakage = { field: keyof Cadences; apply: (c: HTMLElement) => Promise<void> }
    const box = (k: string, v: string) => async (c: HTMLElement) => { await settle(() => { typeInto(c.querySelector(`.ov-input--${k}`)!, v) }) }
    const breakages: fc.Arbitrary<Breakage> = fc.oneof(
      fc.constantFrom('', '0', '7', '1.5', '-1').map((v) => ({ field: 'meetingEveryMonths' as const, apply: box('meetingEveryMonths', v) })),
      fc.constantFrom('', '0', '25').map((v) => ({ field: 'activistReviewMonths' as const, apply: box('activistReviewMonths', v) })),
      fc.constantFrom('0', '181', '').map((v) => ({ field: 'probationWarnDays' as const, apply: box('probationWarnDays', v) })),
      fc.constantFrom('0', '61').map((v) => ({ field: 'lessonUnreadDays' as const, apply: box('lessonUnreadDays', v) })),
      fc.constantFrom('4', '101', '50.5', '').map((v) => ({ field: 'lessonUnreadShare' as const, apply: box('lessonUnreadShare', v) })),
      fc.constantFrom('0', '31').map((v) => ({ field: 'questionUnansweredDays' as const, apply: box('questionUnansweredDays', v) })),
      fc.constantFrom('-1', '31').map((v) => ({ field: 'talkFollowUpGraceDays' as const, apply: box('talkFollowUpGraceDays', v) })),
      fc.constantFrom('13', '0').map((v) => ({ field: 'silentAlertMonths' as const, apply: box('silentAlertMonths-0', v) })),
      // thresholds out of order, or one shorter than the meeting cadence
      fc.constant({ field: 'silentAlertMonths' as const, apply: box('silentAlertMonths-1', '1') }),
      fc.constant({ field: 'silentAlertMonths' as const, apply: box('meetingEveryMonths', '2') })
    )
    await fc.assert(fc.asyncProperty(breakages, async ({ field, apply }) => {
      mockCall.mockReset()
      Taro.showModal.mockClear()
      const page = await renderSettings(DEFAULT_CADENCES)
      try {
        await apply(page.container)
        await save(page.container)
        const message = text(page.container, `.ov-field--${field} .field-error`)
        expect(message).toMatch(/[\u4e00-\u9fff]/)
        // nothing else is blamed but what the change touched (a meeting cadence above the first threshold touches the thresholds)
        for (const el of all(page.container, '.ov-field--bad')) expect([`ov-field--${field}`, 'ov-field--silentAlertMonths']).toContain(Array.from(el.classList).find((k) => /^ov-field--[a-z]/i.test(k) && k !== 'ov-field--bad'))
        expect(Taro.showModal).not.toHaveBeenCalled()
        expect(callsTo('saveSettings')).toEqual([])
      } finally {
        page.unmount()
      }
    }), { numRuns: 20 })
  })

  it('shows the function\'s refusal of a save on the fields it names, and saves nothing', async () => {
    await fc.assert(fc.asyncProperty(fc.subarray(FIELD_ORDER, { minLength: 1 }), async (fields) => {
      mockCall.mockReset()
      const details = fields.map((f) => ({ path: ['cadences', f], message: `${FIELD_WORDS[f]}不符合党总支的规定` }))
      const page = await renderSettings(DEFAULT_CADENCES, () => { throw new CallError('INVALID_ARGUMENT', `参数不正确：cadences.${fields[0]}：${details[0].message}`, details) })
      try {
        await fillForm(page.container, { ...DEFAULT_CADENCES, probationWarnDays: 45 })
        await save(page.container)
        expect(callsTo('saveSettings')).toHaveLength(1)
        for (const f of FIELD_ORDER) expect(text(page.container, `.ov-field--${f} .field-error`)).toBe(fields.includes(f) ? `${FIELD_WORDS[f]}不符合党总支的规定` : '')
        screen.getByText('未保存：请按提示修改标红的项目')
        expect(page.container.querySelector('.ov-saved')).toBeNull()
      } finally {
        page.unmount()
      }
    }), { numRuns: 5 })
  })

  it('恢复默认 fills in the defaults, and the confirmation lists what returns to them', async () => {
    const stored: Cadences = { ...DEFAULT_CADENCES, meetingEveryMonths: 2, silentAlertMonths: [2, 3, 4], lessonUnreadShare: 0.6 }
    const page = await renderSettings(stored)
    await settle(() => { fireEvent.click(screen.getByText('恢复默认')) })
    await save(page.container)
    expect(modalContent()).toBe('开会周期：2个月 → 1个月\n未开会提醒：2、3、4个月 → 1、2个月\n未读比例：60% → 50%')
    expect(callsTo('saveSettings')).toEqual([{ cadences: DEFAULT_CADENCES }])
    page.unmount()
  })

  it('shows the function\'s refusal to anyone but the branch', async () => {
    serve({ 'oversight.settings': () => { throw new CallError('PERMISSION_DENIED', '没有权限进行此操作') } })
    const page = render(<SettingsPage />)
    await settle()
    screen.getByText('无法查看工作节奏设置')
    screen.getByText('没有权限进行此操作')
    expect(page.container.querySelector('.ov-form')).toBeNull()
    page.unmount()
  })
})

describe('routes', () => {
  it('are the contract\'s pages: the digest opens the alerts page, a group opens its page', () => {
    expect({ dashboard: ROUTES.oversight, alerts: ROUTES.alerts, settings: ROUTES.cadenceSettings }).toEqual(OVERSIGHT_PAGES)
    expect(ROUTES.groupDetail).toBe(ALERT_LINKS.group)
    expect(ROUTES.lessonFigures).toBe(ALERT_LINKS.lessonFigures)
  })
})
