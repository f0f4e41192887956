/**
 * Opening an exported .xlsx: on weapp it is downloaded and opened in WeChat's document
 * viewer; on H5 the browser downloads it from the temporary URL under `name`.
 */
import Taro from '@tarojs/taro'
import { CallError } from './cloud'

/** Downloads and opens the file (weapp). */
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

/** Starts the browser's download of the file (H5). */
function downloadInBrowser(url: string, name: string): void {
  const a = document.createElement('a')
  a.href = url
  a.download = name
  a.target = '_blank'
  a.rel = 'noopener noreferrer'
  a.style.display = 'none'
  document.body.appendChild(a)
  a.click()
  a.remove()
}

/** Opens (weapp) or downloads (H5) an exported spreadsheet; throws a CallError with a Chinese message. */
export async function openSpreadsheet(url: string, name: string): Promise<void> {
  if (process.env.TARO_ENV === 'weapp') await openInWeapp(url)
  else downloadInBrowser(url, name)
}
