/**
 * Photos that go with a record (a note, a volunteer record, a check-in): picked from the
 * album or camera, compressed on the device, checked against the domain's limits and
 * uploaded to the path a domain's `uploadTicket` action gives (weapp: wx.cloud.uploadFile
 * to the ticket's cloud path; H5: a PUT to its signed URL). Uploading needs the network;
 * the record itself does not.
 */
import Taro from '@tarojs/taro'
import { CallError, initCloud } from './cloud'
import { contentTypeOf, formatBytes } from './upload'

const TYPES = ['image/jpeg', 'image/png', 'image/webp']

/** A photo on the H5 side is re-encoded when bigger than this, or wider/taller than MAX_EDGE. */
const COMPRESS_ABOVE = 1024 * 1024
const MAX_EDGE = 1920
const JPEG_QUALITY = 0.82

/** A domain's photo limits. */
export interface PhotoLimits { photos: number; photoBytes: number }

/** What the domain's `uploadTicket` is asked with and answers. */
export interface TicketRequest { name: string; contentType: string; bytes: number }
export interface UploadTicket { fileID: string; cloudPath: string; uploadUrl: string; uploadHeaders: Record<string, string> }

/** How a domain uploads its photos: its limits and its ticket call. */
export interface PhotoTarget {
  limits: PhotoLimits
  ticket: (request: TicketRequest) => Promise<UploadTicket>
}

interface Picked { name: string; bytes: number; contentType: string; path?: string; blob?: Blob }

/** Why a picked photo cannot go with the record (Chinese), or null. */
export function photoProblem(p: Pick<Picked, 'bytes' | 'contentType'>, limits: PhotoLimits): string | null {
  if (!TYPES.includes(p.contentType)) return '图片应为 JPG、PNG 或 WebP 格式'
  if (!(p.bytes > 0)) return '图片是空的，请重新选择'
  if (p.bytes > limits.photoBytes) return `图片不能超过 ${formatBytes(limits.photoBytes)}`
  return null
}

async function pickInWeapp(count: number): Promise<Picked[]> {
  try {
    // 'compressed': WeChat compresses the photo on the device before handing it over.
    const res = await Taro.chooseMedia({ count, mediaType: ['image'], sizeType: ['compressed'] })
    return res.tempFiles.map((f) => ({ name: f.tempFilePath.split(/[\\/]/).pop() || 'photo.jpg', bytes: f.size, contentType: contentTypeOf(f.tempFilePath), path: f.tempFilePath }))
  } catch (e) {
    if (/cancel/i.test((e as { errMsg?: string }).errMsg ?? '')) return []
    throw new CallError('PICK_FAILED', '无法读取所选图片，请重试')
  }
}

function pickInBrowser(count: number): Promise<Picked[]> {
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

/**
 * A large browser photo re-encoded as JPEG at most MAX_EDGE on its long side; the original
 * when it is small already, when the browser cannot draw it, or when re-encoding gains nothing.
 */
async function compressInBrowser(p: Picked): Promise<Picked> {
  if (!p.blob || p.bytes <= COMPRESS_ABOVE || typeof createImageBitmap !== 'function' || typeof document === 'undefined') return p
  try {
    const bitmap = await createImageBitmap(p.blob)
    const scale = Math.min(1, MAX_EDGE / Math.max(bitmap.width, bitmap.height))
    const canvas = document.createElement('canvas')
    canvas.width = Math.round(bitmap.width * scale)
    canvas.height = Math.round(bitmap.height * scale)
    const ctx = canvas.getContext('2d')
    if (!ctx) return p
    // JPEG has no transparency: a white ground rather than black.
    ctx.fillStyle = '#fff'
    ctx.fillRect(0, 0, canvas.width, canvas.height)
    ctx.drawImage(bitmap, 0, 0, canvas.width, canvas.height)
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', JPEG_QUALITY))
    if (!blob || blob.size >= p.bytes) return p
    return { name: p.name.replace(/\.[^.]*$/, '') + '.jpg', bytes: blob.size, contentType: 'image/jpeg', blob }
  } catch {
    return p
  }
}

async function uploadOne(p: Picked, target: PhotoTarget): Promise<string> {
  const problem = photoProblem(p, target.limits)
  if (problem) throw new CallError('INVALID_ARGUMENT', problem)
  const ticket = await target.ticket({ name: p.name.slice(-100) || 'photo.jpg', contentType: p.contentType, bytes: p.bytes })
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

/** Lets the writer pick up to `room` photos, compresses and uploads them; answers their file ids. Throws CallError. */
export async function addPhotos(room: number, target: PhotoTarget): Promise<string[]> {
  if (room <= 0) throw new CallError('INVALID_ARGUMENT', `最多${target.limits.photos}张图片`)
  const picked = process.env.TARO_ENV === 'weapp' ? await pickInWeapp(room) : await Promise.all((await pickInBrowser(room)).map(compressInBrowser))
  const ids: string[] = []
  for (const p of picked) ids.push(await uploadOne(p, target))
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
