/** The sample roster file: the headers the import reads and two example rows. */
import ExcelJS from 'exceljs'
import { ROSTER_COLUMNS, RosterRow } from '../../types/roster'

/** Two made-up interns: a probationary member with both dates, and one of the masses with neither. */
const EXAMPLE_ROWS: RosterRow[] = [
  {
    studentNo: '2022060102', name: '刘依洁', grade: '2022级', major: '医学检验技术', politicalStatus: '中共预备党员',
    phone: '15804985827', unitName: '驻马店市第一人民医院', province: '河南省', city: '驻马店市',
    internshipStart: '2026-07-01', internshipEnd: '2027-05-31', joinedPartyAt: '2026-09-28', activistSince: '2025-02-28'
  },
  {
    studentNo: '2022070101', name: '王嘉哲', grade: '2022级', major: '医学影像技术', politicalStatus: '群众',
    phone: '15110380728', unitName: '深圳市人民医院', province: '广东省', city: '深圳市',
    internshipStart: '2026-07-01', internshipEnd: '2027-05-31', joinedPartyAt: '', activistSince: ''
  }
]

/** The sample as .xlsx bytes: every cell text, so Excel keeps student numbers and dates as typed. */
export async function sampleWorkbook(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook()
  const ws = wb.addWorksheet('实习生名单')
  ws.columns = ROSTER_COLUMNS.map((c) => ({ header: c.header, key: c.key, width: c.key === 'unitName' ? 28 : 14, style: { numFmt: '@' } }))
  for (const row of EXAMPLE_ROWS) ws.addRow(row)
  ws.getRow(1).font = { bold: true }
  ws.views = [{ state: 'frozen', ySplit: 1 }]
  return Buffer.from(await wb.xlsx.writeBuffer())
}
