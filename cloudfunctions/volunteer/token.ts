/**
 * Verification links: the token a unit contact's link (or its QR) carries. It names one
 * record, its expiry and a nonce, signed with HMAC-SHA256 under a secret kept in the
 * database (made on first use, never in the code), as badge tokens are; forging, altering
 * or outliving a token is detected. Whether it was used is kept on the record.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'
import { database } from '../common/app'
import { C } from '../common/model'

const PREFIX = 'VL1'
const SECRET_ID = 'volunteerLink'

let cachedSecret: Buffer | null = null

/** The signing secret: created once per environment, then cached by the warm instance. One request (three on its first use). */
export async function linkSecret(): Promise<Buffer> {
  if (cachedSecret) return cachedSecret
  const coll = database().collection(C.secrets)
  let { data } = await coll.doc(SECRET_ID).get()
  if (!data[0]) {
    try {
      await coll.add({ _id: SECRET_ID, key: randomBytes(32).toString('hex'), createdAt: new Date() })
    } catch {
      // another instance created it first
    }
    data = (await coll.doc(SECRET_ID).get()).data
  }
  cachedSecret = Buffer.from(data[0].key as string, 'hex')
  return cachedSecret
}

const b64 = (b: Buffer): string => b.toString('base64url')
const sign = (secret: Buffer, body: string): string => b64(createHmac('sha256', secret).update(body).digest())

/** A new nonce: tells apart the links made for one record. */
export const newNonce = (): string => b64(randomBytes(12))

/** A signed token naming `recordId` until `expiresAt` (whole seconds). */
export function issueLinkToken(secret: Buffer, recordId: string, expiresAt: Date, nonce: string): string {
  const body = `${PREFIX}.${b64(Buffer.from(JSON.stringify({ r: recordId, e: Math.floor(expiresAt.getTime() / 1000), n: nonce })))}`
  return `${body}.${sign(secret, body)}`
}

export type LinkCheck = { ok: true; recordId: string; expiresAt: Date; nonce: string } | { ok: false; reason: string }

const NOT_A_LINK = '这不是有效的核实链接，请向实习生索取新的链接'

/** Whether `token` is genuine and unexpired, and what it names. */
export function checkLinkToken(secret: Buffer, token: string, now: Date): LinkCheck {
  const parts = token.split('.')
  if (parts.length !== 3 || parts[0] !== PREFIX) return { ok: false, reason: NOT_A_LINK }
  const body = `${parts[0]}.${parts[1]}`
  const expected = Buffer.from(sign(secret, body))
  const given = Buffer.from(parts[2])
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { ok: false, reason: '核实链接校验失败：链接被伪造或篡改' }
  let payload: { r?: unknown; e?: unknown; n?: unknown }
  try {
    payload = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'))
  } catch {
    return { ok: false, reason: NOT_A_LINK }
  }
  if (typeof payload.r !== 'string' || typeof payload.e !== 'number' || typeof payload.n !== 'string') return { ok: false, reason: NOT_A_LINK }
  const expiresAt = new Date(payload.e * 1000)
  if (expiresAt <= now) return { ok: false, reason: '核实链接已过期，请实习生重新生成链接' }
  return { ok: true, recordId: payload.r, expiresAt, nonce: payload.n }
}
