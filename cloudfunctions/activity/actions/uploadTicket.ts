import { CHECKIN_LIMITS, activityActions } from '../../../types/actions/activity'
import { defineAction } from '../../common/dispatcher'
import { newPhotoPath, uploadTicket as ticketFor } from '../../common/storage'

/**
 * Where the liaison (or a core member) uploads a check-in's photo: a new place under
 * `activity/` (jpg, png or webp, at most 5 MB) and storage's signed upload URL for it.
 * The caller load is the only database request.
 */
export const uploadTicket = defineAction({
  contract: activityActions.uploadTicket,
  group: (input) => input.groupId,
  handler: async (input, ctx) => ticketFor(newPhotoPath('activity', CHECKIN_LIMITS.photoBytes, input.contentType, input.bytes, ctx.now))
})
