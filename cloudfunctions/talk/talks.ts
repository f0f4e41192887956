/** Reading one talk, and the term a day falls in. */
import { internshipTermOf } from '../../types/domain'
import { database } from '../common/app'
import { chinaDay } from '../common/chinaTime'
import { T, TalkDoc } from './model'

/** The talk with this id, or null. One request. */
export async function findTalk(id: string): Promise<TalkDoc | null> {
  const { data } = await database().collection(T.talks).doc(id).get()
  return (data[0] as TalkDoc | undefined) ?? null
}

/** The term of today, China time. */
export const termNow = (now: Date): string => internshipTermOf(chinaDay(now))
