/** Attendance entries: written with a check-in, and for each member who asks to be added. */
import { database } from '../common/app'
import { isDuplicateWrite } from '../common/db'
import { A, CheckinDoc, entryOf } from './model'

/** Adds `personId`'s entry for the check-in; one already there (a retry) is kept. One request. */
export async function addEntry(personId: string, checkin: Pick<CheckinDoc, '_id' | 'key'>): Promise<void> {
  await database().collection(A.checkins).add(entryOf(personId, checkin)).catch((e: unknown) => {
    if (!isDuplicateWrite(e)) throw e
  })
}
