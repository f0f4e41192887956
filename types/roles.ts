/**
 * Who may call what. A caller holds one or more roles; some roles are held for a group.
 *
 * - anonymous: no WeChat identity (server-to-server calls)
 * - unbound: a WeChat user not yet bound to a roster entry
 * - intern: a bound student (of the group they belong to)
 * - liaison / coreMember: student leaders of their group
 * - advisor: a teacher advising one or more groups
 * - unitContact: a Party member at an internship unit, contact of the groups there
 * - admin: the department Party branch
 */
export const ROLES = ['anonymous', 'unbound', 'intern', 'liaison', 'coreMember', 'advisor', 'unitContact', 'admin'] as const
export type Role = (typeof ROLES)[number]

/**
 * How far a role reaches for one action: 'any' — holding the role is enough; 'group' —
 * only for the group the action is about (the caller's own group, or a group they advise
 * or are the unit contact of).
 */
export type Scope = 'any' | 'group'

export type Access = Partial<Record<Role, Scope>>
