import { rosterActions } from '../../../types/actions/roster'
import { cloud } from '../../common/app'
import { defineAction } from '../../common/dispatcher'
import { temporaryUrls } from '../../common/storage'
import { sampleWorkbook } from '../sample'

const SAMPLE_PATH = 'templates/roster-sample.xlsx'

/** The sample roster (.xlsx) stored and linked; the caller load is the only database request. */
export const sampleRoster = defineAction({
  contract: rosterActions.sample,
  handler: async () => {
    const { fileID } = await cloud().uploadFile({ cloudPath: SAMPLE_PATH, fileContent: await sampleWorkbook() })
    const url = (await temporaryUrls([fileID])).get(fileID)
    if (!url) throw new Error('sample link not issued')
    return { fileID, url }
  }
})
