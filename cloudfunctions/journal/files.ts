/**
 * A note's photos in cloud storage: where uploads go, and the temporary URLs through which
 * its readers load them. Photos are never public; URLs are issued per call to those the
 * action lets read the note.
 */
import { randomUUID } from 'node:crypto'
import { JOURNAL_LIMITS } from '../../types/actions/journal'
import { cloud } from '../common/app'
import { invalid } from '../common/errors'

const EXTENSIONS: Record<string, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp' }

/** How long an issued URL works. */
const URL_SECONDS = 2 * 60 * 60
/** CloudBase issues at most 50 URLs per request. */
const URLS_PER_REQUEST = 50

/** Where a new photo goes: `journal/<yyyymm>/<24 random characters>.<jpg|png|webp>`, its type and size checked. */
export function photoPath(contentType: string, bytes: number, now: Date): string {
  const ext = EXTENSIONS[contentType.toLowerCase()]
  if (!ext) throw invalid(`不支持的图片类型：${contentType}（可上传 jpg、png、webp）`)
  if (bytes > JOURNAL_LIMITS.photoBytes) throw invalid(`图片过大：最大 ${JOURNAL_LIMITS.photoBytes / 1024 / 1024} MB`)
  const month = `${now.getUTCFullYear()}${String(now.getUTCMonth() + 1).padStart(2, '0')}`
  return `journal/${month}/${randomUUID().replace(/-/g, '').slice(0, 24)}.${ext}`
}

/** Temporary URLs of stored files by fileID; a file that does not exist has none. Storage requests only. */
export async function temporaryUrls(fileIDs: (string | null | undefined)[]): Promise<Map<string, string>> {
  const unique = [...new Set(fileIDs.filter((f): f is string => !!f))]
  const urls = new Map<string, string>()
  for (let i = 0; i < unique.length; i += URLS_PER_REQUEST) {
    const { fileList } = await cloud().getTempFileURL({ fileList: unique.slice(i, i + URLS_PER_REQUEST).map((fileID) => ({ fileID, maxAge: URL_SECONDS })) })
    for (const f of fileList ?? []) if (f.tempFileURL && String(f.code) === 'SUCCESS') urls.set(f.fileID, f.tempFileURL)
  }
  return urls
}

/** Removes the photos of a removed note; a file already gone is not an error. */
export async function deletePhotos(fileIDs: string[]): Promise<void> {
  if (fileIDs.length) await cloud().deleteFile({ fileList: fileIDs }).catch(() => undefined)
}
