import { lessonActions } from '../../../types/actions/lesson'
import { cloud } from '../../common/app'
import { defineAction } from '../../common/dispatcher'
import { uploadPath } from '../files'

/**
 * Where a composer uploads a cover, audio or video: a new place under `lessons/` (type and
 * size checked against LESSON_FILES) and storage's signed upload URL for it. The caller
 * load is the only database request.
 */
export const uploadTicket = defineAction({
  contract: lessonActions.uploadTicket,
  handler: async (input, ctx) => {
    const cloudPath = uploadPath(input.kind, input.contentType, input.bytes, ctx.now)
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
