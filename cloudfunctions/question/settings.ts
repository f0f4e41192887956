/**
 * The branch's cadence for questions, read from the settings the `oversight` function
 * keeps (`settings` doc `cadences`): after how many days an open question is overdue.
 * Absent settings (or no settings collection yet) mean the default.
 */
import { DEFAULT_QUESTION_UNANSWERED_DAYS } from '../../types/questions'
import { database } from '../common/app'

const SETTINGS = 'settings'
const CADENCES = 'cadences'

/** Days after which an open question is overdue. One request. */
export async function questionUnansweredDays(): Promise<number> {
  try {
    const { data } = await database().collection(SETTINGS).doc(CADENCES).field({ questionUnansweredDays: true }).get()
    const days = (data[0] as { questionUnansweredDays?: unknown } | undefined)?.questionUnansweredDays
    return typeof days === 'number' && Number.isInteger(days) && days >= 0 ? days : DEFAULT_QUESTION_UNANSWERED_DAYS
  } catch (e) {
    // An environment where the branch never saved settings may not have the collection yet.
    if ((e as { code?: unknown } | null)?.code === 'DATABASE_COLLECTION_NOT_EXIST') return DEFAULT_QUESTION_UNANSWERED_DAYS
    throw e
  }
}
