/**
 * The alert rules against hand-made timelines, through the `dailyAlerts` timer fired at a
 * chosen time: months and days are China's (a meeting at 23:59 on the 31st counts for that
 * month), due dates fall on the month's last day (an activist since 2027-08-31 is due
 * 2028-02-29), probation ends on 29 February, a question is overdue only once the full
 * days have passed. Each alert is seen only by those the contract names.
 */
import fc from 'fast-check'
import { ALERT_KINDS, AlertView } from '../../types/actions/oversight'
import { OPENID } from './fixture'
import { useHarness } from './harness'
import { clearOversight, cultivationDoc, fireDailyAlerts, questionDoc, talkDoc } from './oversightWorld'

const h = useHarness()
beforeEach(() => clearOversight(h))

const db = () => h.app.database()
const DAY_MS = 86_400_000
/** An instant given as China's wall-clock time. */
const china = (local: string): Date => new Date(`${local}+08:00`)

async function alertsAs(openid: string): Promise<AlertView[]> {
  const out: AlertView[] = []
  let cursor: string | undefined
  do {
    const page = await h.ok(openid, 'oversight', 'alerts', { pageSize: 100, ...(cursor ? { cursor } : {}) })
    out.push(...page.items)
    cursor = page.nextCursor ?? undefined
  } while (cursor)
  return out
}

async function fire(at: Date): Promise<void> {
  const r = await fireDailyAlerts(h, at)
  expect(r).toMatchObject({ ok: true })
}

/** Adds a group of `year` (with liaison-a's fixture liaison role left alone) for timelines of another year. */
async function addGroupOfYear(id: string, year: string, createdAt: Date): Promise<void> {
  await db().collection('groups').add({
    _id: id, key: `${year}/河南省/郑州市/${id}`, year, name: `${id}小组`, province: '河南省', sortKey: `河南省\u0000${id}小组\u0000${year}/${id}`, cities: ['郑州市'],
    inviteCode: id.slice(-6).toUpperCase().padStart(6, 'Z'), liaisonId: null, liaisonName: null, coreMemberIds: [], advisorIds: ['advisor-a'], advisorNames: ['王老师'],
    unitContactIds: [], flagIssued: false, counts: { total: 1, partyMembers: 0, probationary: 0, activists: 1, others: 0 }, circles: {}, circlesVersion: 0, createdAt, updatedAt: createdAt
  })
}

async function addStudent(id: string, groupId: string, year: string, fields: Record<string, unknown>): Promise<void> {
  await db().collection('people').add({
    _id: id, no: `N${id}`, kind: 'student', name: `学生${id}`, phone: null, grade: null, major: null, politicalStatus: 'masses', joinedPartyAt: null,
    probationEndsAt: null, activistSince: null, unitId: null, unitName: null, province: '河南省', city: '郑州市', internshipStart: null, internshipEnd: null,
    groupId, admin: false, year, history: [], openid: null, boundAt: null, createdAt: new Date(), updatedAt: new Date(), ...fields
  })
}

const meeting = (id: string, groupId: string, heldAt: Date) =>
  ({ _id: id, groupId, groupName: groupId, type: 'groupMeeting', heldAt, place: '会议室', content: '党小组会', photos: [], review: 'pass', recordedBy: { id: 'liaison-a', name: '李联络' }, requestId: id, attendance: {}, attendeeIds: [], counts: { listed: 0, confirmed: 0, requested: 0 }, remind: 'done', remindedAt: null, key: `k-${id}`, createdAt: heldAt, updatedAt: heldAt })

/** The China month of an instant, computed apart from the function's calendar. */
const chinaMonthOf = (at: Date): [number, number] => {
  const d = new Date(at.getTime() + 8 * 3600_000)
  return [d.getUTCFullYear(), d.getUTCMonth() + 1]
}

describe('groups without a 党小组会', () => {
  it('counts a meeting at 23:59 on the last day of a month for that month, and one at 00:00 on the 1st for the next (China time)', async () => {
    await db().collection('checkins').add([meeting('m-jan', 'group-a', china('2027-01-31T23:59:00')), meeting('m-feb', 'group-b', china('2027-02-01T00:00:00'))])
    await fire(china('2027-02-10T07:30:00'))
    const alerts = await alertsAs(OPENID.admin)
    const a = alerts.find((x) => x.groupId === 'group-a' && x.kind === 'groupSilent')
    expect(a).toMatchObject({ severity: 'notice', since: '2027-02-01' })
    expect(a!.message).toContain('本月尚未召开党小组会（最近一次：2027-01-31）')
    expect(alerts.some((x) => x.groupId === 'group-b' && x.kind === 'groupSilent')).toBe(false)
  })

  it('raises the alert by the months since the latest meeting, China time, whatever the meeting and the day (generated)', async () => {
    // The fixture's groups were formed 2026-09-01; every meeting and firing falls in 2026-2027.
    const months = ['2026-09', '2026-10', '2026-11', '2026-12', '2027-01', '2027-02', '2027-03', '2027-04', '2027-05']
    await fc.assert(fc.asyncProperty(
      fc.option(fc.record({ month: fc.integer({ min: 0, max: months.length - 1 }), edge: fc.constantFrom('lastMinute', 'firstMinute', 'midday') }), { nil: null }),
      fc.integer({ min: 0, max: 3 }), fc.integer({ min: 1, max: 28 }),
      async (met, monthsLater, day) => {
        await clearOversight(h)
        let heldAt: Date | null = null
        if (met) {
          const m = months[met.month]
          const next = months[met.month + 1] ?? '2027-06'
          const last = new Date(Date.UTC(Number(m.slice(0, 4)), Number(m.slice(5, 7)), 0)).getUTCDate()
          heldAt = met.edge === 'lastMinute' ? china(`${m}-${last}T23:59:00`) : met.edge === 'firstMinute' ? china(`${next}-01T00:00:00`) : china(`${m}-15T12:00:00`)
          await db().collection('checkins').add(meeting('m1', 'group-a', heldAt))
        }
        const [hy, hm] = heldAt ? chinaMonthOf(heldAt) : [2026, 9]
        const fireIndex = Math.min(hy * 12 + hm - 1 + monthsLater, 2027 * 12 + 5)
        const fireMonth = `${Math.floor(fireIndex / 12)}-${String((fireIndex % 12) + 1).padStart(2, '0')}`
        const firedAt = new Date(Math.max(china(`${fireMonth}-${String(day).padStart(2, '0')}T07:30:00`).getTime(), (heldAt?.getTime() ?? 0) + 60_000))
        const [fy, fm] = chinaMonthOf(firedAt)
        const silent = heldAt ? (fy * 12 + fm) - (hy * 12 + hm) : (fy * 12 + fm) - (2026 * 12 + 9) + 1
        await fire(firedAt)
        const a = (await alertsAs(OPENID.admin)).find((x) => x.groupId === 'group-a' && x.kind === 'groupSilent')
        if (silent < 1) expect(a).toBeUndefined()
        else {
          expect(a).toBeDefined()
          expect(a!.severity).toBe(silent >= 2 ? 'urgent' : 'notice')
          expect(a!.message).toContain(silent === 1 ? '本月尚未召开' : `已连续${silent}个月`)
        }
      }), { numRuns: 14 })
  })

  it('follows the branch\'s thresholds: with [2, 3] a group silent this month only is not flagged', async () => {
    await db().collection('checkins').add([meeting('m-a', 'group-a', china('2027-01-20T10:00:00')), meeting('m-b', 'group-b', china('2026-12-20T10:00:00'))])
    await h.ok(OPENID.admin, 'oversight', 'saveSettings', { cadences: { meetingEveryMonths: 1, silentAlertMonths: [2, 3], activistReviewMonths: 6, probationWarnDays: 30, lessonUnreadDays: 7, lessonUnreadShare: 0.5, questionUnansweredDays: 3, talkFollowUpGraceDays: 0 } })
    await fire(china('2027-02-10T07:30:00'))
    const silent = (await alertsAs(OPENID.admin)).filter((x) => x.kind === 'groupSilent')
    expect(silent.map((x) => [x.groupId, x.severity])).toEqual([['group-b', 'notice']])
  })
})

describe('activists and probationary members', () => {
  beforeEach(() => addGroupOfYear('g2728', '2027-2028', new Date('2027-07-05T00:00:00Z')))

  it('an activist since 2027-08-31 is due 2028-02-29: flagged from 1 February, overdue from 1 March', async () => {
    await addStudent('act-1', 'g2728', '2027-2028', { politicalStatus: 'activist', activistSince: '2027-08-31', name: '钱积极' })
    await db().collection('cultivations').add(cultivationDoc({ personId: 'act-1', groupId: 'g2728', schoolContactId: 'advisor-b', unitContactId: 'contact-a' }))
    const at = async (day: string) => {
      await fire(china(`${day}T07:30:00`))
      return (await alertsAs(OPENID.admin)).find((x) => x.kind === 'activistReview')
    }
    expect(await at('2028-01-31')).toBeUndefined()
    const due = await at('2028-02-01')
    expect(due).toMatchObject({ severity: 'notice', subject: '钱积极', message: '钱积极的入党积极分子考察将于2028-02-29到期', link: '/packages/cultivation/pages/person/index?personId=act-1' })
    expect(due!.actors.map((a) => a.role)).toEqual(['schoolContact', 'unitContact', 'advisor', 'branch'])
    expect((await at('2028-03-01'))!.severity).toBe('urgent')
    // Reviewed on 15 January: the next review is due in July.
    await db().collection('cultivations').doc('act-1').update({ lastReviewOn: '2028-01-15' })
    expect(await at('2028-03-01')).toBeUndefined()
  })

  it('probation ending on 2028-02-29 is flagged 30 days before (2028-01-30), overdue from 1 March, and no longer once assessed', async () => {
    await addStudent('prob-1', 'g2728', '2027-2028', { politicalStatus: 'probationary', joinedPartyAt: '2027-02-28', probationEndsAt: '2028-02-29', name: '孙预备' })
    const at = async (day: string) => {
      await fire(china(`${day}T07:30:00`))
      return (await alertsAs(OPENID.admin)).find((x) => x.kind === 'probationEnding')
    }
    expect(await at('2028-01-29')).toBeUndefined()
    expect(await at('2028-01-30')).toMatchObject({ severity: 'notice', since: '2028-01-30' })
    expect((await at('2028-02-29'))!.message).toBe('孙预备的预备期将于2028-02-29期满，请做好转正考察')
    expect((await at('2028-03-01'))!.severity).toBe('urgent')
    await db().collection('cultivations').add(cultivationDoc({ personId: 'prob-1', groupId: 'g2728', reviews: [{ id: 'r1', kind: 'probationEnd', dueOn: '2028-02-29', outcome: 'passed', note: '', decidedAt: new Date(), decidedById: 'admin', decidedByName: '党总支' }] }))
    expect(await at('2028-03-01')).toBeUndefined()
  })

  it('flags probation by the warning days the branch set, whatever the end and the day (generated)', async () => {
    await fc.assert(fc.asyncProperty(
      fc.integer({ min: 0, max: 364 }), fc.integer({ min: 1, max: 90 }), fc.integer({ min: -100, max: 20 }),
      async (endOffset, warnDays, fireOffset) => {
        await clearOversight(h)
        await db().collection('people').where({ _id: 'prob-g' }).remove()
        const ends = new Date(Date.UTC(2027, 6, 1) + endOffset * DAY_MS).toISOString().slice(0, 10)
        const fireDay = new Date(Date.parse(`${ends}T00:00:00Z`) + fireOffset * DAY_MS).toISOString().slice(0, 10)
        if (fireDay < '2027-07-01' || fireDay > '2028-06-30') return
        await addStudent('prob-g', 'g2728', '2027-2028', { politicalStatus: 'probationary', probationEndsAt: ends })
        await h.ok(OPENID.admin, 'oversight', 'saveSettings', { cadences: { meetingEveryMonths: 1, silentAlertMonths: [1, 2], activistReviewMonths: 6, probationWarnDays: warnDays, lessonUnreadDays: 7, lessonUnreadShare: 0.5, questionUnansweredDays: 3, talkFollowUpGraceDays: 0 } })
        await fire(china(`${fireDay}T23:59:00`))
        const a = (await alertsAs(OPENID.admin)).find((x) => x.kind === 'probationEnding')
        const daysLeft = Math.round((Date.parse(`${ends}T00:00:00Z`) - Date.parse(`${fireDay}T00:00:00Z`)) / DAY_MS)
        if (daysLeft > warnDays) expect(a).toBeUndefined()
        else expect(a?.severity).toBe(daysLeft < 0 ? 'urgent' : 'notice')
      }), { numRuns: 12 })
  })
})

describe('questions and talks', () => {
  it('a question asked 3 days minus a minute ago is not yet overdue; one asked 3 days ago is, seen only by the advisor asked', async () => {
    const now = china('2027-03-10T07:30:00')
    await db().collection('questions').add([
      questionDoc({ _id: 'q-early', groupId: 'group-a', askerId: 'intern-a', advisorId: 'advisor-a', advisorName: '王老师', askedAt: new Date(now.getTime() - 3 * DAY_MS + 60_000) }),
      questionDoc({ _id: 'q-late', groupId: 'group-a', askerId: 'intern-a', advisorId: 'advisor-a', advisorName: '王老师', askedAt: new Date(now.getTime() - 3 * DAY_MS) }),
      questionDoc({ _id: 'q-done', groupId: 'group-a', askerId: 'intern-a', advisorId: 'advisor-a', askedAt: new Date(now.getTime() - 9 * DAY_MS), answered: true })
    ])
    // advisor-b advises group A too, but was not asked.
    await db().collection('groups').doc('group-a').update({ advisorIds: ['advisor-a', 'advisor-b'], advisorNames: ['王老师', '刘老师'] })
    await fire(now)
    const asked = (await alertsAs(OPENID.advisorA)).filter((a) => a.kind === 'questionUnanswered')
    expect(asked.map((a) => a.id)).toEqual(['questionUnanswered:q-late'])
    expect(asked[0]).toMatchObject({ subject: null, message: '王老师收到的一个问题（2027-03-07提出）已超过3天未答复', link: '/packages/question/pages/detail/index?questionId=q-late' })
    expect(JSON.stringify(asked[0])).not.toContain('intern-a')
    for (const other of [OPENID.advisorB, OPENID.liaisonA]) expect((await alertsAs(other)).some((a) => a.kind === 'questionUnanswered')).toBe(false)
    expect((await alertsAs(OPENID.admin)).filter((a) => a.kind === 'questionUnanswered')).toHaveLength(1)
  })

  it('a follow-up is overdue the day after its due day (plus the grace days), not when done; its recorder and the group\'s advisors see it', async () => {
    await db().collection('talks').add([
      talkDoc({ _id: 't-yesterday', groupId: 'group-a', studentId: 'intern-a', studentName: '赵同学', recorderId: 'liaison-a', recorderName: '李联络', date: '2027-03-01', followUpDue: '2027-03-09' }),
      talkDoc({ _id: 't-today', groupId: 'group-a', studentId: 'masses-a6', recorderId: 'advisor-a', date: '2027-03-01', followUpDue: '2027-03-10' }),
      talkDoc({ _id: 't-done', groupId: 'group-a', studentId: 'member-a3', recorderId: 'advisor-a', date: '2027-03-01', followUpDue: '2027-03-01', followUpDone: true }),
      talkDoc({ _id: 't-b', groupId: 'group-b', studentId: 'intern-b', recorderId: 'advisor-b', date: '2027-03-01', followUpDue: '2027-03-02' })
    ])
    await fire(china('2027-03-10T07:30:00'))
    const ofA = (await alertsAs(OPENID.advisorA)).filter((a) => a.kind === 'talkFollowUp')
    expect(ofA.map((a) => a.id)).toEqual(['talkFollowUp:t-yesterday'])
    expect(ofA[0]).toMatchObject({ subject: '赵同学', actors: [{ id: 'liaison-a', name: '李联络', role: 'recorder' }] })
    expect((await alertsAs(OPENID.liaisonA)).filter((a) => a.kind === 'talkFollowUp').map((a) => a.id)).toEqual(['talkFollowUp:t-yesterday'])
    expect((await alertsAs(OPENID.liaisonB)).some((a) => a.kind === 'talkFollowUp')).toBe(false)
    await h.ok(OPENID.admin, 'oversight', 'saveSettings', { cadences: { meetingEveryMonths: 1, silentAlertMonths: [1, 2], activistReviewMonths: 6, probationWarnDays: 30, lessonUnreadDays: 7, lessonUnreadShare: 0.5, questionUnansweredDays: 3, talkFollowUpGraceDays: 7 } })
    await fire(china('2027-03-10T07:30:00'))
    expect((await alertsAs(OPENID.admin)).filter((a) => a.kind === 'talkFollowUp').map((a) => a.id)).toEqual(['talkFollowUp:t-b'])
  })
})

describe('lessons unread', () => {
  const lesson = (id: string, publishAt: Date) => ({ _id: id, title: `第${id}课`, year: '2026-2027', state: 'published', publishAt, audience: ['group-a', 'group-b', '~staff'], key: id })
  const stats = (lessonId: string, groupId: string, targeted: number, read: number) => ({ _id: `${lessonId}:${groupId}`, lessonId, groupId, groupName: groupId, province: '河南省', targeted, read, answered: 0, scoreSum: 0, scoreMax: 0 })

  it('flags a group where more than half have not read a lesson pushed a week ago or more, once per group, naming the latest', async () => {
    const now = china('2027-03-10T07:30:00')
    await db().collection('lessons').add([lesson('l1', new Date(now.getTime() - 7 * DAY_MS)), lesson('l2', new Date(now.getTime() - 20 * DAY_MS)), lesson('l3', new Date(now.getTime() - 6 * DAY_MS))])
    await db().collection('lessonStats').add([
      stats('l1', 'group-a', 7, 3), stats('l2', 'group-a', 7, 2), stats('l3', 'group-a', 7, 0),
      stats('l1', 'group-b', 2, 1), stats('l2', 'group-b', 2, 2), stats('l3', 'group-b', 2, 0),
      stats('l1', '~total', 9, 4)
    ])
    await fire(now)
    const unread = (await alertsAs(OPENID.admin)).filter((a) => a.kind === 'lessonUnread')
    expect(unread.map((a) => a.groupId)).toEqual(['group-a'])
    expect(unread[0]).toMatchObject({ message: '《第l1课》等2节微党课推送已超过7天，本组未读超过50%', link: '/packages/staff/pages/lesson-figures/index?lessonId=l1', since: '2027-02-25' })
    expect((await alertsAs(OPENID.liaisonA)).some((a) => a.kind === 'lessonUnread')).toBe(true)
  })
})

describe('who sees which alert, and the digest', () => {
  async function everyKind(now: Date): Promise<void> {
    await addStudentsUnderReview()
    await db().collection('questions').add(questionDoc({ _id: 'q1', groupId: 'group-b', askerId: 'intern-b', advisorId: 'advisor-b', askedAt: new Date(now.getTime() - 5 * DAY_MS) }))
    await db().collection('talks').add(talkDoc({ _id: 't1', groupId: 'group-a', studentId: 'intern-a', recorderId: 'advisor-a', date: '2027-03-01', followUpDue: '2027-03-02' }))
  }
  async function addStudentsUnderReview(): Promise<void> {
    await db().collection('people').doc('core-a').update({ probationEndsAt: '2027-03-20' })
  }

  it('lists for each caller exactly the alerts the contract lets them see, a page at a time', async () => {
    const now = china('2027-03-10T07:30:00')
    await everyKind(now)
    await fire(now)
    const all = await alertsAs(OPENID.admin)
    expect(new Set(all.map((a) => a.kind))).toEqual(new Set(['groupSilent', 'activistReview', 'probationEnding', 'questionUnanswered', 'talkFollowUp']))
    const seen = (groups: string[], kinds: string[]) => all.filter((a) => groups.includes(a.groupId) && kinds.includes(a.kind)).map((a) => a.id).sort()
    expect((await alertsAs(OPENID.advisorA)).map((a) => a.id).sort()).toEqual(seen(['group-a'], ['groupSilent', 'activistReview', 'probationEnding', 'talkFollowUp']))
    expect((await alertsAs(OPENID.advisorB)).map((a) => a.id).sort()).toEqual(seen(['group-b'], ['groupSilent', 'questionUnanswered']))
    expect((await alertsAs(OPENID.liaisonA)).map((a) => a.id).sort()).toEqual(seen(['group-a'], ['groupSilent']))
    expect((await h.call(OPENID.internA, 'oversight', 'alerts', {}))).toMatchObject({ ok: false, error: { code: 'PERMISSION_DENIED' } })
    // Each caller is told how many they see of each kind, whichever kind they list; `total` is the kind's.
    for (const openid of [OPENID.admin, OPENID.advisorA, OPENID.advisorB, OPENID.liaisonA]) {
      const theirs = await alertsAs(openid)
      const byKind = Object.fromEntries(ALERT_KINDS.map((k) => [k, theirs.filter((a) => a.kind === k).length]))
      for (const kind of [undefined, ...ALERT_KINDS]) {
        const page = await h.ok(openid, 'oversight', 'alerts', { pageSize: 1, ...(kind ? { kind } : {}) })
        expect(page.byKind).toEqual(byKind)
        expect(page.total).toBe(kind ? byKind[kind] : theirs.length)
      }
    }
    // Page by page, in order, nothing twice.
    const paged: string[] = []
    let cursor: string | undefined
    do {
      const page = await h.ok(OPENID.admin, 'oversight', 'alerts', { pageSize: 2, ...(cursor ? { cursor } : {}) })
      expect(page.total).toBe(all.length)
      paged.push(...page.items.map((a) => a.id))
      cursor = page.nextCursor ?? undefined
    } while (cursor)
    expect(paged).toEqual(all.map((a) => a.id))
    const severities = all.map((a) => a.severity)
    expect(severities).toEqual([...severities].sort((a, b) => (a === b ? 0 : a === 'urgent' ? -1 : 1)))
    const one = await h.ok(OPENID.admin, 'oversight', 'alerts', { kind: 'talkFollowUp' })
    expect(one.items.map((a) => a.id)).toEqual(['talkFollowUp:t1'])
  })

  async function grant(openid: string): Promise<void> {
    await h.ok(openid, 'oversight', 'subscribe', { accepted: 3 })
  }
  const digests = async () => ((await db().collection('outbox').limit(1000).get()).data as { _id: string; personId: string; template: string; data: Record<string, string> }[])
    .filter((m) => m.template === 'oversightDigest')

  it('sends each person who should act one digest a China day, however many times the job runs that day', async () => {
    const now = china('2027-03-10T07:30:00')
    await everyKind(now)
    for (const o of [OPENID.advisorA, OPENID.advisorB, OPENID.liaisonA, OPENID.liaisonB]) await grant(o)
    await Promise.all([fire(now), fire(new Date(now.getTime() + 3600_000)), fire(new Date(now.getTime() + 7200_000))])
    await fire(china('2027-03-10T23:59:00'))
    const sent = await digests()
    expect(sent.map((m) => m.personId).sort()).toEqual(['advisor-a', 'advisor-b', 'liaison-a', 'liaison-b'])
    expect(sent.find((m) => m.personId === 'advisor-a')!.data.thing1).toMatch(/^\d+条待办：/)
    const { data: subs } = await db().collection('subscriptions').get()
    expect(subs.every((s: { remaining: number }) => s.remaining === 2)).toBe(true)
    // The next China day: one more each.
    await fire(china('2027-03-11T00:00:00'))
    expect((await digests()).length).toBe(8)
  })

  it('a job that dies at any write and runs again leaves exactly today\'s alerts and one digest per person (generated)', async () => {
    const { dieAtWrite } = await import('./dying')
    const now = china('2027-03-10T07:30:00')
    await everyKind(now)
    for (const o of [OPENID.advisorA, OPENID.advisorB, OPENID.liaisonA, OPENID.liaisonB]) await grant(o)
    await fire(china('2027-03-09T07:30:00'))
    const before = await digests()
    await fc.assert(fc.asyncProperty(fc.integer({ min: 0, max: 8 }), fc.boolean(), async (allowed, lastApplied) => {
      await db().collection('outbox').where({ _id: db().command.exists(true) }).remove()
      await db().collection('outbox').add(before)
      const dying = dieAtWrite(h, allowed, lastApplied)
      try {
        await fireDailyAlerts(h, now)
      } finally {
        dying.restore()
      }
      await fire(now)
      const alerts = await alertsAs(OPENID.admin)
      expect(new Set(alerts.map((a) => a.id)).size).toBe(alerts.length)
      expect(alerts.map((a) => a.kind).sort()).toEqual(['activistReview', 'groupSilent', 'groupSilent', 'probationEnding', 'questionUnanswered', 'talkFollowUp'])
      const { data: stored } = await db().collection('alerts').limit(1000).get()
      expect(stored.map((a: { _id: string }) => a._id).sort()).toEqual(alerts.map((a) => a.id).sort())
      const today = (await digests()).filter((m) => m._id.endsWith(':2027-03-10'))
      expect(today.map((m) => m.personId).sort()).toEqual(['advisor-a', 'advisor-b', 'liaison-a', 'liaison-b'])
    }), { numRuns: 12 })
  })
})
