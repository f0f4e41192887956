/**
 * What the oversight tests share: a clean slate of everything the dashboard and the alerts
 * read, a world of several groups (each with a bound liaison, students of every political
 * status and "1+10" circles) advised by a few bound teachers, written straight into the
 * database, and documents of the other domains (talks, questions, cultivations) shaped as
 * ISSUE12 fixes them.
 */
import { countMembers } from '../../cloudfunctions/common/people'
import type { GroupDoc, PersonDoc } from '../../cloudfunctions/common/model'
import { newPerson } from '../../cloudfunctions/common/people'
import { groupSortKey } from '../../cloudfunctions/group/sortKey'
import type { PoliticalStatus } from '../../types/domain'
import type { Harness } from './harness'

export const YEAR = '2026-2027'

/** Collections the oversight reads or writes, emptied before each test. */
export const OVERSIGHT_COLLECTIONS = [
  'checkins', 'volunteerRecords', 'volunteerTotals', 'talks', 'questions', 'cultivations', 'alerts', 'settings',
  'lessons', 'lessonStats', 'lessonReads', 'lessonFeed', 'notes', 'outbox', 'subscriptions'
]

export async function clearOversight(h: Harness): Promise<void> {
  const db = h.app.database()
  for (const c of OVERSIGHT_COLLECTIONS) await db.collection(c).where({ _id: db.command.exists(true) }).remove()
}

export interface World {
  groups: GroupDoc[]
  students: PersonDoc[]
  /** teacher id -> the groups they advise */
  advisors: Map<string, string[]>
  /** openid of each bound person, by id */
  openids: Map<string, string>
}

const PROVINCES = ['河南省', '湖北省', '山东省']
const STATUSES: PoliticalStatus[] = ['member', 'probationary', 'activist', 'applicant', 'masses', 'masses']
const T0 = new Date('2026-07-05T00:00:00Z')

/**
 * `groups` groups of `perGroup` students each (the first the liaison, then statuses in
 * turn), in three provinces, advised by `advisors` teachers (group i by teacher i mod n),
 * every student bound to `o-w-<id>`. Written in bulk beside the fixture.
 */
export async function addWorld(h: Harness, opts: { groups: number; perGroup: number; advisors: number; prefix?: string }): Promise<World> {
  const p = opts.prefix ?? 'w'
  const now = new Date()
  const advisorIds = Array.from({ length: opts.advisors }, (_, i) => `${p}-teacher-${i}`)
  const teachers: PersonDoc[] = advisorIds.map((id, i) => ({ _id: id, ...newPerson({ no: `${p.toUpperCase()}T${String(i).padStart(4, '0')}`, kind: 'teacher', name: `${p}老师${i}`, openid: `o-${id}` }, now) }) as PersonDoc)
  const students: PersonDoc[] = []
  const groups: GroupDoc[] = []
  for (let g = 0; g < opts.groups; g++) {
    const groupId = `${p}-group-${g}`
    const province = PROVINCES[g % PROVINCES.length]
    const members: PersonDoc[] = Array.from({ length: opts.perGroup }, (_, i) => {
      const status = i === 0 ? 'member' : STATUSES[(i + g) % STATUSES.length]
      const id = `${p}-s-${g}-${i}`
      return {
        _id: id,
        ...newPerson({
          no: `${p.toUpperCase()}${String(g).padStart(3, '0')}${String(i).padStart(3, '0')}`, kind: 'student', name: `学生${g}-${i}`, politicalStatus: status, groupId, year: YEAR,
          openid: `o-${id}`, province, city: `城市${g}`, unitId: `unit-${g}`, unitName: `医院${g}`,
          activistSince: status === 'activist' ? '2026-03-01' : null,
          joinedPartyAt: status === 'probationary' ? '2026-06-01' : null,
          probationEndsAt: status === 'probationary' ? '2027-06-01' : null,
          history: [{ groupId, groupName: `${p}小组${g}`, at: T0, reason: '组建党小组' }]
        }, now)
      } as PersonDoc
    })
    const party = members.filter((m) => m.politicalStatus === 'member' || m.politicalStatus === 'probationary')
    const ordinary = members.filter((m) => !party.includes(m))
    // The first Party member looks after half of the ordinary students.
    const circles = party.length ? { [party[0]._id]: ordinary.slice(0, Math.ceil(ordinary.length / 2)).map((m) => m._id) } : {}
    const group: GroupDoc = {
      _id: groupId, key: `${YEAR}/${province}/${p}/${g}`, year: YEAR, name: `${p}小组${g}`, province, sortKey: '', cities: [`城市${g}`],
      inviteCode: `${p.toUpperCase()}${String(g).padStart(5, '0')}`.slice(-6).padStart(6, 'Q'), liaisonId: members[0]._id, liaisonName: members[0].name, coreMemberIds: [],
      advisorIds: [advisorIds[g % advisorIds.length]], advisorNames: [`${p}老师${g % advisorIds.length}`], unitContactIds: [], flagIssued: g % 3 === 0,
      counts: countMembers(members), circles, circlesVersion: 1, createdAt: T0, updatedAt: T0
    }
    group.sortKey = groupSortKey(group)
    groups.push(group)
    students.push(...members)
  }
  const db = h.app.database()
  await db.collection('groups').add(groups)
  for (let i = 0; i < students.length; i += 500) await db.collection('people').add(students.slice(i, i + 500))
  await db.collection('people').add(teachers)
  const bound = [...students, ...teachers]
  for (let i = 0; i < bound.length; i += 500) await db.collection('bindings').add(bound.slice(i, i + 500).map((x) => ({ _id: x.openid!, personId: x._id, boundAt: now })))
  const advisors = new Map(advisorIds.map((id) => [id, groups.filter((g) => g.advisorIds.includes(id)).map((g) => g._id)]))
  return { groups, students, advisors, openids: new Map(bound.map((x) => [x._id, x.openid!])) }
}

/** A year's worth of records for a world, written as their functions store them: check-ins, hours, talks, questions, a lesson's figures. */
export async function addRecords(h: Harness, world: World, tag: string): Promise<void> {
  const db = () => h.app.database()
  const now = Date.now()
  const DAY_MS = 86_400_000
  const checkins = world.groups.flatMap((g, i) => Array.from({ length: 6 }, (_, k) => {
    const heldAt = new Date(now - (k * 25 + i) * DAY_MS)
    return { _id: `${tag}-c-${i}-${k}`, groupId: g._id, groupName: g.name, type: k % 2 ? 'study' : 'groupMeeting', heldAt, key: `${tag}-${i}-${k}`, attendance: {}, attendeeIds: [], counts: { listed: 0, confirmed: 0, requested: 0 } }
  }))
  await db().collection('checkins').add(checkins)
  const records = world.students.map((s, i) => ({
    _id: `${tag}-v-${i}`, personId: s._id, personName: s.name, groupId: s.groupId, province: s.province, year: YEAR, date: new Date(now - (i % 100) * DAY_MS).toISOString().slice(0, 10),
    hours: 1.5, state: i % 3 ? 'verified' : 'pending', key: `${tag}-${i}`
  }))
  await db().collection('volunteerRecords').add(records)
  await db().collection('volunteerTotals').add(records.map((r) => ({ _id: `person:${YEAR}:${r.personId}`, kind: 'person', year: YEAR, key: r.personId, name: r.personName, groupId: r.groupId, verified: r.state === 'verified' ? 1.5 : 0, unverified: r.state === 'pending' ? 1.5 : 0, records: 1, requestIds: [], updatedAt: new Date() })))
  const advisorOf = (groupId: string | null) => world.groups.find((g) => g._id === groupId)!.advisorIds[0]
  await db().collection('talks').add(world.students.filter((_s, i) => i % 2).map((s, i) => talkDoc({ _id: `${tag}-t-${i}`, groupId: s.groupId!, studentId: s._id, recorderId: advisorOf(s.groupId), date: new Date(now - (i % 60) * DAY_MS).toISOString().slice(0, 10), followUpDue: i % 4 ? null : '2026-08-01' })))
  await db().collection('questions').add(world.students.filter((_s, i) => i % 3 === 0).map((s, i) => questionDoc({ _id: `${tag}-q-${i}`, groupId: s.groupId!, askerId: s._id, advisorId: advisorOf(s.groupId), askedAt: new Date(now - (i % 10) * DAY_MS) })))
  await db().collection('lessons').add({ _id: `${tag}-lesson`, title: '学习党章', year: YEAR, state: 'published', publishAt: new Date(now - 20 * DAY_MS), audience: world.groups.map((g) => g._id), key: tag })
  await db().collection('lessonStats').add([
    ...world.groups.map((g, i) => ({ _id: `${tag}-lesson:${g._id}`, lessonId: `${tag}-lesson`, groupId: g._id, groupName: g.name, province: g.province, targeted: 10, read: i % 10, answered: 0, scoreSum: 0, scoreMax: 0 })),
    { _id: `${tag}-lesson:~total`, lessonId: `${tag}-lesson`, groupId: '~total', groupName: '', province: '', targeted: 10 * world.groups.length, read: 40, answered: 0, scoreSum: 0, scoreMax: 0 }
  ])
}

/** A talk as the talk domain stores it (ISSUE12). */
export function talkDoc(t: { _id: string; groupId: string; studentId: string; studentName?: string; recorderId: string; recorderName?: string; date: string; followUpDue?: string | null; followUpDone?: boolean }) {
  const term = Number(t.date.slice(5, 7)) >= 7 ? 1 : 2
  return {
    _id: t._id, requestIds: [`req-${t._id}`], year: YEAR, term: `${YEAR}-${term}`, groupId: t.groupId, studentId: t.studentId, studentName: t.studentName ?? t.studentId,
    recorderId: t.recorderId, recorderName: t.recorderName ?? t.recorderId, recorderRole: 'advisor', date: t.date, form: 'inPerson', topic: '实习近况', summary: '谈了实习与学习情况。',
    followUp: t.followUpDue ? '下周再联系' : null, followUpDue: t.followUpDue ?? null, followUpDone: t.followUpDone ?? false,
    createdAt: new Date(), updatedAt: new Date()
  }
}

/** A question as the question domain stores it (ISSUE12). */
export function questionDoc(q: { _id: string; groupId: string; askerId: string; advisorId: string; advisorName?: string; askedAt: Date; answered?: boolean; year?: string }) {
  return {
    _id: q._id, requestIds: [`req-${q._id}`], year: q.year ?? YEAR, groupId: q.groupId, askerId: q.askerId, askerName: q.askerId, advisorId: q.advisorId,
    advisorName: q.advisorName ?? q.advisorId, kind: 'professional', body: '请问实习中如何兼顾学习？', visibility: 'private',
    status: q.answered ? 'answered' : 'open', askedAt: q.askedAt,
    answer: q.answered ? { body: '合理安排时间。', answeredAt: new Date(), by: q.advisorId, byName: q.advisorName ?? q.advisorId } : null,
    answeredAt: q.answered ? new Date() : null
  }
}

/** A cultivation record as the cultivation domain stores it (ISSUE12). */
export function cultivationDoc(c: { personId: string; groupId: string; lastReviewOn?: string | null; schoolContactId?: string | null; unitContactId?: string | null; reviews?: unknown[] }) {
  return {
    _id: c.personId, personId: c.personId, name: c.personId, year: YEAR, groupId: c.groupId,
    schoolContactId: c.schoolContactId ?? null, schoolContactName: c.schoolContactId ?? null,
    unitContactId: c.unitContactId ?? null, unitContactName: c.unitContactId ?? null,
    reviews: c.reviews ?? [], lastReviewOn: c.lastReviewOn ?? null, updatedAt: new Date()
  }
}

/** Fires the `dailyAlerts` timer as the platform would at `at`. */
export async function fireDailyAlerts(h: Harness, at: Date): Promise<{ ok: boolean; data?: any; error?: any }> {
  const { result } = await h.app.callFunction({ name: 'oversight', data: { Type: 'Timer', TriggerName: 'dailyAlerts', Time: at.toISOString() } as any })
  return result as any
}
