import { VOLUNTEER_LIMITS, volunteerActions } from '../../../types/actions/volunteer'
import { defineAction } from '../../common/dispatcher'
import { newPhotoPath, uploadTicket as ticketFor } from '../../common/storage'

/**
 * Where an intern uploads a volunteer record's photo: a new place under `volunteer/` (jpg,
 * png or webp, at most 5 MB) and storage's signed upload URL for it. The caller load is
 * the only database request.
 */
export const uploadTicket = defineAction({
  contract: volunteerActions.uploadTicket,
  handler: async (input, ctx) => ticketFor(newPhotoPath('volunteer', VOLUNTEER_LIMITS.photoBytes, input.contentType, input.bytes, ctx.now))
})
