/** Verification links as they are opened and used: the token checked, then the record it names. */
import { AppError, conflict, notFound } from '../common/errors'
import type { VolunteerDoc } from './model'
import { findRecord, settledMessage } from './records'
import { checkLinkToken, linkSecret } from './token'

export interface OpenedLink {
  recordId: string
  nonce: string
  expiresAt: Date
}

/** A genuine, unexpired token's content; anything else refused with the reason (FAILED_PRECONDITION). */
export async function openToken(token: string, now: Date): Promise<OpenedLink> {
  const check = checkLinkToken(await linkSecret(), token, now)
  if (!check.ok) throw new AppError('FAILED_PRECONDITION', check.reason)
  return { recordId: check.recordId, nonce: check.nonce, expiresAt: check.expiresAt }
}

/** Why a link cannot be used on its record (or null when it can). */
export function linkRefusal(record: VolunteerDoc | null, link: OpenedLink): AppError | null {
  if (!record) return notFound('志愿服务记录')
  if (record.usedLinks.includes(link.nonce)) return conflict('此核实链接已使用过，不能重复使用')
  if (record.state !== 'pending') return conflict(settledMessage(record))
  return null
}

/** The record a link names, if the link can be used on it. One request. */
export async function recordForLink(link: OpenedLink): Promise<VolunteerDoc> {
  const record = await findRecord(link.recordId)
  const refusal = linkRefusal(record, link)
  if (refusal) throw refusal
  return record!
}
