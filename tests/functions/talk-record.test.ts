/**
 * Recording a talk: a generated valid talk is stored as given, with its internship year
 * and term from its day (term edges included) and the recorder's capacity; every
 * generated talk the rules refuse (a day in the future or outside the group's year, a
 * student not in the group or the recorder themself, a follow-up without its due date or
 * due before the talk, text the content check refuses, a caller who may not record for
 * the group) is refused on its field and changes nothing; one request applied once under
 * generated concurrent retries; a follow-up marked done and back.
 */
import fc from 'fast-check'
import type { TalkDoc } from '../../cloudfunctions/talk/model'
import { internshipTermOf } from '../../types/domain'
import { OPENID } from './fixture'
import { chinaToday, recordableDays, rid, talkInput, useTalkHarness } from './talkWorld'

const RECORDERS = [
  { openid: OPENID.advisorA, person: 'advisor-a', role: 'advisor' },
  { openid: OPENID.liaisonA, person: 'liaison-a', role: 'liaison' },
  { openid: OPENID.admin, person: 'admin', role: 'admin' }
] as const
const MEMBERS_A = ['liaison-a', 'core-a', 'member-a3', 'intern-a', 'activist-a', 'masses-a6', 'applicant-a7']

const days = recordableDays()
const addDays = (day: string, n: number): string => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10)
const cjk = (min: number, max: number) => fc.string({ unit: fc.constantFrom('谈', '心', '实', '习', '学', '科', '室', '。', 'a', '1'), minLength: min, maxLength: max }).filter((s) => s.trim().length >= min)

async function storedTalks(h: { app: { database(): any } }): Promise<TalkDoc[]> {
  return (await h.app.database().collection('talks').limit(1000).get()).data as TalkDoc[]
}

describe('talk: recording', () => {
  const h = useTalkHarness()

  it('stores a generated valid talk as given, with its year, term and the recorder\'s capacity', async () => {
    // the term's first and last days are always tried
    const day = fc.oneof(fc.constantFrom(...days.filter((d) => /-(07-01|12-31|01-01|06-30)$/.test(d))), fc.constantFrom(...days))
    await fc.assert(fc.asyncProperty(
      fc.constantFrom(...RECORDERS), fc.constantFrom(...MEMBERS_A), day, fc.constantFrom('inPerson', 'call', 'video' as const), cjk(1, 60), cjk(1, 300),
      fc.option(fc.tuple(cjk(1, 100), fc.integer({ min: 0, max: 60 }))),
      async (recorder, studentId, date, form, topic, summary, followUp) => {
        fc.pre(recorder.person !== studentId)
        const input = talkInput({ studentId, date, form, topic, summary, followUp: followUp?.[0] ?? null, followUpDue: followUp ? addDays(date, followUp[1]) : null })
        const talk = await h.ok(recorder.openid, 'talk', 'record', input)
        expect(talk).toMatchObject({
          groupId: 'group-a', studentId, recorderId: recorder.person, recorderRole: recorder.role, date, form, topic: topic.trim(), summary: summary.trim(),
          followUp: followUp ? followUp[0].trim() : null, followUpDue: input.followUpDue, followUpDone: false, year: '2026-2027', term: internshipTermOf(date)
        })
        expect(talk.term).toBe(date.slice(5) >= '07-01' ? '2026-2027-1' : '2026-2027-2')
        const [stored] = (await storedTalks(h)).filter((t) => t._id === talk.id)
        expect(stored).toMatchObject({ requestIds: [input.requestId], year: talk.year, term: talk.term, studentName: expect.any(String), recorderName: expect.any(String) })
      }), { numRuns: 25, seed: 4 })
  }, 60_000)

  /** A way a record can be wrong: the input (as the caller), and the field or code it must be refused with. */
  type Breakage = { who: string; input: Record<string, unknown>; code: string; field?: string }
  const future = fc.integer({ min: 1, max: 400 }).map((n) => addDays(chinaToday(), n))
  const breakages: fc.Arbitrary<Breakage> = fc.oneof(
    future.map((date) => ({ who: OPENID.advisorA, input: talkInput({ date }), code: 'INVALID_ARGUMENT', field: 'date' })),
    // before the group's year (the day before it starts, or earlier)
    fc.integer({ min: 1, max: 800 }).map((n) => ({ who: OPENID.advisorA, input: talkInput({ date: addDays('2026-07-01', -n) }), code: 'INVALID_ARGUMENT', field: 'date' })),
    fc.constantFrom('intern-b', 'liaison-b', 'loner', 'unbound-1', 'advisor-a', 'contact-a', 'admin', 'nobody-here').map((studentId) => ({ who: OPENID.admin, input: talkInput({ studentId }), code: 'INVALID_ARGUMENT', field: 'studentId' })),
    fc.constant({ who: OPENID.liaisonA, input: talkInput({ studentId: 'liaison-a' }), code: 'INVALID_ARGUMENT', field: 'studentId' }),
    fc.constant({ who: OPENID.admin, input: talkInput({ studentId: 'admin' }), code: 'INVALID_ARGUMENT', field: 'studentId' }),
    // a follow-up without its due date, a due date without a follow-up, a due date before the talk
    fc.constant({ who: OPENID.advisorA, input: talkInput({ followUp: '下周复谈' }), code: 'INVALID_ARGUMENT', field: 'followUpDue' }),
    fc.constant({ who: OPENID.advisorA, input: talkInput({ followUpDue: days[0] }), code: 'INVALID_ARGUMENT', field: 'followUpDue' }),
    fc.integer({ min: 1, max: 30 }).map((n) => ({ who: OPENID.advisorA, input: talkInput({ date: days[days.length - 1], followUp: '复谈', followUpDue: addDays(days[days.length - 1], -n) }), code: 'INVALID_ARGUMENT', field: 'followUpDue' })),
    // text the content check refuses outright, in any of the three fields
    fc.constantFrom('topic', 'summary', 'followUp').map((field) => ({
      who: OPENID.advisorA, code: 'INVALID_ARGUMENT', field,
      input: talkInput({ followUp: '复谈', followUpDue: days[days.length - 1], date: days[days.length - 1], [field]: '他提到在网上赌场输了钱' })
    })),
    // callers who may not record for group A
    fc.constantFrom(OPENID.advisorB, OPENID.liaisonB, OPENID.coreA, OPENID.internA, OPENID.unitContactA).map((who) => ({ who, input: talkInput(), code: 'PERMISSION_DENIED' })),
    fc.constantFrom('intern-b', 'liaison-b').map((studentId) => ({ who: OPENID.liaisonA, input: talkInput({ groupId: 'group-b', studentId }), code: 'PERMISSION_DENIED' }))
  )

  it('refuses every generated talk the rules refuse, on its field, and writes nothing', async () => {
    await fc.assert(fc.asyncProperty(breakages, async ({ who, input, code, field }) => {
      const before = h.snapshot()
      const r = await h.call(who, 'talk', 'record', input)
      expect(r.ok).toBe(false)
      if (r.ok) return
      expect(r.error.code).toBe(code)
      expect(r.error.message).toMatch(/[\u4e00-\u9fff]/)
      if (field) expect((r.error.details as { path: string[] }[])[0].path[0]).toBe(field)
      expect(h.snapshot()).toBe(before)
    }), { numRuns: 60, seed: 12 })
  }, 60_000)

  it('applies a request once under generated concurrent retries; a retry answers the talk as first stored', async () => {
    await fc.assert(fc.asyncProperty(fc.integer({ min: 2, max: 6 }), fc.constantFrom(...RECORDERS), async (n, recorder) => {
      const input = talkInput({ studentId: 'member-a3' })
      const answers = await Promise.all(Array.from({ length: n }, () => h.ok(recorder.openid, 'talk', 'record', input)))
      expect(new Set(answers.map((a) => a.id)).size).toBe(1)
      // a late retry of the same request (its text edited meanwhile) changes nothing
      const late = await h.ok(recorder.openid, 'talk', 'record', { ...input, summary: '改过的内容' })
      expect(late).toEqual(answers[0])
      const mine = (await storedTalks(h)).filter((t) => t.requestIds.includes(input.requestId))
      expect(mine).toHaveLength(1)
      expect(mine[0].summary).toBe(input.summary)
    }), { numRuns: 8, seed: 3 })
    // distinct requests are distinct talks
    await h.ok(OPENID.advisorA, 'talk', 'record', talkInput({ requestId: rid() }))
    await h.ok(OPENID.advisorA, 'talk', 'record', talkInput({ requestId: rid() }))
    expect(await storedTalks(h)).toHaveLength(10)
  }, 60_000)

  it('marks a follow-up done and back; a talk without a follow-up has none to mark', async () => {
    const withFollowUp = await h.ok(OPENID.liaisonA, 'talk', 'record', talkInput({ followUp: '帮他联系带教老师', followUpDue: days[days.length - 1], date: days[days.length - 1] }))
    const done = await h.ok(OPENID.advisorA, 'talk', 'setFollowUpDone', { talkId: withFollowUp.id, done: true })
    expect(done.followUpDone).toBe(true)
    expect(await h.ok(OPENID.liaisonA, 'talk', 'get', { talkId: withFollowUp.id })).toMatchObject({ followUpDone: true })
    h.resetCounters()
    expect((await h.ok(OPENID.liaisonA, 'talk', 'setFollowUpDone', { talkId: withFollowUp.id, done: true })).followUpDone).toBe(true)
    expect(h.dbRequests()).toBe(2)
    expect((await h.ok(OPENID.admin, 'talk', 'setFollowUpDone', { talkId: withFollowUp.id, done: false })).followUpDone).toBe(false)
    const without = await h.ok(OPENID.advisorA, 'talk', 'record', talkInput())
    expect(await h.call(OPENID.advisorA, 'talk', 'setFollowUpDone', { talkId: without.id, done: true })).toMatchObject({ ok: false, error: { code: 'FAILED_PRECONDITION' } })
  })
})
