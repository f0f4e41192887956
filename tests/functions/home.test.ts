/**
 * `user.home`, the app's first screen, over generated schools (groups of several years,
 * members of every political status, liaisons, core members, advisors, unit contacts,
 * "1+10" circles, students waiting for a group, a teacher with more groups than the
 * screen shows, an admin who is also a teacher) and generated callers of every kind:
 * each sees exactly their view, `me` is `user.me`, a student's envelope names no other
 * member's phone, political status or mentor, and every call stays within four database
 * requests and reads only what it shows (the branch: the groups, never the people).
 */
import fc from 'fast-check'
import type { GroupDoc, PersonDoc, UnitDoc } from '../../cloudfunctions/common/model'
import { countMembers } from '../../cloudfunctions/common/people'
import { groupSortKey } from '../../cloudfunctions/group/sortKey'
import { unitIdOf } from '../../cloudfunctions/roster/units'
import { mulberry32, rosterToCsv } from '../../scripts/seed/data'
import { ATTENTION_REASON_LABELS, ATTENTION_REASONS, AttentionReason, HOME_ATTENTION_GROUPS, HOME_STAFF_GROUPS } from '../../types/actions/user'
import type { ActionOutput } from '../../types/contract'
import { isPartyMember, POLITICAL_STATUSES, PoliticalStatus } from '../../types/domain'
import { Fixture, OPENID } from './fixture'
import { useHarness } from './harness'
import { POOL } from './rosterFiles'

type Home = ActionOutput<'user', 'home'>['home']

const YEARS = ['2024-2025', '2025-2026', '2026-2027']
const PLACES: [string, string[]][] = [['河南省', ['郑州市', '洛阳市', '开封市']], ['湖北省', ['武汉市', '宜昌市']], ['北京市', ['北京市']]]
const TEACHERS = 4
const CONTACTS = 3
const T0 = new Date('2026-09-01T00:00:00Z')

interface World {
  fixture: Fixture
  /** `yearUnits` marks: the units each year's roster named */
  marks: { _id: string; year: string; unitId: string }[]
  /** who to call as: openid and person id (null: not bound) */
  callers: { openid: string; personId: string | null }[]
}

function personDoc(id: string, fields: Partial<PersonDoc>): PersonDoc {
  return {
    _id: id, no: id.toUpperCase(), kind: 'student', name: `名${id}`, phone: null, grade: '2023级', major: '护理', politicalStatus: 'masses',
    joinedPartyAt: null, probationEndsAt: null, activistSince: null, unitId: null, unitName: null, province: null, city: null,
    internshipStart: null, internshipEnd: null, groupId: null, admin: false, year: null, history: [], openid: `o-${id}`, boundAt: T0,
    createdAt: T0, updatedAt: T0, ...fields
  }
}

/**
 * A generated school of about `size` groups (none: no year has groups yet): every person
 * has a phone of their own, so a leaked one is recognised.
 */
function generateWorld(seed: number, size = 1 + (Math.abs(seed) % 8)): World {
  const rnd = mulberry32(seed)
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]
  const some = <T>(xs: readonly T[], p: number): T[] => xs.filter(() => rnd() < p)
  let phones = 0
  const phone = (): string => `139${String(seed % 1000).padStart(3, '0')}${String(++phones).padStart(5, '0')}`
  const units: UnitDoc[] = PLACES.flatMap(([province, cities]) => cities.flatMap((city) => [1, 2].map((n) => ({
    _id: `u-${city}-${n}`, name: `${city}第${n}医院`, province, city, createdAt: T0
  }))))
  const unitIn = (province: string, cities: string[]): UnitDoc => pick(units.filter((u) => u.province === province && cities.includes(u.city)))
  const teachers = Array.from({ length: TEACHERS }, (_, i) => personDoc(`t${i}`, { kind: 'teacher', phone: phone(), politicalStatus: 'member' }))
  const contacts = Array.from({ length: CONTACTS }, (_, i) => {
    const u = pick(units)
    return personDoc(`c${i}`, { kind: 'unitContact', phone: phone(), unitId: u._id, unitName: u.name, province: u.province, city: u.city })
  })
  const admin = personDoc('admin', { kind: 'staff', admin: true, phone: phone(), openid: OPENID.admin })
  const adminTeacher = personDoc('at', { kind: 'teacher', admin: true, phone: phone() })
  const people: PersonDoc[] = [...teachers, ...contacts, admin, adminTeacher]
  const groups: GroupDoc[] = []
  const student = (id: string, year: string, province: string, cities: string[], groupId: string | null): PersonDoc => {
    const u = unitIn(province, cities)
    // Now and then a roster without a political status (no badge).
    const status = rnd() < 0.05 ? null : pick(POLITICAL_STATUSES) as PoliticalStatus
    return personDoc(id, { politicalStatus: status, phone: phone(), unitId: u._id, unitName: u.name, province, city: u.city, year, groupId })
  }

  const addGroup = (i: number, members: number, advisorIds: string[], year = pick(YEARS)): void => {
    const [province, allCities] = pick(PLACES)
    const cities = allCities.filter((c, k) => k === 0 || rnd() < 0.4)
    const id = `g${i}`
    const inGroup = Array.from({ length: members }, (_, k) => student(`s${i}-${k}`, year, province, cities, id))
    people.push(...inGroup)
    const party = inGroup.filter((p) => isPartyMember(p.politicalStatus))
    const liaison = party.length && rnd() < 0.7 ? pick(party) : null
    const circles: Record<string, string[]> = {}
    for (const p of inGroup) if (!isPartyMember(p.politicalStatus) && party.length && rnd() < 0.7) (circles[pick(party)._id] ??= []).push(p._id)
    // Circles a later roster made stale: a mentee who became a Party member, a mentor who is one no longer.
    const ordinary = inGroup.filter((p) => !isPartyMember(p.politicalStatus))
    if (party.length > 1 && rnd() < 0.3) (circles[party[0]._id] ??= []).push(party[1]._id)
    if (ordinary.length > 1 && rnd() < 0.3) (circles[ordinary[0]._id] ??= []).push(ordinary[1]._id)
    const key = `${year}/${province}/${cities[0]}/${i}`
    const g: GroupDoc = {
      _id: id, key, year, name: `${cities[0]}第${i}实习党小组`, province, sortKey: '', cities, inviteCode: `IV${String(i).padStart(4, '0')}`,
      liaisonId: liaison?._id ?? null, liaisonName: liaison?.name ?? null,
      coreMemberIds: some(party.filter((p) => p !== liaison), 0.5).map((p) => p._id),
      advisorIds, advisorNames: advisorIds.map((a) => people.find((p) => p._id === a)!.name),
      unitContactIds: some(contacts, 0.3).map((c) => c._id),
      flagIssued: rnd() < 0.5, counts: countMembers(inGroup), circles, circlesVersion: 1, createdAt: T0, updatedAt: T0
    }
    groups.push({ ...g, sortKey: groupSortKey(g) })
  }
  const staff = [...teachers.map((t) => t._id), adminTeacher._id]
  for (let i = 0; i < size; i++) addGroup(i, Math.floor(rnd() * 11), some(staff, 0.35))
  // Sometimes a teacher who looks after more groups than the home screen shows.
  if (size && rnd() < 0.4) {
    const extra = HOME_STAFF_GROUPS - 5 + Math.floor(rnd() * 15)
    const year = pick(YEARS)
    for (let i = 0; i < extra; i++) addGroup(100 + i, 0, ['t0'], year)
  }
  // Students waiting for a group, in the years that have groups and in one that has none yet.
  for (let i = 0, n = Math.floor(rnd() * 6); i < n; i++) {
    const [province, cities] = pick(PLACES)
    people.push(student(`w${i}`, pick([...YEARS, '2027-2028']), province, cities, null))
  }
  const marks = YEARS.flatMap((year) => some(units, 0.5).map((u) => ({ _id: `${year}|${u._id}`, year, unitId: u._id })))

  const students = people.filter((p) => p.kind === 'student')
  const callers = [
    { openid: OPENID.admin, personId: 'admin' },
    { openid: adminTeacher.openid!, personId: adminTeacher._id },
    { openid: OPENID.unbound, personId: null },
    ...some(teachers, 0.6).map((t) => ({ openid: t.openid!, personId: t._id })),
    ...some(contacts, 0.5).map((c) => ({ openid: c.openid!, personId: c._id })),
    ...(students.length ? Array.from({ length: 6 }, () => pick(students)).map((s) => ({ openid: s.openid!, personId: s._id })) : [])
  ]
  return { fixture: { people, groups, units }, marks, callers: [...new Map(callers.map((c) => [c.openid, c])).values()] }
}

// ------------------------------------------------------------------ what each caller should see

const byListOrder = (a: GroupDoc, b: GroupDoc): number => {
  for (const k of ['province', 'name', 'key'] as const) if (a[k] !== b[k]) return a[k] < b[k] ? -1 : 1
  return 0
}
const summary = (g: GroupDoc) => ({
  id: g._id, name: g.name, province: g.province, cities: g.cities, counts: g.counts, liaisonName: g.liaisonName,
  advisorNames: g.advisorNames, flagIssued: g.flagIssued
})

function expectedIntern(w: World, me: PersonDoc): Home {
  const byId = new Map(w.fixture.people.map((p) => [p._id, p]))
  const ref = (id: string) => ({ id, name: byId.get(id)!.name })
  const g = w.fixture.groups.find((x) => x._id === me.groupId) ?? null
  const party = isPartyMember(me.politicalStatus)
  const mentorId = g && !party ? Object.entries(g.circles).find(([, mentees]) => mentees.includes(me._id))?.[0] ?? null : null
  return {
    view: 'intern',
    group: g && {
      id: g._id, name: g.name, province: g.province, cities: g.cities, year: g.year, flagIssued: g.flagIssued, counts: g.counts,
      liaison: g.liaisonId ? ref(g.liaisonId) : null,
      advisors: g.advisorIds.map(ref),
      unitContacts: g.unitContactIds.map((id) => ({ ...ref(id), unitName: byId.get(id)!.unitName })),
      myRole: g.liaisonId === me._id ? 'liaison' : g.coreMemberIds.includes(me._id) ? 'coreMember' : null
    },
    mentor: mentorId ? ref(mentorId) : null,
    mentees: g && party ? (g.circles[me._id] ?? []).map(ref) : [],
    canShowBadge: me.politicalStatus !== null
  }
}

function expectedStaff(w: World, me: PersonDoc): Home {
  const mine = w.fixture.groups
    .filter((g) => (me.kind === 'teacher' ? g.advisorIds : g.unitContactIds).includes(me._id))
    .sort((a, b) => (a.year !== b.year ? (a.year < b.year ? 1 : -1) : byListOrder(a, b)))
  // No question is asked in these worlds (tests/functions/question-*.test.ts count them).
  const openQuestions = me.kind === 'teacher' ? 0 : null
  return { view: 'staff', groups: mine.slice(0, HOME_STAFF_GROUPS).map((g) => ({ ...summary(g), year: g.year })), total: mine.length, more: mine.length > HOME_STAFF_GROUPS, openQuestions }
}

const reasonsOf = (g: GroupDoc): AttentionReason[] => ATTENTION_REASONS.filter((r) => ({
  noLiaison: g.liaisonId === null,
  noAdvisor: g.advisorIds.length === 0,
  noPartyMember: g.counts.partyMembers === 0,
  flagNotIssued: !g.flagIssued
})[r])

function expectedBranch(w: World, asked?: string): Home {
  const { groups, people } = w.fixture
  const years = [...new Set(groups.map((g) => g.year))].sort().reverse()
  const year = asked ?? years[0] ?? null
  const ofYear = groups.filter((g) => g.year === year)
  const sum = (k: keyof GroupDoc['counts']) => ofYear.reduce((n, g) => n + g.counts[k], 0)
  const needing = ofYear.filter((g) => reasonsOf(g).length).sort((a, b) => reasonsOf(b).length - reasonsOf(a).length || byListOrder(a, b))
  return {
    view: 'branch',
    year,
    years: years.map((y) => ({ year: y, groups: groups.filter((g) => g.year === y).length })),
    groups: ofYear.length,
    interns: { total: sum('total'), partyMembers: sum('partyMembers'), probationary: sum('probationary'), activists: sum('activists'), others: sum('others') },
    unassigned: people.filter((p) => p.kind === 'student' && p.groupId === null && (year === null || p.year === year)).length,
    provinces: [...new Set(ofYear.map((g) => g.province))].sort(),
    units: year === null ? null : w.marks.filter((m) => m.year === year).length,
    attention: {
      total: needing.length,
      byReason: Object.fromEntries(ATTENTION_REASONS.map((r) => [r, ofYear.filter((g) => reasonsOf(g).includes(r)).length])) as Record<AttentionReason, number>,
      groups: needing.slice(0, HOME_ATTENTION_GROUPS).map((g) => ({
        id: g._id, name: g.name, province: g.province, reasons: reasonsOf(g).map((code) => ({ code, label: ATTENTION_REASON_LABELS[code] }))
      }))
    }
  }
}

function expectedHome(w: World, personId: string | null): Home {
  const me = w.fixture.people.find((p) => p._id === personId)
  if (!me) return { view: 'unbound' }
  if (me.admin) return expectedBranch(w)
  if (me.kind === 'teacher' || me.kind === 'unitContact') return expectedStaff(w, me)
  return expectedIntern(w, me)
}

/** Every value in `x` under key `key`, with its path. */
function valuesAt(x: unknown, key: string, path = ''): [string, unknown][] {
  if (Array.isArray(x)) return x.flatMap((v, i) => valuesAt(v, key, `${path}[${i}]`))
  if (!x || typeof x !== 'object') return []
  return Object.entries(x).flatMap(([k, v]) => [...(k === key ? [[`${path}.${k}`, v] as [string, unknown]] : []), ...valuesAt(v, key, `${path}.${k}`)])
}

/** Every string anywhere in `x`. */
const stringsIn = (x: unknown): string[] =>
  typeof x === 'string' ? [x] : Array.isArray(x) ? x.flatMap(stringsIn) : x && typeof x === 'object' ? Object.values(x).flatMap(stringsIn) : []

describe('user.home', () => {
  const h = useHarness({ fixturePerTest: false })
  const examined = (): number => h.emulator!.store.stats.docsExamined

  /** Writes the world, replacing whatever the collections held (a world may have no group at all). */
  async function load(w: World): Promise<void> {
    const db = h.app.database()
    const { people, groups, units } = w.fixture
    const bindings = people.filter((p) => p.openid).map((p) => ({ _id: p.openid!, personId: p._id, boundAt: T0 }))
    const contents: [string, object[]][] = [['units', units], ['groups', groups], ['people', people], ['bindings', bindings], ['yearUnits', w.marks]]
    for (const [name, docs] of contents) {
      await db.collection(name).where({ _id: db.command.exists(true) }).remove()
      for (let i = 0; i < docs.length; i += 500) await db.collection(name).add(docs.slice(i, i + 500))
    }
  }

  /** What one call may read: the caller load's documents, and those the view shows. */
  function docsBudget(w: World, personId: string | null, home: Home): number {
    const me = w.fixture.people.find((p) => p._id === personId)
    if (!me) return 0
    switch (home.view) {
      case 'branch': return 1 + w.fixture.groups.filter((g) => g.advisorIds.includes(me._id)).length + w.fixture.groups.length
      case 'staff': return 1 + home.total
      case 'intern': return 2 + (home.group ? home.group.advisors.length + home.group.unitContacts.length : 0) + (home.mentor ? 1 : 0) + home.mentees.length
      default: return 1
    }
  }

  // A teacher's home counts their open questions from an index (no document read); a unit contact's needs nothing more.
  const REQUESTS: Record<Home['view'], number> = { unbound: 1, staff: 2, intern: 2, branch: 4 }

  it('shows every caller their own view, in at most four requests, reading only what it shows', async () => {
    // The runs must have met each case at least once (checked at the end).
    const seen = new Set<string>()
    const note = (home: Home): void => {
      seen.add(home.view)
      if (home.view === 'intern') {
        if (!home.group) seen.add('intern without a group')
        if (home.mentor) seen.add('a mentor')
        if (home.mentees.length) seen.add('mentees')
        if (!home.canShowBadge) seen.add('no badge')
      }
      if (home.view === 'staff' && home.more) seen.add('more groups than shown')
      if (home.view === 'branch' && home.year === null) seen.add('no group yet')
      if (home.view === 'branch' && home.attention.total > HOME_ATTENTION_GROUPS) seen.add('more groups needing attention than shown')
    }
    await fc.assert(fc.asyncProperty(fc.integer(), fc.nat(8), async (seed, size) => {
      const w = generateWorld(seed, size)
      await load(w)
      for (const c of w.callers) {
        h.resetCounters()
        const before = examined()
        const r = await h.call(c.openid, 'user', 'home', {})
        const requests = h.dbRequests()
        const docs = examined() - before
        if (!r.ok) throw new Error(`${c.openid}: ${JSON.stringify(r.error)}`)
        const want = expectedHome(w, c.personId)
        expect({ caller: c.openid, home: r.data.home }).toEqual({ caller: c.openid, home: want })
        expect({ caller: c.openid, me: r.data.me }).toEqual({ caller: c.openid, me: await h.ok(c.openid, 'user', 'me') })
        expect({ caller: c.openid, requests: requests <= REQUESTS[want.view] }).toEqual({ caller: c.openid, requests: true })
        expect({ caller: c.openid, docs: docs <= docsBudget(w, c.personId, want) }).toEqual({ caller: c.openid, docs: true })
        note(want)
      }
    }), { numRuns: 10, seed: 20270101, examples: [[1, 0]] })
    expect([...seen].sort()).toEqual(['a mentor', 'branch', 'intern', 'intern without a group', 'mentees', 'more groups needing attention than shown',
      'more groups than shown', 'no badge', 'no group yet', 'staff', 'unbound'].sort())
  })

  it('names no other member\'s phone, political status or mentor in a student\'s envelope', async () => {
    await fc.assert(fc.asyncProperty(fc.integer(), async (seed) => {
      const w = generateWorld(seed)
      await load(w)
      const students = w.fixture.people.filter((p) => p.kind === 'student')
      for (const me of students.filter((_, i) => i % 3 === seed % 3).slice(0, 8)) {
        const envelope = await h.call(me.openid!, 'user', 'home', {})
        const text = JSON.stringify(envelope)
        const others = w.fixture.people.filter((p) => p._id !== me._id)
        expect({ me: me._id, leakedPhones: others.filter((p) => p.phone && text.includes(p.phone)).map((p) => p._id) }).toEqual({ me: me._id, leakedPhones: [] })
        // Statuses and phones appear once: the caller's own, in `me`.
        expect(valuesAt(envelope, 'politicalStatus')).toEqual([['.data.me.person.politicalStatus', me.politicalStatus]])
        expect(valuesAt(envelope, 'phone')).toEqual([['.data.me.person.phone', me.phone]])
        const statusWords = stringsIn(envelope).filter((s) => (POLITICAL_STATUSES as readonly string[]).includes(s))
        expect(statusWords).toEqual(me.politicalStatus ? [me.politicalStatus] : [])
        // Of the group's members, only the liaison and the caller's own mentor or mentees are named.
        const g = w.fixture.groups.find((x) => x._id === me.groupId)
        const party = isPartyMember(me.politicalStatus)
        const allowed = new Set([me._id, g?.liaisonId, ...(g?.advisorIds ?? []), ...(g?.unitContactIds ?? []),
          ...(g && !party ? Object.entries(g.circles).filter(([, ms]) => ms.includes(me._id)).map(([m]) => m) : []),
          ...(g && party ? g.circles[me._id] ?? [] : [])])
        const named = w.fixture.people.filter((p) => stringsIn(envelope).includes(p._id)).map((p) => p._id)
        expect({ me: me._id, named: named.filter((id) => !allowed.has(id)) }).toEqual({ me: me._id, named: [] })
      }
    }), { numRuns: 6, seed: 20270102 })
  })

  it('shows the branch the year it asks for, and every year that has groups', async () => {
    await fc.assert(fc.asyncProperty(fc.integer(), fc.constantFrom(...YEARS, '2027-2028'), async (seed, year) => {
      const w = generateWorld(seed)
      await load(w)
      h.resetCounters()
      const home = (await h.ok(OPENID.admin, 'user', 'home', { year })).home
      expect(h.dbRequests()).toBeLessThanOrEqual(4)
      expect(home).toEqual(expectedBranch(w, year))
    }), { numRuns: 6, seed: 20270103 })
  })

  it('counts the units and the waiting interns that imported rosters bring', async () => {
    const upload = async (name: string, rows: typeof POOL): Promise<string> =>
      (await h.app.uploadFile({ cloudPath: `uploads/${name}`, fileContent: Buffer.from(rosterToCsv(rows)) })).fileID
    let n = 0
    await fc.assert(fc.asyncProperty(fc.array(fc.subarray(POOL.slice(0, 120), { minLength: 1, maxLength: 40 }), { minLength: 1, maxLength: 2 }), async (files) => {
      const w = generateWorld(n)
      w.marks = []
      await load(w)
      for (const rows of files) expect(await h.ok(OPENID.admin, 'roster', 'import', { fileID: await upload(`home-${++n}.csv`, rows), year: '2026-2027' })).toMatchObject({ written: true })
      const imported = new Map(files.flat().map((r) => [r.studentNo, r]))
      const home = (await h.ok(OPENID.admin, 'user', 'home', { year: '2026-2027' })).home
      const waiting = w.fixture.people.filter((p) => p.kind === 'student' && p.groupId === null && p.year === '2026-2027').length
      expect(home).toMatchObject({
        view: 'branch',
        units: new Set([...imported.values()].map(unitIdOf)).size,
        unassigned: waiting + imported.size
      })
    }), { numRuns: 3, seed: 20270104 })
  })
})
