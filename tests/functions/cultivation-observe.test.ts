/**
 * Contacts recording observations: the side follows who writes (a teacher the school's, a
 * unit contact the unit's); each request id is applied once however often and however
 * concurrently it is sent, and a send that died between counting and writing is finished
 * by the next; the file's counts always equal the observations on each side; the file
 * lists both sides newest first a page at a time, each once; a future day, text the
 * content check refuses and someone without a file are refused and write nothing.
 */
import fc from 'fast-check'
import type { ActionInput } from '../../types/contract'
import { dieAtWrite } from './dying'
import { OPENID } from './fixture'
import type { Harness } from './harness'
import { assignAll, cultivationOf, cultivationState, CV_OPENID, observationsOf, observeInput, rid, useCultivationHarness } from './cultivationWorld'

type ObserveInput = ActionInput<'cultivation', 'observe'>
const SCHOOL = CV_OPENID.teacherC
const UNIT = OPENID.unitContactA

/** The file's counts equal the observations stored on each side; each request id stored once. */
async function expectCountsExact(h: Harness, personId: string): Promise<void> {
  const stored = await observationsOf(h, personId)
  const file = await cultivationOf(h, personId)
  expect(file!.counts).toEqual({ school: stored.filter((o) => o.side === 'school').length, unit: stored.filter((o) => o.side === 'unit').length })
  const ids = stored.flatMap((o) => o.requestIds)
  expect(new Set(ids).size).toBe(ids.length)
}

/** Every observation of the file, page after page. */
async function allPages(h: Harness, openid: string, personId: string, pageSize: number): Promise<{ id: string; date: string; createdAt: string }[]> {
  const seen: { id: string; date: string; createdAt: string }[] = []
  let cursor: string | undefined
  for (let i = 0; i < 100; i++) {
    const file = await h.ok(openid, 'cultivation', 'get', { personId, pageSize, ...(cursor ? { cursor } : {}) })
    seen.push(...file.observations.items)
    if (!file.observations.nextCursor) return seen
    cursor = file.observations.nextCursor
  }
  throw new Error('too many pages')
}

describe('cultivation.observe', () => {
  const h = useCultivationHarness()
  beforeEach(() => assignAll(h))

  it('writes on the side of who writes, and the file shows both sides with their counts', async () => {
    const school = await h.ok(SCHOOL, 'cultivation', 'observe', observeInput('activist-a', { aspect: 'study', body: '按计划完成理论学习，笔记认真。' }))
    const unit = await h.ok(UNIT, 'cultivation', 'observe', observeInput('activist-a', { aspect: 'conduct', date: '2026-11-21', body: '对待患者耐心细致，服从科室安排。' }))
    expect(school).toMatchObject({ side: 'school', authorName: '何老师', aspect: 'study', date: '2026-11-20' })
    expect(unit).toMatchObject({ side: 'unit', authorName: 'contact-a', aspect: 'conduct' })
    const file = await h.ok(OPENID.advisorA, 'cultivation', 'get', { personId: 'activist-a' })
    expect(file.counts).toEqual({ school: 1, unit: 1 })
    expect(file.observations.items.map((o) => o.id)).toEqual([unit.id, school.id])
    expect(file.canObserve).toBeNull()
    expect((await h.ok(SCHOOL, 'cultivation', 'get', { personId: 'activist-a' })).canObserve).toBe('school')
    expect((await h.ok(UNIT, 'cultivation', 'get', { personId: 'activist-a' })).canObserve).toBe('unit')
  })

  it('applies each request once over generated sends, re-sends and concurrent duplicates, counts exact, listed newest first once each', async () => {
    type Step = { kind: 'new'; who: 'school' | 'unit'; day: number; copies: number } | { kind: 'again'; pick: number; copies: number }
    const step: fc.Arbitrary<Step> = fc.oneof(
      fc.record({ kind: fc.constant('new' as const), who: fc.constantFrom('school' as const, 'unit' as const), day: fc.integer({ min: 1, max: 28 }), copies: fc.integer({ min: 1, max: 3 }) }),
      fc.record({ kind: fc.constant('again' as const), pick: fc.nat(), copies: fc.integer({ min: 1, max: 3 }) })
    )
    await fc.assert(fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 10 }), fc.integer({ min: 1, max: 4 }), async (steps, pageSize) => {
      await h.app.database().collection('observations').where({ _id: h.app.database().command.exists(true) }).remove()
      await h.app.database().collection('cultivations').doc('activist-a').update({ counts: { school: 0, unit: 0 }, counted: [] })
      const sent: { openid: string; input: ObserveInput; id?: string }[] = []
      for (const s of steps) {
        const one = s.kind === 'new'
          ? { openid: s.who === 'school' ? SCHOOL : UNIT, input: observeInput('activist-a', { date: `2026-10-${String(s.day).padStart(2, '0')}` }) }
          : sent[s.pick % Math.max(1, sent.length)]
        if (!one) continue
        if (s.kind === 'new') sent.push(one)
        const answers = await Promise.all(Array.from({ length: s.copies }, () => h.ok(one.openid, 'cultivation', 'observe', one.input)))
        for (const a of answers) expect(a.id).toBe(answers[0].id)
        one.id ??= answers[0].id
        expect(answers[0].id).toBe(one.id)
      }
      await expectCountsExact(h, 'activist-a')
      const listed = await allPages(h, OPENID.admin, 'activist-a', pageSize)
      expect(listed.map((o) => o.id).sort()).toEqual([...new Set(sent.map((s) => s.id!))].sort())
      const order = listed.map((o) => `${o.date}|${o.createdAt}`)
      expect(order).toEqual([...order].sort().reverse())
    }), { numRuns: 12, seed: 99 })
  })

  it('a send that died at either write is finished by the next, written and counted once', async () => {
    await fc.assert(fc.asyncProperty(fc.integer({ min: 0, max: 1 }), fc.boolean(), fc.constantFrom(SCHOOL, UNIT), async (dieAt, lastApplied, openid) => {
      const input = observeInput('activist-a', { requestId: rid() })
      const dying = dieAtWrite(h, dieAt, lastApplied)
      const first = await h.call(openid, 'cultivation', 'observe', input)
      dying.restore()
      expect(first.ok).toBe(false)
      const again = await h.ok(openid, 'cultivation', 'observe', input)
      expect(await h.ok(openid, 'cultivation', 'observe', input)).toEqual(again)
      expect((await observationsOf(h, 'activist-a')).filter((o) => o.requestIds.includes(input.requestId))).toHaveLength(1)
      await expectCountsExact(h, 'activist-a')
    }), { numRuns: 10, seed: 5 })
  })

  it('refuses a day after today, text the content check refuses, and people one is not the contact of, writing nothing', async () => {
    const state = await cultivationState(h)
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10)
    const plusDays = (n: number) => new Date(Date.parse(`${today}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10)
    await fc.assert(fc.asyncProperty(fc.integer({ min: 1, max: 800 }), async (n) => {
      expect(await h.call(SCHOOL, 'cultivation', 'observe', observeInput('activist-a', { date: plusDays(n) })))
        .toEqual({ ok: false, error: { code: 'INVALID_ARGUMENT', message: '考察日期不能晚于今天' } })
    }), { numRuns: 10 })
    for (const word of ['网上赌场', '百家乐']) {
      const r = await h.call(UNIT, 'cultivation', 'observe', observeInput('activist-a', { body: `提醒其远离${word}` }))
      expect(r).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT', message: expect.stringContaining('考察情况') } })
    }
    // Group A's advisor is no contact of activist A: told so; the unit contact of another person, and anyone about someone without a file: NOT_FOUND.
    expect(await h.call(OPENID.advisorA, 'cultivation', 'observe', observeInput('activist-a'))).toMatchObject({ ok: false, error: { code: 'PERMISSION_DENIED' } })
    expect(await h.call(CV_OPENID.contactB, 'cultivation', 'observe', observeInput('activist-a'))).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    for (const personId of ['intern-a', 'person-none', 'core-a']) {
      expect(await h.call(SCHOOL, 'cultivation', 'observe', observeInput(personId))).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    }
    expect(await cultivationState(h)).toBe(state)
  })
})
