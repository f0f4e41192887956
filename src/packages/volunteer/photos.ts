/**
 * Photos of a volunteer record: picked from the album or camera and uploaded with
 * `volunteer.uploadTicket` (weapp: wx.cloud.uploadFile to the ticket's path; H5: a PUT to
 * its signed URL). Uploading needs the network; the record itself does not.
 */
import Taro from '@tarojs/taro'
import { VOLUNTEER_LIMITS } from '../../../types/actions/volunteer'
import { call, CallError, initCloud } from '../../services/cloud'
import { contentTypeOf, formatBytes } from '../../services/upload'

const TYPES = ['image/jpeg', 'image/png', 'image/webp']

interface Picked { name: string; bytes: number; contentType: string; path?: string; blob?: Blob }

function problemOf(p: Picked): string | null {
  if (!TYPES.includes(p.contentType)) return '图片应为 JPG、PNG 或 WebP 格式'
  if (!(p.bytes > 0)) return '图片是空的，请重新选择'
  if (p.bytes > VOLUNTEER_LIMITS.photoBytes) return `图片不能超过 ${formatBytes(VOLUNTEER_LIMITS.photoBytes)}`
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
  const problem = problemOf(p)
  if (problem) throw new CallError('INVALID_ARGUMENT', problem)
  const ticket = await call('volunteer', 'uploadTicket', { name: p.name.slice(-100) || 'photo.jpg', contentType: p.contentType, bytes: p.bytes })
  if (process.env.TARO_ENV === 'weapp') {
    initCloud()
    try {
      return (await Taro.cloud.uploadFile({ cloudPath: ticket.cloudPath, filePath: p.path ?? '' })).fileID || ticket.fileID
    } catch {
      throw new CallError('UPLOAD_FAILED', '图片上传失败，请检查网络后重试')
    }
  }
  let ok = false
  try {
    ok = (await fetch(ticket.uploadUrl, { method: 'PUT', headers: { 'content-type': p.contentType, ...ticket.uploadHeaders }, body: p.blob })).ok
  } catch {
    ok = false
  }
  if (!ok) throw new CallError('UPLOAD_FAILED', '图片上传失败，请检查网络后重试')
  return ticket.fileID
}

/** Lets the intern pick up to `room` photos and uploads them; answers their file ids. */
export async function addPhotos(room: number): Promise<string[]> {
  if (room <= 0) throw new CallError('INVALID_ARGUMENT', `最多${VOLUNTEER_LIMITS.photos}张图片`)
  const ids: string[] = []
  for (const p of await pick(room)) ids.push(await uploadOne(p))
  return ids
}

/** Whether the device is online now (photos need it; the record itself does not). */
export async function online(): Promise<boolean> {
  if (process.env.TARO_ENV !== 'weapp') return typeof navigator === 'undefined' || navigator.onLine !== false
  try {
    return (await Taro.getNetworkType()).networkType !== 'none'
  } catch {
    return true
  }
}
