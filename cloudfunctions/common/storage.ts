/**
 * Files users upload (a lesson's cover and media, a note's photos): a new place for each
 * upload under its domain's folder, the signed upload ticket for it, the temporary URLs
 * through which readers load stored files, and their removal. Files are never public: a
 * URL is issued per call to those the action lets see the file.
 */
import { randomUUID } from 'node:crypto'
import { cloud } from './app'
import { invalid } from './errors'

/** How long an issued URL works: long enough to read a page and play its media. */
const URL_SECONDS = 2 * 60 * 60
/** CloudBase issues at most 50 URLs per request. */
const URLS_PER_REQUEST = 50

/** A new upload's place: `<folder>/<yyyymm>/<24 random characters>.<ext>`. */
export function newUploadPath(folder: string, ext: string, now: Date): string {
  const month = `${now.getUTCFullYear()}${String(now.getUTCMonth() + 1).padStart(2, '0')}`
  return `${folder}/${month}/${randomUUID().replace(/-/g, '').slice(0, 24)}.${ext}`
}

const PHOTO_EXTENSIONS: Record<string, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp' }

/** A new photo's place under `folder` (jpg, png or webp, at most `maxBytes`); anything else refused in Chinese. */
export function newPhotoPath(folder: string, maxBytes: number, contentType: string, bytes: number, now: Date): string {
  const ext = PHOTO_EXTENSIONS[contentType.toLowerCase()]
  if (!ext) throw invalid(`不支持的图片类型：${contentType}（可上传 jpg、png、webp）`)
  if (bytes > maxBytes) throw invalid(`图片过大：最大 ${maxBytes / 1024 / 1024} MB`)
  return newUploadPath(folder, ext, now)
}

/** What a device needs to upload one file to `cloudPath`. */
export interface UploadTicket {
  fileID: string
  cloudPath: string
  /** H5: PUT the bytes here with `uploadHeaders`; weapp: `wx.cloud.uploadFile({ cloudPath })` gives the same fileID */
  uploadUrl: string
  uploadHeaders: Record<string, string>
}

/** Storage's signed upload URL for `cloudPath`, with the headers the SDK's own uploadFile sends with the PUT. Storage requests only. */
export async function uploadTicket(cloudPath: string): Promise<UploadTicket> {
  const { data } = await cloud().getUploadMetadata({ cloudPath })
  return {
    fileID: data.fileId,
    cloudPath,
    uploadUrl: data.url,
    // COS's signature and the file's id, as the SDK sends them.
    uploadHeaders: {
      Signature: data.authorization,
      'x-cos-security-token': data.token,
      'x-cos-meta-fileid': data.cosFileId,
      authorization: data.authorization,
      key: encodeURIComponent(cloudPath)
    }
  }
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

/** Removes stored files; a file already gone is not an error. */
export async function deleteFiles(fileIDs: (string | null | undefined)[]): Promise<void> {
  const list = fileIDs.filter((f): f is string => !!f)
  if (list.length) await cloud().deleteFile({ fileList: list }).catch(() => undefined)
}
