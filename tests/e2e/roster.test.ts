/**
 * The 名单 page in real Chromium against the emulator with a seeded school: the branch
 * chooses a roster file with one bad row, sees the row-level report and nothing written;
 * fixes the row, chooses the file again, confirms, and the students are in the roster
 * (found by the page's search, and by `roster.list`); an intern who opens the page's URL
 * is refused by the function and shown why. Screenshots under .tmp/e2e-screenshots/.
 * Needs `npm run build:h5` (the test command does it).
 */
import ExcelJS from 'exceljs'
import { DEV_IDENTITIES } from '../../types/demo'
import { ROSTER_COLUMNS, RosterRow } from '../../types/roster'
import { DESKTOP, launchBrowser, openApp } from '../../scripts/browser'
import { Demo, startDemo } from '../../scripts/demo'
import { generateDataset } from '../../scripts/seed/data'
import { callerAs } from '../../scripts/seed/run'
import { shot, tap } from '../helpers/journey'
import { ROUTES } from '../../src/routes'

jest.setTimeout(180_000)

/** Students the demo does not have: their numbers start with a letter. */
const ROWS: RosterRow[] = generateDataset({ seed: 5, interns: 40 }).roster.map((r) => ({ ...r, studentNo: `E${r.studentNo}` }))

async function xlsx(rows: RosterRow[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook()
  const ws = wb.addWorksheet('名单')
  ws.addRow(ROSTER_COLUMNS.map((c) => c.header))
  for (const r of rows) ws.addRow(ROSTER_COLUMNS.map((c) => r[c.key] ?? ''))
  return Buffer.from(await wb.xlsx.writeBuffer())
}

describe('the roster in the H5 app', () => {
  let demo: Demo
  let browser: Awaited<ReturnType<typeof launchBrowser>>

  beforeAll(async () => {
    demo = await startDemo({ interns: 300, seed: 11 })
    browser = await launchBrowser()
  }, 240_000)

  afterAll(async () => {
    await browser?.close()
    await demo?.stop()
  })

  const open = (openid: string, viewport = DESKTOP) =>
    openApp(browser.context, { siteUrl: demo.siteUrl, emulatorUrl: demo.emulator.url, openid, route: ROUTES.roster, viewport })
  const listed = async (keyword: string) => (await callerAs(demo.emulator.adminUrl, DEV_IDENTITIES.admin)('roster', 'list', { keyword })).items

  it('reports a bad row with nothing written, then imports the fixed file', async () => {
    const page = await open(DEV_IDENTITIES.admin)
    await page.locator('.roster-row:not(.roster-row--head)').first().waitFor({ timeout: 30_000 })
    const choose = async (name: string, rows: RosterRow[]) => {
      const chooser = page.waitForEvent('filechooser')
      await tap(page.locator('.roster-import .nut-button', { hasText: /选择名单文件|重新选择文件|导入另一个文件/ }))
      await (await chooser).setFiles({ name, mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: await xlsx(rows) })
      const confirm = page.locator('.taro-model__btn:visible', { hasText: /^导入$/ })
      await confirm.waitFor()
      await tap(confirm)
    }

    const bad = ROWS.map((r, i) => (i === 6 ? { ...r, phone: '12345' } : r))
    await choose('名单.xlsx', bad)
    await page.locator('.roster-report').waitFor({ timeout: 30_000 })
    expect(await page.locator('.roster-import__error').textContent()).toContain('未写入任何内容')
    expect(await page.locator('.roster-report__reason').textContent()).toContain('手机')
    // The header is row 1: the seventh student is row 8.
    expect(await page.locator('.roster-report__rows').textContent()).toContain('8')
    await shot(page, 'roster-report-desktop')
    expect(await listed(ROWS[0].studentNo)).toHaveLength(0)

    await choose('名单.xlsx', ROWS)
    await page.locator('.roster-import__ok').waitFor({ timeout: 30_000 })
    expect(await page.locator('.roster-import__ok').textContent()).toContain(`新增 ${ROWS.length} 人`)
    await shot(page, 'roster-imported-desktop')
    expect((await listed(ROWS[6].studentNo)).map((p) => p.name)).toEqual([ROWS[6].name])
    await page.close()
  })

  it("refuses an intern who opens the page's URL, saying why", async () => {
    const page = await open(DEV_IDENTITIES.intern, { width: 390, height: 844 })
    await page.locator('.page-state').getByText('无法查看名单').waitFor({ timeout: 30_000 })
    expect(await page.locator('.roster-import').count()).toBe(0)
    expect(await page.locator('.page-state').textContent()).toContain('没有权限')
    await shot(page, 'roster-refused-phone')
    await page.close()
  })
})
