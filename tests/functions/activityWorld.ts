/**
 * What the check-in tests share: a clean slate of check-ins, subscriptions and messages
 * before each test, check-in inputs with fresh request ids, and extra members of group A
 * (each bound to a WeChat account) for crowds.
 */
import { randomBytes } from 'node:crypto'
import type { CheckinDoc } from '../../cloudfunctions/activity/model'
import { newPerson } from '../../cloudfunctions/common/people'
import type { ActionInput } from '../../types/contract'
import { OPENID } from './fixture'
import { Harness, useHarness } from './harness'

export const ACTIVITY_COLLECTIONS = ['checkins', 'subscriptions', 'outbox']

/** The harness with the fixture and no check-ins before each test. */
export function useActivityHarness(): Harness {
  const h = useHarness()
  beforeEach(async () => {
    const db = h.app.database()
    for (const c of ACTIVITY_COLLECTIONS) await db.collection(c).where({ _id: db.command.exists(true) }).remove()
  })
  return h
}

/** A fresh client request id. */
export const rid = (): string => `r-${randomBytes(8).toString('hex')}`

type RecordInput = ActionInput<'activity', 'record'>

/** Group A's members in the fixture (liaison-a and core-a lead it; intern-a is bound). */
export const GROUP_A = ['liaison-a', 'core-a', 'member-a3', 'intern-a', 'activist-a', 'masses-a6', 'applicant-a7']

export const checkinInput = (extra: Partial<RecordInput> = {}): RecordInput => ({
  requestId: rid(), groupId: 'group-a', type: 'study', heldAt: new Date(Date.now() - 3600_000).toISOString(), place: '郑州市第一人民医院会议室',
  content: '集中学习党的二十大精神，结合临床实习交流体会。', attendeeIds: ['liaison-a', 'member-a3', 'activist-a'], photos: [], ...extra
})

/** Records a check-in as group A's liaison (or `openid`). */
export const recordCheckin = (h: Harness, extra: Partial<RecordInput> = {}, openid: string = OPENID.liaisonA) =>
  h.ok(openid, 'activity', 'record', checkinInput(extra))

export async function checkinsIn(h: Harness): Promise<CheckinDoc[]> {
  return ((await h.app.database().collection('checkins').limit(1000).get()).data as CheckinDoc[]).filter((d) => d.attendance)
}

/** `n` more members of group A, bound to accounts `o-crowd-<i>`; answers their ids and accounts. */
export async function addCrowd(h: Harness, n: number): Promise<{ id: string; openid: string }[]> {
  const crowd = Array.from({ length: n }, (_, i) => ({ id: `crowd-${i}`, openid: `o-crowd-${i}` }))
  const now = new Date()
  await h.app.database().collection('people').add(crowd.map((c, i) => ({
    _id: c.id, ...newPerson({ no: `2023090${String(i).padStart(3, '0')}`, kind: 'student', name: `同学${i}`, groupId: 'group-a', openid: c.openid, year: '2026-2027' }, now)
  })))
  return crowd
}
