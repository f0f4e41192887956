/** Invite codes: how teachers, unit contacts and branch staff bind their WeChat account. */
import { randomBytes } from 'node:crypto'
import { database } from '../common/app'
import { randomCode } from '../common/codes'
import { isDuplicateWrite } from '../common/db'
import { C, InviteDoc, PersonDoc, PersonKind } from '../common/model'

const INVITE_TTL_MS = 7 * 24 * 3600 * 1000
const INVITE_CODE_LENGTH = 8

/** A fresh invite for `personId`, valid for a week; its `_id` is the code. */
export function newInvite(personId: string, kind: PersonKind, now: Date): InviteDoc {
  return { _id: randomCode(INVITE_CODE_LENGTH), personId, kind, expiresAt: new Date(now.getTime() + INVITE_TTL_MS), createdAt: now }
}

/** The person's fields that make `invite` their open code: usable once, until it expires or a new invite replaces it. */
export const openInvite = (invite: InviteDoc): Pick<PersonDoc, 'inviteCode' | 'inviteExpiresAt'> =>
  ({ inviteCode: invite._id, inviteExpiresAt: invite.expiresAt })

/** Issues and records a code no one has had before (drawing again on the rare clash). */
export async function issueInvite(personId: string, kind: PersonKind, now: Date): Promise<InviteDoc> {
  for (;;) {
    const invite = newInvite(personId, kind, now)
    try {
      await database().collection(C.invites).add(invite)
      return invite
    } catch (e) {
      if (!isDuplicateWrite(e)) throw e
    }
  }
}

/** A document id as CloudBase makes them (32 hex characters), for a person whose invite is issued before the person is written. */
export const newDocId = (): string => randomBytes(16).toString('hex')

/** A staff number for someone who is not on the roster: kind letter, time, random tail. */
export function staffNo(kind: Exclude<PersonKind, 'student'>, now: Date): string {
  const letter = kind === 'teacher' ? 'T' : kind === 'unitContact' ? 'U' : 'S'
  return `${letter}${now.getTime().toString(36).toUpperCase()}${randomCode(4)}`
}
