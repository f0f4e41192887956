import { randomBytes } from 'node:crypto'
import ExcelJS from 'exceljs'
import { activityActions } from '../../../types/actions/activity'
import { cloud } from '../../common/app'
import { defineAction } from '../../common/dispatcher'
import { temporaryUrls } from '../../common/storage'
import { compileMonth } from '../ledger/compile'
import { yearMonths } from '../ledger/months'
import { addMonthSheet } from '../ledger/sheet'
import { groupWithTalks, readSources, sourcesOfMonth } from '../ledger/sources'

/**
 * The group's ledger of an internship year (its own year unless named) as an .xlsx file in
 * cloud storage, one sheet per month (July to June), with a temporary URL to download it.
 * The year's sources are read once and split by month: the same requests as one month's
 * ledger, then the upload.
 */
export const exportLedger = defineAction({
  contract: activityActions.exportLedger,
  group: (input) => input.groupId,
  handler: async (input, ctx) => {
    const { group, talks } = await groupWithTalks(input.groupId)
    const months = yearMonths(input.year ?? group.year)
    const sources = { ...(await readSources(input.groupId, months, ctx.now)), talks }
    const wb = new ExcelJS.Workbook()
    for (const month of months) addMonthSheet(wb, compileMonth(group, month, sourcesOfMonth(sources, month)))
    const buffer = Buffer.from(await wb.xlsx.writeBuffer())
    const stamp = ctx.now.toISOString().replace(/[-:]/g, '').slice(0, 15)
    const cloudPath = `exports/ledger-${input.groupId}-${months[0].slice(0, 4)}-${stamp}-${randomBytes(6).toString('hex')}.xlsx`
    const { fileID } = await cloud().uploadFile({ cloudPath, fileContent: buffer })
    const url = (await temporaryUrls([fileID])).get(fileID)
    if (!url) throw new Error(`export ${fileID}: no download URL`)
    return { fileID, url }
  }
})
