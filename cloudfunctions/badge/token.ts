/**
 * Badge tokens: what an identity badge's QR code carries. A token names the person only by
 * id and an expiry, signed with HMAC-SHA256 under a secret kept in the database (made on
 * first use, never in the code); forging, altering or outliving a token is detected.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'
import { database } from '../common/app'
import { C } from '../common/model'

const PREFIX = 'PB1'

let cachedSecret: Buffer | null = null

/** The signing secret: created once per environment, then cached by the warm instance. */
export async function badgeSecret(): Promise<Buffer> {
  if (cachedSecret) return cachedSecret
  const coll = database().collection(C.secrets)
  let { data } = await coll.doc('badge').get()
  if (!data[0]) {
    try {
      await coll.add({ _id: 'badge', key: randomBytes(32).toString('hex'), createdAt: new Date() })
    } catch {
      // another instance created it first
    }
    data = (await coll.doc('badge').get()).data
  }
  cachedSecret = Buffer.from(data[0].key as string, 'hex')
  return cachedSecret
}

const b64 = (b: Buffer): string => b.toString('base64url')

function sign(secret: Buffer, body: string): string {
  return b64(createHmac('sha256', secret).update(body).digest().subarray(0, 16))
}

export function issueToken(secret: Buffer, personId: string, expiresAt: Date): string {
  const body = `${PREFIX}.${b64(Buffer.from(JSON.stringify({ p: personId, e: Math.floor(expiresAt.getTime() / 1000) })))}`
  return `${body}.${sign(secret, body)}`
}

export type TokenCheck = { ok: true; personId: string; expiresAt: Date } | { ok: false; reason: string }

export function checkToken(secret: Buffer, token: string, now: Date): TokenCheck {
  const parts = token.split('.')
  if (parts.length !== 3 || parts[0] !== PREFIX) return { ok: false, reason: '不是有效的身份牌二维码' }
  const body = `${parts[0]}.${parts[1]}`
  const expected = Buffer.from(sign(secret, body))
  const given = Buffer.from(parts[2])
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { ok: false, reason: '身份牌校验失败：二维码被伪造或篡改' }
  let payload: { p?: unknown; e?: unknown }
  try {
    payload = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'))
  } catch {
    return { ok: false, reason: '不是有效的身份牌二维码' }
  }
  if (typeof payload.p !== 'string' || typeof payload.e !== 'number') return { ok: false, reason: '不是有效的身份牌二维码' }
  const expiresAt = new Date(payload.e * 1000)
  if (expiresAt <= now) return { ok: false, reason: '身份牌二维码已过期，请对方刷新后重新出示' }
  return { ok: true, personId: payload.p, expiresAt }
}
