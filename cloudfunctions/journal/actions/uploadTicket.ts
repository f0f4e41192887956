import { JOURNAL_LIMITS, journalActions } from '../../../types/actions/journal'
import { defineAction } from '../../common/dispatcher'
import { newPhotoPath, uploadTicket as ticketFor } from '../../common/storage'

/**
 * Where an intern uploads a note's photo: a new place under `journal/` (jpg, png or webp,
 * at most 5 MB) and storage's signed upload URL for it. The caller load is the only
 * database request.
 */
export const uploadTicket = defineAction({
  contract: journalActions.uploadTicket,
  handler: async (input, ctx) => ticketFor(newPhotoPath('journal', JOURNAL_LIMITS.photoBytes, input.contentType, input.bytes, ctx.now))
})
