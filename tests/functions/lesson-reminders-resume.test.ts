/**
 * Reminders survive a run that dies: a publish or a timer run stopped at any write (before
 * it, or just after it reached the database) leaves the lesson claimed but not reminded at
 * worst; the next timer run after the claim went stale finishes the job. Every reader with
 * a reminder left gets exactly one message, and gives up exactly one reminder.
 */
import fc from 'fast-check'
import { REMIND_STALE_MS } from '../../cloudfunctions/lesson/reminders'
import { dieAtWrite } from './dying'
import { Harness } from './harness'
import { clearLessons, lessonInput, outbox, runTimer, useLessonHarness } from './lessonWorld'
import { OPENID } from './fixture'

const T0 = new Date('2026-09-01T00:00:00Z')
const READERS = ['intern-a', 'liaison-a', 'core-a', 'intern-b', 'loner']

/** Time passes beyond the function's time limit: every claim still 'sending' is now stale. */
async function ageClaims(h: Harness): Promise<void> {
  const db = h.app.database()
  await db.collection('lessons').where({ remindState: 'sending' }).update({ remindedAt: new Date(Date.now() - REMIND_STALE_MS - 60_000) })
}

async function grantEach(h: Harness, quotas: number[]): Promise<void> {
  const docs = READERS.flatMap((personId, i) => (quotas[i] ? [{ _id: `lessonPublished:${personId}`, personId, template: 'lessonPublished', remaining: quotas[i], dispatches: [], updatedAt: T0 }] : []))
  if (docs.length) await h.app.database().collection('subscriptions').add(docs)
}

async function remaining(h: Harness): Promise<Map<string, number>> {
  const { data } = await h.app.database().collection('subscriptions').limit(100).get()
  return new Map((data as { personId: string; remaining: number }[]).map((s) => [s.personId, s.remaining]))
}

describe('lesson reminders after a run dies', () => {
  const h = useLessonHarness()
  // The emulator logs each write refused on purpose; keep the rest of its log.
  const log = console.error
  beforeAll(() => jest.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
    if (!String(args[0]).includes('the function stopped here') && !String(args[1]).includes('the function stopped here')) log(...args)
  }))
  afterAll(() => jest.restoreAllMocks())

  it('a publish, then a timer run, dying at any write: the next timer run reminds each reader with quota exactly once, taking one reminder', async () => {
    // Writes of a clean publish (and of the timer run that follows a failed one): dying points range over all of them and beyond.
    const scenario = fc.record({
      quotas: fc.array(fc.integer({ min: 0, max: 2 }), { minLength: READERS.length, maxLength: READERS.length }),
      publishDiesAt: fc.integer({ min: 0, max: 16 }),
      publishLastApplied: fc.boolean(),
      timerDiesAt: fc.option(fc.integer({ min: 0, max: 8 }), { nil: null }),
      timerLastApplied: fc.boolean()
    })
    await fc.assert(fc.asyncProperty(scenario, async (s) => {
      await clearLessons(h)
      await grantEach(h, s.quotas)
      const draft = await h.ok(OPENID.admin, 'lesson', 'save', lessonInput({ target: { kind: 'all' } }))

      const publishing = dieAtWrite(h, s.publishDiesAt, s.publishLastApplied)
      const first = await h.call(OPENID.admin, 'lesson', 'publish', { lessonId: draft.id }).finally(publishing.restore)
      // A composer whose publish failed tries again.
      if (!first.ok) await h.ok(OPENID.admin, 'lesson', 'publish', { lessonId: draft.id })

      if (s.timerDiesAt !== null) {
        await ageClaims(h)
        const timing = dieAtWrite(h, s.timerDiesAt, s.timerLastApplied)
        await runTimer(h, 'publishDue').finally(timing.restore)
      }
      await ageClaims(h)
      expect(await runTimer(h, 'publishDue')).toMatchObject({ ok: true })
      // Nothing is left to do, and a later run changes nothing.
      await ageClaims(h)
      expect(await runTimer(h, 'publishDue')).toMatchObject({ ok: true, data: { lessons: 0, messages: 0 } })

      const messages = await outbox(h)
      const left = await remaining(h)
      READERS.forEach((personId, i) => {
        const mine = messages.filter((m) => m.personId === personId)
        expect({ personId, messages: mine.length }).toEqual({ personId, messages: s.quotas[i] ? 1 : 0 })
        if (s.quotas[i]) expect({ personId, left: left.get(personId) }).toEqual({ personId, left: s.quotas[i] - 1 })
      })
      expect(messages.every((m) => m.page.includes(draft.id))).toBe(true)
      expect((await h.ok(OPENID.admin, 'lesson', 'edit', { lessonId: draft.id })).state).toBe('published')
    }), { numRuns: 30, seed: 808 })
  })

  it('a claim that is not yet stale is left to the run that holds it; once stale, the timer resumes it', async () => {
    // Die at each write in turn until a publish leaves its reminders claimed ('sending') and not queued.
    let found = false
    for (let k = 0; k < 20 && !found; k++) {
      await clearLessons(h)
      await grantEach(h, [1, 1, 0, 0, 0])
      const draft = await h.ok(OPENID.admin, 'lesson', 'save', lessonInput({ target: { kind: 'all' } }))
      const dying = dieAtWrite(h, k, true)
      await h.call(OPENID.admin, 'lesson', 'publish', { lessonId: draft.id }).finally(dying.restore)
      const doc = (await h.app.database().collection('lessons').doc(draft.id).get()).data[0]
      if (doc.remindState !== 'sending' || (await outbox(h)).length) continue
      found = true
      expect(await runTimer(h, 'publishDue')).toMatchObject({ ok: true, data: { lessons: 0, messages: 0 } })
      expect(await outbox(h)).toEqual([])
      await ageClaims(h)
      expect(await runTimer(h, 'publishDue')).toMatchObject({ ok: true, data: { lessons: 1, messages: 2 } })
      expect((await outbox(h)).map((m) => m.personId).sort()).toEqual(['intern-a', 'liaison-a'])
    }
    expect(found).toBe(true)
  })
})
