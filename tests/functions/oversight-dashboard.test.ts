/**
 * The dashboard's figures against a full recount from the raw documents, after a burst of
 * 1,000 generated mixed writes run concurrently in waves: check-ins, volunteer logs and
 * verifications, lesson readings and group moves through the functions; political status
 * changes (as the roster or the cultivation domain would make them, with the group's
 * counts), talks and questions written directly, as their domains store them. The
 * branch's dashboard covers every group; an advisor's exactly the groups they advise.
 */
import { randomBytes } from 'node:crypto'
import fc from 'fast-check'
import type { GroupDoc, PersonDoc } from '../../cloudfunctions/common/model'
import { countMembers } from '../../cloudfunctions/common/people'
import { ACTIVITY_TYPES } from '../../types/actions/activity'
import type { DashboardView } from '../../types/actions/oversight'
import type { PoliticalStatus } from '../../types/domain'
import { OPENID } from './fixture'
import { Harness, useHarness } from './harness'
import { addWorld, clearOversight, fireDailyAlerts, questionDoc, talkDoc, World, YEAR } from './oversightWorld'

const h = useHarness()
const db = () => h.app.database()
const DAY_MS = 86_400_000
const CHINA_MS = 8 * 3600_000
const rid = (): string => `r-${randomBytes(8).toString('hex')}`
const chinaDay = (at: Date): string => new Date(at.getTime() + CHINA_MS).toISOString().slice(0, 10)

async function all<T>(collection: string, where: Record<string, unknown> = {}): Promise<T[]> {
  const out: T[] = []
  for (let skip = 0; ; skip += 1000) {
    const { data } = await db().collection(collection).where({ _id: db().command.exists(true), ...where }).skip(skip).limit(1000).get()
    out.push(...(data as T[]))
    if (data.length < 1000) return out
  }
}

// ------------------------------------------------------------------------ the recount

const share = (n: number, of: number): number => (of > 0 ? Math.min(1, Math.round((n / of) * 10000) / 10000) : 0)
const isParty = (s: PoliticalStatus | null): boolean => s === 'member' || s === 'probationary'

/** What the dashboard should say to `viewer` for the groups `scope` (null: the branch, all of the year), from the raw documents. */
async function recount(scope: string[] | null, viewer: string | null, now: Date): Promise<Omit<DashboardView, 'asOf' | 'years' | 'scope' | 'term'>> {
  const today = chinaDay(now)
  const groups = (await all<GroupDoc>('groups', { year: YEAR })).filter((g) => !scope || scope.includes(g._id))
  const ids = new Set(groups.map((g) => g._id))
  const inScope = (groupId: string | null): boolean => !!groupId && ids.has(groupId)
  const members = (await all<PersonDoc>('people', { kind: 'student' })).filter((p) => inScope(p.groupId))
  const count = (f: (p: PersonDoc) => boolean) => members.filter(f).length
  const months = ['2026-07', '2026-08', '2026-09', '2026-10', '2026-11', '2026-12', '2027-01', '2027-02', '2027-03', '2027-04', '2027-05', '2027-06'].filter((m) => m <= today.slice(0, 7))
  const checkins = (await all<{ groupId: string; type: string; heldAt: Date }>('checkins', { groupId: db().command.exists(true) }))
    .filter((c) => (scope ? inScope(c.groupId) : true))
    .map((c) => ({ ...c, month: chinaDay(new Date(c.heldAt)).slice(0, 7) }))
  const lessons = await all<{ _id: string; publishAt: Date }>('lessons')
  const reads = await all<{ lessonId: string; groupId: string | null }>('lessonReads')
  const stats = await all<{ lessonId: string; groupId: string; targeted: number }>('lessonStats')
  const lessonMonth = (l: { publishAt: Date }) => chinaDay(new Date(l.publishAt)).slice(0, 7)
  const lessonFigures = (inMonth: (m: string) => boolean) => {
    const ls = lessons.filter((l) => inMonth(lessonMonth(l)))
    const targeted = ls.reduce((n, l) => n + stats.filter((s) => s.lessonId === l._id && (scope ? inScope(s.groupId) : s.groupId === '~total')).reduce((t, s) => t + s.targeted, 0), 0)
    const read = ls.reduce((n, l) => n + reads.filter((r) => r.lessonId === l._id && (scope ? inScope(r.groupId) : r.groupId !== null)).length, 0)
    return { pushed: ls.length, targeted, read }
  }
  const records = (await all<{ groupId: string | null; year: string; state: string; hours: number }>('volunteerRecords', { year: YEAR }))
    .filter((r) => r.state !== 'rejected' && (scope ? inScope(r.groupId) : true))
  const talks = (await all<{ groupId: string; studentId: string; date: string; year: string }>('talks', { year: YEAR }))
    .filter((t) => t.date >= '2026-07-01' && t.date <= '2026-12-31' && (scope ? inScope(t.groupId) : true))
  const questions = (await all<{ groupId: string; status: string; askedAt: Date }>('questions', { year: YEAR, status: 'open' })).filter((q) => (scope ? inScope(q.groupId) : true))
  const provinces = [...new Set(groups.map((g) => g.province))].sort()
  const byId = new Map(members.map((p) => [p._id, p]))
  const withMentor = groups.reduce((n, g) => n + Object.entries(g.circles ?? {}).reduce((k, [mentor, mentees]) =>
    k + (isParty(byId.get(mentor)?.politicalStatus ?? null) && byId.get(mentor)?.groupId === g._id ? mentees.filter((m) => byId.get(m)?.groupId === g._id && !isParty(byId.get(m)!.politicalStatus)).length : 0), 0), 0)
  const ordinary = count((p) => !isParty(p.politicalStatus))
  const lessonTotal = lessonFigures((m) => months.includes(m))
  return {
    year: YEAR,
    months,
    totals: { groups: groups.length, interns: members.length, partyMembers: count((p) => isParty(p.politicalStatus)), provinces: provinces.length, flagsIssued: groups.filter((g) => g.flagIssued).length },
    politicalStatus: { member: count((p) => p.politicalStatus === 'member'), probationary: count((p) => p.politicalStatus === 'probationary'), activist: count((p) => p.politicalStatus === 'activist'), others: count((p) => !['member', 'probationary', 'activist'].includes(p.politicalStatus ?? '')) },
    provinces: provinces.map((province) => {
      const gs = groups.filter((g) => g.province === province).map((g) => g._id)
      const ps = members.filter((p) => gs.includes(p.groupId!))
      return { province, groups: gs.length, interns: ps.length, partyMembers: ps.filter((p) => isParty(p.politicalStatus)).length, flagsIssued: groups.filter((g) => gs.includes(g._id) && g.flagIssued).length }
    }),
    monthly: months.map((month) => {
      const inMonth = checkins.filter((c) => c.month === month)
      const met = new Set(inMonth.filter((c) => c.type === 'groupMeeting').map((c) => c.groupId))
      const l = lessonFigures((m) => m === month)
      return {
        month, checkins: inMonth.length, meetings: inMonth.filter((c) => c.type === 'groupMeeting').length, groupsMet: met.size, groupsSilent: groups.length - met.size,
        lessonsPushed: l.pushed, lessonTargeted: l.targeted, lessonRead: l.read, readRate: share(l.read, l.targeted)
      }
    }),
    lessons: { ...lessonTotal, readRate: share(lessonTotal.read, lessonTotal.targeted) },
    volunteer: {
      verified: records.filter((r) => r.state === 'verified').reduce((n, r) => n + r.hours, 0),
      unverified: records.filter((r) => r.state === 'pending').reduce((n, r) => n + r.hours, 0),
      records: records.length,
      asOf: viewer ? null : ((await db().collection('volunteerTotals').doc('recount').get()).data[0] as { ranAt: Date }).ranAt.toISOString()
    },
    circles: { withMentor, ordinary, ratio: share(withMentor, ordinary) },
    talks: { students: new Set(talks.map((t) => t.studentId)).size, members: members.length, coverage: share(new Set(talks.map((t) => t.studentId)).size, members.length), recorded: talks.length },
    questions: { open: questions.length, overdue: questions.filter((q) => new Date(q.askedAt).getTime() <= now.getTime() - 3 * DAY_MS).length },
    alerts: await alertsRecount(viewer)
  }
}

async function alertsRecount(viewer: string | null): Promise<DashboardView['alerts']> {
  const state = (await db().collection('settings').doc('alerts').get()).data[0] as { run: string } | undefined
  const byKind = { groupSilent: 0, activistReview: 0, probationEnding: 0, lessonUnread: 0, questionUnanswered: 0, talkFollowUp: 0 }
  if (!state) return { total: 0, byKind }
  const alerts = (await all<{ run: string; kind: keyof typeof byKind; viewers: string[] }>('alerts', { run: state.run })).filter((a) => !viewer || a.viewers.includes(viewer))
  for (const a of alerts) byKind[a.kind]++
  return { total: alerts.length, byKind }
}

// ------------------------------------------------------------------------ the burst

type Op =
  | { kind: 'checkin'; group: number; type: (typeof ACTIVITY_TYPES)[number]; daysAgo: number; minute: number }
  | { kind: 'log'; student: number; daysAgo: number; halfHours: number }
  | { kind: 'verify'; pick: number; approve: boolean }
  | { kind: 'read'; student: number }
  | { kind: 'status'; student: number; to: PoliticalStatus }
  | { kind: 'talk'; student: number; daysAgo: number }
  | { kind: 'question'; student: number; hoursAgo: number; answered: boolean }
  | { kind: 'move'; student: number; to: number }

const opArb = (groups: number, students: number): fc.Arbitrary<Op> => fc.oneof(
  { weight: 20, arbitrary: fc.record({ kind: fc.constant('checkin' as const), group: fc.nat(groups - 1), type: fc.constantFrom(...ACTIVITY_TYPES, 'groupMeeting', 'groupMeeting'), daysAgo: fc.nat(150), minute: fc.nat(1439) }) },
  { weight: 20, arbitrary: fc.record({ kind: fc.constant('log' as const), student: fc.nat(students - 1), daysAgo: fc.nat(150), halfHours: fc.integer({ min: 1, max: 8 }) }) },
  { weight: 10, arbitrary: fc.record({ kind: fc.constant('verify' as const), pick: fc.nat(), approve: fc.boolean() }) },
  { weight: 10, arbitrary: fc.record({ kind: fc.constant('read' as const), student: fc.nat(students - 1) }) },
  { weight: 10, arbitrary: fc.record({ kind: fc.constant('status' as const), student: fc.nat(students - 1), to: fc.constantFrom<PoliticalStatus>('member', 'probationary', 'activist', 'applicant', 'masses') }) },
  { weight: 15, arbitrary: fc.record({ kind: fc.constant('talk' as const), student: fc.nat(students - 1), daysAgo: fc.nat(200) }) },
  { weight: 10, arbitrary: fc.record({ kind: fc.constant('question' as const), student: fc.nat(students - 1), hoursAgo: fc.nat(300), answered: fc.boolean() }) },
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('move' as const), student: fc.nat(students - 1), to: fc.nat(groups - 1) }) }
)

/** A status change as the roster or the cultivation domain would write it: the person, then the group's counts. */
async function changeStatus(p: PersonDoc, to: PoliticalStatus): Promise<void> {
  const { updated } = await db().collection('people').where({ _id: p._id, politicalStatus: p.politicalStatus, groupId: p.groupId }).update({ politicalStatus: to })
  if (!updated || !p.groupId) return
  const before = countMembers([{ politicalStatus: p.politicalStatus, n: -1 }, { politicalStatus: to, n: 1 }])
  const inc = Object.fromEntries(Object.entries(before).filter(([, n]) => n !== 0).map(([k, n]) => [`counts.${k}`, db().command.inc(n)]))
  if (Object.keys(inc).length) await db().collection('groups').doc(p.groupId).update(inc)
}

/** Whether a status change keeps the "1+10" circles valid (ordinary stays ordinary, Party stays Party), as a review outcome does. */
const keepsCircles = (from: PoliticalStatus | null, to: PoliticalStatus): boolean => isParty(from) === isParty(to)

async function runBurst(h: Harness, world: World, ops: Op[], lessonId: string, now: Date): Promise<{ applied: number }> {
  const groups = world.groups.map((g) => g._id)
  const students = world.students.filter((s) => s._id !== world.groups.find((g) => g._id === s.groupId)?.liaisonId)
  const liaisonOf = new Map(world.groups.map((g) => [g._id, world.openids.get(g.liaisonId!)!]))
  const logged: string[] = []
  let applied = 0
  const WAVE = 25
  for (let w = 0; w < ops.length; w += WAVE) {
    const wave = ops.slice(w, w + WAVE)
    const people = new Map((await all<PersonDoc>('people', { _id: db().command.in(students.map((s) => s._id)) })).map((p) => [p._id, p]))
    const busy = new Set<string>()
    const known = [...logged]
    await Promise.all(wave.map(async (op) => {
      const run = async (): Promise<unknown> => {
        switch (op.kind) {
          case 'checkin': {
            const heldAt = new Date(Math.max(Date.parse('2026-07-01T00:00:00+08:00'), now.getTime() - op.daysAgo * DAY_MS - op.minute * 60_000))
            const g = groups[op.group]
            return h.call(liaisonOf.get(g)!, 'activity', 'record', { requestId: rid(), groupId: g, type: op.type, heldAt: heldAt.toISOString(), place: '会议室', content: '学习党章，交流实习体会。', attendeeIds: [world.groups[op.group].liaisonId!] })
          }
          case 'log': {
            const s = students[op.student]
            const date = chinaDay(new Date(Math.max(Date.parse('2026-07-01T12:00:00+08:00'), now.getTime() - op.daysAgo * DAY_MS)))
            const r = await h.call(world.openids.get(s._id)!, 'volunteer', 'log', { requestId: rid(), date, hours: op.halfHours / 2, place: '社区卫生服务中心', category: 'healthOutreach', description: '为社区居民测量血压，讲解健康知识。' })
            if (r.ok) logged.push(r.data.id)
            return r
          }
          case 'verify': {
            if (!known.length) return null
            const recordId = known[op.pick % known.length]
            const rec = (await db().collection('volunteerRecords').doc(recordId).get()).data[0] as { groupId: string }
            const advisor = world.groups.find((g) => g._id === rec.groupId)!.advisorIds[0]
            return h.call(`o-${advisor}`, 'volunteer', 'verify', { recordId, approve: op.approve, ...(op.approve ? {} : { reason: '时长与记录不符' }) })
          }
          case 'read':
            return h.call(world.openids.get(students[op.student]._id)!, 'lesson', 'markRead', { lessonId })
          case 'status': {
            const p = people.get(students[op.student]._id)!
            if (busy.has(p._id) || !keepsCircles(p.politicalStatus, op.to) || p.politicalStatus === op.to) return null
            busy.add(p._id)
            return changeStatus(p, op.to)
          }
          case 'talk': {
            const p = people.get(students[op.student]._id)!
            const date = chinaDay(new Date(Math.max(Date.parse('2026-07-01T12:00:00+08:00'), now.getTime() - op.daysAgo * DAY_MS)))
            const advisor = world.groups.find((g) => g._id === p.groupId)?.advisorIds[0] ?? 'advisor-a'
            return db().collection('talks').add(talkDoc({ _id: `talk-${rid()}`, groupId: p.groupId!, studentId: p._id, recorderId: advisor, date, followUpDue: op.daysAgo % 3 ? null : date }))
          }
          case 'question': {
            const p = people.get(students[op.student]._id)!
            // Never within ten minutes of the three days: the test's clock and the function's differ a little.
            const hours = Math.abs(op.hoursAgo - 72) < 1 ? op.hoursAgo + 2 : op.hoursAgo
            const advisor = world.groups.find((g) => g._id === p.groupId)?.advisorIds[0] ?? 'advisor-a'
            return db().collection('questions').add(questionDoc({ _id: `q-${rid()}`, groupId: p.groupId!, askerId: p._id, advisorId: advisor, askedAt: new Date(now.getTime() - hours * 3600_000), answered: op.answered }))
          }
          case 'move': {
            const p = people.get(students[op.student]._id)!
            const to = groups[op.to]
            if (busy.has(p._id) || p.groupId === to) return null
            busy.add(p._id)
            return h.call(OPENID.admin, 'group', 'moveMember', { personId: p._id, toGroupId: to, reason: '更换实习医院' })
          }
        }
      }
      const r = await run() as { ok?: boolean } | null
      if (r !== null && (r === undefined || typeof r !== 'object' || !('ok' in r) || r.ok)) applied++
    }))
  }
  return { applied }
}

// ------------------------------------------------------------------------ the tests

describe('the dashboard', () => {
  let world: World
  beforeEach(async () => {
    await clearOversight(h)
    world = await addWorld(h, { groups: 6, perGroup: 10, advisors: 3 })
  })

  it('equals a full recount after a burst of 1,000 mixed writes, for the branch and for each advisor (exactly their groups)', async () => {
    const lesson = await h.ok(OPENID.admin, 'lesson', 'save', { title: '学习党章', summary: '党章第一章', body: '## 党员\n\n党员必须履行下列义务。', target: { kind: 'all' } })
    await h.ok(OPENID.admin, 'lesson', 'publish', { lessonId: lesson.id })
    const now = new Date()
    const students = world.students.length - world.groups.length
    await fc.assert(fc.asyncProperty(fc.array(opArb(world.groups.length, students), { minLength: 1000, maxLength: 1000 }), async (ops) => {
      const { applied } = await runBurst(h, world, ops, lesson.id, now)
      expect(applied).toBeGreaterThan(ops.length / 2)
      expect(await fireDailyAlerts(h, new Date())).toMatchObject({ ok: true })
      // The branch's hours are the province counters the volunteer function recounts every minute.
      expect(await h.emulator!.fireTrigger('volunteer', 'recountTotals')).toMatchObject({ ok: true })
      const at = new Date()
      const { asOf: _a, years, scope, term: _t, ...branch } = await h.ok(OPENID.admin, 'oversight', 'dashboard', {})
      expect(scope).toBe('branch')
      expect(years).toEqual([YEAR])
      expect(branch).toEqual(await recount(null, null, at))
      for (const [advisor, groups] of [...world.advisors, ['advisor-a', ['group-a']], ['advisor-b', ['group-b']]] as [string, string[]][]) {
        const { asOf: _b, years: _y, scope: s, term: _u, ...mine } = await h.ok(`o-${advisor}`, 'oversight', 'dashboard', {})
        expect(s).toBe('advisor')
        expect(mine).toEqual(await recount(groups, advisor, at))
      }
    }), { numRuns: 1, endOnFailure: true })
  }, 120_000)
})
