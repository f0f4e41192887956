/**
 * A lesson's files in cloud storage: where uploads go, and the temporary URLs through which
 * readers (and composers) load them. Files are never public; a URL is issued per call to
 * those the action lets see the lesson.
 */
import { randomUUID } from 'node:crypto'
import { LESSON_FILES, LessonFileKind } from '../../types/actions/lesson'
import { cloud } from '../common/app'
import { invalid } from '../common/errors'

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

/** How long an issued URL works: long enough to read a lesson and play its media. */
const URL_SECONDS = 2 * 60 * 60
/** CloudBase issues at most 50 URLs per request. */
const URLS_PER_REQUEST = 50

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
  const month = `${now.getUTCFullYear()}${String(now.getUTCMonth() + 1).padStart(2, '0')}`
  return `lessons/${month}/${randomUUID().replace(/-/g, '').slice(0, 24)}.${EXTENSIONS[type]}`
}

/**
 * Temporary URLs of stored files, by fileID; a file that does not exist (or no longer
 * does) has none. Storage requests only (one per 50 files), never the database.
 */
export async function temporaryUrls(fileIDs: (string | null | undefined)[]): Promise<Map<string, string>> {
  const unique = [...new Set(fileIDs.filter((f): f is string => !!f))]
  const urls = new Map<string, string>()
  for (let i = 0; i < unique.length; i += URLS_PER_REQUEST) {
    const { fileList } = await cloud().getTempFileURL({ fileList: unique.slice(i, i + URLS_PER_REQUEST).map((fileID) => ({ fileID, maxAge: URL_SECONDS })) })
    for (const f of fileList ?? []) if (f.tempFileURL && String(f.code) === 'SUCCESS') urls.set(f.fileID, f.tempFileURL)
  }
  return urls
}

/** Removes files a discarded lesson held; a file already gone is not an error. */
export async function deleteFiles(fileIDs: (string | null | undefined)[]): Promise<void> {
  const list = fileIDs.filter((f): f is string => !!f)
  if (list.length) await cloud().deleteFile({ fileList: list }).catch(() => undefined)
}
