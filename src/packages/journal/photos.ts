/**
 * Photos of a note: picked from the album or camera, uploaded with `journal.uploadTicket`
 * (weapp: wx.cloud.uploadFile to the ticket's cloud path; H5: a PUT to its signed URL).
 * Uploading needs the network; the note itself does not.
 */
import Taro from '@tarojs/taro'
import { JOURNAL_LIMITS } from '../../../types/journalLimits'
import { call, CallError, initCloud } from '../../services/cloud'
import { contentTypeOf, formatBytes } from '../../services/upload'

const TYPES = ['image/jpeg', 'image/png', 'image/webp']

interface Picked { name: string; bytes: number; contentType: string; path?: string; blob?: Blob }

/** Why a picked photo cannot go with a note (Chinese), or null. */
export function photoProblem(p: Pick<Picked, 'bytes' | 'contentType'>): string | null {
  if (!TYPES.includes(p.contentType)) return '图片应为 JPG、PNG 或 WebP 格式'
  if (!(p.bytes > 0)) return '图片是空的，请重新选择'
  if (p.bytes > JOURNAL_LIMITS.photoBytes) return `图片不能超过 ${formatBytes(JOURNAL_LIMITS.photoBytes)}`
  return null
}

async function pick(count: number): Promise<Picked[]> {
  if (process.env.TARO_ENV === 'weapp') {
    try {
      const res = await Taro.chooseMedia({ count, mediaType: ['image'], sizeType: ['compressed'] })
      return res.tempFiles.map((f) => ({ name: f.tempFilePath.split(/[\\/]/).pop() || 'photo.jpg', bytes: f.size, contentType: contentTypeOf(f.tempFilePath), path: f.tempFilePath }))
    } catch (e) {
      if (/cancel/i.test((e as { errMsg?: string }).errMsg ?? '')) return []
      throw new CallError('PICK_FAILED', '无法读取所选图片，请重试')
    }
  }
  return new Promise((resolve) => {
    const input = document.createElement('input')
    input.type = 'file'
    input.accept = TYPES.join(',')
    input.multiple = count > 1
    input.style.display = 'none'
    input.addEventListener('change', () => {
      const files = Array.from(input.files ?? []).slice(0, count)
      input.remove()
      resolve(files.map((f) => ({ name: f.name, bytes: f.size, contentType: contentTypeOf(f.name, f.type), blob: f })))
    })
    document.body.appendChild(input)
    input.click()
  })
}

async function uploadOne(p: Picked): Promise<string> {
  const problem = photoProblem(p)
  if (problem) throw new CallError('INVALID_ARGUMENT', problem)
  const ticket = await call('journal', 'uploadTicket', { name: p.name.slice(-100) || 'photo.jpg', contentType: p.contentType, bytes: p.bytes })
  if (process.env.TARO_ENV === 'weapp') {
    initCloud()
    try {
      const res = await Taro.cloud.uploadFile({ cloudPath: ticket.cloudPath, filePath: p.path ?? '' })
      return res.fileID || ticket.fileID
    } catch {
      throw new CallError('UPLOAD_FAILED', '图片上传失败，请检查网络后重试')
    }
  }
  let ok = false
  try {
    const headers: Record<string, string> = { 'content-type': p.contentType, ...ticket.uploadHeaders }
    ok = (await fetch(ticket.uploadUrl, { method: 'PUT', headers, body: p.blob })).ok
  } catch {
    ok = false
  }
  if (!ok) throw new CallError('UPLOAD_FAILED', '图片上传失败，请检查网络后重试')
  return ticket.fileID
}

/** Lets the writer pick up to `room` photos and uploads them; answers their file ids. */
export async function addPhotos(room: number): Promise<string[]> {
  if (room <= 0) throw new CallError('INVALID_ARGUMENT', `最多${JOURNAL_LIMITS.photos}张图片`)
  const picked = await pick(room)
  const ids: string[] = []
  for (const p of picked) ids.push(await uploadOne(p))
  return ids
}

/** Whether the device is online now (photos need it; the note itself does not). */
export async function online(): Promise<boolean> {
  if (process.env.TARO_ENV !== 'weapp') return typeof navigator === 'undefined' || navigator.onLine !== false
  try {
    return (await Taro.getNetworkType()).networkType !== 'none'
  } catch {
    return true
  }
}
