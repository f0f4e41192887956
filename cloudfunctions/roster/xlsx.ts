/**
 * The first worksheet of an .xlsx file, read as a stream of rows: the sheet is never held
 * in memory, so an over-large one is refused after `maxDataRows + 1` rows, whatever its
 * size. Cells keep their type (text, number, date, boolean, error); a formula gives its
 * cached result, or a problem when it was never calculated. Only the columns the header
 * row asks for are kept, and only the shared strings those cells use are looked up.
 */
import { SaxesParser, SaxesTagPlain } from 'saxes'
import { AppError, invalid } from '../common/errors'
import { Cell, excelSerialToIso } from './cells'
import { Archive, openArchive } from './zip'

/** A data row: its row number in the sheet and its kept cells by column index (0-based). */
export interface SheetRow {
  row: number
  cells: (Cell | undefined)[]
}

export interface SheetOptions {
  /** refuse the sheet when it holds more non-empty data rows than this */
  maxDataRows: number
  /** the message for a sheet with more rows */
  tooManyRows: string
  /** the columns to keep, from the header row's texts; none: stop after the header */
  keepColumns(header: string[]): number[]
}

/** Decompressed sizes beyond any roster: a sheet of 20,000 rows is a few dozen MiB. */
const MAX_PART_BYTES = 16 * 1024 * 1024
const MAX_SHEET_BYTES = 256 * 1024 * 1024
const TOO_LARGE = 'Excel 文件解压后过大，请只保留名单所在的工作表，或另存为 .csv 后导入'

/** A cell whose text is in the shared-string table, looked up once the rows are read. */
type Pending = Cell | { kind: 'shared'; index: number }

const local = (name: string): string => name.slice(name.indexOf(':') + 1)

type SaxEvent =
  | { eventType: 'opentag' | 'closetag'; value: SaxesTagPlain }
  | { eventType: 'text'; value: string }

/** XML events of a stream of text, parsed by saxes, a chunk's worth at a time. */
async function* saxEvents(chunks: AsyncIterable<string>): AsyncGenerator<SaxEvent> {
  const parser = new SaxesParser()
  let events: SaxEvent[] = []
  let error: Error | null = null
  parser.on('error', (e) => { error ??= e })
  parser.on('opentag', (value) => events.push({ eventType: 'opentag', value: value as SaxesTagPlain }))
  parser.on('closetag', (value) => events.push({ eventType: 'closetag', value: value as SaxesTagPlain }))
  parser.on('text', (value) => events.push({ eventType: 'text', value }))
  for await (const chunk of chunks) {
    parser.write(chunk)
    if (error) throw error
    yield* events
    events = []
  }
}

/** The XML events of a part, one at a time. */
async function* xmlOf(archive: Archive, part: string, maxBytes: number): AsyncGenerator<SaxEvent> {
  try {
    yield* saxEvents(archive.text(part, maxBytes, TOO_LARGE))
  } catch (e) {
    // Anything else thrown here is the XML parser's complaint about the file.
    if (e instanceof AppError) throw e
    throw invalid('Excel 文件内容已损坏，请在 Excel 中重新保存后导入')
  }
}

/** The column index (0-based) of a cell reference such as `AB12`. */
function columnOf(ref: string): number {
  let n = 0
  for (const ch of ref) {
    const c = ch.charCodeAt(0)
    if (c < 65 || c > 90) break
    n = n * 26 + (c - 64)
  }
  return n - 1
}

interface Workbook {
  sheetPath: string
  date1904: boolean
}

/** Where the first worksheet is, and which date system the workbook uses. */
async function readWorkbook(archive: Archive): Promise<Workbook> {
  let firstSheetRel: string | null = null
  let date1904 = false
  if (archive.has('xl/workbook.xml')) {
    for await (const e of xmlOf(archive, 'xl/workbook.xml', MAX_PART_BYTES)) {
      if (e.eventType !== 'opentag') continue
      const name = local(e.value.name)
      if (name === 'workbookPr') date1904 = ['1', 'true'].includes(e.value.attributes.date1904)
      if (name === 'sheet' && firstSheetRel === null) firstSheetRel = e.value.attributes['r:id'] ?? null
    }
  }
  let target: string | null = null
  if (archive.has('xl/_rels/workbook.xml.rels') && firstSheetRel) {
    for await (const e of xmlOf(archive, 'xl/_rels/workbook.xml.rels', MAX_PART_BYTES)) {
      if (e.eventType === 'opentag' && local(e.value.name) === 'Relationship' && e.value.attributes.Id === firstSheetRel) target = e.value.attributes.Target
    }
  }
  const sheetPath = target ? (target.startsWith('/') ? target.slice(1) : `xl/${target}`) : 'xl/worksheets/sheet1.xml'
  return { sheetPath, date1904 }
}

/** Built-in number formats that show a date (Excel's ids, with the East Asian ones). */
const DATE_FORMAT_IDS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58])

/** Whether a custom format code shows a date: a date or time letter outside quotes and brackets. */
const isDateFormatCode = (code: string): boolean => /[ymdhs]/i.test(code.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, '').replace(/\\./g, ''))

/** The cell styles (indexes into `cellXfs`) whose number format shows a date. */
async function readDateStyles(archive: Archive): Promise<Set<number>> {
  const dates = new Set<number>()
  if (!archive.has('xl/styles.xml')) return dates
  const customDates = new Set<number>()
  let inCellXfs = false
  let xf = 0
  for await (const e of xmlOf(archive, 'xl/styles.xml', MAX_PART_BYTES)) {
    if (e.eventType === 'text') continue
    const name = local(e.value.name)
    if (e.eventType === 'opentag') {
      const a = e.value.attributes
      if (name === 'numFmt' && isDateFormatCode(a.formatCode ?? '')) customDates.add(Number(a.numFmtId))
      else if (name === 'cellXfs') inCellXfs = true
      else if (name === 'xf' && inCellXfs) {
        const id = Number(a.numFmtId ?? 0)
        if (DATE_FORMAT_IDS.has(id) || customDates.has(id)) dates.add(xf)
        xf++
      }
    } else if (e.eventType === 'closetag' && name === 'cellXfs') {
      inCellXfs = false
    }
  }
  return dates
}

/**
 * The texts of the shared strings at `wanted`, reading the table only as far as the
 * highest one. Rich text is joined; phonetic guides (`rPh`) are left out.
 */
async function readSharedStrings(archive: Archive, wanted: Set<number>): Promise<Map<number, string>> {
  const out = new Map<number, string>()
  if (!archive.has('xl/sharedStrings.xml') || !wanted.size) return out
  const last = Math.max(...wanted)
  let index = -1
  let text = ''
  let inT = false
  let phonetic = 0
  for await (const e of xmlOf(archive, 'xl/sharedStrings.xml', MAX_SHEET_BYTES)) {
    if (e.eventType === 'text') {
      if (inT && !phonetic) text += e.value
      continue
    }
    const name = local(e.value.name)
    const open = e.eventType === 'opentag'
    if (name === 'si') {
      if (open) {
        index++
        text = ''
      } else {
        if (wanted.has(index)) out.set(index, text)
        if (index >= last) break
      }
    } else if (name === 't') {
      inT = open
    } else if (name === 'rPh') {
      phonetic += open ? 1 : -1
    }
  }
  return out
}

/** Parses one `<c>` element's collected parts into a cell. */
function cellOf(c: { t: string; s: number; v: string | null; formula: boolean; inline: string | null }, dateStyles: Set<number>, date1904: boolean): Pending | undefined {
  if (c.t === 'inlineStr') return { kind: 'text', text: c.inline ?? c.v ?? '' }
  if (c.v === null) return c.formula ? { kind: 'problem', reason: '公式没有计算结果（请在 Excel 中打开并保存后再导入）' } : undefined
  switch (c.t) {
    case 's': return { kind: 'shared', index: Number(c.v) }
    case 'str': return { kind: 'text', text: c.v }
    case 'b': return { kind: 'bool', value: c.v.trim() === '1' || c.v.trim() === 'true' }
    case 'e': return { kind: 'problem', reason: `单元格错误 ${c.v.trim()}` }
    case 'd': {
      const iso = /^\d{4}-\d{2}-\d{2}/.exec(c.v.trim())?.[0]
      return iso ? { kind: 'date', iso } : { kind: 'problem', reason: '日期无效' }
    }
    default: {
      const raw = c.v.trim()
      const value = Number(raw)
      if (raw === '' || Number.isNaN(value)) return { kind: 'problem', reason: '数字无效' }
      if (!dateStyles.has(c.s)) return { kind: 'number', value }
      const iso = excelSerialToIso(value, date1904)
      return iso ? { kind: 'date', iso } : { kind: 'problem', reason: '日期无效' }
    }
  }
}

const pendingText = (c: Pending | undefined, strings: Map<number, string>): string =>
  !c ? '' : c.kind === 'shared' ? strings.get(c.index) ?? '' : c.kind === 'text' ? c.text : c.kind === 'number' ? String(c.value) : ''

/**
 * The sheet's rows in order, each with its cells by column (shared strings not yet looked
 * up), parsed as they stream past.
 */
async function* sheetRows(archive: Archive, sheet: string, dateStyles: Set<number>, date1904: boolean): AsyncGenerator<{ row: number; cells: Pending[] }> {
  let rowNo = 0
  let cells: Pending[] = []
  let c: Parameters<typeof cellOf>[0] & { col: number } = { col: -1, t: 'n', s: 0, v: null, formula: false, inline: null }
  let capture: 'v' | 'is' | null = null
  let inIs = false
  let phonetic = 0
  for await (const e of xmlOf(archive, sheet, MAX_SHEET_BYTES)) {
    if (e.eventType === 'text') {
      if (capture === 'v') c.v += e.value
      else if (capture === 'is' && !phonetic) c.inline += e.value
      continue
    }
    const name = local(e.value.name)
    if (e.eventType === 'opentag') {
      const a = e.value.attributes
      if (name === 'row') {
        // Row and cell references are optional: without them, each follows the one before.
        rowNo = a.r ? Number(a.r) : rowNo + 1
        cells = []
        c.col = -1
      } else if (name === 'c') {
        c = { col: a.r ? columnOf(a.r) : c.col + 1, t: a.t ?? 'n', s: Number(a.s ?? 0), v: null, formula: false, inline: null }
      } else if (name === 'f') {
        c.formula = true
      } else if (name === 'v') {
        c.v = ''
        capture = 'v'
      } else if (name === 'is') {
        c.inline = ''
        inIs = true
      } else if (name === 't' && inIs) {
        capture = 'is'
      } else if (name === 'rPh') {
        phonetic++
      }
    } else if (name === 'v' || name === 't') {
      capture = null
    } else if (name === 'is') {
      inIs = false
    } else if (name === 'rPh') {
      phonetic--
    } else if (name === 'c') {
      const cell = cellOf(c, dateStyles, date1904)
      if (cell && !(cell.kind === 'text' && cell.text.trim() === '')) cells[c.col] = cell
    } else if (name === 'row') {
      yield { row: rowNo, cells }
    }
  }
}

/**
 * Reads the first worksheet: the header row's texts (row 1) and the non-empty data rows
 * with the columns `keepColumns` chose. Throws (INVALID_ARGUMENT) when the sheet has more
 * than `maxDataRows` data rows, as soon as it reads one row more.
 */
export async function readFirstSheet(zip: Buffer, options: SheetOptions): Promise<{ header: string[]; rows: SheetRow[] }> {
  const archive = await openArchive(zip)
  const { sheetPath, date1904 } = await readWorkbook(archive)
  if (!archive.has(sheetPath)) throw invalid('Excel 文件中没有工作表')
  const dateStyles = await readDateStyles(archive)

  // The header decides which columns are kept; it needs its own shared strings first.
  const readHeader = async (cells: Pending[]): Promise<{ header: string[]; keep: Set<number> }> => {
    const indexes = new Set(cells.flatMap((c) => (c?.kind === 'shared' ? [c.index] : [])))
    const strings = await readSharedStrings(archive, indexes)
    const texts = Array.from(cells, (c) => pendingText(c, strings).trim())
    return { header: texts, keep: new Set(options.keepColumns(texts)) }
  }

  let header: string[] | null = null
  let keep = new Set<number>()
  const rows: { row: number; cells: Pending[] }[] = []
  const wanted = new Set<number>()
  for await (const r of sheetRows(archive, sheetPath, dateStyles, date1904)) {
    if (header === null) {
      ({ header, keep } = await readHeader(r.row === 1 ? r.cells : []))
      if (r.row === 1) continue
    }
    if (!keep.size) break
    const cells: Pending[] = []
    for (const i of keep) if (r.cells[i]) cells[i] = r.cells[i]
    if (!cells.some((x) => x)) continue
    if (rows.length >= options.maxDataRows) throw invalid(options.tooManyRows)
    for (const x of cells) if (x?.kind === 'shared') wanted.add(x.index)
    rows.push({ row: r.row, cells })
  }
  if (header === null) ({ header } = await readHeader([]))

  const strings = await readSharedStrings(archive, wanted)
  return {
    header,
    rows: rows.map((r) => ({
      row: r.row,
      cells: Array.from(r.cells, (x): Cell | undefined => (x?.kind === 'shared' ? { kind: 'text', text: strings.get(x.index) ?? '' } : x))
    }))
  }
}
