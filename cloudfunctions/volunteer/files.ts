/** Where a volunteer record's photos go in cloud storage (read through temporary URLs: common/storage.ts). */
import { VOLUNTEER_LIMITS } from '../../types/actions/volunteer'
import { invalid } from '../common/errors'
import { newUploadPath } from '../common/storage'

const EXTENSIONS: Record<string, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp' }

/** Where a new photo goes: `volunteer/<yyyymm>/<24 random characters>.<jpg|png|webp>`, its type and size checked. */
export function photoPath(contentType: string, bytes: number, now: Date): string {
  const ext = EXTENSIONS[contentType.toLowerCase()]
  if (!ext) throw invalid(`不支持的图片类型：${contentType}（可上传 jpg、png、webp）`)
  if (bytes > VOLUNTEER_LIMITS.photoBytes) throw invalid(`图片过大：最大 ${VOLUNTEER_LIMITS.photoBytes / 1024 / 1024} MB`)
  return newUploadPath('volunteer', ext, now)
}
