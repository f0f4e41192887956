/** Photos of a volunteer record: the shared picker and uploader (services/photos.ts) with `volunteer.uploadTicket` and its limits. */
import { VOLUNTEER_LIMITS } from '../../../types/actions/volunteer'
import { call } from '../../services/cloud'
import { addPhotos, PhotoTarget } from '../../services/photos'

const RECORD_PHOTOS: PhotoTarget = { limits: VOLUNTEER_LIMITS, ticket: (request) => call('volunteer', 'uploadTicket', request) }

/** Lets the intern pick up to `room` photos and uploads them; answers their file ids. */
export const addRecordPhotos = (room: number): Promise<string[]> => addPhotos(room, RECORD_PHOTOS)
