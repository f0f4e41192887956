import { volunteerActions } from '../../../types/actions/volunteer'
import { defineAction } from '../../common/dispatcher'
import { uploadTicket as ticketFor } from '../../common/storage'
import { photoPath } from '../files'

/**
 * Where an intern uploads a volunteer record's photo: a new place under `volunteer/` (jpg,
 * png or webp, at most 5 MB) and storage's signed upload URL for it. The caller load is
 * the only database request.
 */
export const uploadTicket = defineAction({
  contract: volunteerActions.uploadTicket,
  handler: async (input, ctx) => ticketFor(photoPath(input.contentType, input.bytes, ctx.now))
})
