/**
 * `npm run bench` (this part): importing 4,000 rows end to end from the browser. The H5
 * 名单 page, as the branch, is given a generated 4,000-row .xlsx in its file chooser; the
 * time runs from the file chosen and the import confirmed to the page saying what changed:
 * the upload ticket, the PUT to storage, `roster.import` (read, validate, write) and the
 * page's list reload. Budget 10 s on this machine. Prints figures; asserts nothing.
 */
import ExcelJS from 'exceljs'
import { launchBrowser, openApp, DESKTOP } from '../../scripts/browser'
import { startDemo } from '../../scripts/demo'
import { generateDataset } from '../../scripts/seed/data'
import { DEV_IDENTITIES } from '../../types/demo'
import { ROSTER_COLUMNS } from '../../types/roster'
import { pct } from './measure'

const ROWS = 4000
const RUNS = Number(process.env.BENCH_RUNS ?? 3)

/** A 4,000-row roster of students the demo does not have (student numbers start with a letter), as .xlsx bytes. */
async function rosterFile(run: number): Promise<Buffer> {
  const rows = generateDataset({ seed: 101 + run, interns: ROWS }).roster
  const wb = new ExcelJS.Workbook()
  const ws = wb.addWorksheet('名单')
  ws.addRow(ROSTER_COLUMNS.map((c) => c.header))
  for (const r of rows) ws.addRow(ROSTER_COLUMNS.map((c) => (c.key === 'studentNo' ? `${String.fromCharCode(65 + run)}${r.studentNo}` : r[c.key] ?? '')))
  return Buffer.from(await wb.xlsx.writeBuffer())
}

async function main(): Promise<void> {
  const demo = await startDemo({ interns: Number(process.env.BENCH_INTERNS ?? 600) })
  const browser = await launchBrowser()
  try {
    const times: number[] = []
    let calls = 0
    let summary = ''
    for (let run = 0; run < RUNS; run++) {
      const file = await rosterFile(run)
      const page = await openApp(browser.context, { siteUrl: demo.siteUrl, emulatorUrl: demo.emulator.url, openid: DEV_IDENTITIES.admin, route: '/packages/staff/pages/roster/index', viewport: DESKTOP })
      await page.locator('.roster-row:not(.roster-row--head)').first().waitFor({ timeout: 30_000 })
      let made = 0
      page.on('request', (r) => { if (r.url().includes('/functions/') || r.method() === 'PUT') made++ })
      const chooser = page.waitForEvent('filechooser')
      await page.evaluate(() => (document.querySelector('.roster-import__choose') as HTMLElement).click())
      const t = performance.now()
      await (await chooser).setFiles({ name: `名单-${run}.xlsx`, mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: file })
      const confirm = page.locator('.taro-model__btn', { hasText: /^导入$/ })
      await confirm.waitFor({ timeout: 10_000 })
      await confirm.evaluate((el: HTMLElement) => el.click())
      await page.locator('.roster-import__ok').waitFor({ timeout: 120_000 })
      times.push(performance.now() - t)
      summary = (await page.locator('.roster-import__ok').textContent()) ?? ''
      calls = Math.max(calls, made)
      await page.close()
    }
    process.stdout.write(`importing 4,000 rows end to end from the browser (upload, validate, write), .xlsx ${RUNS} runs: p50 ${pct(times, 50).toFixed(0)} ms, max ${Math.max(...times).toFixed(0)} ms (budget 10000 ms); requests ${calls} (ticket, PUT, import, list); last: ${summary}\n`)
  } finally {
    await browser.close()
    await demo.stop()
  }
}

main().catch((e: Error) => {
  process.stderr.write(`${e.stack ?? e.message}\n`)
  process.exit(1)
})
