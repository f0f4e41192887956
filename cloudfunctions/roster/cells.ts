/**
 * What a spreadsheet cell holds, and how a roster column reads it. Files give typed
 * cells (an .xlsx knows numbers, dates, booleans, errors; a CSV has only text); a column
 * of the roster wants text or a date, and a cell that cannot be read as one is a problem
 * with a reason in Chinese, reported against its row and column.
 */

/** One cell as read from a file. Empty cells are absent. */
export type Cell =
  | { kind: 'text'; text: string }
  | { kind: 'number'; value: number }
  | { kind: 'date'; iso: string }
  | { kind: 'bool'; value: boolean }
  /** a cell that has no usable value: an error value, or a formula never calculated */
  | { kind: 'problem'; reason: string }

export type Read<T> = { ok: true; value: T } | { ok: false; reason: string }

const ok = <T>(value: T): Read<T> => ({ ok: true, value })
const fail = (reason: string): Read<never> => ({ ok: false, reason })

/** Excel keeps 15 significant digits: a longer number typed into a cell has already lost its tail. */
const EXACT_DIGITS = 15

/** The text of a number: its digits, never an exponent; refused when Excel cannot have kept them all. */
function numberText(value: number): Read<string> {
  if (!Number.isFinite(value)) return fail('数字无效')
  if (Number.isInteger(value) && Math.abs(value) >= 10 ** EXACT_DIGITS) {
    return fail(`数字超过${EXACT_DIGITS}位，Excel 会改动末尾的数字；请把该列设为“文本”格式后重新填写`)
  }
  return ok(String(Number(value.toPrecision(EXACT_DIGITS))))
}

/** A cell as text (trimmed; empty when the cell is empty). */
export function cellText(cell: Cell | undefined): Read<string> {
  if (!cell) return ok('')
  switch (cell.kind) {
    case 'text': return ok(cell.text.trim())
    case 'number': return numberText(cell.value)
    case 'date': return fail('应填写文字，此单元格是日期')
    case 'bool': return fail(`应填写文字，此单元格是逻辑值 ${cell.value ? 'TRUE' : 'FALSE'}`)
    case 'problem': return fail(cell.reason)
  }
}

/** Whether a cell holds nothing a person would see. */
export const isBlank = (cell: Cell | undefined): boolean => !cell || (cell.kind === 'text' && cell.text.trim() === '')

/** Days from the Unix epoch to Excel's day 0 (1899-12-30 in the 1900 date system). */
const EXCEL_EPOCH_DAYS = -25569
const DAY_MS = 86_400_000

/** An Excel serial day number as a date (`date1904`: the workbook counts from 1904-01-01). */
export function excelSerialToIso(serial: number, date1904 = false): string | null {
  if (!Number.isFinite(serial) || serial < 1) return null
  const days = Math.floor(serial + 1e-9) + EXCEL_EPOCH_DAYS + (date1904 ? 1462 : 0)
  const d = new Date(days * DAY_MS)
  const iso = d.toISOString().slice(0, 10)
  return iso >= '1900-01-01' && iso <= '9999-12-31' ? iso : null
}

/** Plain numbers in a date column are taken as Excel serial days only within this range (1954–2119). */
const SERIAL_MIN = 20_000
const SERIAL_MAX = 80_000

/** A `YYYY-MM-DD` text that names a real day. */
function isoOf(y: string, m: string, d: string): string | null {
  const iso = `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`
  const t = new Date(`${iso}T00:00:00Z`)
  return Number.isNaN(t.getTime()) || t.toISOString().slice(0, 10) !== iso ? null : iso
}

const DATE_FORMAT = '日期格式应为 YYYY-MM-DD'

/** A cell as a date (`null` when the cell is empty). */
export function cellDate(cell: Cell | undefined): Read<string | null> {
  if (isBlank(cell)) return ok(null)
  switch (cell!.kind) {
    case 'date': return ok(cell!.iso)
    case 'number': {
      const { value } = cell!
      const iso = value > SERIAL_MIN && value < SERIAL_MAX ? excelSerialToIso(value) : null
      return iso ? ok(iso) : fail(DATE_FORMAT)
    }
    case 'text': {
      const m = cell!.text.trim().match(/^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/)
      const iso = m ? isoOf(m[1], m[2], m[3]) : null
      return iso ? ok(iso) : fail(DATE_FORMAT)
    }
    case 'bool': return fail(`${DATE_FORMAT}，此单元格是逻辑值 ${cell!.value ? 'TRUE' : 'FALSE'}`)
    case 'problem': return fail(cell!.reason)
  }
}

/** Text such as `2.02301E+09`: how Excel shows (and saves to CSV) a long number in a narrow column. */
export const isScientific = (text: string): boolean => /^\d(\.\d+)?E[+-]?\d+$/i.test(text)
