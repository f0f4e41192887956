/**
 * A small, fully known world for function tests: two groups in Henan (A: 郑州, B: 洛阳),
 * their liaisons, advisors and a unit contact, some members, an admin, and students not
 * yet bound. Written straight into the database with the admin SDK.
 */
import type { PoliticalStatus } from '../../types/domain'
import type { GroupDoc, PersonDoc, UnitDoc } from '../../cloudfunctions/common/model'
import { countMembers } from '../../cloudfunctions/common/people'
import { groupSortKey } from '../../cloudfunctions/group/sortKey'
import type { App } from '../helpers/cloudbase'

export const OPENID = {
  admin: 'o-admin',
  advisorA: 'o-advisor-a',
  advisorB: 'o-advisor-b',
  unitContactA: 'o-unitcontact-a',
  liaisonA: 'o-liaison-a',
  liaisonB: 'o-liaison-b',
  coreA: 'o-core-a',
  internA: 'o-intern-a',
  internB: 'o-intern-b',
  loner: 'o-loner',
  unbound: 'o-unbound'
} as const

const T0 = new Date('2026-09-01T00:00:00Z')

function person(id: string, fields: Partial<PersonDoc>): PersonDoc {
  return {
    _id: id, no: id.toUpperCase(), kind: 'student', name: id, phone: '13800000000', grade: '2023级', major: '口腔医学',
    politicalStatus: 'masses', joinedPartyAt: null, probationEndsAt: null, activistSince: null,
    unitId: 'unit-zz', unitName: '郑州市第一人民医院', province: '河南省', city: '郑州市',
    internshipStart: '2026-07-01', internshipEnd: '2027-04-30', groupId: null, admin: false, year: '2026-2027', history: [], openid: null, boundAt: null, createdAt: T0, updatedAt: T0,
    ...fields
  }
}

const student = (id: string, status: PoliticalStatus, groupId: string | null, extra: Partial<PersonDoc> = {}): PersonDoc =>
  person(id, { politicalStatus: status, groupId, ...(groupId === 'group-b' ? { city: '洛阳市', unitId: 'unit-ly', unitName: '洛阳市中心医院' } : {}), ...extra })

export interface Fixture {
  people: PersonDoc[]
  groups: GroupDoc[]
  units: UnitDoc[]
}

export function buildFixture(): Fixture {
  const units: UnitDoc[] = [
    { _id: 'unit-zz', name: '郑州市第一人民医院', province: '河南省', city: '郑州市', createdAt: T0 },
    { _id: 'unit-ly', name: '洛阳市中心医院', province: '河南省', city: '洛阳市', createdAt: T0 }
  ]
  const people: PersonDoc[] = [
    person('admin', { kind: 'staff', no: 'S0001', admin: true, openid: OPENID.admin, politicalStatus: 'member', unitId: null, unitName: null, province: null, city: null }),
    person('advisor-a', { kind: 'teacher', no: 'T0001', openid: OPENID.advisorA, politicalStatus: 'member', unitId: null, unitName: null }),
    person('advisor-b', { kind: 'teacher', no: 'T0002', openid: OPENID.advisorB, politicalStatus: 'member', unitId: null, unitName: null }),
    person('contact-a', { kind: 'unitContact', no: 'U0001', openid: OPENID.unitContactA, politicalStatus: 'member' }),
    student('liaison-a', 'member', 'group-a', { openid: OPENID.liaisonA, no: '2023010001', name: '李联络', joinedPartyAt: '2025-05-01' }),
    student('core-a', 'probationary', 'group-a', { openid: OPENID.coreA, no: '2023010002', name: '王骨干', joinedPartyAt: '2026-06-01', probationEndsAt: '2027-06-01' }),
    student('member-a3', 'member', 'group-a', { no: '2023010003', name: '张党员' }),
    student('intern-a', 'masses', 'group-a', { openid: OPENID.internA, no: '2023010004', name: '赵同学', phone: '13911112222' }),
    student('activist-a', 'activist', 'group-a', { no: '2023010005', name: '钱积极', activistSince: '2025-10-01' }),
    student('masses-a6', 'masses', 'group-a', { no: '2023010006', name: '孙同学' }),
    student('applicant-a7', 'applicant', 'group-a', { no: '2023010007', name: '周同学' }),
    student('liaison-b', 'member', 'group-b', { openid: OPENID.liaisonB, no: '2023020001', name: '吴联络' }),
    student('intern-b', 'masses', 'group-b', { openid: OPENID.internB, no: '2023020002', name: '郑同学' }),
    student('loner', 'masses', null, { openid: OPENID.loner, no: '2023030001', name: '冯同学' }),
    student('unbound-1', 'activist', null, { no: '2023030002', name: '陈未绑' }),
    student('unbound-2', 'masses', null, { no: '2023030003', name: '褚未绑' })
  ]
  for (const p of people) {
    if (p.groupId) p.history = [{ groupId: p.groupId, groupName: p.groupId === 'group-a' ? '郑州市实习党小组' : '洛阳市实习党小组', at: T0, reason: '组建党小组' }]
  }
  const groups: GroupDoc[] = [
    { _id: 'group-a', key: '2026-2027/河南省/郑州市/1', year: '2026-2027', name: '郑州市实习党小组', province: '河南省', sortKey: '', cities: ['郑州市'], inviteCode: 'AAAAAA', liaisonId: 'liaison-a', liaisonName: '李联络', coreMemberIds: ['core-a'], advisorIds: ['advisor-a'], advisorNames: ['advisor-a'], unitContactIds: ['contact-a'], flagIssued: false, counts: countMembers([]), circles: { 'liaison-a': ['intern-a'] }, circlesVersion: 1, createdAt: T0, updatedAt: T0 },
    { _id: 'group-b', key: '2026-2027/河南省/洛阳市/1', year: '2026-2027', name: '洛阳市实习党小组', province: '河南省', sortKey: '', cities: ['洛阳市'], inviteCode: 'BBBBBB', liaisonId: 'liaison-b', liaisonName: '吴联络', coreMemberIds: [], advisorIds: ['advisor-b'], advisorNames: ['advisor-b'], unitContactIds: [], flagIssued: true, counts: countMembers([]), circles: {}, circlesVersion: 0, createdAt: T0, updatedAt: T0 }
  ]
  for (const g of groups) {
    g.counts = countMembers(people.filter((p) => p.groupId === g._id))
    g.sortKey = groupSortKey(g)
  }
  return { people, groups, units }
}

/** Writes the fixture, replacing whatever the collections held. */
export async function loadFixture(app: App, fixture = buildFixture()): Promise<Fixture> {
  const db = app.database()
  const _ = db.command
  for (const name of ['people', 'groups', 'units', 'bindings', 'attempts', 'invites', 'secrets', 'imports', 'yearUnits']) {
    await db.collection(name).where({ _id: _.exists(true) }).remove()
  }
  await db.collection('units').add(fixture.units)
  await db.collection('groups').add(fixture.groups)
  await db.collection('people').add(fixture.people)
  const bindings = fixture.people.filter((p) => p.openid).map((p) => ({ _id: p.openid!, personId: p._id, boundAt: T0 }))
  await db.collection('bindings').add(bindings)
  return fixture
}
