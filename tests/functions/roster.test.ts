import ExcelJS from 'exceljs'
import { generateDataset, rosterToCsv } from '../../scripts/seed/data'
import { ROSTER_COLUMNS, RosterRow } from '../../types/roster'
import { OPENID } from './fixture'
import { useHarness } from './harness'

describe('roster import, export and formation', () => {
  const h = useHarness()
  const rows = generateDataset({ seed: 7, interns: 240 }).roster

  async function upload(name: string, content: Buffer | string): Promise<string> {
    const { fileID } = await h.app.uploadFile({ cloudPath: `uploads/${name}`, fileContent: Buffer.from(content) })
    return fileID
  }

  async function studentCount(): Promise<number> {
    return (await h.app.database().collection('people').where({ kind: 'student' }).count()).total as number
  }

  it('imports a CSV roster, creating students and units, and changes nothing on re-import', async () => {
    const before = await studentCount()
    const fileID = await upload('roster.csv', rosterToCsv(rows))
    const report = await h.ok(OPENID.admin, 'roster', 'import', { fileID })
    expect(report).toMatchObject({ total: 240, valid: 240, invalid: 0, created: 240, updated: 0, unchanged: 0, written: true, errors: [] })
    expect(report.unitsCreated).toBeGreaterThan(10)
    expect(await studentCount()).toBe(before + 240)
    const again = await h.ok(OPENID.admin, 'roster', 'import', { fileID })
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 240, unitsCreated: 0, written: true })
    expect(await studentCount()).toBe(before + 240)
  })

  it('updates changed rows by student number', async () => {
    await h.ok(OPENID.admin, 'roster', 'import', { fileID: await upload('a.csv', rosterToCsv(rows)) })
    const changed: RosterRow[] = rows.map((r, i) => (i === 3 ? { ...r, unitName: '郑州市第九人民医院', city: '郑州市', province: '河南省' } : r))
    const report = await h.ok(OPENID.admin, 'roster', 'import', { fileID: await upload('b.csv', rosterToCsv(changed)) })
    expect(report).toMatchObject({ created: 0, updated: 1, unchanged: 239 })
    const { data } = await h.app.database().collection('people').where({ no: rows[3].studentNo }).get()
    expect(data[0]).toMatchObject({ unitName: '郑州市第九人民医院', city: '郑州市' })
  })

  it('reports invalid rows by row, column and reason, and writes nothing', async () => {
    const bad = rows.slice(0, 5).map((r) => ({ ...r }))
    bad[1].politicalStatus = '党外人士'
    bad[2].phone = '12345'
    bad[3].internshipEnd = '2026-01-01'
    bad[4].studentNo = bad[0].studentNo
    const before = await studentCount()
    const report = await h.ok(OPENID.admin, 'roster', 'import', { fileID: await upload('bad.csv', rosterToCsv(bad)) })
    expect(report.written).toBe(false)
    expect(report.invalid).toBe(4)
    expect(report.errors).toEqual(expect.arrayContaining([
      expect.objectContaining({ row: 3, column: '政治面貌' }),
      expect.objectContaining({ row: 4, column: '手机', reason: '手机号应为11位大陆手机号' }),
      expect.objectContaining({ row: 5, column: '实习结束', reason: '实习结束应晚于实习开始' }),
      expect.objectContaining({ row: 6, column: '学号', reason: '与第2行学号重复' })
    ]))
    expect(await studentCount()).toBe(before)
    // Skipping invalid rows writes the valid one only.
    const skipped = await h.ok(OPENID.admin, 'roster', 'import', { fileID: await upload('bad.csv', rosterToCsv(bad)), skipInvalid: true })
    expect(skipped).toMatchObject({ written: true, created: 1 })
    expect(await studentCount()).toBe(before + 1)
  })

  it('refuses a file without the required columns', async () => {
    const report = await h.ok(OPENID.admin, 'roster', 'import', { fileID: await upload('x.csv', '姓名,学号\n张三,2023010101\n') })
    expect(report.written).toBe(false)
    expect(report.errors.map((e) => e.column)).toContain('政治面貌')
  })

  it('imports an .xlsx roster with date and number cells', async () => {
    const wb = new ExcelJS.Workbook()
    const ws = wb.addWorksheet('名单')
    ws.addRow(ROSTER_COLUMNS.map((c) => c.header))
    for (const r of rows.slice(0, 20)) {
      ws.addRow(ROSTER_COLUMNS.map((c) => {
        const v = r[c.key]
        if (c.key === 'internshipStart' || c.key === 'internshipEnd') return new Date(`${v}T00:00:00Z`)
        if (c.key === 'studentNo' || c.key === 'phone') return Number(v)
        return v
      }))
    }
    const fileID = await upload('roster.xlsx', Buffer.from(await wb.xlsx.writeBuffer()))
    const report = await h.ok(OPENID.admin, 'roster', 'import', { fileID })
    expect(report).toMatchObject({ total: 20, valid: 20, created: 20, written: true })
    const { data } = await h.app.database().collection('people').where({ no: rows[0].studentNo }).get()
    expect(data[0]).toMatchObject({ phone: rows[0].phone, internshipStart: rows[0].internshipStart })
  })

  it('exports the roster with group assignments as .xlsx', async () => {
    const { fileID, rows: n } = await h.ok(OPENID.admin, 'roster', 'export')
    expect(n).toBe(12)
    const { fileContent } = await h.app.downloadFile({ fileID })
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(fileContent as any)
    const ws = wb.worksheets[0]
    expect(ws.getRow(1).values).toEqual(expect.arrayContaining(['学号', '姓名', '党小组', '小组职务']))
    const lines = ws.getSheetValues().slice(2).map((r: any) => r.slice(1))
    const liaison = lines.find((r: any[]) => r[1] === '李联络')!
    expect(liaison.slice(-2)).toEqual(['郑州市实习党小组', '联络员'])
  })

  it('lists the roster a page at a time with search', async () => {
    const page = await h.ok(OPENID.admin, 'roster', 'list', { pageSize: 5 })
    expect(page.total).toBe(12)
    expect(page.items).toHaveLength(5)
    expect(page.items[0]).toMatchObject({ studentNo: '2023010001', groupName: '郑州市实习党小组', bound: true, phone: '13800000000' })
    const next = await h.ok(OPENID.admin, 'roster', 'list', { pageSize: 5, cursor: page.nextCursor! })
    expect(next.items[0].studentNo).toBe('2023010006')
    expect((await h.ok(OPENID.admin, 'roster', 'list', { keyword: '20230200' })).items.map((i) => i.name)).toEqual(['吴联络', '郑同学'])
    expect((await h.ok(OPENID.admin, 'roster', 'list', { keyword: '赵同学' })).items.map((i) => i.studentNo)).toEqual(['2023010004'])
  })
})
