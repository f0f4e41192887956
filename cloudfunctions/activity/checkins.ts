/** Reading check-ins and who may see them. */
import { database } from '../common/app'
import type { ActionContext } from '../common/dispatcher'
import { notFound } from '../common/errors'
import { A, CheckinDoc } from './model'

/** A check-in by id, or null. One request. */
export async function findCheckin(checkinId: string): Promise<CheckinDoc | null> {
  return ((await database().collection(A.checkins).doc(checkinId).get()).data[0] as CheckinDoc | undefined) ?? null
}

const READERS = ['intern', 'liaison', 'coreMember', 'advisor']
const LEADERS = ['liaison', 'coreMember']

/**
 * The check-in, if the caller may read it: members of its group, its advisors, admins.
 * To anyone else it does not exist (NOT_FOUND).
 */
export function assertReader(ctx: ActionContext, checkin: CheckinDoc | null): CheckinDoc {
  if (!checkin || !ctx.reaches(checkin.groupId, READERS)) throw notFound('活动打卡')
  ctx.authorizeGroup(checkin.groupId)
  return checkin
}

/** Whether the caller leads the check-in's group (or is an admin): they see photos still being checked. */
export const leads = (ctx: ActionContext, checkin: CheckinDoc): boolean => ctx.reaches(checkin.groupId, LEADERS)
