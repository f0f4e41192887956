import { rosterActions } from '../../../types/actions/roster'
import { ROSTER_FILES } from '../../../types/roster'
import { defineAction } from '../../common/dispatcher'
import { invalid } from '../../common/errors'
import { newUploadPath, uploadTicket as ticketFor } from '../../common/storage'

/** The file's extension when the import can read it (xlsx or csv); anything else refused in Chinese. */
export function rosterExtension(name: string, bytes: number): string {
  const ext = /\.([a-z0-9]+)$/i.exec(name)?.[1]?.toLowerCase() ?? ''
  if (!(ROSTER_FILES.extensions as readonly string[]).includes(ext)) throw invalid('名单文件应为 .xlsx 或 .csv 格式（旧版 .xls 请在 Excel 中另存为 .xlsx）')
  if (bytes > ROSTER_FILES.maxBytes) throw invalid(`名单文件不能超过 ${ROSTER_FILES.maxBytes / 1024 / 1024}MB`)
  return ext
}

/**
 * Where the branch uploads a roster file: a new place under `rosters/` keeping the file's
 * extension (the import reads by it) and storage's signed upload URL. The caller load is
 * the only database request.
 */
export const uploadTicket = defineAction({
  contract: rosterActions.uploadTicket,
  handler: async (input, ctx) => ticketFor(newUploadPath('rosters', rosterExtension(input.name, input.bytes), ctx.now))
})
