/**
 * Reading and validating a roster file (.xlsx via exceljs, .csv via csv-parse). Every row
 * is checked before anything is written; each problem is reported with its spreadsheet row
 * number, the column's Chinese header and a reason in Chinese.
 */
import { parse as parseCsv } from 'csv-parse/sync'
import ExcelJS from 'exceljs'
import type { RowError } from '../../types/actions/roster'
import { isPartyMember, POLITICAL_STATUS_LABELS, PoliticalStatus } from '../../types/domain'
import { ROSTER_COLUMNS, RosterRow } from '../../types/roster'

export const MAX_ROWS = 20_000

/** A validated roster row, ready to be stored. */
export interface RosterRecord {
  row: number
  studentNo: string
  name: string
  grade: string
  major: string
  politicalStatus: PoliticalStatus
  phone: string
  unitName: string
  province: string
  city: string
  internshipStart: string
  internshipEnd: string
  joinedPartyAt: string | null
  probationEndsAt: string | null
  activistSince: string | null
  /** internship year label, e.g. 2026-2027 */
  year: string
}

const STATUS_BY_LABEL: Record<string, PoliticalStatus> = {
  ...Object.fromEntries(Object.entries(POLITICAL_STATUS_LABELS).map(([k, v]) => [v, k as PoliticalStatus])),
  党员: 'member', 正式党员: 'member', 中共正式党员: 'member',
  预备党员: 'probationary',
  积极分子: 'activist',
  申请人: 'applicant', 入党申请: 'applicant',
  共青团员: 'masses', 团员: 'masses', 中国共产主义青年团团员: 'masses'
}

type Cell = string | number | boolean | Date | null | undefined

/** Reads the first worksheet (xlsx) or the CSV text into rows of cells. */
export async function readTable(content: Buffer, fileName: string): Promise<Cell[][]> {
  const isXlsx = content.length > 4 && content[0] === 0x50 && content[1] === 0x4b // "PK": a zip, as .xlsx is
  if (isXlsx) {
    const wb = new ExcelJS.Workbook()
    try {
      await wb.xlsx.load(content as any)
    } catch {
      throw new Error('无法读取该 Excel 文件，请确认是 .xlsx 格式')
    }
    const ws = wb.worksheets[0]
    if (!ws) throw new Error('Excel 文件中没有工作表')
    const rows: Cell[][] = []
    ws.eachRow({ includeEmpty: true }, (row, n) => {
      const cells: Cell[] = []
      row.eachCell({ includeEmpty: true }, (cell, col) => {
        let v: any = cell.value
        if (v && typeof v === 'object' && !(v instanceof Date)) v = v.text ?? v.result ?? (Array.isArray(v.richText) ? v.richText.map((r: any) => r.text).join('') : String(v))
        cells[col - 1] = v
      })
      rows[n - 1] = cells
    })
    return Array.from(rows, (r) => r ?? [])
  }
  if (/\.xlsx$/i.test(fileName)) throw new Error('无法读取该 Excel 文件，请确认是 .xlsx 格式')
  let text = content.toString('utf8')
  if (text.includes('\uFFFD')) text = new TextDecoder('gbk').decode(content) // Excel's "CSV" in Chinese Windows is GBK
  try {
    return parseCsv(text, { bom: true, relax_column_count: true, skip_empty_lines: false }) as string[][]
  } catch (e) {
    throw new Error(`CSV 格式错误：${(e as Error).message}`)
  }
}

function text(v: Cell): string {
  if (v === null || v === undefined) return ''
  if (v instanceof Date) return v.toISOString().slice(0, 10)
  return String(v).trim()
}

function date(v: Cell): string | null {
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v.toISOString().slice(0, 10)
  if (typeof v === 'number' && v > 20000 && v < 80000) {
    // An Excel serial day number.
    return new Date(Math.round((v - 25569) * 86400000)).toISOString().slice(0, 10)
  }
  const m = text(v).match(/^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/)
  if (!m) return null
  const iso = `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}`
  const d = new Date(`${iso}T00:00:00Z`)
  return Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== iso ? null : iso
}

const addYears = (iso: string, n: number): string => `${Number(iso.slice(0, 4)) + n}${iso.slice(4)}`

/** Internship year of a start date: July 2026 to June 2027 is "2026-2027". */
export function internshipYear(start: string): string {
  const y = Number(start.slice(0, 4))
  const first = Number(start.slice(5, 7)) >= 7 ? y : y - 1
  return `${first}-${first + 1}`
}

/** Validates a table; returns the good rows and every problem found. */
export function validateTable(table: Cell[][], today: string): { records: RosterRecord[]; errors: RowError[]; total: number } {
  const errors: RowError[] = []
  const header = (table[0] ?? []).map(text)
  const index = new Map<string, number>()
  header.forEach((h, i) => { if (h && !index.has(h)) index.set(h, i) })
  for (const c of ROSTER_COLUMNS) {
    if (c.required && !index.has(c.header)) errors.push({ row: 1, column: c.header, reason: '缺少此列（表头应在第一行）' })
  }
  if (errors.length) return { records: [], errors, total: 0 }

  const records: RosterRecord[] = []
  const seen = new Map<string, number>()
  let total = 0
  for (let r = 1; r < table.length; r++) {
    const cells = table[r] ?? []
    if (cells.every((c) => text(c) === '')) continue
    total++
    const rowNo = r + 1
    if (total > MAX_ROWS) {
      errors.push({ row: rowNo, column: '', reason: `名单超过${MAX_ROWS}行，请分批导入` })
      break
    }
    const raw = Object.fromEntries(ROSTER_COLUMNS.map((c) => [c.key, index.has(c.header) ? cells[index.get(c.header)!] : undefined])) as Record<keyof RosterRow, Cell>
    const rowErrors: RowError[] = []
    const fail = (key: keyof RosterRow, reason: string) => rowErrors.push({ row: rowNo, column: ROSTER_COLUMNS.find((c) => c.key === key)!.header, reason })
    const v = Object.fromEntries(Object.entries(raw).map(([k, c]) => [k, text(c)])) as Record<keyof RosterRow, string>

    for (const c of ROSTER_COLUMNS) if (c.required && !v[c.key]) fail(c.key, '不能为空')
    if (v.studentNo && !/^[0-9A-Za-z]{4,20}$/.test(v.studentNo)) fail('studentNo', '学号应为4-20位字母或数字')
    if (v.studentNo && seen.has(v.studentNo)) fail('studentNo', `与第${seen.get(v.studentNo)}行学号重复`)
    if (v.name && (v.name.length > 20 || /[\d<>]/.test(v.name))) fail('name', '姓名格式不正确')
    if (v.grade && !/^\d{4}级?$/.test(v.grade)) fail('grade', '年级应为如“2024级”')
    if (v.major && v.major.length > 30) fail('major', '专业名称过长')
    const status = STATUS_BY_LABEL[v.politicalStatus.replace(/\s/g, '')]
    if (v.politicalStatus && !status) fail('politicalStatus', `无法识别“${v.politicalStatus}”，应为中共党员、中共预备党员、入党积极分子、入党申请人、共青团员或群众`)
    const phone = v.phone.replace(/[\s-]/g, '')
    if (v.phone && !/^1[3-9]\d{9}$/.test(phone)) fail('phone', '手机号应为11位大陆手机号')
    if (v.unitName && v.unitName.length > 60) fail('unitName', '实习单位名称过长')
    if (v.province && !/(省|市|自治区|特别行政区)$/.test(v.province)) fail('province', '省份应写全称，如“河南省”')
    if (v.city && v.city.length > 20) fail('city', '城市名称过长')
    const start = v.internshipStart ? date(raw.internshipStart) : null
    const end = v.internshipEnd ? date(raw.internshipEnd) : null
    if (v.internshipStart && !start) fail('internshipStart', '日期格式应为 YYYY-MM-DD')
    if (v.internshipEnd && !end) fail('internshipEnd', '日期格式应为 YYYY-MM-DD')
    if (start && end && start >= end) fail('internshipEnd', '实习结束应晚于实习开始')
    const joined = v.joinedPartyAt ? date(raw.joinedPartyAt) : null
    if (v.joinedPartyAt && !joined) fail('joinedPartyAt', '日期格式应为 YYYY-MM-DD')
    if (joined && joined > today) fail('joinedPartyAt', '入党时间不能晚于今天')
    if (isPartyMember(status) && !v.joinedPartyAt) fail('joinedPartyAt', '党员须填写入党时间')
    const activistSince = v.activistSince ? date(raw.activistSince) : null
    if (v.activistSince && !activistSince) fail('activistSince', '日期格式应为 YYYY-MM-DD')

    if (v.studentNo && !seen.has(v.studentNo)) seen.set(v.studentNo, rowNo)
    if (rowErrors.length) {
      errors.push(...rowErrors)
      continue
    }
    records.push({
      row: rowNo,
      studentNo: v.studentNo,
      name: v.name,
      grade: v.grade.endsWith('级') ? v.grade : `${v.grade}级`,
      major: v.major,
      politicalStatus: status,
      phone,
      unitName: v.unitName,
      province: v.province,
      city: v.city,
      internshipStart: start!,
      internshipEnd: end!,
      joinedPartyAt: isPartyMember(status) ? joined : null,
      probationEndsAt: status === 'probationary' && joined ? addYears(joined, 1) : null,
      activistSince,
      year: internshipYear(start!)
    })
  }
  return { records, errors, total }
}
