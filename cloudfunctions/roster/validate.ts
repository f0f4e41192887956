/**
 * Checking a roster table row by row, before anything is written: every cell of every
 * row, duplicate student numbers, and the internship year the file belongs to (see
 * year.ts). Each problem is reported with its spreadsheet row number, the column's
 * Chinese header and a reason in Chinese.
 */
import type { RowError } from '../../types/actions/roster'
import { isPartyMember, POLITICAL_STATUS_LABELS, PoliticalStatus } from '../../types/domain'
import { ROSTER_COLUMNS, RosterRow } from '../../types/roster'
import { Cell, cellDate, cellText, isScientific } from './cells'
import type { Table } from './table'
import { cohortYear, yearProblems } from './year'

/** The most data rows one file may hold; a larger roster is imported in several files. */
export const MAX_ROWS = 20_000

export const TOO_MANY_ROWS = `名单超过${MAX_ROWS}行（不含表头），请拆分成每个不超过${MAX_ROWS}行的文件分批导入`

type Key = keyof RosterRow

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
  /** internship year label, e.g. 2026-2027: the file's year */
  year: string
}

interface Validation {
  records: RosterRecord[]
  /** every row with a well-formed student number, valid or not: the database checks them all */
  numbers: { row: number; studentNo: string }[]
  errors: RowError[]
  /** non-empty data rows */
  total: number
  /** the internship year the rows were checked against; null when no row has a start date */
  year: string | null
}

const STATUS_BY_LABEL: Record<string, PoliticalStatus> = {
  ...Object.fromEntries(Object.entries(POLITICAL_STATUS_LABELS).map(([k, v]) => [v, k as PoliticalStatus])),
  党员: 'member', 正式党员: 'member', 中共正式党员: 'member',
  预备党员: 'probationary',
  积极分子: 'activist',
  申请人: 'applicant', 入党申请: 'applicant',
  共青团员: 'masses', 团员: 'masses', 中国共产主义青年团团员: 'masses'
}

const DATE_KEYS = new Set<Key>(['internshipStart', 'internshipEnd', 'joinedPartyAt', 'activistSince'])
const HEADER_OF = new Map(ROSTER_COLUMNS.map((c) => [c.key, c.header]))

/** Where each roster column is in the header row (the first of equal headers). */
function columnIndexes(header: string[]): Map<Key, number> {
  const out = new Map<Key, number>()
  for (const c of ROSTER_COLUMNS) {
    const i = header.indexOf(c.header)
    if (i >= 0) out.set(c.key, i)
  }
  return out
}

function missingColumns(header: string[]): RowError[] {
  const present = columnIndexes(header)
  return ROSTER_COLUMNS.filter((c) => c.required && !present.has(c.key)).map((c) => ({ row: 1, column: c.header, reason: '缺少此列（表头应在第一行）' }))
}

/** The columns a reader keeps: the roster's, or none when a required one is missing (nothing more to read). */
export const rosterColumnsOf = (header: string[]): number[] => (missingColumns(header).length ? [] : [...columnIndexes(header).values()])

const addYears = (iso: string, n: number): string => `${Number(iso.slice(0, 4)) + n}${iso.slice(4)}`

interface CheckedRow {
  /** the record (without its year), when the row has no problem */
  record: Omit<RosterRecord, 'year'> | null
  errors: RowError[]
  /** the student number, when well-formed */
  studentNo: string | null
  /** the internship dates that could be read */
  start: string | null
  end: string | null
}

type Fail = (key: Key, reason: string) => void

/**
 * A row's cells as its columns want them: text, or dates (null when empty). A cell that
 * cannot be read so is a problem, and its column is left out of the other checks.
 */
function readValues(cells: (Cell | undefined)[], columns: Map<Key, number>, fail: Fail): { v: Record<Key, string>; dates: Partial<Record<Key, string | null>>; unreadable: Set<Key> } {
  const v = {} as Record<Key, string>
  const dates: Partial<Record<Key, string | null>> = {}
  const unreadable = new Set<Key>()
  for (const c of ROSTER_COLUMNS) {
    const cell = columns.has(c.key) ? cells[columns.get(c.key)!] : undefined
    const read = DATE_KEYS.has(c.key) ? cellDate(cell) : cellText(cell)
    if (!read.ok) {
      fail(c.key, read.reason)
      unreadable.add(c.key)
      v[c.key] = ''
      continue
    }
    if (DATE_KEYS.has(c.key)) dates[c.key] = read.value as string | null
    v[c.key] = (read.value as string | null) ?? ''
    if (c.required && !v[c.key]) fail(c.key, '不能为空')
  }
  return { v, dates, unreadable }
}

/** Reads and checks one row: its record, or its problems. */
function checkRow(row: number, cells: (Cell | undefined)[], columns: Map<Key, number>, seen: Map<string, number>, today: string): CheckedRow {
  const errors: RowError[] = []
  const fail: Fail = (key, reason) => errors.push({ row, column: HEADER_OF.get(key)!, reason })
  const { v, dates, unreadable } = readValues(cells, columns, fail)
  const given = (key: Key) => v[key] !== '' && !unreadable.has(key)

  const wellFormedNo = given('studentNo') && /^[0-9A-Za-z]{4,20}$/.test(v.studentNo)
  if (given('studentNo') && isScientific(v.studentNo)) fail('studentNo', `学号显示成了科学计数法（${v.studentNo}），原来的数字已丢失；请在 Excel 中把该列设为“文本”格式后重新填写`)
  else if (given('studentNo') && !wellFormedNo) fail('studentNo', '学号应为4-20位字母或数字')
  if (given('studentNo') && seen.has(v.studentNo)) fail('studentNo', `与第${seen.get(v.studentNo)}行学号重复`)
  if (given('name') && (v.name.length > 20 || /[\d<>]/.test(v.name))) fail('name', '姓名格式不正确')
  if (given('grade') && !/^\d{4}级?$/.test(v.grade)) fail('grade', '年级应为如“2024级”')
  if (given('major') && v.major.length > 30) fail('major', '专业名称过长')
  const status = STATUS_BY_LABEL[v.politicalStatus.replace(/\s/g, '')]
  if (given('politicalStatus') && !status) fail('politicalStatus', `无法识别“${v.politicalStatus}”，应为中共党员、中共预备党员、入党积极分子、入党申请人、共青团员或群众`)
  const phone = v.phone.replace(/[\s-]/g, '')
  if (given('phone') && isScientific(phone)) fail('phone', `手机号显示成了科学计数法（${v.phone}），原来的数字已丢失；请在 Excel 中把该列设为“文本”格式后重新填写`)
  else if (given('phone') && !/^1[3-9]\d{9}$/.test(phone)) fail('phone', '手机号应为11位大陆手机号')
  if (given('unitName') && v.unitName.length > 60) fail('unitName', '实习单位名称过长')
  if (given('province') && !/(省|市|自治区|特别行政区)$/.test(v.province)) fail('province', '省份应写全称，如“河南省”')
  if (given('city') && v.city.length > 20) fail('city', '城市名称过长')
  const start = dates.internshipStart ?? null
  const end = dates.internshipEnd ?? null
  if (start && end && start >= end) fail('internshipEnd', '实习结束应晚于实习开始')
  const joined = dates.joinedPartyAt ?? null
  if (joined && joined > today) fail('joinedPartyAt', '入党时间不能晚于今天')
  if (isPartyMember(status) && !joined && !unreadable.has('joinedPartyAt')) fail('joinedPartyAt', '党员须填写入党时间')

  if (given('studentNo') && !seen.has(v.studentNo)) seen.set(v.studentNo, row)
  const read = { errors, studentNo: wellFormedNo ? v.studentNo : null, start, end }
  if (errors.length) return { ...read, record: null }
  return {
    ...read,
    record: {
      row,
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
      activistSince: dates.activistSince ?? null
    }
  }
}

/**
 * Checks every row of a table. The year is `options.year` when the admin chose one, else
 * the cohort's (see year.ts); rows whose dates do not fit it are refused.
 */
export function validateRows(table: Table, options: { today: string; year?: string }): Validation {
  const headerErrors = missingColumns(table.header)
  if (headerErrors.length) return { records: [], numbers: [], errors: headerErrors, total: 0, year: null }
  const columns = columnIndexes(table.header)
  const seen = new Map<string, number>()
  const checked = table.rows.map((r) => ({ row: r.row, ...checkRow(r.row, r.cells, columns, seen, options.today) }))

  const year = options.year ?? cohortYear(checked.flatMap((c) => (c.start ? [c.start] : [])))
  const errors: RowError[] = []
  const records: RosterRecord[] = []
  for (const c of checked) {
    const misfit = year && c.start && c.end ? yearProblems(year, c.start, c.end).map((p) => ({ row: c.row, column: HEADER_OF.get(p.key)!, reason: p.reason })) : []
    errors.push(...c.errors, ...misfit)
    if (c.record && !misfit.length) records.push({ ...c.record, year: year! })
  }
  const numbers = checked.flatMap((c) => (c.studentNo ? [{ row: c.row, studentNo: c.studentNo }] : []))
  return { records, numbers, errors, total: table.rows.length, year }
}
