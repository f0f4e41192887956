/**
 * 导出学习笔记: `journal.export` makes this year's .xlsx; weapp downloads and opens it in
 * WeChat's document viewer, H5 lets the browser download it.
 */
import { call } from '../../services/cloud'
import { openSpreadsheet } from '../../services/spreadsheet'

/** Exports the year's notes and opens (weapp) or downloads (H5) them; answers how many. Throws CallError. */
export async function exportJournal(): Promise<{ notes: number; url: string }> {
  const out = await call('journal', 'export', {})
  await openSpreadsheet(out.url, '我的学习笔记.xlsx')
  return { notes: out.notes, url: out.url }
}
