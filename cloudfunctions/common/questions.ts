/**
 * The `questions` collection (owned by the `question` function), as other screens read it
 * by name: the teacher's home counts the questions waiting for their answer.
 */
import { database } from './app'

export const QUESTIONS = 'questions'

/** Open questions asked of `advisorId`: one index count (advisorId_1_status_1_askedAt_1) that reads no document. */
export async function countOpenQuestions(advisorId: string): Promise<number> {
  const { total } = await database().collection(QUESTIONS).where({ advisorId, status: 'open' }).count()
  return total
}
