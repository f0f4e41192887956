/**
 * Uploading a lesson's files (cover, audio, video), the one two-way seam for files:
 * `lesson.uploadTicket` names the file's place in cloud storage, then
 *  - weapp: `Taro.cloud.uploadFile` to that cloud path, progress from its task;
 *  - h5: a PUT of the bytes to the ticket's signed `uploadUrl` by XMLHttpRequest, progress
 *    from its upload events.
 * Files are checked against the contract's types and sizes (`LESSON_FILES`) before
 * anything is sent; the function checks them again.
 */
import Taro from '@tarojs/taro'
import type { ActionOutput } from '../../types/contract'
import { LESSON_FILES, type LessonFileKind } from '../../types/lessonLimits'
import { call, CallError, initCloud } from './cloud'

/** A file the composer picked: its bytes on H5 (`blob`), its temporary path on weapp (`path`). */
export interface PickedFile {
  name: string
  bytes: number
  contentType: string
  blob?: Blob
  path?: string
}

/** What a lesson keeps of an uploaded file. */
export interface UploadedFile {
  fileID: string
  name: string
  bytes: number
}

type Ticket = ActionOutput<'lesson', 'uploadTicket'>

/** Upload progress, 0 to 1, never going back, 1 once the file is stored. */
export type ProgressListener = (fraction: number) => void

/** How a file's bytes reach storage: `cloud` (wx.cloud, weapp) or `signedUrl` (a PUT, H5). */
export type UploadTransport = 'cloud' | 'signedUrl'

export const transportFor = (env: string | undefined): UploadTransport => (env === 'weapp' ? 'cloud' : 'signedUrl')

const KIND_LABELS: Record<LessonFileKind, string> = { cover: '封面图片', audio: '音频', video: '视频' }
const FORMAT_LABELS: Record<LessonFileKind, string> = { cover: 'JPG、PNG 或 WebP', audio: 'MP3、M4A 或 AAC', video: 'MP4' }

const EXTENSION_TYPES: Record<string, string> = {
  jpg: 'image/jpeg', jpeg: 'image/jpeg', png: 'image/png', webp: 'image/webp',
  mp3: 'audio/mpeg', m4a: 'audio/x-m4a', aac: 'audio/aac', mp4: 'video/mp4'
}

/** The file types a kind takes, as extensions (for pickers). */
export const extensionsFor = (kind: LessonFileKind): string[] =>
  Object.keys(EXTENSION_TYPES).filter((ext) => (LESSON_FILES[kind].types as readonly string[]).includes(EXTENSION_TYPES[ext]))

/** A content type from a file name, when the platform gives none. */
export function contentTypeOf(name: string, given?: string): string {
  const ext = /\.([a-z0-9]+)$/i.exec(name)?.[1]?.toLowerCase() ?? ''
  // Browsers name .m4a `audio/mp4` or `audio/x-m4a`, both accepted; an empty type means "unknown".
  return given || EXTENSION_TYPES[ext] || 'application/octet-stream'
}

/** "2.0 MB", "350 KB" */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`
  return `${Math.max(1, Math.round(bytes / 1024))} KB`
}

/** Why a picked file cannot be this kind of lesson file (Chinese), or null when it can. */
export function fileProblem(kind: LessonFileKind, file: Pick<PickedFile, 'bytes' | 'contentType'>): string | null {
  const rule = LESSON_FILES[kind]
  if (!(rule.types as readonly string[]).includes(file.contentType)) return `${KIND_LABELS[kind]}应为 ${FORMAT_LABELS[kind]} 格式`
  if (!(file.bytes > 0)) return '文件是空的，请重新选择'
  if (file.bytes > rule.maxBytes) return `${KIND_LABELS[kind]}不能超过 ${formatBytes(rule.maxBytes)}（所选文件 ${formatBytes(file.bytes)}）`
  return null
}

// ---- transports ---------------------------------------------------------------------

/** What an upload needs from its platform; tests pass their own. */
export interface UploadDeps {
  env: string | undefined
  ticket: (input: { kind: LessonFileKind; name: string; contentType: string; bytes: number }) => Promise<Ticket>
  xhr: () => XMLHttpRequest
  cloudUpload: CloudUpload
}

/** `wx.cloud.uploadFile` called with callbacks, which makes it answer its task. */
type CloudUpload = (param: {
  cloudPath: string
  filePath: string
  success: (res: { fileID: string }) => void
  fail: (err: { errMsg?: string }) => void
}) => { onProgressUpdate?: (listener: (res: { progress: number }) => void) => void } | undefined

const defaultDeps = (): UploadDeps => ({
  env: process.env.TARO_ENV,
  ticket: (input) => call('lesson', 'uploadTicket', input),
  xhr: () => new XMLHttpRequest(),
  cloudUpload: (param) => {
    initCloud()
    return Taro.cloud.uploadFile(param)
  }
})

/** The most a transfer's own progress may show: 100% is kept for a stored file. */
const SENT_CAP = 0.99

/** Headers a browser sets itself (setting them is refused). */
const UNSETTABLE_HEADERS = new Set(['content-length', 'host', 'connection', 'origin', 'referer'])

const uploadFailed = (detail: string) => new CallError('UPLOAD_FAILED', `上传失败：${detail}，请重试`)

function putToSignedUrl(deps: Pick<UploadDeps, 'xhr'>, ticket: Ticket, file: PickedFile, progress: ProgressListener): Promise<void> {
  if (!ticket.uploadUrl) return Promise.reject(uploadFailed('当前环境没有上传地址'))
  if (!file.blob) return Promise.reject(uploadFailed('没有读到文件内容'))
  const url = ticket.uploadUrl
  const blob = file.blob
  return new Promise((resolve, reject) => {
    const xhr = deps.xhr()
    xhr.open('PUT', url)
    // The ticket's headers carry the storage's signature; its content type, when it names one, wins.
    const headers: Record<string, string> = { 'content-type': file.contentType }
    for (const [name, value] of Object.entries(ticket.uploadHeaders ?? {})) {
      const lower = name.toLowerCase()
      if (lower === 'content-type') delete headers['content-type']
      if (!UNSETTABLE_HEADERS.has(lower)) headers[name] = value
    }
    for (const [name, value] of Object.entries(headers)) xhr.setRequestHeader(name, value)
    xhr.upload.onprogress = (e: ProgressEvent) => {
      if (e.lengthComputable && e.total > 0) progress(e.loaded / e.total)
    }
    xhr.onload = () => (xhr.status >= 200 && xhr.status < 300 ? resolve() : reject(uploadFailed(`存储服务返回 ${xhr.status}`)))
    xhr.onerror = () => reject(uploadFailed('网络中断'))
    xhr.onabort = () => reject(uploadFailed('已取消'))
    xhr.send(blob)
  })
}

function uploadToCloud(deps: Pick<UploadDeps, 'cloudUpload'>, ticket: Ticket, file: PickedFile, progress: ProgressListener): Promise<string> {
  if (!file.path) return Promise.reject(uploadFailed('没有读到文件'))
  const filePath = file.path
  return new Promise((resolve, reject) => {
    // With callbacks wx.cloud.uploadFile answers its task, whose progress we follow.
    const task = deps.cloudUpload({
      cloudPath: ticket.cloudPath,
      filePath,
      success: (res) => resolve(res.fileID || ticket.fileID),
      fail: (err) => reject(uploadFailed(err.errMsg ?? '未知原因'))
    })
    task?.onProgressUpdate?.((res) => progress(res.progress / 100))
  })
}

/**
 * Uploads a picked file as a lesson's `kind` of file, reporting progress; resolves with
 * what the lesson keeps. Throws a CallError with a Chinese message (a refused file, the
 * function's refusal, a failed transfer).
 */
export async function uploadLessonFile(kind: LessonFileKind, file: PickedFile, onProgress: ProgressListener = () => undefined, deps: UploadDeps = defaultDeps()): Promise<UploadedFile> {
  const problem = fileProblem(kind, file)
  if (problem) throw new CallError('INVALID_ARGUMENT', problem)
  let shown = 0
  // All bytes sent is not yet stored (the storage may still refuse them): 1 waits for its answer.
  const report = (f: number, cap: number) => {
    const next = Math.min(cap, Math.max(shown, Number.isFinite(f) ? f : 0))
    if (next > shown) onProgress((shown = next))
  }
  const progress: ProgressListener = (f) => report(f, SENT_CAP)
  const name = file.name.trim().slice(-100) || `${kind}`
  const ticket = await deps.ticket({ kind, name, contentType: file.contentType, bytes: file.bytes })
  const fileID = await sendToTicket(ticket, file, progress, deps)
  report(1, 1)
  return { fileID, name, bytes: file.bytes }
}

/**
 * Sends a picked file's bytes where an upload ticket (any domain's `uploadTicket`) says, by
 * the platform's transport; resolves with the stored file's fileID. Throws a CallError.
 */
export async function sendToTicket(ticket: Ticket, file: PickedFile, progress: ProgressListener, deps: Pick<UploadDeps, 'env' | 'xhr' | 'cloudUpload'> = defaultDeps()): Promise<string> {
  if (transportFor(deps.env) === 'cloud') return uploadToCloud(deps, ticket, file, progress)
  await putToSignedUrl(deps, ticket, file, progress)
  return ticket.fileID
}

// ---- picking ------------------------------------------------------------------------

/** Opens the browser's file chooser (H5); null when the composer closes it. */
function pickInBrowser(kind: LessonFileKind): Promise<PickedFile | null> {
  return new Promise((resolve) => {
    const input = document.createElement('input')
    input.type = 'file'
    input.accept = [...LESSON_FILES[kind].types, ...extensionsFor(kind).map((e) => `.${e}`)].join(',')
    input.style.display = 'none'
    const done = (picked: PickedFile | null) => {
      input.remove()
      resolve(picked)
    }
    input.addEventListener('change', () => {
      const f = input.files?.[0]
      done(f ? { name: f.name, bytes: f.size, contentType: contentTypeOf(f.name, f.type), blob: f } : null)
    })
    input.addEventListener('cancel', () => done(null))
    document.body.appendChild(input)
    input.click()
  })
}

const nameOfPath = (p: string): string => p.split(/[\\/]/).pop() || p

/** WeChat's pickers: the album or camera for pictures and videos, a chat's files for audio. */
async function pickInWeapp(kind: LessonFileKind): Promise<PickedFile | null> {
  try {
    if (kind === 'audio') {
      const res = await Taro.chooseMessageFile({ count: 1, type: 'file', extension: extensionsFor('audio') })
      const f = res.tempFiles[0]
      return f ? { name: f.name, bytes: f.size, contentType: contentTypeOf(f.name), path: f.path } : null
    }
    const res = await Taro.chooseMedia({ count: 1, mediaType: [kind === 'cover' ? 'image' : 'video'], sizeType: ['compressed'] })
    const f = res.tempFiles[0]
    return f ? { name: nameOfPath(f.tempFilePath), bytes: f.size, contentType: contentTypeOf(f.tempFilePath), path: f.tempFilePath } : null
  } catch (e) {
    // Closing the picker is not an error.
    if (/cancel/i.test((e as { errMsg?: string }).errMsg ?? '')) return null
    throw new CallError('PICK_FAILED', '无法读取所选文件，请重试')
  }
}

/** Lets the composer choose a file of `kind`; null when they change their mind. */
export const pickLessonFile = (kind: LessonFileKind): Promise<PickedFile | null> =>
  process.env.TARO_ENV === 'weapp' ? pickInWeapp(kind) : pickInBrowser(kind)
