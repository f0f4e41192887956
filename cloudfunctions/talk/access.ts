/**
 * Who reads a talk: its recorder, the advisors of the group it was recorded in, and the
 * branch. Nobody else — not the student, their peers, the group's liaison for talks they
 * did not record, another group's advisor or a unit contact.
 */
import type { Caller } from '../common/caller'
import type { RecorderRole, TalkDoc } from './model'

/** Whether the caller reads every talk of the group (its advisors, the branch), rather than only those they recorded. */
export function readsAllOf(caller: Caller, groupId: string): boolean {
  return caller.roles.includes('admin') || (caller.roles.includes('advisor') && caller.advisorOf.includes(groupId))
}

/** Whether the caller reads this talk. */
export function readsTalk(caller: Caller, talk: Pick<TalkDoc, 'groupId' | 'recorderId'>): boolean {
  return readsAllOf(caller, talk.groupId) || (!!caller.person && caller.person._id === talk.recorderId)
}

/** In which capacity the caller records a talk in the group (the dispatcher admitted them for it). */
export function recorderRoleOf(caller: Caller, groupId: string): RecorderRole {
  if (caller.roles.includes('advisor') && caller.advisorOf.includes(groupId)) return 'advisor'
  if (caller.groupRole === 'liaison' && caller.group?._id === groupId) return 'liaison'
  return 'admin'
}
