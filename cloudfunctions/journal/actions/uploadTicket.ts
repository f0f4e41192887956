import { journalActions } from '../../../types/actions/journal'
import { cloud } from '../../common/app'
import { defineAction } from '../../common/dispatcher'
import { photoPath } from '../files'

/**
 * Where an intern uploads a note's photo: a new place under `journal/` (jpg, png or webp,
 * at most 5 MB) and storage's signed upload URL for it. The caller load is the only
 * database request.
 */
export const uploadTicket = defineAction({
  contract: journalActions.uploadTicket,
  handler: async (input, ctx) => {
    const cloudPath = photoPath(input.contentType, input.bytes, ctx.now)
    const { data } = await cloud().getUploadMetadata({ cloudPath })
    return {
      fileID: data.fileId,
      cloudPath,
      uploadUrl: data.url,
      // The headers the SDK's own uploadFile sends with the PUT (COS's signature and the file's id).
      uploadHeaders: {
        Signature: data.authorization,
        'x-cos-security-token': data.token,
        'x-cos-meta-fileid': data.cosFileId,
        authorization: data.authorization,
        key: encodeURIComponent(cloudPath)
      }
    }
  }
})
