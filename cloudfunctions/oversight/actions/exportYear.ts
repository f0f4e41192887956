import { randomBytes } from 'node:crypto'
import ExcelJS from 'exceljs'
import { oversightActions } from '../../../types/actions/oversight'
import { cloud } from '../../common/app'
import { defineAction } from '../../common/dispatcher'
import { temporaryUrls } from '../../common/storage'
import { addGroupSheets, addPersonSheet } from '../archiveSheets'

/**
 * The year's records as an .xlsx for the branch's archive: per group (a summary, then
 * meetings and check-ins by month) or per person (group(s), political status, volunteer
 * hours, lessons read, notes, talks — for the organisational-relation handoff). Each
 * figure is one aggregation over the year (a request per thousand rows), then the upload.
 */
export const exportYear = defineAction({
  contract: oversightActions.exportYear,
  handler: async (input, ctx) => {
    const wb = new ExcelJS.Workbook()
    const rows = input.by === 'group' ? await addGroupSheets(wb, input.year) : await addPersonSheet(wb, input.year)
    const buffer = Buffer.from(await wb.xlsx.writeBuffer())
    const stamp = ctx.now.toISOString().replace(/[-:]/g, '').slice(0, 15)
    const cloudPath = `exports/archive-${input.year}-${input.by}-${stamp}-${randomBytes(6).toString('hex')}.xlsx`
    const { fileID } = await cloud().uploadFile({ cloudPath, fileContent: buffer })
    const url = (await temporaryUrls([fileID])).get(fileID)
    if (!url) throw new Error(`export ${fileID}: no download URL`)
    return { fileID, url, rows }
  }
})
