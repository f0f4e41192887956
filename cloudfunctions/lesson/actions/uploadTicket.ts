import { lessonActions } from '../../../types/actions/lesson'
import { defineAction } from '../../common/dispatcher'
import { uploadTicket as ticketFor } from '../../common/storage'
import { uploadPath } from '../files'

/**
 * Where a composer uploads a cover, audio or video: a new place under `lessons/` (type and
 * size checked against LESSON_FILES) and storage's signed upload URL for it. The caller
 * load is the only database request.
 */
export const uploadTicket = defineAction({
  contract: lessonActions.uploadTicket,
  handler: async (input, ctx) => ticketFor(uploadPath(input.kind, input.contentType, input.bytes, ctx.now))
})
