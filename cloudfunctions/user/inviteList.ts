/**
 * The invitations list: teachers, unit contacts and staff, pending codes first. Three
 * segments, each one index range read in its key's order: open codes not yet expired,
 * open codes expired, then everyone else of those kinds. The cursor holds the segment,
 * the last key read and the time of the first page, so a code that expires while the
 * branch pages on neither repeats nor goes missing.
 */
import type { z } from 'zod'
import type { inviteEntry, InviteKind } from '../../types/actions/user'
import { INVITE_KINDS } from '../../types/actions/user'
import { database } from '../common/app'
import { invalid } from '../common/errors'
import { C, PersonDoc } from '../common/model'

type Entry = z.infer<typeof inviteEntry>
type Listed = Pick<PersonDoc, '_id' | 'name' | 'kind' | 'unitName' | 'phone' | 'openid' | 'inviteCode' | 'inviteExpiresAt'>

const LIST = 'user.listInvites'
const SEGMENTS = 3
const KEY = /^[A-Za-z0-9_-]{0,64}$/

interface Position { segment: number; after: string; asOf: number }

const encode = (p: Position): string => Buffer.from(JSON.stringify([LIST, p.segment, p.after, p.asOf])).toString('base64url')

/** The position a cursor resumes at; a malformed cursor or one from another list is refused. */
function decode(cursor: string | undefined, now: Date): Position {
  if (cursor === undefined) return { segment: 0, after: '', asOf: now.getTime() }
  let d: unknown = null
  try {
    d = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'))
  } catch {
    d = null
  }
  if (Array.isArray(d) && d.length === 4 && d[0] === LIST && Number.isInteger(d[1]) && d[1] >= 0 && d[1] < SEGMENTS &&
    typeof d[2] === 'string' && KEY.test(d[2]) && Number.isSafeInteger(d[3])) {
    return { segment: d[1], after: d[2], asOf: d[3] }
  }
  throw invalid('参数不正确：cursor：翻页位置无效，请从第一页重新加载')
}

const FIELDS = { _id: true, name: true, kind: true, unitName: true, phone: true, openid: true, inviteCode: true, inviteExpiresAt: true }

/** Up to `limit` people of one segment after `after`, in the segment's key order. */
async function readSegment(segment: number, after: string, asOf: Date, limit: number): Promise<Listed[]> {
  const db = database()
  const _ = db.command
  const q = segment === 2
    ? db.collection(C.people).where({ kind: _.in([...INVITE_KINDS]), inviteCode: null, _id: _.gt(after) }).orderBy('_id', 'asc')
    : db.collection(C.people).where({ inviteCode: _.gt(after), inviteExpiresAt: segment === 0 ? _.gt(asOf) : _.lte(asOf) }).orderBy('inviteCode', 'asc')
  return (await q.limit(limit).field(FIELDS).get()).data as Listed[]
}

const keyOf = (segment: number, p: Listed): string => segment === 2 ? p._id : p.inviteCode!

/** What the list shows of a person: their state as redeeming would find it at `asOf`. */
function entryOf(p: Listed, asOf: Date): Entry {
  const open = p.inviteCode ? { code: p.inviteCode, expiresAt: p.inviteExpiresAt ? new Date(p.inviteExpiresAt).toISOString() : null } : { code: null, expiresAt: null }
  const state = p.openid ? 'bound' : !open.code ? 'none' : new Date(p.inviteExpiresAt!).getTime() > asOf.getTime() ? 'pending' : 'expired'
  return { personId: p._id, name: p.name, kind: p.kind as InviteKind, unitName: p.unitName ?? null, phone: p.phone ?? null, state, ...open }
}

/** One page of the list: at most one read per segment it reaches (three at most). */
export async function invitePage(input: { cursor?: string; pageSize: number }, now: Date): Promise<{ items: Entry[]; nextCursor: string | null }> {
  const pos = decode(input.cursor, now)
  const asOf = new Date(pos.asOf)
  const people: Listed[] = []
  let { segment, after } = pos
  while (segment < SEGMENTS && people.length < input.pageSize) {
    const need = input.pageSize - people.length
    const docs = await readSegment(segment, after, asOf, need + 1)
    if (docs.length > need) {
      people.push(...docs.slice(0, need))
      after = keyOf(segment, docs[need - 1])
      return { items: people.map((p) => entryOf(p, asOf)), nextCursor: encode({ segment, after, asOf: pos.asOf }) }
    }
    people.push(...docs)
    segment += 1
    after = ''
  }
  return { items: people.map((p) => entryOf(p, asOf)), nextCursor: segment < SEGMENTS ? encode({ segment, after, asOf: pos.asOf }) : null }
}
