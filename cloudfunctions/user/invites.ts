/** Invite codes: how teachers, unit contacts and branch staff bind their WeChat account. */
import { randomCode } from '../common/codes'
import type { InviteDoc, PersonKind } from '../common/model'

export const INVITE_TTL_MS = 7 * 24 * 3600 * 1000
export const INVITE_CODE_LENGTH = 8

/** A fresh invite for `personId`, valid for a week and usable once. */
export function newInvite(personId: string, kind: PersonKind, now: Date): InviteDoc {
  return { _id: randomCode(INVITE_CODE_LENGTH), personId, kind, expiresAt: new Date(now.getTime() + INVITE_TTL_MS), usedAt: null, createdAt: now }
}

/** A staff number for someone who is not on the roster: kind letter, time, random tail. */
export function staffNo(kind: Exclude<PersonKind, 'student'>, now: Date): string {
  const letter = kind === 'teacher' ? 'T' : kind === 'unitContact' ? 'U' : 'S'
  return `${letter}${now.getTime().toString(36).toUpperCase()}${randomCode(4)}`
}
