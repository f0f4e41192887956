/**
 * Who is calling, read from the invocation context (never from the request body), and
 * which roles they hold.
 */
import tcb from '@cloudbase/node-sdk'
import type { Role, Scope } from '../../types/roles'
import { database } from './app'
import { denied, AppError } from './errors'
import { C, PersonDoc } from './model'

export interface Caller {
  openid: string | null
  person: PersonDoc | null
  roles: Role[]
}

/** The caller's WeChat openid, from the trusted invocation context. */
export function openidOf(context: unknown): string | null {
  const ctx = tcb.getCloudbaseContext(context as any) as unknown as Record<string, string | undefined>
  const openid = ctx.WX_OPENID
  return typeof openid === 'string' && openid ? openid : null
}

export function rolesOf(person: PersonDoc): Role[] {
  const roles: Role[] = []
  if (person.kind === 'student') {
    roles.push('intern')
    if (person.groupRole === 'liaison') roles.push('liaison')
    if (person.groupRole === 'coreMember') roles.push('coreMember')
  }
  if (person.kind === 'teacher') roles.push('advisor')
  if (person.kind === 'unitContact') roles.push('unitContact')
  if (person.admin) roles.push('admin')
  return roles
}

/** One database request: the person bound to this openid, if any. */
export async function loadCaller(openid: string | null): Promise<Caller> {
  if (!openid) return { openid: null, person: null, roles: ['anonymous'] }
  const { data } = await database().collection(C.people).where({ openid }).limit(1).get()
  const person = (data[0] as PersonDoc | undefined) ?? null
  return { openid, person, roles: person ? rolesOf(person) : ['unbound'] }
}

/** Whether `role`, which the caller holds, reaches group `groupId`. */
export function roleReachesGroup(caller: Caller, role: Role, groupId: string): boolean {
  const p = caller.person
  if (!p) return false
  switch (role) {
    case 'admin': return true
    case 'intern': return p.groupId === groupId
    case 'liaison': return p.groupId === groupId && p.groupRole === 'liaison'
    case 'coreMember': return p.groupId === groupId && p.groupRole === 'coreMember'
    case 'advisor': return p.advisorOf.includes(groupId)
    case 'unitContact': return p.contactOf.includes(groupId)
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
