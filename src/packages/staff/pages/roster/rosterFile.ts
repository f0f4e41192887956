/**
 * The roster file's way in: picking an .xlsx/.csv (the browser's chooser on H5, a WeChat
 * chat's files on weapp, where rosters arrive), uploading it through `roster.uploadTicket`
 * with progress, and the import report read for the page (errors grouped by reason).
 */
import Taro from '@tarojs/taro'
import type { RowError } from '../../../../../types/actions/roster'
import { ROSTER_FILES } from '../../../../../types/roster'
import type { ActionOutput } from '../../../../../types/contract'
import { call, CallError } from '../../../../services/cloud'
import { formatBytes, sendToTicket, type PickedFile, type ProgressListener } from '../../../../services/upload'

export type ImportReport = ActionOutput<'roster', 'import'>

const CONTENT_TYPES: Record<string, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv'
}

const extensionOf = (name: string): string => /\.([a-z0-9]+)$/i.exec(name)?.[1]?.toLowerCase() ?? ''

/** Why a picked file cannot be a roster (Chinese), or null when it can; the function checks again. */
export function rosterFileProblem(file: Pick<PickedFile, 'name' | 'bytes'>): string | null {
  const ext = extensionOf(file.name)
  if (ext === 'xls') return '不支持旧版 .xls 文件，请在 Excel 中另存为 .xlsx 或 .csv 后导入'
  if (!(ROSTER_FILES.extensions as readonly string[]).includes(ext)) return '名单文件应为 .xlsx 或 .csv 格式'
  if (!(file.bytes > 0)) return '文件是空的，请重新选择'
  if (file.bytes > ROSTER_FILES.maxBytes) return `名单文件不能超过 ${formatBytes(ROSTER_FILES.maxBytes)}（所选文件 ${formatBytes(file.bytes)}）`
  return null
}

function pickInBrowser(): Promise<PickedFile | null> {
  return new Promise((resolve) => {
    const input = document.createElement('input')
    input.type = 'file'
    input.accept = ['.xlsx', '.csv', CONTENT_TYPES.xlsx, CONTENT_TYPES.csv].join(',')
    input.style.display = 'none'
    const done = (picked: PickedFile | null) => {
      input.remove()
      resolve(picked)
    }
    input.addEventListener('change', () => {
      const f = input.files?.[0]
      done(f ? { name: f.name, bytes: f.size, contentType: CONTENT_TYPES[extensionOf(f.name)] ?? (f.type || 'application/octet-stream'), blob: f } : null)
    })
    input.addEventListener('cancel', () => done(null))
    document.body.appendChild(input)
    input.click()
  })
}

async function pickInWeapp(): Promise<PickedFile | null> {
  try {
    const res = await Taro.chooseMessageFile({ count: 1, type: 'file', extension: [...ROSTER_FILES.extensions] })
    const f = res.tempFiles[0]
    return f ? { name: f.name, bytes: f.size, contentType: CONTENT_TYPES[extensionOf(f.name)] ?? 'application/octet-stream', path: f.path } : null
  } catch (e) {
    // Closing the picker is not an error.
    if (/cancel/i.test((e as { errMsg?: string }).errMsg ?? '')) return null
    throw new CallError('PICK_FAILED', '无法读取所选文件，请重试')
  }
}

/** Lets the branch choose a roster file; null when they close the chooser. */
export const pickRosterFile = (): Promise<PickedFile | null> =>
  process.env.TARO_ENV === 'weapp' ? pickInWeapp() : pickInBrowser()

/** Uploads a picked roster file, reporting progress (0 to 1, 1 once stored); resolves with its fileID. */
export async function uploadRosterFile(file: PickedFile, onProgress: ProgressListener): Promise<string> {
  const problem = rosterFileProblem(file)
  if (problem) throw new CallError('INVALID_ARGUMENT', problem)
  const ticket = await call('roster', 'uploadTicket', { name: file.name.trim().slice(-100), bytes: file.bytes })
  let shown = 0
  const fileID = await sendToTicket(ticket, file, (f) => {
    // Never backwards, and 100% only once storage answered.
    const next = Math.min(0.99, Math.max(shown, Number.isFinite(f) ? f : 0))
    if (next > shown) onProgress((shown = next))
  })
  onProgress(1)
  return fileID
}

/** One reason and the rows it applies to, as the report lists them. */
export interface ReasonGroup {
  reason: string
  column: string
  errors: RowError[]
}

/**
 * A report's errors grouped by column and reason (a reason that names another row, like
 * "与第2行学号重复", is grouped under its pattern), the largest group first.
 */
export function groupErrors(errors: RowError[]): ReasonGroup[] {
  const groups = new Map<string, ReasonGroup>()
  for (const e of errors) {
    const reason = e.reason.replace(/第\d+行/g, '第…行')
    const key = `${e.column}\u0000${reason}`
    let g = groups.get(key)
    if (!g) groups.set(key, (g = { reason, column: e.column, errors: [] }))
    g.errors.push(e)
  }
  return [...groups.values()].sort((a, b) => b.errors.length - a.errors.length || a.column.localeCompare(b.column))
}

/** The errors a filter keeps: those of one column (or all), whose row, column or reason contains the text. */
export function filterErrors(errors: RowError[], column: string | null, text: string): RowError[] {
  const t = text.trim()
  return errors.filter((e) => (!column || e.column === column) &&
    (!t || e.reason.includes(t) || e.column.includes(t) || String(e.row) === t))
}

/** The confirmation before writing the valid rows of a file with invalid ones. */
export function skipConfirmation(report: ImportReport): { title: string; content: string } {
  return {
    title: `跳过 ${report.invalid} 行错误？`,
    content: `将写入其余 ${report.valid} 行有效数据（新增或更新学生，不删除任何人）；有错误的 ${report.invalid} 行不会导入，可修改后再导入。`
  }
}

/** What an import changed, in one sentence. */
export function resultSummary(r: ImportReport): string {
  const parts = [`新增 ${r.created} 人`, `更新 ${r.updated} 人`, `未变 ${r.unchanged} 人`]
  if (r.unitsCreated) parts.push(`新增实习单位 ${r.unitsCreated} 个`)
  if (r.invalid) parts.push(`跳过错误 ${r.invalid} 行`)
  return `已导入${r.year ? ` ${r.year} 学年` : ''}名单：${parts.join('，')}。`
}
