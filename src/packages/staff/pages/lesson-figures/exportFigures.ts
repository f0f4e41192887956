/**
 * Opening an exported .xlsx: on weapp it is downloaded and opened with WeChat's document
 * viewer; on H5 the page shows a link to the temporary URL.
 */
import Taro from '@tarojs/taro'
import { CallError } from '../../../../services/cloud'

/** Downloads and opens the file (weapp). */
export async function openSpreadsheet(url: string): Promise<void> {
  const res = await Taro.downloadFile({ url })
  if (res.statusCode !== 200) throw new CallError('DOWNLOAD_FAILED', `下载失败（${res.statusCode}），请重试`)
  await Taro.openDocument({ filePath: res.tempFilePath, fileType: 'xlsx', showMenu: true })
}
