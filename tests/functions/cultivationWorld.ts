/**
 * What the cultivation tests share: the fixture with the people dual cultivation needs —
 * an activist of each group who can sign in (the person whose file is read), a probationary
 * member whose probation has ended, a teacher who advises no group (a school contact only),
 * and a second unit contact who is contact of both groups but the unit contact of group B's
 * activist only — reloaded before each test with no cultivation data; inputs with fresh
 * request ids; the stored state read straight from the database.
 */
import { randomBytes } from 'node:crypto'
import type { GroupDoc, PersonDoc } from '../../cloudfunctions/common/model'
import { countMembers } from '../../cloudfunctions/common/people'
import type { CultivationDoc, ObservationDoc } from '../../cloudfunctions/cultivation/model'
import type { ActionInput } from '../../types/contract'
import { buildFixture, Fixture, loadFixture, OPENID } from './fixture'
import { Harness, useHarness } from './harness'

export const CV_OPENID = {
  activistA: 'o-activist-a',
  activistB: 'o-activist-b',
  probationA: 'o-probation-a',
  teacherC: 'o-teacher-c',
  contactB: 'o-contact-b'
} as const

export const CULTIVATION_COLLECTIONS = ['cultivations', 'observations', 'settings']

const T0 = new Date('2026-09-01T00:00:00Z')

/** The fixture with the people above. */
export function cultivationFixture(): Fixture {
  const f = buildFixture()
  const base = f.people.find((p) => p._id === 'activist-a')!
  base.openid = CV_OPENID.activistA
  const like = (id: string, fields: Partial<PersonDoc>): PersonDoc => ({ ...base, _id: id, history: [], openid: null, ...fields })
  f.people.push(
    like('activist-b', { no: '2023020003', name: '孙积极', groupId: 'group-b', city: '洛阳市', unitId: 'unit-ly', unitName: '洛阳市中心医院', activistSince: '2026-01-15', openid: CV_OPENID.activistB }),
    like('probation-a', { no: '2023010008', name: '杨预备', politicalStatus: 'probationary', activistSince: '2024-09-01', joinedPartyAt: '2025-11-01', probationEndsAt: '2026-11-01', openid: CV_OPENID.probationA }),
    like('teacher-c', { kind: 'teacher', no: 'T0003', name: '何老师', groupId: null, politicalStatus: 'member', activistSince: null, unitId: null, unitName: null, openid: CV_OPENID.teacherC }),
    like('contact-b', { kind: 'unitContact', no: 'U0002', name: '郭带教', groupId: null, politicalStatus: 'member', activistSince: null, unitName: '洛阳市中心医院', openid: CV_OPENID.contactB })
  )
  for (const p of f.people) {
    if (p.kind === 'student' && p.groupId && !p.history.length) p.history = [{ groupId: p.groupId, groupName: p.groupId, at: T0, reason: '组建党小组' }]
  }
  for (const g of f.groups) {
    g.unitContactIds = [...g.unitContactIds, 'contact-b']
    g.counts = countMembers(f.people.filter((p) => p.groupId === g._id))
  }
  return f
}

export async function clearCultivation(h: Harness): Promise<void> {
  const db = h.app.database()
  for (const c of CULTIVATION_COLLECTIONS) {
    try {
      await db.collection(c).where({ _id: db.command.exists(true) }).remove()
    } catch (e) {
      // settings belongs to the branch's oversight: absent until it is created
      if ((e as { code?: string }).code !== 'DATABASE_COLLECTION_NOT_EXIST') throw e
    }
  }
}

/** The harness with the world above reloaded before each test. */
export function useCultivationHarness(): Harness {
  const h = useHarness({ fixturePerTest: false })
  beforeEach(async () => {
    await loadFixture(h.app, cultivationFixture())
    await clearCultivation(h)
  })
  return h
}

/** A fresh client request id. */
export const rid = (): string => `r-${randomBytes(8).toString('hex')}`

export const observeInput = (personId: string, extra: Partial<ActionInput<'cultivation', 'observe'>> = {}): ActionInput<'cultivation', 'observe'> => ({
  requestId: rid(), personId, date: '2026-11-20', aspect: 'work', body: '轮转期间认真完成带教任务，主动帮助患者。', ...extra
})

/** Who the branch names as contacts: activist A — 何老师 and the group's unit contact; activist B — 何老师 and 郭带教; probationary A — 王老师 (their advisor) and the group's unit contact. */
export const ASSIGNMENTS = [
  { personId: 'activist-a', schoolContactId: 'teacher-c', unitContactId: 'contact-a' },
  { personId: 'activist-b', schoolContactId: 'teacher-c', unitContactId: 'contact-b' },
  { personId: 'probation-a', schoolContactId: 'advisor-a', unitContactId: 'contact-a' }
] as const

export async function assignAll(h: Harness): Promise<void> {
  for (const a of ASSIGNMENTS) await h.ok(OPENID.admin, 'cultivation', 'assignContacts', { ...a })
}

/** Writes the branch's cadences (the oversight domain's settings document). */
export async function setCadences(h: Harness, cadences: Record<string, unknown>): Promise<void> {
  const db = h.app.database()
  try {
    await db.createCollection('settings')
  } catch {
    // exists already
  }
  await db.collection('settings').doc('cadences').set(cadences)
}

export async function cultivationOf(h: Harness, personId: string): Promise<CultivationDoc | null> {
  return ((await h.app.database().collection('cultivations').doc(personId).get()).data[0] as CultivationDoc | undefined) ?? null
}

export async function observationsOf(h: Harness, personId: string): Promise<ObservationDoc[]> {
  return (await h.app.database().collection('observations').where({ personId }).limit(1000).get()).data as ObservationDoc[]
}

export async function personOf(h: Harness, id: string): Promise<PersonDoc> {
  return (await h.app.database().collection('people').doc(id).get()).data[0] as PersonDoc
}

export async function groupOf(h: Harness, id: string): Promise<GroupDoc> {
  return (await h.app.database().collection('groups').doc(id).get()).data[0] as GroupDoc
}

/** A group's kept counts against a recount of its members. */
export async function expectCountsExact(h: Harness, groupId: string): Promise<void> {
  const members = (await h.app.database().collection('people').where({ groupId }).limit(1000).get()).data as PersonDoc[]
  expect((await groupOf(h, groupId)).counts).toEqual(countMembers(members))
}

/** Everything dual cultivation touches, for "nothing changed" checks. */
export async function cultivationState(h: Harness): Promise<string> {
  const db = h.app.database()
  const all = async (c: string) => {
    try {
      return ((await db.collection(c).limit(1000).get()).data as { _id: string }[]).sort((a, b) => (a._id < b._id ? -1 : 1))
    } catch {
      return []
    }
  }
  return JSON.stringify(await Promise.all(['cultivations', 'observations', 'people', 'groups'].map(all)))
}
