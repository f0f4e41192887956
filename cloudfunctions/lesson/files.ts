/** Where a lesson's files go in cloud storage (read through temporary URLs: common/storage.ts). */
import { LESSON_FILES, LessonFileKind } from '../../types/actions/lesson'
import { invalid } from '../common/errors'
import { newUploadPath } from '../common/storage'

/** The name ending each accepted content type gets (the storage serves files by it). */
const EXTENSIONS: Record<string, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
  'audio/mpeg': 'mp3',
  'audio/mp4': 'm4a',
  'audio/x-m4a': 'm4a',
  'audio/aac': 'aac',
  'video/mp4': 'mp4'
}

/**
 * Where a new upload of `kind` goes: `lessons/<yyyymm>/<24 random characters>.<ext>`,
 * after checking its type and size against LESSON_FILES.
 */
export function uploadPath(kind: LessonFileKind, contentType: string, bytes: number, now: Date): string {
  const rule = LESSON_FILES[kind]
  const type = contentType.toLowerCase()
  if (!(rule.types as readonly string[]).includes(type)) {
    throw invalid(`不支持的文件类型：${contentType}（可上传 ${rule.types.map((t) => EXTENSIONS[t]).filter((x, i, xs) => xs.indexOf(x) === i).join('、')}）`)
  }
  if (bytes > rule.maxBytes) throw invalid(`文件过大：最大 ${Math.round(rule.maxBytes / 1024 / 1024)} MB`)
  return newUploadPath('lessons', EXTENSIONS[type], now)
}

