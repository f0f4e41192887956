/**
 * The roster's file actions the 名单 page uses: `uploadTicket` takes any .xlsx/.csv name
 * within the size limit (generated names and sizes), refuses every other extension and any
 * larger file in Chinese, and a file PUT through its ticket imports as uploaded; `sample`
 * is an .xlsx with the import's headers and two rows that import cleanly; `export`'s link
 * downloads the roster it counted. Each is one database request (the caller load).
 */
import ExcelJS from 'exceljs'
import fc from 'fast-check'
import { generateDataset, rosterToCsv } from '../../scripts/seed/data'
import { ROSTER_COLUMNS, ROSTER_FILES } from '../../types/roster'
import { OPENID } from './fixture'
import { useHarness } from './harness'

const stem = fc.stringMatching(/^[\u4e00-\u9fa5A-Za-z0-9_ -]{1,40}$/).filter((s) => s.trim().length > 0)

describe('roster files', () => {
  const h = useHarness()

  async function put(ticket: { uploadUrl: string; uploadHeaders: Record<string, string> }, body: Buffer): Promise<void> {
    const res = await fetch(ticket.uploadUrl, { method: 'PUT', headers: ticket.uploadHeaders, body: new Uint8Array(body) })
    expect(res.status).toBe(200)
  }

  it('issues a ticket for any .xlsx or .csv within the limit, keeping the extension, in one request', async () => {
    await fc.assert(fc.asyncProperty(stem, fc.constantFrom('xlsx', 'csv', 'XLSX', 'Csv'), fc.integer({ min: 1, max: ROSTER_FILES.maxBytes }), async (name, ext, bytes) => {
      const before = h.dbRequests()
      const ticket = await h.ok(OPENID.admin, 'roster', 'uploadTicket', { name: `${name}.${ext}`, bytes })
      expect(h.dbRequests() - before).toBe(1)
      expect(ticket.cloudPath).toMatch(new RegExp(`^rosters/\\d{6}/[0-9a-f]{24}\\.${ext.toLowerCase()}$`))
      expect(ticket.fileID.endsWith(ticket.cloudPath)).toBe(true)
    }), { numRuns: 15 })
  })

  it('refuses other extensions and larger files in Chinese, before anything is stored', async () => {
    await fc.assert(fc.asyncProperty(stem, fc.constantFrom('xls', 'xlsm', 'txt', 'pdf', 'numbers', ''), async (name, ext) => {
      const res = await h.call(OPENID.admin, 'roster', 'uploadTicket', { name: ext ? `${name}.${ext}` : name, bytes: 100 })
      expect(res).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT', message: expect.stringContaining('.xlsx 或 .csv') } })
    }), { numRuns: 15 })
    expect(await h.call(OPENID.admin, 'roster', 'uploadTicket', { name: 'a.xlsx', bytes: ROSTER_FILES.maxBytes + 1 }))
      .toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT', message: expect.stringContaining('不能超过') } })
  })

  it('imports a file uploaded through its ticket', async () => {
    const rows = generateDataset({ seed: 5, interns: 30 }).roster
    const body = Buffer.from(rosterToCsv(rows))
    const ticket = await h.ok(OPENID.admin, 'roster', 'uploadTicket', { name: '名单.csv', bytes: body.length })
    await put(ticket, body)
    const report = await h.ok(OPENID.admin, 'roster', 'import', { fileID: ticket.fileID })
    expect(report).toMatchObject({ total: 30, valid: 30, invalid: 0, written: true })
    expect(report.created + report.updated + report.unchanged).toBe(30)
  })

  it('offers a sample .xlsx with the import headers and two rows that import cleanly', async () => {
    const before = h.dbRequests()
    const { url } = await h.ok(OPENID.admin, 'roster', 'sample', {})
    expect(h.dbRequests() - before).toBe(1)
    const downloaded = await (await fetch(url)).arrayBuffer()
    const bytes = Buffer.from(downloaded)
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(downloaded)
    const ws = wb.worksheets[0]
    expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual(ROSTER_COLUMNS.map((c) => c.header))
    expect(ws.actualRowCount).toBe(3)
    const ticket = await h.ok(OPENID.admin, 'roster', 'uploadTicket', { name: 'sample.xlsx', bytes: bytes.length })
    await put(ticket, bytes)
    expect(await h.ok(OPENID.admin, 'roster', 'import', { fileID: ticket.fileID })).toMatchObject({ total: 2, valid: 2, invalid: 0, written: true })
  })

  it("links the export, whose rows are the roster's students", async () => {
    const out = await h.ok(OPENID.admin, 'roster', 'export', {})
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(await (await fetch(out.url)).arrayBuffer())
    expect(wb.worksheets[0].actualRowCount).toBe(out.rows + 1)
  })

  it('refuses the file actions to anyone but the branch', async () => {
    for (const openid of [OPENID.advisorA, OPENID.internA]) {
      expect(await h.call(openid, 'roster', 'uploadTicket', { name: 'a.csv', bytes: 10 })).toMatchObject({ ok: false, error: { code: 'PERMISSION_DENIED' } })
      expect(await h.call(openid, 'roster', 'sample', {})).toMatchObject({ ok: false, error: { code: 'PERMISSION_DENIED' } })
    }
  })
})
