/**
 * Who is using the app: the caller as `user.me` describes them, loaded once and shared by
 * every page (role-aware navigation reads it). Pages that load `me` as part of their own
 * first call (the home page) hand it over with `setMe`, so no page pays a second call.
 */
import { useEffect, useState } from 'react'
import type { ActionOutput } from '../../types/contract'
import type { Role } from '../../types/roles'
import { call } from './cloud'

export type Me = ActionOutput<'user', 'me'>

let current: Me | null = null
let pending: Promise<Me> | null = null
const listeners = new Set<(me: Me | null) => void>()

function publish(me: Me | null): void {
  current = me
  for (const l of listeners) l(me)
}

/** Records who the caller is (after a call that returned it). */
export function setMe(me: Me): void {
  publish(me)
}

/** Forgets the caller (after switching identity, or unbinding). */
export function clearSession(): void {
  pending = null
  publish(null)
}

/** The caller, from the session or with one `user.me` call. */
export function ensureMe(): Promise<Me> {
  if (current) return Promise.resolve(current)
  pending ??= call('user', 'me').then((me) => {
    publish(me)
    return me
  }).finally(() => { pending = null })
  return pending
}

/** The caller as known now (null until loaded), re-rendering when it changes. */
export function useMe(): Me | null {
  const [me, setState] = useState<Me | null>(current)
  useEffect(() => {
    listeners.add(setState)
    setState(current)
    return () => { listeners.delete(setState) }
  }, [])
  return me
}

export const hasRole = (me: Me | null, ...roles: Role[]): boolean => !!me && me.roles.some((r) => roles.includes(r))

/** Teachers, unit contacts and the branch: they look after groups rather than belong to one. */
export const isStaff = (me: Me | null): boolean => hasRole(me, 'advisor', 'unitContact', 'admin')

/** Who checks other people's badges: staff, and a group's liaison and core members. */
export const canVerifyBadges = (me: Me | null): boolean => hasRole(me, 'advisor', 'unitContact', 'admin', 'liaison', 'coreMember')

/** Who has a badge of their own: bound students. */
export const hasBadge = (me: Me | null): boolean => hasRole(me, 'intern')

/** Whether `me` leads the group (its liaison or a core member): they record its check-ins and decide requests to join them. */
export const leadsGroup = (me: Me | null, groupId: string): boolean =>
  !!me?.person && me.person.groupId === groupId && (me.person.groupRole === 'liaison' || me.person.groupRole === 'coreMember')

/** Whether `me` may read the group's 工作台账: its leaders, its advisors, the branch. */
export const readsLedger = (me: Me | null, groupId: string): boolean =>
  leadsGroup(me, groupId) || hasRole(me, 'admin') || (!!me && me.advisorOf.includes(groupId))

/** Whether `me` records and reads the group's 谈心谈话: its advisors, its liaison (their own talks), the branch. */
export const recordsTalks = (me: Me | null, groupId: string): boolean =>
  hasRole(me, 'admin') || (!!me && me.advisorOf.includes(groupId)) || (!!me?.person && me.person.groupId === groupId && me.person.groupRole === 'liaison')

/** Whether `me` may read the group's check-ins: its members, its advisors, the branch. */
export const readsCheckins = (me: Me | null, groupId: string): boolean =>
  (!!me?.person && me.person.groupId === groupId) || hasRole(me, 'admin') || (!!me && me.advisorOf.includes(groupId))
