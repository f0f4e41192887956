/** Photos of a note: the shared picker and uploader (services/photos.ts) with `journal.uploadTicket` and the journal's limits. */
import { JOURNAL_LIMITS } from '../../../types/journalLimits'
import { call } from '../../services/cloud'
import { addPhotos, PhotoTarget } from '../../services/photos'

const NOTE_PHOTOS: PhotoTarget = { limits: JOURNAL_LIMITS, ticket: (request) => call('journal', 'uploadTicket', request) }

/** Lets the writer pick up to `room` photos and uploads them; answers their file ids. */
export const addNotePhotos = (room: number): Promise<string[]> => addPhotos(room, NOTE_PHOTOS)
