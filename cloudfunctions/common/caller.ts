/**
 * Who is calling, read from the invocation context (never from the request body), and
 * which roles they hold. Roles in a group live on the group document (liaison, core
 * members, advisors, unit contacts), so one aggregation request loads the caller's person,
 * their own group and the groups they advise or are the contact of.
 */
import tcb from '@cloudbase/node-sdk'
import type { Role, Scope } from '../../types/roles'
import { database } from './app'
import { AppError, denied } from './errors'
import { C, GroupDoc, GroupRole, PersonDoc } from './model'

export interface Caller {
  openid: string | null
  person: PersonDoc | null
  /** the group the caller belongs to (students) */
  group: GroupDoc | null
  groupRole: GroupRole | null
  /** groups the caller advises (teachers) */
  advisorOf: string[]
  /** groups the caller is the unit contact of */
  contactOf: string[]
  /** the groups of `advisorOf` and `contactOf` as the caller load brought them (without circles) */
  lookedAfter: LookedAfterGroup[]
  roles: Role[]
}

/** A group someone advises or is the contact of: everything but its "1+10" circles. */
export type LookedAfterGroup = Omit<GroupDoc, 'circles'>

/** The caller's WeChat openid, from the trusted invocation context. */
export function openidOf(context: unknown): string | null {
  const ctx = tcb.getCloudbaseContext(context as any) as unknown as Record<string, string | undefined>
  const openid = ctx.WX_OPENID
  return typeof openid === 'string' && openid ? openid : null
}

export function groupRoleOf(personId: string, group: Pick<GroupDoc, 'liaisonId' | 'coreMemberIds'> | null): GroupRole | null {
  if (!group) return null
  if (group.liaisonId === personId) return 'liaison'
  if (group.coreMemberIds.includes(personId)) return 'coreMember'
  return null
}

export function callerOf(openid: string | null, person: PersonDoc | null, group: GroupDoc | null, advisorOf: string[], contactOf: string[],
  lookedAfter: LookedAfterGroup[] = []): Caller {
  const nobody = { person: null, group: null, groupRole: null, advisorOf: [], contactOf: [], lookedAfter: [] }
  if (!openid) return { openid: null, ...nobody, roles: ['anonymous'] }
  if (!person) return { openid, ...nobody, roles: ['unbound'] }
  const ownGroup = group && group._id === person.groupId ? group : null
  const groupRole = ownGroup ? groupRoleOf(person._id, ownGroup) : null
  const roles: Role[] = []
  if (person.kind === 'student') {
    roles.push('intern')
    if (groupRole) roles.push(groupRole)
  }
  if (person.kind === 'teacher') roles.push('advisor')
  if (person.kind === 'unitContact') roles.push('unitContact')
  if (person.admin) roles.push('admin')
  return { openid, person, group: ownGroup, groupRole, advisorOf, contactOf, lookedAfter, roles }
}

/** One database request: the person bound to this openid, with their groups. */
export async function loadCaller(openid: string | null): Promise<Caller> {
  if (!openid) return callerOf(null, null, null, [], [])
  const { data } = await database().collection(C.people).aggregate()
    .match({ openid })
    .limit(1)
    .lookup({ from: C.groups, localField: 'groupId', foreignField: '_id', as: 'ownGroup' })
    .lookup({ from: C.groups, localField: '_id', foreignField: 'advisorIds', as: 'advised' })
    .lookup({ from: C.groups, localField: '_id', foreignField: 'unitContactIds', as: 'contacted' })
    .project({ 'advised.circles': 0, 'contacted.circles': 0 })
    .end()
  const row = data[0] as (PersonDoc & { ownGroup: GroupDoc[]; advised: LookedAfterGroup[]; contacted: LookedAfterGroup[] }) | undefined
  if (!row) return callerOf(openid, null, null, [], [])
  const { ownGroup, advised: allAdvised, contacted: allContacted, ...person } = row
  const advised = person.kind === 'teacher' ? allAdvised : []
  const contacted = person.kind === 'unitContact' ? allContacted : []
  return callerOf(openid, person as PersonDoc, ownGroup[0] ?? null, advised.map((g) => g._id), contacted.map((g) => g._id), [...advised, ...contacted])
}

/** Whether `role`, which the caller holds, reaches group `groupId`. */
export function roleReachesGroup(caller: Caller, role: Role, groupId: string): boolean {
  const p = caller.person
  if (!p) return false
  switch (role) {
    case 'admin': return true
    case 'intern': return p.groupId === groupId
    case 'liaison': return p.groupId === groupId && caller.groupRole === 'liaison'
    case 'coreMember': return p.groupId === groupId && caller.groupRole === 'coreMember'
    case 'advisor': return caller.advisorOf.includes(groupId)
    case 'unitContact': return caller.contactOf.includes(groupId)
    default: return false
  }
}

/** The caller's roles that the action admits, with their scope; refuses when there are none. */
export function admittedRoles(caller: Caller, access: Partial<Record<Role, Scope>>): [Role, Scope][] {
  const admitted = caller.roles.filter((r) => access[r]).map((r): [Role, Scope] => [r, access[r]!])
  if (admitted.length) return admitted
  if (caller.roles.includes('anonymous')) throw new AppError('UNAUTHENTICATED', '请在微信中打开并登录')
  if (caller.roles.includes('unbound')) throw new AppError('NOT_BOUND', '请先绑定学号或使用邀请码完成身份绑定')
  throw denied()
}
