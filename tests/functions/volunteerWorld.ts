/**
 * What the volunteer tests share: the fixture loaded once and the volunteer collections
 * emptied before each test (the link secret stays, as warm instances keep it), log inputs
 * with fresh request ids, photo uploads through `volunteer.uploadTicket`, the stored
 * records and counters read straight from the database, the recount timer fired on demand,
 * and the counters every record says there should be.
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

/** The counters of people, groups and provinces (not the recount's mark beside them). */
export async function countersIn(h: Harness): Promise<TotalsDoc[]> {
  const { data } = await h.app.database().collection('volunteerTotals').limit(1000).get()
  return (data as TotalsDoc[]).filter((c) => ['person', 'group', 'province'].includes(c.kind))
}

/** Everything the volunteer domain stores, for "nothing changed" checks. */
export async function volunteerState(h: Harness): Promise<string> {
  const byId = <T extends { _id: string }>(docs: T[]) => [...docs].sort((a, b) => (a._id < b._id ? -1 : 1))
  const { data: totals } = await h.app.database().collection('volunteerTotals').limit(1000).get()
  return JSON.stringify([byId(await recordsIn(h)), byId(totals as TotalsDoc[])])
}

/** Fires the `recountTotals` timer now, as the platform does; resolves with the function's envelope. */
export const recountNow = (h: Harness): Promise<any> => h.emulator!.fireTrigger('volunteer', 'recountTotals')

export type Sums = { verified: number; unverified: number; records: number }

/**
 * The counters as the records say they should be, by counter id: records not returned summed
 * by person, group and province of their year (verified and unverified apart), and each
 * person's hours per day.
 */
export function recountOf(records: VolunteerDoc[]): { totals: Map<string, Sums>; days: Map<string, Record<string, number>> } {
  const totals = new Map<string, Sums>()
  const days = new Map<string, Record<string, number>>()
  for (const r of records) {
    if (r.state === 'rejected') continue
    const keys = [`person:${r.year}:${r.personId}`, r.groupId && `group:${r.year}:${r.groupId}`, r.province && `province:${r.year}:${r.province}`].filter(Boolean) as string[]
    for (const k of keys) {
      const t = totals.get(k) ?? { verified: 0, unverified: 0, records: 0 }
      t.records += 1
      if (r.state === 'verified') t.verified += r.hours
      else t.unverified += r.hours
      totals.set(k, t)
    }
    const d = days.get(`${r.year}:${r.personId}`) ?? {}
    d[r.date] = (d[r.date] ?? 0) + r.hours
    days.set(`${r.year}:${r.personId}`, d)
  }
  return { totals, days }
}

/** Every counter (person, group, province) equals the recount of the records; counters at zero count as absent. */
export async function expectCountersExact(h: Harness): Promise<void> {
  const { totals, days } = recountOf(await recordsIn(h))
  const counters = await countersIn(h)
  const held = new Map(counters.filter((c) => c.records !== 0 || c.verified !== 0 || c.unverified !== 0).map((c) => [c._id, { verified: c.verified, unverified: c.unverified, records: c.records }]))
  expect(held).toEqual(totals)
  for (const c of counters.filter((x) => x.kind === 'person')) {
    const kept = Object.fromEntries(Object.entries(c.days ?? {}).filter(([, n]) => n !== 0))
    expect(kept).toEqual(days.get(`${c.year}:${c.key}`) ?? {})
  }
}
