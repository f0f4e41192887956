/**
 * A roster file as a table: the header row's texts and the non-empty data rows, from an
 * .xlsx (its first worksheet, streamed) or a CSV (UTF-8, or GBK as Excel saves it in
 * Chinese Windows). Rows are counted while they are read, and a file with more than
 * `maxDataRows` is refused before the rest of it is read.
 */
import { parse as parseCsv } from 'csv-parse/sync'
import { invalid } from '../common/errors'
import { isBlank } from './cells'
import { readFirstSheet, SheetOptions, SheetRow } from './xlsx'

export interface Table {
  /** row 1's texts, trimmed */
  header: string[]
  rows: SheetRow[]
}

/** "PK": a zip archive, as an .xlsx is. */
const isZip = (content: Buffer): boolean => content.length > 4 && content[0] === 0x50 && content[1] === 0x4b
/** The old binary Excel format (.xls), an OLE compound file. */
const isXls = (content: Buffer): boolean => content.length > 8 && content.readUInt32BE(0) === 0xd0cf11e0

/** Thrown inside the CSV parser to stop it: at the row limit (with the refusal), or when no column is wanted. */
class StopReading {
  constructor(readonly refusal: string | null) {}
}

function readCsv(content: Buffer, options: SheetOptions): Table {
  let text = content.toString('utf8')
  if (text.includes('\uFFFD')) text = new TextDecoder('gbk').decode(content)
  let header: string[] | null = null
  let keep: number[] = []
  let dataRows = 0
  const rows: SheetRow[] = []
  try {
    parseCsv(text, {
      bom: true,
      relax_column_count: true,
      skip_empty_lines: false,
      // Each record is looked at as it is parsed and dropped; only kept cells stay.
      on_record: (record: string[], { records }: { records: number }) => {
        if (header === null) {
          header = record.map((h) => h.trim())
          keep = options.keepColumns(header)
          if (!keep.length) throw new StopReading(null)
          return null
        }
        const cells: SheetRow['cells'] = []
        for (const i of keep) if (record[i] !== undefined && record[i] !== '') cells[i] = { kind: 'text', text: record[i] }
        if (cells.every(isBlank)) return null
        if (++dataRows > options.maxDataRows) throw new StopReading(options.tooManyRows)
        rows.push({ row: records, cells })
        return null
      }
    })
  } catch (e) {
    if (!(e instanceof StopReading)) throw invalid(`CSV 格式错误：${(e as Error).message}`)
    if (e.refusal) throw invalid(e.refusal)
  }
  return { header: header ?? [], rows }
}

/** Reads a roster file (.xlsx or .csv) into a table; see `SheetOptions`. */
export async function readTable(content: Buffer, fileName: string, options: SheetOptions): Promise<Table> {
  if (isZip(content)) {
    const { header, rows } = await readFirstSheet(content, options)
    return { header, rows: rows.filter((r) => !r.cells.every(isBlank)) }
  }
  if (/\.xlsx$/i.test(fileName)) throw invalid('无法读取该 Excel 文件，请确认是 .xlsx 格式')
  if (isXls(content) || /\.xls$/i.test(fileName)) throw invalid('不支持旧版 .xls 文件，请在 Excel 中另存为 .xlsx 或 .csv 后导入')
  return readCsv(content, options)
}

