/**
 * The 名单 page with `call` answered by the test: a chosen file is imported only after a
 * confirmation naming it, first without skipping; a generated report with invalid rows
 * says nothing was written and lists every reported row once, grouped by reason and
 * filterable by column; skipping asks first with the exact counts and imports the same
 * file with skipInvalid only when confirmed; a written import says what changed and
 * reloads the list; a file that is not .xlsx/.csv is refused before any call; downloads
 * open what the function links; list filters become the right `roster.list` input; the
 * year chips, `?year=` and an import choose the year listed; a non-admin sees the
 * function's refusal and nothing else.
 */
import { fireEvent, render, screen } from '@testing-library/react'
import fc from 'fast-check'
import { rosterActions, type RowError } from '../../types/actions/roster'
import { POLITICAL_STATUS_LABELS, POLITICAL_STATUSES } from '../../types/domain'
import { ROSTER_COLUMNS } from '../../types/roster'
import RosterPage from '../../src/packages/staff/pages/roster'
import { filterErrors, groupErrors, type ImportReport } from '../../src/packages/staff/pages/roster/rosterFile'
import { rosterListInput, yearParam } from '../../src/packages/staff/pages/roster/listInput'
import { yearChoices } from '../../src/services/dates'
import { call, CallError } from '../../src/services/cloud'
import { openSpreadsheet } from '../../src/services/spreadsheet'
import { sendToTicket } from '../../src/services/upload'
import Taro, { setRouterParams } from './mocks/taro'
import { settle } from './pending'
import { Handler, inputsOf, serveWith } from './serve'

jest.mock('../../src/services/cloud', () => ({ ...jest.requireActual('../../src/services/cloud'), call: jest.fn() }))
jest.mock('../../src/services/upload', () => ({ ...jest.requireActual('../../src/services/upload'), sendToTicket: jest.fn() }))
jest.mock('../../src/services/spreadsheet', () => ({ openSpreadsheet: jest.fn(() => Promise.resolve()) }))
const mockCall = call as unknown as jest.Mock
const mockSend = sendToTicket as unknown as jest.Mock
const serve = (handlers: Record<string, Handler>): void => serveWith(mockCall, handlers)
const callsTo = (action: string): any[] => inputsOf(mockCall, 'roster', action)

const FILE_ID = 'cloud://env-1/rosters/202609/abcdefghijklmnopqrstuvwx.xlsx'
const ticket = { fileID: FILE_ID, cloudPath: 'rosters/202609/abcdefghijklmnopqrstuvwx.xlsx', uploadUrl: 'http://storage/put', uploadHeaders: {} }
const entry = (i: number) => ({
  id: `p${i}`, studentNo: `20230100${String(i).padStart(2, '0')}`, name: `学生${i}`, grade: '2023级', major: '临床医学', politicalStatus: 'masses',
  phone: '13800000000', unitName: '郑州市中心医院', province: '河南省', city: '郑州市', groupId: null, groupName: null, bound: false
})
const page1 = { items: [entry(1), entry(2)], nextCursor: null, total: 2 }

function report(extra: Partial<ImportReport> = {}): ImportReport {
  return { year: '2026-2027', total: 10, valid: 10, invalid: 0, created: 6, updated: 3, unchanged: 1, unitsCreated: 2, written: true, remaining: 0, errors: [], moreErrors: 0, ...extra }
}

const COLUMNS = ROSTER_COLUMNS.map((c) => c.header)
const REASONS = ['不能为空', '手机号应为11位大陆手机号', '与第2行学号重复', '与第7行学号重复', '日期格式应为YYYY-MM-DD']
/** Generated row errors, as the function reports them: rows from 2, each (row, column) once. */
const rowErrorsArb = fc.uniqueArray(
  fc.record({ row: fc.integer({ min: 2, max: 4001 }), column: fc.constantFrom(...COLUMNS), reason: fc.constantFrom(...REASONS) }),
  { minLength: 1, maxLength: 40, selector: (e) => `${e.row}|${e.column}` }
)

/** Picks `name` in the browser's file chooser the page opened. */
async function pickFile(name: string, bytes = 2048): Promise<void> {
  await settle(() => { fireEvent.click(screen.getByText(/选择名单文件|重新选择文件|导入另一个文件/)) })
  const input = document.querySelector('input[type=file]') as HTMLInputElement
  expect(input).not.toBeNull()
  Object.defineProperty(input, 'files', { value: [new File([new Uint8Array(bytes)], name)] })
  await settle(() => { fireEvent.change(input) })
  await settle()
}

beforeEach(() => {
  setRouterParams({})
  mockCall.mockReset()
  mockSend.mockReset()
  mockSend.mockImplementation(async (t: typeof ticket, _file: unknown, progress: (f: number) => void) => { progress(0.5); return t.fileID })
  Taro.showModal.mockReset()
  Taro.showModal.mockImplementation(() => Promise.resolve({ confirm: true, cancel: false }))
  jest.mocked(openSpreadsheet).mockClear()
  document.body.innerHTML = ''
})

describe('the report, grouped and filtered', () => {
  it('groups partition the errors, one group per column and reason pattern, largest first', () => {
    fc.assert(fc.property(rowErrorsArb, (errors) => {
      const groups = groupErrors(errors)
      expect(groups.flatMap((g) => g.errors).sort(byRow)).toEqual([...errors].sort(byRow))
      for (const g of groups) for (const e of g.errors) expect(e.column).toBe(g.column)
      expect(new Set(groups.map((g) => `${g.column}|${g.reason}`)).size).toBe(groups.length)
      for (let i = 1; i < groups.length; i++) expect(groups[i - 1].errors.length).toBeGreaterThanOrEqual(groups[i].errors.length)
    }))
  })

  it('a column filter keeps exactly that column; a row number keeps that row', () => {
    fc.assert(fc.property(rowErrorsArb, fc.constantFrom(...COLUMNS), (errors, column) => {
      expect(filterErrors(errors, column, '')).toEqual(errors.filter((e) => e.column === column))
      const row = String(errors[0].row)
      expect(filterErrors(errors, null, row).every((e) => String(e.row) === row || e.reason.includes(row) || e.column.includes(row))).toBe(true)
      expect(filterErrors(errors, null, row)).toContainEqual(errors[0])
    }))
  })
})

const byRow = (a: RowError, b: RowError) => a.row - b.row || a.column.localeCompare(b.column)

describe('importing from the page', () => {
  it('asks before importing, naming the file; cancelling uploads nothing', async () => {
    serve({ 'roster.list': () => page1 })
    render(<RosterPage />)
    await settle()
    Taro.showModal.mockResolvedValueOnce({ confirm: false, cancel: true })
    await pickFile('2026名单.xlsx')
    expect(Taro.showModal).toHaveBeenCalledWith(expect.objectContaining({ title: expect.stringContaining('2026名单.xlsx') }))
    const asked = (Taro.showModal.mock.calls[0] as unknown as [{ confirmText: string; cancelText: string }])[0]
    expect([asked.confirmText.length, asked.cancelText.length].every((n) => n <= 4)).toBe(true)
    expect(callsTo('uploadTicket')).toEqual([])
    expect(callsTo('import')).toEqual([])
  })

  it('refuses a file that is not .xlsx or .csv before any call', async () => {
    serve({ 'roster.list': () => page1 })
    render(<RosterPage />)
    await settle()
    await pickFile('名单.xls')
    expect(screen.getByRole('alert').textContent).toContain('.xls')
    expect(callsTo('uploadTicket')).toEqual([])
    expect(callsTo('import')).toEqual([])
  })

  it('a report with invalid rows: nothing written, every row listed once by reason, skipping only after a confirmation with the counts', async () => {
    await fc.assert(fc.asyncProperty(rowErrorsArb, fc.integer({ min: 0, max: 500 }), fc.boolean(), async (errors, valid, confirmSkip) => {
      mockCall.mockReset()
      Taro.showModal.mockClear()
      document.body.innerHTML = ''
      const bad = report({ total: valid + errors.length, valid, invalid: errors.length, created: 0, updated: 0, unchanged: 0, unitsCreated: 0, written: false, errors })
      const done = report({ total: valid + errors.length, valid, invalid: errors.length, created: valid, updated: 0, unchanged: 0 })
      serve({
        'roster.list': () => page1,
        'roster.uploadTicket': () => ticket,
        'roster.import': (input: { skipInvalid: boolean }) => (input.skipInvalid ? done : bad)
      })
      const view = render(<RosterPage />)
      await settle()
      await pickFile('名单.csv', 4096)
      expect(callsTo('uploadTicket')).toEqual([{ name: '名单.csv', bytes: 4096 }])
      expect(callsTo('import')).toEqual([{ fileID: FILE_ID, skipInvalid: false }])
      expect(view.container.textContent).toContain('未写入任何内容')
      // Every reported row appears under its group, and the group counts add up.
      const counts = Array.from(view.container.querySelectorAll('.roster-report__reason')).map((el) => Number(/（(\d+) 行）/.exec(el.textContent ?? '')?.[1]))
      expect(counts.reduce((a, b) => a + b, 0)).toBe(errors.length)
      // Filtering by one column shows that column's groups only.
      const column = errors[0].column
      await settle(() => { fireEvent.click(Array.from(view.container.querySelectorAll('.roster-report .roster-chip')).find((el) => el.textContent === column)!) })
      for (const el of Array.from(view.container.querySelectorAll('.roster-report__reason'))) expect(el.textContent!.startsWith(`${column}：`)).toBe(true)

      const skip = screen.queryByText(/跳过 \d+ 行错误，导入其余/)
      if (valid === 0) {
        expect(skip).toBeNull()
        return
      }
      Taro.showModal.mockResolvedValueOnce({ confirm: confirmSkip, cancel: !confirmSkip })
      await settle(() => { fireEvent.click(skip!) })
      await settle()
      const asked = (Taro.showModal.mock.calls.at(-1) as unknown as [{ title: string; content: string; confirmText: string }])[0]
      // WeChat (and Taro's H5 modal) refuse a button text longer than 4 characters.
      expect(asked.confirmText.length).toBeLessThanOrEqual(4)
      expect(asked.title).toContain(`${errors.length} 行`)
      expect(asked.content).toContain(`写入其余 ${valid} 行`)
      if (!confirmSkip) {
        expect(callsTo('import')).toHaveLength(1)
        return
      }
      expect(callsTo('import')).toEqual([{ fileID: FILE_ID, skipInvalid: false }, { fileID: FILE_ID, skipInvalid: true }])
      expect(screen.getByRole('status').textContent).toContain(`新增 ${valid} 人`)
      view.unmount()
    }), { numRuns: 12 })
  })

  it('a written import says what changed and reloads the list', async () => {
    serve({ 'roster.list': () => page1, 'roster.uploadTicket': () => ticket, 'roster.import': () => report() })
    render(<RosterPage />)
    await settle()
    expect(callsTo('list')).toHaveLength(1)
    await pickFile('名单.xlsx')
    const status = screen.getByRole('status').textContent!
    expect(status).toContain('新增 6 人')
    expect(status).toContain('更新 3 人')
    expect(status).toContain('新增实习单位 2 个')
    expect(callsTo('import')).toEqual([{ fileID: FILE_ID, skipInvalid: false }])
    // the list now shows the year the file went into
    expect(callsTo('list')).toHaveLength(2)
    expect(callsTo('list').at(-1)).toMatchObject({ year: '2026-2027' })
  })

  it('an import into the year already shown reloads it, keeping the year; one with no year reloads as it was', async () => {
    for (const [year, opened] of [['2026-2027', '2026-2027'], [null, undefined]] as const) {
      mockCall.mockReset()
      document.body.innerHTML = ''
      setRouterParams(opened ? { year: opened } : {})
      serve({ 'roster.list': () => page1, 'roster.uploadTicket': () => ticket, 'roster.import': () => report({ year }) })
      const view = render(<RosterPage />)
      await settle()
      await pickFile('名单.xlsx')
      expect(callsTo('list')).toHaveLength(2)
      expect(callsTo('list')[1]).toEqual(callsTo('list')[0])
      expect(callsTo('list')[1].year).toBe(opened)
      view.unmount()
    }
  })

  it('a file too large for one run: the rest is written by importing the same file again', async () => {
    const first = report({ total: 4000, valid: 4000, created: 2500, updated: 0, unchanged: 0, remaining: 1500 })
    const rest = report({ total: 4000, valid: 4000, created: 1500, updated: 0, unchanged: 2500, remaining: 0 })
    let n = 0
    serve({ 'roster.list': () => page1, 'roster.uploadTicket': () => ticket, 'roster.import': () => (n++ ? rest : first) })
    render(<RosterPage />)
    await settle()
    await pickFile('名单.xlsx')
    expect(screen.getByRole('status').textContent).toContain('新增 2500 人')
    await settle(() => { fireEvent.click(screen.getByText('继续导入剩余 1500 行')) })
    expect(callsTo('import')).toEqual([{ fileID: FILE_ID, skipInvalid: false }, { fileID: FILE_ID, skipInvalid: false }])
    expect(screen.getByRole('status').textContent).toContain('新增 1500 人')
    expect(screen.queryByText(/继续导入剩余/)).toBeNull()
  })

  it("on WeChat the file comes from a chat (chooseMessageFile, .xlsx/.csv only)", async () => {
    const env = process.env.TARO_ENV
    process.env.TARO_ENV = 'weapp'
    try {
      Taro.chooseMessageFile.mockResolvedValueOnce({ tempFiles: [{ name: '群里的名单.csv', size: 512, path: 'wxfile://tmp/1.csv' }] })
      serve({ 'roster.list': () => page1, 'roster.uploadTicket': () => ticket, 'roster.import': () => report() })
      render(<RosterPage />)
      await settle()
      await settle(() => { fireEvent.click(screen.getByText('选择名单文件')) })
      await settle()
      expect(Taro.chooseMessageFile).toHaveBeenCalledWith(expect.objectContaining({ count: 1, type: 'file', extension: ['xlsx', 'csv'] }))
      expect(callsTo('uploadTicket')).toEqual([{ name: '群里的名单.csv', bytes: 512 }])
      expect(mockSend.mock.calls[0][1]).toMatchObject({ path: 'wxfile://tmp/1.csv' })
      expect(callsTo('import')).toEqual([{ fileID: FILE_ID, skipInvalid: false }])
    } finally {
      process.env.TARO_ENV = env
    }
  })

  it("shows the function's refusal in place when the import fails", async () => {
    serve({ 'roster.list': () => page1, 'roster.uploadTicket': () => ticket, 'roster.import': () => { throw new CallError('INVALID_ARGUMENT', '不支持旧版 .xls 文件') } })
    render(<RosterPage />)
    await settle()
    await pickFile('名单.xlsx')
    expect(screen.getByRole('alert').textContent).toContain('不支持旧版 .xls 文件')
  })
})

describe('the first screen, downloads and the list', () => {
  it('loads with one call and shows the students', async () => {
    serve({ 'roster.list': () => page1 })
    const view = render(<RosterPage />)
    await settle()
    expect(mockCall).toHaveBeenCalledTimes(1)
    expect(view.container.textContent).toContain('学生1')
    expect(view.container.textContent).toContain('（2 人）')
  })

  it('shows the empty roster', async () => {
    serve({ 'roster.list': () => ({ items: [], nextCursor: null, total: 0 }) })
    const view = render(<RosterPage />)
    await settle()
    expect(view.container.textContent).toContain('名单还是空的')
  })

  it("a non-admin sees the function's refusal and no import or downloads", async () => {
    serve({ 'roster.list': () => { throw new CallError('PERMISSION_DENIED', '仅党总支可以查看名单') } })
    const view = render(<RosterPage />)
    await settle()
    expect(view.container.textContent).toContain('仅党总支可以查看名单')
    expect(view.container.textContent).not.toContain('选择名单文件')
    expect(view.container.textContent).not.toContain('导出当前名单')
  })

  it('downloads the sample and the export from the links the function gives', async () => {
    serve({
      'roster.list': () => page1,
      'roster.sample': () => ({ fileID: 'cloud://x/templates/roster-sample.xlsx', url: 'http://files/sample' }),
      'roster.export': () => ({ fileID: 'cloud://x/exports/r.xlsx', url: 'http://files/export', rows: 1234 })
    })
    const view = render(<RosterPage />)
    await settle()
    await settle(() => { fireEvent.click(screen.getByText('名单模板')) })
    expect(openSpreadsheet).toHaveBeenLastCalledWith('http://files/sample', '名单模板.xlsx')
    await settle(() => { fireEvent.click(screen.getByText('导出当前名单')) })
    expect(openSpreadsheet).toHaveBeenLastCalledWith('http://files/export', '实习生名单.xlsx')
    expect(view.container.textContent).toContain('1234 名学生')
  })

  it('a political status chip asks the function for that status; 全部面貌 drops it', async () => {
    await fc.assert(fc.asyncProperty(fc.constantFrom(...POLITICAL_STATUSES), async (status) => {
      mockCall.mockReset()
      document.body.innerHTML = ''
      serve({ 'roster.list': () => page1 })
      const view = render(<RosterPage />)
      await settle()
      const chip = (label: string) => Array.from(view.container.querySelectorAll('.roster-filters__statuses .roster-chip')).find((el) => el.textContent === label)!
      await settle(() => { fireEvent.click(chip(POLITICAL_STATUS_LABELS[status])) })
      expect(callsTo('list').at(-1)).toMatchObject({ politicalStatus: status })
      await settle(() => { fireEvent.click(chip('全部面貌')) })
      expect(callsTo('list').at(-1)).not.toHaveProperty('politicalStatus')
      view.unmount()
    }), { numRuns: 5 })
  })

  it('a year chip asks the function for that year; 全部年度 drops it; ?year= opens on a year, a malformed one is ignored', async () => {
    setRouterParams({ year: '2025-2026' })
    serve({ 'roster.list': () => page1 })
    const view = render(<RosterPage />)
    await settle()
    expect(callsTo('list')).toEqual([expect.objectContaining({ year: '2025-2026' })])
    const chips = () => Array.from(view.container.querySelectorAll('.roster-filters__years .roster-chip'))
    const chip = (label: string) => chips().find((el) => el.textContent === label)!
    expect(chip('2025-2026').className).toContain('roster-chip--on')
    for (const year of yearChoices(undefined)) {
      await settle(() => { fireEvent.click(chip(year)) })
      expect(callsTo('list').at(-1)).toMatchObject({ year })
    }
    await settle(() => { fireEvent.click(chip('全部年度')) })
    expect(callsTo('list').at(-1)).not.toHaveProperty('year')
    view.unmount()
    for (const bad of ['2026', '2026-2028', 'x', '']) {
      mockCall.mockReset()
      setRouterParams({ year: bad })
      const again = render(<RosterPage />)
      await settle()
      expect(callsTo('list')).toHaveLength(1)
      expect(callsTo('list')[0]).not.toHaveProperty('year')
      again.unmount()
    }
  })

  it('offers last, this and next internship year by China time, and a chosen other year', () => {
    // 30 June 2027 23:30 in China is still 2026-2027; 1 July 00:30 is 2027-2028
    expect(yearChoices(undefined, new Date('2027-06-30T15:30:00Z'))).toEqual(['2025-2026', '2026-2027', '2027-2028'])
    expect(yearChoices(undefined, new Date('2027-06-30T16:30:00Z'))).toEqual(['2026-2027', '2027-2028', '2028-2029'])
    expect(yearChoices('2020-2021', new Date('2026-11-30T08:00:00Z'))).toEqual(['2020-2021', '2025-2026', '2026-2027', '2027-2028'])
    expect(yearParam('2026-2027')).toBe('2026-2027')
    expect(yearParam(encodeURIComponent('2026-2027'))).toBe('2026-2027')
    expect(yearParam(undefined)).toBeUndefined()
  })

  it('只看未分组 asks the function for unassigned students', async () => {
    serve({ 'roster.list': () => page1 })
    render(<RosterPage />)
    await settle()
    await settle(() => { fireEvent.click(screen.getByText('只看未分组')) })
    expect(callsTo('list').at(-1)).toMatchObject({ unassigned: true })
  })

  it('opened for a group (?groupId=) lists that group; clearing it lists everyone', async () => {
    setRouterParams({ groupId: 'group-a' })
    serve({ 'roster.list': (input: { groupId?: string }) => ({ ...page1, items: page1.items.map((p) => ({ ...p, groupId: input.groupId ?? null, groupName: input.groupId ? '郑州一组' : null })) }) })
    render(<RosterPage />)
    await settle()
    expect(callsTo('list')).toEqual([expect.objectContaining({ groupId: 'group-a' })])
    await settle(() => { fireEvent.click(screen.getByText('郑州一组 ✕')) })
    expect(callsTo('list').at(-1)).not.toHaveProperty('groupId')
  })

  it('every filter becomes a list input the contract accepts, carrying exactly what was chosen', () => {
    fc.assert(fc.property(
      fc.record({
        year: fc.option(fc.constantFrom('2025-2026', '2026-2027'), { nil: undefined }),
        province: fc.option(fc.constantFrom('河南省', '湖北省'), { nil: undefined }),
        keyword: fc.option(fc.string({ maxLength: 20 }), { nil: undefined }),
        unassigned: fc.option(fc.boolean(), { nil: undefined }),
        groupId: fc.option(fc.constantFrom('group-a', 'g_2'), { nil: undefined }),
        politicalStatus: fc.option(fc.constantFrom(...POLITICAL_STATUSES), { nil: undefined })
      }),
      fc.option(fc.constant('cursor-1'), { nil: undefined }),
      (filter, cursor) => {
        const input = rosterListInput(filter, cursor)
        expect(rosterActions.list.input.safeParse(input).success).toBe(true)
        expect(input.province).toBe(filter.province)
        expect(input.keyword).toBe(filter.keyword?.trim() || undefined)
        expect(input.groupId).toBe(filter.groupId)
        expect(input.politicalStatus).toBe(filter.politicalStatus)
        // A group's students are assigned: 只看未分组 does not apply with a group.
        expect(input.unassigned).toBe(filter.unassigned && !filter.groupId ? true : undefined)
        // A group belongs to one year: the year is asked for only without a group.
        expect(input.year).toBe(filter.groupId ? undefined : filter.year)
        expect(input.cursor).toBe(cursor)
      }
    ))
  })
})
