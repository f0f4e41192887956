/**
 * What the volunteer tests share: the fixture loaded once and the volunteer collections
 * emptied before each test (the link secret stays, as warm instances keep it), log inputs
 * with fresh request ids, photo uploads through `volunteer.uploadTicket`, and the stored
 * records and counters read straight from the database.
 */
import { randomBytes } from 'node:crypto'
import type { TotalsDoc, VolunteerDoc } from '../../cloudfunctions/volunteer/model'
import type { ActionInput } from '../../types/contract'
import { OPENID } from './fixture'
import { Harness, useHarness } from './harness'

export const VOLUNTEER_COLLECTIONS = ['volunteerRecords', 'volunteerTotals']

export async function clearVolunteer(h: Harness): Promise<void> {
  const db = h.app.database()
  for (const c of VOLUNTEER_COLLECTIONS) await db.collection(c).where({ _id: db.command.exists(true) }).remove()
}

/** The harness with the fixture (loaded once) and no volunteer records before each test. */
export function useVolunteerHarness(): Harness {
  const h = useHarness({ fixturePerTest: false })
  beforeEach(() => clearVolunteer(h))
  return h
}

/** A fresh client request id. */
export const rid = (): string => `r-${randomBytes(8).toString('hex')}`

type LogInput = ActionInput<'volunteer', 'log'>

export const logInput = (extra: Partial<LogInput> = {}): LogInput => ({
  requestId: rid(), date: '2026-11-20', hours: 2, place: '郑州市金水区社区卫生服务中心', category: 'healthOutreach',
  description: '为社区老人测量血压、血糖，讲解慢性病用药知识。', ...extra
})

/** Logs hours as intern A (or `openid`). */
export const logHours = (h: Harness, extra: Partial<LogInput> = {}, openid: string = OPENID.internA) => h.ok(openid, 'volunteer', 'log', logInput(extra))

/** Uploads bytes as a record photo the way the app does: a ticket, then a PUT to its URL. */
export async function uploadPhoto(h: Harness, bytes: Buffer, openid: string = OPENID.internA): Promise<string> {
  const ticket = await h.ok(openid, 'volunteer', 'uploadTicket', { name: 'photo.png', contentType: 'image/png', bytes: bytes.length })
  const res = await fetch(ticket.uploadUrl, { method: 'PUT', headers: ticket.uploadHeaders, body: new Uint8Array(bytes) })
  expect(res.status).toBe(200)
  return ticket.fileID
}

export async function recordsIn(h: Harness): Promise<VolunteerDoc[]> {
  return (await h.app.database().collection('volunteerRecords').limit(1000).get()).data as VolunteerDoc[]
}

export async function countersIn(h: Harness): Promise<TotalsDoc[]> {
  return (await h.app.database().collection('volunteerTotals').limit(1000).get()).data as TotalsDoc[]
}

/** Everything the volunteer domain stores, for "nothing changed" checks. */
export async function volunteerState(h: Harness): Promise<string> {
  const byId = <T extends { _id: string }>(docs: T[]) => [...docs].sort((a, b) => (a._id < b._id ? -1 : 1))
  return JSON.stringify([byId(await recordsIn(h)), byId(await countersIn(h))])
}
