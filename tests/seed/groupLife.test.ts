/**
 * The groups' life in the demo school: activity check-ins and volunteer service seeded in
 * bulk, in realistic numbers and seasons, stored exactly as the `activity` and `volunteer`
 * functions store them — counts that agree with the attendance, counters that agree with
 * the records — and read back through the real functions by the development identities.
 */
import path from 'node:path'
import type { AttendanceEntryDoc, CheckinDoc } from '../../cloudfunctions/activity/model'
import { chinaDay, TotalsDoc, totalsId, VolunteerDoc } from '../../cloudfunctions/volunteer/model'
import { buildFunctions } from '../../scripts/build-functions'
import { localApp } from '../../scripts/client'
import { readAllDocs } from '../../scripts/seed/bulk'
import { generateCheckins } from '../../scripts/seed/checkins'
import { mulberry32 } from '../../scripts/seed/data'
import { callerAs, DEV_IDENTITIES, seedDemo, SeedResult } from '../../scripts/seed/run'
import { readSchool, School } from '../../scripts/seed/school'
import { chinaMonth, HEALTH_DAYS, markedIn, previousMonth, seedSpan } from '../../scripts/seed/seasons'
import { countersOf, generateVolunteer } from '../../scripts/seed/volunteer'
import { openTestEnv, TestEnv } from '../helpers/cloudbase'

const root = path.resolve(__dirname, '../..')
const INTERNS = 400

interface Sums { verified: number; unverified: number; records: number }

/** The counters a set of records should make, recounted by `keyOf` (records returned left out). */
function recount(records: VolunteerDoc[], keyOf: (r: VolunteerDoc) => string | null): Map<string, Sums> {
  const out = new Map<string, Sums>()
  for (const r of records) {
    const key = keyOf(r)
    if (key === null) continue
    const s = out.get(key) ?? { verified: 0, unverified: 0, records: 0 }
    if (r.state === 'verified') s.verified += r.hours
    if (r.state === 'pending') s.unverified += r.hours
    if (r.state !== 'rejected') s.records++
    out.set(key, s)
  }
  return out
}

describe('seeding the groups\' check-ins and volunteer service', () => {
  let env: TestEnv
  let seeded: SeedResult
  let school: School
  let checkins: CheckinDoc[]
  let entries: AttendanceEntryDoc[]
  let records: VolunteerDoc[]
  let counters: TotalsDoc[]
  let seededAt: Date

  beforeAll(async () => {
    buildFunctions()
    env = await openTestEnv({
      collectionsFile: path.join(root, 'database/collections.json'),
      cloudbaseRc: path.join(root, 'cloudbaserc.json'),
      functionsRoot: path.join(root, 'build/functions')
    })
    seededAt = new Date()
    seeded = await seedDemo({ adminUrl: env.emulator!.adminUrl, interns: INTERNS, seed: 11 })
    const server = localApp(env.emulator!.adminUrl)
    const _ = server.database().command
    const year = (await server.database().collection('groups').limit(1).get()).data[0].year as string
    ;[checkins, entries, records, counters, school] = await Promise.all([
      readAllDocs<CheckinDoc>(server, 'checkins', { groupId: _.exists(true) }),
      readAllDocs<AttendanceEntryDoc>(server, 'checkins', { personId: _.exists(true) }),
      readAllDocs<VolunteerDoc>(server, 'volunteerRecords', {}),
      readAllDocs<TotalsDoc>(server, 'volunteerTotals', {}),
      readSchool(server, year, { groupId: seeded.sample.groupId, liaisonId: seeded.sample.liaisonId, memberId: seeded.sample.memberId, internId: seeded.sample.internId, advisorId: seeded.sample.advisorId })
    ])
  }, 120_000)
  afterAll(() => env.close())

  const as = (openid: string) => callerAs(env.emulator!.adminUrl, openid)

  it('writes about two check-ins and a half per group and month so far, and volunteer records from most interns, health outreach most', () => {
    const { groupLife } = seeded
    expect(checkins).toHaveLength(groupLife.checkins)
    expect(entries).toHaveLength(groupLife.entries)
    expect(records).toHaveLength(groupLife.volunteerRecords)
    const months = seedSpan(school.year, seededAt).days.length / 30.4
    const perGroupMonth = checkins.length / school.groups.length / months
    expect(perGroupMonth).toBeGreaterThan(1.8)
    expect(perGroupMonth).toBeLessThan(4)
    // The default school (4,200 interns, 1 July to the end of November) gets about 8,000: 0.38 an intern a month.
    const perInternMonth = records.length / INTERNS / months
    expect(perInternMonth).toBeGreaterThan(0.25)
    expect(perInternMonth).toBeLessThan(0.55)
    expect(new Set(records.map((r) => r.personId)).size / INTERNS).toBeGreaterThan(0.6)
    const share = (c: string) => records.filter((r) => r.category === c).length / records.length
    expect(share('healthOutreach')).toBeGreaterThan(0.5)
    for (const c of ['epidemicPrevention', 'donation', 'other']) expect(share(c)).toBeGreaterThan(0.03)
    for (const r of records) expect(r.amount !== null).toBe(r.category === 'donation')
    // Most confirmed; a few asked to be added, some of them refused.
    const states = checkins.flatMap((c) => Object.values(c.attendance).map((a) => a.state))
    expect(states.filter((s) => s === 'confirmed').length / states.length).toBeGreaterThan(0.7)
    expect(states.filter((s) => s === 'requested' || s === 'declined').length).toBeGreaterThan(0)
    expect(states.filter((s) => s === 'requested' || s === 'declined').length / states.length).toBeLessThan(0.02)
  })

  it('follows the seasons over a whole year: 主题党日 around 1 July and National Day, volunteer service on health days, a few groups silent lately', () => {
    const yearEnd = new Date(`${Number(school.year.slice(0, 4)) + 1}-06-30T20:00:00+08:00`)
    const span = seedSpan(school.year, yearEnd)
    const year = generateCheckins(school, span, yearEnd, mulberry32(5))
    const of = (type: string, month: string) => year.filter((c) => c.type === type && chinaMonth(c.heldAt) === month).length
    const first = Number(school.year.slice(0, 4))
    // November has no national day a group keeps: a plain month.
    expect(of('themeDay', `${first}-07`)).toBeGreaterThan(school.groups.length * 0.6)
    expect(of('themeDay', `${first}-10`) + of('themeDay', `${first}-09`)).toBeGreaterThan(school.groups.length * 0.6)
    expect(of('themeDay', `${first}-07`)).toBeGreaterThan(3 * Math.max(1, of('themeDay', `${first}-11`)))
    // October has five health days, July none.
    expect(of('volunteer', `${first}-10`)).toBeGreaterThan(2 * of('volunteer', `${first}-07`))
    // A 党小组会 in most group-months of the groups with someone to record it (a liaison or a core member).
    const recording = school.groups.filter((g) => g.liaisonId || g.coreMemberIds.length)
    const meetings = new Set(year.filter((c) => c.type === 'groupMeeting').map((c) => `${c.groupId}:${chinaMonth(c.heldAt)}`))
    expect(meetings.size / (recording.length * 12)).toBeGreaterThan(0.7)
    // Silent in the last month: a few groups, not many.
    const active = new Set(year.filter((c) => chinaMonth(c.heldAt) === `${first + 1}-06`).map((c) => c.groupId))
    const silent = recording.filter((g) => !active.has(g._id)).length
    expect(silent).toBeGreaterThan(0)
    expect(silent / recording.length).toBeLessThan(0.3)
    // Volunteer records: a health day draws several times an ordinary day's.
    const service = generateVolunteer(school, year, span, yearEnd, mulberry32(6))
    const healthDays = new Set(span.months.flatMap((m) => markedIn(HEALTH_DAYS, m)).map((h) => h.day))
    const perDay = (pick: (d: string) => boolean) => service.filter((r) => pick(r.date)).length / span.days.filter(pick).length
    expect(perDay((d) => healthDays.has(d))).toBeGreaterThan(3 * perDay((d) => !healthDays.has(d)))
    // Deterministic: the same school, clock and stream give the same documents.
    expect(JSON.stringify(generateCheckins(school, span, yearEnd, mulberry32(5)))).toBe(JSON.stringify(year))
  })

  it('keeps the volunteer counters equal to a recount of the records for every person, group and province', async () => {
    const expected: [TotalsDoc['kind'], Map<string, Sums>][] = [
      ['person', recount(records, (r) => r.personId)], ['group', recount(records, (r) => r.groupId)], ['province', recount(records, (r) => r.province)]
    ]
    const byId = new Map(counters.map((c) => [c._id, c]))
    let checked = 0
    for (const [kind, sums] of expected) {
      for (const [key, s] of sums) {
        const c = byId.get(totalsId(kind, school.year, key))
        expect({ id: `${kind}:${key}`, ...s }).toEqual({ id: `${kind}:${key}`, verified: c?.verified, unverified: c?.unverified, records: c?.records })
        checked++
      }
    }
    // No counter beyond those of the records; each day of a person's counter holds the hours not returned.
    expect(counters).toHaveLength(checked)
    for (const c of counters.filter((x) => x.kind === 'person')) {
      const mine = records.filter((r) => r.personId === c.key)
      const days: Record<string, number> = {}
      for (const r of mine) days[r.date] = (days[r.date] ?? 0) + (r.state === 'rejected' ? 0 : r.hours)
      expect(c.days).toEqual(days)
      // The latest 50 logs applied to it, as the function keeps them.
      const logged = [...mine].sort((a, b) => new Date(a.createdAt).getTime() - new Date(b.createdAt).getTime() || (a._id < b._id ? -1 : 1))
      expect([...c.requestIds].sort()).toEqual(logged.slice(-50).map((r) => r.requestId).sort())
    }
    // The same through the function: the branch's province totals.
    const byProvince = await as(DEV_IDENTITIES.admin)('volunteer', 'totals', { by: 'province', year: school.year })
    expect(new Map(byProvince.rows.map((r) => [r.key, { verified: r.verified, unverified: r.unverified, records: r.records }]))).toEqual(expected[2][1])
    // And the counters are what `countersOf` makes of the records as stored.
    expect(countersOf(records, new Map(school.groups.map((g) => [g._id, g.name]))).map((c) => c._id).sort()).toEqual(counters.map((c) => c._id).sort())
  })

  it('logs no day past 24 hours for anyone, nothing after today, in half-hour steps, and settles the old records while the recent wait', () => {
    const today = chinaDay(new Date())
    const perDay = new Map<string, number>()
    for (const r of records) {
      expect(r.date <= today).toBe(true)
      expect(r.year).toBe(school.year)
      expect(Number.isInteger(r.hours * 2) && r.hours >= 0.5).toBe(true)
      expect(new Date(r.createdAt).getTime()).toBeLessThanOrEqual(Date.now())
      expect(r.pendingGroup).toBe(r.state === 'pending' ? r.groupId : null)
      expect(r.rejectReason !== null).toBe(r.state === 'rejected')
      expect(r.verifiedBy !== null).toBe(r.state !== 'pending')
      if (r.verifiedBy?.via === 'link') expect(r.usedLinks).toHaveLength(1)
      if (r.verifiedBy?.personId) expect(r.verifiedBy.personId).not.toBe(r.personId)
      perDay.set(`${r.personId}|${r.date}`, (perDay.get(`${r.personId}|${r.date}`) ?? 0) + r.hours)
    }
    expect(Math.max(...perDay.values())).toBeLessThanOrEqual(24)
    const age = (r: VolunteerDoc) => (Date.now() - new Date(r.createdAt).getTime()) / 86_400_000
    const old = records.filter((r) => age(r) > 30)
    const recent = records.filter((r) => age(r) < 2)
    expect(old.filter((r) => r.state === 'verified').length / old.length).toBeGreaterThan(0.75)
    expect(old.filter((r) => r.state === 'rejected').length).toBeGreaterThan(0)
    expect(recent.filter((r) => r.state === 'pending').length / Math.max(1, recent.length)).toBeGreaterThan(0.6)
    for (const via of ['联络员', '指导教师', '带教老师']) expect(records.some((r) => r.verifiedBy?.role === via)).toBe(true)
  })

  it('gives every check-in counts equal to its attendance and an entry in each attendee\'s history, none after now', () => {
    const entryIds = new Set(entries.map((e) => e._id))
    for (const c of checkins) {
      const states = c.attendeeIds.map((id) => c.attendance[id].state)
      expect(Object.keys(c.attendance).sort()).toEqual([...c.attendeeIds].sort())
      expect(c.counts).toEqual({ listed: states.filter((s) => s === 'listed').length, confirmed: states.filter((s) => s === 'confirmed').length, requested: states.filter((s) => s === 'requested').length })
      expect(c.attendance[c.recordedBy.id].state).toBe('confirmed')
      for (const id of c.attendeeIds) expect(entryIds.has(`${id}:${c._id}`)).toBe(true)
      expect(new Date(c.heldAt).getTime()).toBeLessThanOrEqual(Date.now())
      expect(new Date(c.createdAt).getTime()).toBeLessThanOrEqual(Date.now())
    }
    expect(entries).toHaveLength(checkins.reduce((n, c) => n + c.attendeeIds.length, 0))
  })

  it('gives the development identities something to see: check-ins this month and last, records in each state, one pending for the liaison', async () => {
    const { groupId } = seeded.sample
    const liaison = as(DEV_IDENTITIES.liaison)
    const intern = as(DEV_IDENTITIES.intern)
    const list = await liaison('activity', 'list', { groupId, pageSize: 100 })
    const month = chinaMonth(new Date())
    const months = new Set(list.items.map((i) => chinaMonth(new Date(i.heldAt))))
    expect(months.has(month) && months.has(previousMonth(month))).toBe(true)
    // The intern has a check-in to confirm.
    const mine = await intern('activity', 'mine', { pageSize: 50 })
    expect(mine.items.some((i) => i.mine === 'listed')).toBe(true)
    const log = await intern('volunteer', 'mine', { pageSize: 50 })
    expect(new Set(log.items.map((i) => i.state))).toEqual(new Set(['pending', 'verified', 'rejected']))
    expect(log.items.some((i) => i.state === 'verified' && i.verifiedBy?.role === '联络员')).toBe(true)
    expect(log.items.find((i) => i.state === 'rejected')?.rejectReason).toBeTruthy()
    const pending = await liaison('volunteer', 'pending', { groupId, pageSize: 100 })
    const ofIntern = pending.items.find((i) => i.personId === seeded.sample.internId)!
    expect(ofIntern).toBeDefined()
    const verified = await liaison('volunteer', 'verify', { recordId: ofIntern.id, approve: true })
    expect(verified.state).toBe('verified')
  })

  it('answers activity.ledger for the liaison\'s group this month with exactly the seeded check-ins and hours', async () => {
    const { groupId } = seeded.sample
    const month = chinaMonth(new Date())
    const ledger = await as(DEV_IDENTITIES.liaison)('activity', 'ledger', { groupId, month })
    const held = checkins.filter((c) => c.groupId === groupId && chinaMonth(c.heldAt) === month)
    expect(held.length).toBeGreaterThan(0)
    expect(ledger.checkins.total).toBe(held.length)
    expect(ledger.checkins.items.map((i) => ({ id: i.id, type: i.type, counts: i.counts })).sort((a, b) => (a.id < b.id ? -1 : 1)))
      .toEqual(held.map((c) => ({ id: c._id, type: c.type, counts: c.counts })).sort((a, b) => (a.id < b.id ? -1 : 1)))
    // The previous test verified one of the intern's pending records: read the records as they are now.
    const stored = await readAllDocs<VolunteerDoc>(localApp(env.emulator!.adminUrl), 'volunteerRecords', { groupId })
    const served = stored.filter((r) => r.date.startsWith(month) && r.state !== 'rejected')
    const sums = recount(served, () => 'all').get('all') ?? { verified: 0, unverified: 0, records: 0 }
    expect(ledger.volunteer).toEqual({ ...sums, people: new Set(served.map((r) => r.personId)).size })
  })
})
