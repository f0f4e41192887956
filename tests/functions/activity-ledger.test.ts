/**
 * The work ledger: a month of a group equals what its records say (check-ins, lesson
 * figures, shared notes, volunteer hours, talks, generated for two groups over several months
 * with times on the months' edges: only the group's and the month's count), who may read
 * it, what it costs, and the .xlsx export holding the same figures, one sheet per month.
 */
import ExcelJS from 'exceljs'
import fc from 'fast-check'
import { checkinKey, CheckinDoc, newCheckinId } from '../../cloudfunctions/activity/model'
import type { ActionOutput } from '../../types/contract'
import { OPENID } from './fixture'
import { Harness, useHarness } from './harness'

const LEDGER_COLLECTIONS = ['checkins', 'lessonFeed', 'lessonStats', 'notes', 'volunteerRecords', 'talks']
const GROUPS = ['group-a', 'group-b'] as const
const MONTHS = ['2026-07', '2026-08', '2026-09', '2026-10', '2026-11']
const CHINA = 8 * 3600_000
const TIME_MAX = 9_999_999_999_999
const NOW = Date.now()
const START = Date.parse('2026-06-30T16:00:00Z') - 5 * 86_400_000
/** Each month's first and last millisecond, China time: records on them belong to one month only. */
const EDGES = [...MONTHS, '2026-12'].flatMap((m) => {
  const at = Date.parse(`${m}-01T00:00:00Z`) - CHINA
  return [at - 1, at]
}).filter((t) => t < NOW)

const chinaMonth = (t: number): string => new Date(t + CHINA).toISOString().slice(0, 7)
const chinaDay = (t: number): string => new Date(t + CHINA).toISOString().slice(0, 10)
const inverted = (t: number): string => String(TIME_MAX - t).padStart(13, '0')

const time = fc.oneof(fc.integer({ min: START, max: NOW - 1000 }), fc.constantFrom(...EDGES))
const group = fc.constantFrom(...GROUPS)
const text = fc.string({ unit: fc.constantFrom('学', '习', '党', 'a', ' ', '。'), maxLength: 90 })

interface GenNote { group: string; at: number; visibility: 'private' | 'advisor' | 'group'; review: 'pass' | 'review'; removed: boolean; body: string }
interface GenHours { group: string | null; at: number; hours: number; state: 'pending' | 'verified' | 'rejected'; person: string }
type TalkForm = 'inPerson' | 'call' | 'video'

const stats = fc.record({ targeted: fc.integer({ min: 0, max: 30 }), read: fc.integer({ min: 0, max: 30 }), answered: fc.integer({ min: 0, max: 30 }), scoreSum: fc.integer({ min: 0, max: 300 }), scoreMax: fc.integer({ min: 0, max: 300 }) })
const world = fc.record({
  checkins: fc.array(fc.record({ group, at: time, listed: fc.nat(20), confirmed: fc.nat(20), requested: fc.nat(5), type: fc.constantFrom('groupMeeting', 'themeDay', 'study', 'volunteer', 'other') as fc.Arbitrary<CheckinDoc['type']> }), { maxLength: 25 }),
  lessons: fc.array(fc.record({
    // some scheduled a little after now: in the feed, not yet pushed
    at: fc.oneof(time, fc.integer({ min: NOW + 60_000, max: NOW + 3600_000 })),
    groups: fc.uniqueArray(fc.record({ group, stats: fc.option(stats) }), { selector: (g) => g.group, minLength: 1, maxLength: 2 })
  }), { maxLength: 10 }),
  notes: fc.array(fc.record({ group, at: time, visibility: fc.constantFrom('private', 'advisor', 'group') as fc.Arbitrary<GenNote['visibility']>, review: fc.constantFrom('pass', 'pass', 'review') as fc.Arbitrary<GenNote['review']>, removed: fc.boolean(), body: text }), { maxLength: 25 }),
  hours: fc.array(fc.record({ group: fc.option(group), at: time, hours: fc.integer({ min: 1, max: 16 }).map((n) => n / 2), state: fc.constantFrom('pending', 'verified', 'rejected') as fc.Arbitrary<GenHours['state']>, person: fc.constantFrom('intern-a', 'member-a3', 'intern-b', 'liaison-b') }), { maxLength: 30 }),
  talks: fc.array(fc.record({ group, at: time, student: fc.constantFrom('intern-a', 'member-a3', 'activist-a', 'intern-b'), form: fc.constantFrom('inPerson', 'call', 'video') as fc.Arbitrary<TalkForm> }), { maxLength: 25 })
}).map((w) => ({ ...w, checkins: uniqueTimes(w.checkins), notes: uniqueTimes(w.notes) }))

/** Records with one time each, so that their order is the order of their times. */
function uniqueTimes<T extends { at: number }>(xs: T[]): T[] {
  const seen = new Set<number>()
  return xs.filter((x) => !seen.has(x.at) && seen.add(x.at))
}

type World = typeof world extends fc.Arbitrary<infer W> ? W : never

async function clear(h: Harness): Promise<void> {
  const db = h.app.database()
  for (const c of LEDGER_COLLECTIONS) await db.collection(c).where({ _id: db.command.exists(true) }).remove()
}

async function insert(h: Harness, collection: string, docs: object[]): Promise<void> {
  for (let i = 0; i < docs.length; i += 500) await h.app.database().collection(collection).add(docs.slice(i, i + 500))
}

/** Writes the world's records as their functions store them. */
async function store(h: Harness, w: World, tag: string): Promise<void> {
  const checkins: CheckinDoc[] = w.checkins.map((c, i) => {
    const _id = newCheckinId('liaison-a', `${tag}-${i}`)
    const heldAt = new Date(c.at)
    return {
      _id, groupId: c.group, groupName: c.group, type: c.type, heldAt, place: `地点${i}`, content: `内容${i}`, photos: [], review: 'pass',
      recordedBy: { id: 'liaison-a', name: '李联络' }, requestId: `${tag}-${i}`, attendance: {}, attendeeIds: [],
      counts: { listed: c.listed, confirmed: c.confirmed, requested: c.requested }, remind: 'done', remindedAt: heldAt, key: checkinKey(heldAt, _id), createdAt: heldAt, updatedAt: heldAt
    }
  })
  // attendance entries share the collection and carry keys but no group
  const entries = checkins.map((c) => ({ _id: `liaison-a:${c._id}`, personId: 'liaison-a', checkinId: c._id, key: c.key }))
  const feed = w.lessons.flatMap((l, i) => l.groups.map((g) => ({
    _id: `${g.group}:lesson-${tag}-${i}`, groupId: g.group, lessonId: `lesson-${tag}-${i}`, key: `${inverted(l.at)}:lesson-${tag}-${i}`, publishAt: new Date(l.at),
    title: `微党课${i}`, summary: '', cover: null, mediaKind: null, hasQuiz: true, authorName: '王老师', editedAt: null
  })))
  const lessonStats = w.lessons.flatMap((l, i) => l.groups.filter((g) => g.stats).map((g) => ({
    _id: `lesson-${tag}-${i}:${g.group}`, lessonId: `lesson-${tag}-${i}`, groupId: g.group, groupName: g.group, province: '河南省', ...g.stats!
  })))
  const notes = w.notes.map((n, i) => ({
    _id: `note-${tag}-${i}`, authorId: 'intern-a', authorName: `作者${i}`, groupId: n.group, groupName: n.group, year: '2026-2027', body: n.body,
    lessonId: null, lessonTitle: i % 2 ? `微党课${i}` : null, visibility: n.visibility, review: n.review, removed: n.removed, photos: [],
    key: `${inverted(n.at)}:note-${tag}-${i}`, createdAt: new Date(n.at), updatedAt: new Date(n.at)
  }))
  const records = w.hours.map((r, i) => ({
    _id: `vol-${tag}-${i}`, personId: r.person, personName: r.person, groupId: r.group, province: '河南省', year: '2026-2027', date: chinaDay(r.at),
    hours: r.hours, place: '社区', category: 'healthOutreach', amount: null, description: '', photos: [], review: 'pass', state: r.state
  }))
  await insert(h, 'checkins', [...checkins, ...entries])
  await insert(h, 'lessonFeed', feed)
  await insert(h, 'lessonStats', lessonStats)
  await insert(h, 'notes', notes)
  // talks as the talk function stores them (only their day, student and form count here)
  const talks = w.talks.map((t, i) => ({
    _id: `talk-${tag}-${i}`, requestIds: [`${tag}-${i}`], year: '2026-2027', term: '2026-2027-1', groupId: t.group, studentId: t.student, studentName: t.student,
    recorderId: 'advisor-a', recorderName: '陈老师', recorderRole: 'advisor', date: chinaDay(t.at), form: t.form, topic: `主题${i}`, summary: `谈话${i}`,
    followUp: null, followUpDue: null, followUpDone: false, followUpDoneAt: null, key: `k${i}`, createdAt: new Date(t.at), updatedAt: new Date(t.at)
  }))
  await insert(h, 'volunteerRecords', records)
  await insert(h, 'talks', talks)
}

const excerpt = (s: string): string => ([...s].length > 60 ? `${[...s].slice(0, 60).join('')}…` : s)

/** What the records say of one group's month, worked out here from the generated records. */
function expectedMonth(w: World, groupId: string, month: string) {
  const checkins = w.checkins.map((c, i) => ({ ...c, i })).filter((c) => c.group === groupId && chinaMonth(c.at) === month).sort((a, b) => a.at - b.at)
  const lessons = w.lessons.map((l, i) => ({ ...l, i })).filter((l) => l.at <= NOW && chinaMonth(l.at) === month && l.groups.some((g) => g.group === groupId))
    .sort((a, b) => a.at - b.at || (a.i < b.i ? 1 : -1))
  const notes = w.notes.map((n, i) => ({ ...n, i }))
    .filter((n) => n.group === groupId && chinaMonth(n.at) === month && n.visibility !== 'private' && n.review === 'pass' && !n.removed)
    .sort((a, b) => b.at - a.at)
  const hours = w.hours.filter((r) => r.group === groupId && chinaDay(r.at).startsWith(month) && r.state !== 'rejected')
  const sum = (state: string) => hours.filter((r) => r.state === state).reduce((t, r) => t + r.hours, 0)
  const talks = w.talks.filter((t) => t.group === groupId && chinaDay(t.at).startsWith(month))
  const ofForm = (form: TalkForm) => talks.filter((t) => t.form === form).length
  return {
    checkins: checkins.map((c) => ({ heldAt: new Date(c.at).toISOString(), type: c.type, counts: { listed: c.listed, confirmed: c.confirmed, requested: c.requested } })),
    lessons: lessons.map((l) => {
      const s = l.groups.find((g) => g.group === groupId)!.stats ?? { targeted: 0, read: 0, answered: 0, scoreSum: 0, scoreMax: 0 }
      return {
        lessonId: `lesson-${l.i}`, targeted: s.targeted, read: s.read, answered: s.answered,
        readRate: s.targeted ? Math.min(1, s.read / s.targeted) : 0,
        quizAverage: s.answered && s.scoreMax ? Math.round((s.scoreSum / s.scoreMax) * 1000) / 10 : null
      }
    }),
    notes: { count: notes.length, latest: notes.slice(0, 3).map((n) => ({ authorName: `作者${n.i}`, excerpt: excerpt(n.body), createdAt: new Date(n.at).toISOString() })) },
    volunteer: { verified: sum('verified'), unverified: sum('pending'), records: hours.length, people: new Set(hours.map((r) => r.person)).size },
    talks: { count: talks.length, students: new Set(talks.map((t) => t.student)).size, forms: { inPerson: ofForm('inPerson'), call: ofForm('call'), video: ofForm('video') } }
  }
}

type Ledger = ActionOutput<'activity', 'ledger'>

/** The ledger in the shape `expectedMonth` answers (generated ids renamed back to their index). */
function observed(l: Ledger) {
  return {
    checkins: l.checkins.items.map((c) => ({ heldAt: c.heldAt, type: c.type, counts: c.counts })),
    lessons: l.lessons.map((x) => ({
      lessonId: x.lessonId.replace(/-[^-]+-(\d+)$/, '-$1'), targeted: x.targeted, read: x.read, answered: x.answered, readRate: x.readRate, quizAverage: x.quizAverage
    })),
    notes: { count: l.notes.count, latest: l.notes.latest.map((n) => ({ authorName: n.authorName, excerpt: n.excerpt, createdAt: n.createdAt })) },
    volunteer: l.volunteer,
    talks: l.talks
  }
}

describe('activity: the work ledger', () => {
  const h = useHarness()
  beforeEach(() => clear(h))

  it('a month of a group equals what its records say: only the group\'s records of that month count', async () => {
    let run = 0
    await fc.assert(fc.asyncProperty(world, async (w) => {
      await clear(h)
      const tag = `w${run++}`
      await store(h, w, tag)
      for (const groupId of GROUPS) {
        for (const month of MONTHS) {
          const l = await h.ok(OPENID.admin, 'activity', 'ledger', { groupId, month })
          expect(l.checkins.total).toBe(l.checkins.items.length)
          expect({ groupId, month, ...observed(l) }).toEqual({ groupId, month, ...expectedMonth(w, groupId, month) })
        }
      }
    }), { numRuns: 6 })
  }, 120_000)

  it('is read by the group\'s liaison, core members, advisors and the branch, and refused to its interns, other groups\' people and unit contacts', async () => {
    const callers: Record<string, { openid: string; groups: string[] | 'unbound' }> = {
      liaisonA: { openid: OPENID.liaisonA, groups: ['group-a'] }, coreA: { openid: OPENID.coreA, groups: ['group-a'] },
      advisorA: { openid: OPENID.advisorA, groups: ['group-a'] }, admin: { openid: OPENID.admin, groups: ['group-a', 'group-b'] },
      liaisonB: { openid: OPENID.liaisonB, groups: ['group-b'] }, advisorB: { openid: OPENID.advisorB, groups: ['group-b'] },
      internA: { openid: OPENID.internA, groups: [] }, internB: { openid: OPENID.internB, groups: [] }, loner: { openid: OPENID.loner, groups: [] },
      unitContactA: { openid: OPENID.unitContactA, groups: [] }, unbound: { openid: OPENID.unbound, groups: 'unbound' }
    }
    await fc.assert(fc.asyncProperty(fc.constantFrom(...Object.keys(callers)), group, fc.constantFrom('ledger', 'exportLedger') as fc.Arbitrary<'ledger' | 'exportLedger'>, async (who, groupId, action) => {
      const { openid, groups } = callers[who]
      const input = action === 'ledger' ? { groupId, month: '2026-10' } : { groupId }
      const res = await h.call(openid, 'activity', action, input as any)
      const want = groups === 'unbound' ? 'NOT_BOUND' : groups.includes(groupId) ? 'ok' : 'PERMISSION_DENIED'
      expect({ who, groupId, action, got: res.ok ? 'ok' : res.error.code }).toEqual({ who, groupId, action, got: want })
    }), { numRuns: 40 })
  }, 60_000)

  it('a month costs at most 6 database requests however many records, and the export holds the same figures, one sheet per month', async () => {
    const w = fc.sample(world, { numRuns: 1, seed: 7 })[0]
    const bulk = { ...w, checkins: uniqueTimes(w.checkins.concat(fc.sample(world.map((x) => x.checkins), { numRuns: 80, seed: 8 }).flat())) }
    bulk.hours = bulk.hours.concat(fc.sample(world.map((x) => x.hours), { numRuns: 120, seed: 9 }).flat())
    bulk.notes = uniqueTimes(bulk.notes.concat(fc.sample(world.map((x) => x.notes), { numRuns: 80, seed: 10 }).flat()))
    bulk.talks = bulk.talks.concat(fc.sample(world.map((x) => x.talks), { numRuns: 80, seed: 11 }).flat())
    await store(h, bulk, 'bulk')
    const costs: Record<string, number> = {}
    for (const [who, openid] of Object.entries({ liaisonA: OPENID.liaisonA, advisorA: OPENID.advisorA, admin: OPENID.admin })) {
      h.resetCounters()
      await h.ok(openid, 'activity', 'ledger', { groupId: 'group-a', month: '2026-10' })
      costs[who] = h.dbRequests()
    }
    console.log(`ledger requests: ${JSON.stringify(costs)} with ${bulk.checkins.length} check-ins, ${bulk.notes.length} notes, ${bulk.hours.length} volunteer records, ${bulk.talks.length} talks`)
    for (const n of Object.values(costs)) expect(n).toBeLessThanOrEqual(6)

    const started = Date.now()
    const { url } = await h.ok(OPENID.liaisonA, 'activity', 'exportLedger', { groupId: 'group-a' })
    console.log(`exportLedger (generated year): ${Date.now() - started} ms`)
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(Buffer.from(await (await fetch(url)).arrayBuffer()) as any)
    expect(wb.worksheets.map((s) => s.name)).toEqual(['2026年07月', '2026年08月', '2026年09月', '2026年10月', '2026年11月', '2026年12月', '2027年01月', '2027年02月', '2027年03月', '2027年04月', '2027年05月', '2027年06月'])
    for (const month of MONTHS) {
      const l = await h.ok(OPENID.liaisonA, 'activity', 'ledger', { groupId: 'group-a', month })
      expect({ month, ...sheetFigures(wb.getWorksheet(`${month.slice(0, 4)}年${month.slice(5)}月`)!) }).toEqual({ month, ...ledgerFigures(l) })
    }
  }, 60_000)
})

const SECTIONS = ['一、', '二、', '三、', '四、', '五、']

/** A sheet's sections: the title row and the rows under it up to the next section. */
function sections(ws: ExcelJS.Worksheet): Map<string, { title: string; rows: unknown[][] }> {
  const out = new Map<string, { title: string; rows: unknown[][] }>()
  let current: { title: string; rows: unknown[][] } | null = null
  ws.eachRow((row) => {
    const values = (row.values as unknown[]).slice(1)
    const first = String(values[0] ?? '')
    const key = SECTIONS.find((s) => first.startsWith(s))
    if (key) out.set(key, (current = { title: first, rows: [] }))
    else if (current && values.some((v) => v !== undefined && v !== null && v !== '')) current.rows.push(values)
  })
  return out
}

/** The figures a sheet shows. */
function sheetFigures(ws: ExcelJS.Worksheet) {
  const s = sections(ws)
  const checkinRows = s.get('一、')!.rows.slice(1).filter((r) => typeof r[0] === 'number')
  const lessonRows = s.get('二、')!.rows.slice(1).filter((r) => typeof r[0] === 'number')
  const volunteer = s.get('四、')!.rows[1]
  return {
    header: [ws.getRow(2).getCell(3).value, ws.getRow(3).getCell(3).value, ws.getRow(3).getCell(5).value],
    checkins: { title: s.get('一、')!.title, confirmed: checkinRows.map((r) => [r[6], r[7], r[8]]) },
    lessons: lessonRows.map((r) => [r[2], r[5], r[6], r[8]]),
    notes: s.get('三、')!.title,
    volunteer: [volunteer[1], volunteer[2], volunteer[3], volunteer[4]],
    talks: { title: s.get('五、')!.title, figures: s.get('五、')!.rows[1].slice(1, 6) }
  }
}

/** The same figures, from the ledger. */
function ledgerFigures(l: Ledger) {
  return {
    header: [l.group.name, l.group.liaisonName, l.group.advisorNames.join('、')],
    checkins: { title: `一、组织生活 / 活动打卡（${l.checkins.total}次）`, confirmed: l.checkins.items.map((c) => [c.counts.confirmed, c.counts.listed, c.counts.requested]) },
    lessons: l.lessons.map((x) => [x.title, x.targeted, x.read, x.quizAverage ?? '—']),
    notes: `三、学习笔记（共享${l.notes.count}篇）`,
    volunteer: [l.volunteer.verified, l.volunteer.unverified, l.volunteer.records, l.volunteer.people],
    talks: { title: `五、谈心谈话（${l.talks.count}次）`, figures: [l.talks.count, l.talks.students, l.talks.forms.inPerson, l.talks.forms.call, l.talks.forms.video] }
  }
}
