/**
 * 导出学习笔记: `journal.export` makes this year's .xlsx; weapp downloads and opens it in
 * WeChat's document viewer, H5 lets the browser download it.
 */
import Taro from '@tarojs/taro'
import { call, CallError } from '../../services/cloud'

const NAME = '我的学习笔记.xlsx'

async function openInWeapp(url: string): Promise<void> {
  let filePath: string
  try {
    const res = await Taro.downloadFile({ url })
    if (res.statusCode !== 200) throw new CallError('DOWNLOAD_FAILED', `下载失败（${res.statusCode}），请重试`)
    filePath = res.tempFilePath
  } catch (e) {
    if (e instanceof CallError) throw e
    throw new CallError('DOWNLOAD_FAILED', '下载失败，请检查网络后重试')
  }
  try {
    await Taro.openDocument({ filePath, fileType: 'xlsx', showMenu: true })
  } catch {
    throw new CallError('OPEN_FAILED', '无法打开表格，请稍后重试')
  }
}

function downloadInBrowser(url: string): void {
  const a = document.createElement('a')
  a.href = url
  a.download = NAME
  a.target = '_blank'
  a.rel = 'noopener noreferrer'
  a.style.display = 'none'
  document.body.appendChild(a)
  a.click()
  a.remove()
}

/** Exports the year's notes and opens (weapp) or downloads (H5) them; answers how many. Throws CallError. */
export async function exportJournal(): Promise<{ notes: number; url: string }> {
  const out = await call('journal', 'export', {})
  if (process.env.TARO_ENV === 'weapp') await openInWeapp(out.url)
  else downloadInBrowser(out.url)
  return { notes: out.notes, url: out.url }
}
