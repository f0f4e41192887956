/**
 * Recording a review's outcome: once per due review — the same decision sent again is
 * answered as recorded, a different one refused, nothing changed by either; 按期转正 makes
 * the person a full member and 取消预备党员资格 takes them out of the Party, each moving their
 * group's counts exactly once — when the call dies at any of its writes and is sent again,
 * and when the same decision (or rival ones) arrive at once; 延长预备期 moves the end of
 * probation; generated invalid decisions change nothing.
 */
import fc from 'fast-check'
import type { ActionInput } from '../../types/contract'
import type { PersonDoc } from '../../cloudfunctions/common/model'
import { countMembers } from '../../cloudfunctions/common/people'
import { dieAtWrite } from './dying'
import { OPENID } from './fixture'
import type { Harness } from './harness'
import { assignAll, cultivationOf, cultivationState, expectCountsExact, groupOf, personOf, useCultivationHarness } from './cultivationWorld'

type ReviewInput = ActionInput<'cultivation', 'recordReview'>

/** The assessment of probationary A, whose probation ended on 2026-11-01. */
const probationEnd = (outcome: 'confirmed' | 'extended' | 'revoked', extra: Partial<ReviewInput> = {}): ReviewInput => ({
  personId: 'probation-a', kind: 'probationEnd', dueOn: '2026-11-01', outcome, note: '经支部大会讨论', reviewedOn: '2026-11-10',
  ...(outcome === 'extended' ? { extendedTo: '2027-05-01' } : {}), ...extra
})
const STATUS_AFTER = { confirmed: 'member', revoked: 'masses' } as const

/** Probationary A back before the assessment: no file, group A's counts recounted, no status moves kept. */
async function beforeAssessment(h: Harness): Promise<void> {
  const db = h.app.database()
  await db.collection('people').doc('probation-a').update({ politicalStatus: 'probationary', probationEndsAt: '2026-11-01', statusReview: null })
  await db.collection('cultivations').where({ _id: db.command.exists(true) }).remove()
  const members = (await db.collection('people').where({ groupId: 'group-a' }).limit(100).get()).data as PersonDoc[]
  await db.collection('groups').doc('group-a').update({ statusMoves: [], counts: countMembers(members) })
}

describe('cultivation.recordReview', () => {
  const h = useCultivationHarness()

  /** The person changed once, one review recorded, the group's counts exact and moved once. */
  async function expectDecidedOnce(outcome: 'confirmed' | 'revoked'): Promise<void> {
    const person = await personOf(h, 'probation-a')
    expect(person.politicalStatus).toBe(STATUS_AFTER[outcome])
    expect(person.statusReview).toBe('probation-a:probationEnd:2026-11-01')
    expect((await cultivationOf(h, 'probation-a'))!.reviews.map((r) => [r.id, r.outcome])).toEqual([['probationEnd:2026-11-01', outcome]])
    await expectCountsExact(h, 'group-a')
    expect((await groupOf(h, 'group-a')).statusMoves).toEqual(['probation-a:probationEnd:2026-11-01'])
  }

  it.each(['confirmed', 'revoked'] as const)('%s: a call that dies at any of its writes, sent again, changes the person and the group\'s counts once', async (outcome) => {
    // How many writes the call makes when it lives.
    const counting = dieAtWrite(h, Number.MAX_SAFE_INTEGER, false)
    await h.ok(OPENID.admin, 'cultivation', 'recordReview', probationEnd(outcome))
    const writes = counting.writes()
    counting.restore()
    expect(writes).toBe(3)
    await expectDecidedOnce(outcome)
    await fc.assert(fc.asyncProperty(fc.integer({ min: 0, max: writes - 1 }), fc.boolean(), fc.integer({ min: 1, max: 3 }), async (dieAt, lastApplied, resends) => {
      await beforeAssessment(h)
      const dying = dieAtWrite(h, dieAt, lastApplied)
      const first = await h.call(OPENID.admin, 'cultivation', 'recordReview', probationEnd(outcome))
      dying.restore()
      expect(first.ok).toBe(false)
      for (let i = 0; i < resends; i++) {
        const again = await h.ok(OPENID.admin, 'cultivation', 'recordReview', probationEnd(outcome))
        expect(again).toMatchObject({ politicalStatus: STATUS_AFTER[outcome], nextReview: null, review: { outcome, statusChange: { from: 'probationary', to: STATUS_AFTER[outcome] } } })
      }
      await expectDecidedOnce(outcome)
    }), { numRuns: 8, seed: 12 })
  })

  it('the same decision sent several times at once is recorded and counted once; rival decisions at once: one wins, the others are refused', async () => {
    await fc.assert(fc.asyncProperty(fc.array(fc.constantFrom('confirmed', 'revoked', 'extended') as fc.Arbitrary<'confirmed' | 'revoked' | 'extended'>, { minLength: 2, maxLength: 5 }), async (outcomes) => {
      await beforeAssessment(h)
      const answers = await Promise.all(outcomes.map((o) => h.call(OPENID.admin, 'cultivation', 'recordReview', probationEnd(o))))
      const reviews = (await cultivationOf(h, 'probation-a'))!.reviews
      expect(reviews).toHaveLength(1)
      const won = reviews[0].outcome as 'confirmed' | 'revoked' | 'extended'
      answers.forEach((a, i) => {
        if (outcomes[i] === won) expect(a.ok).toBe(true)
        else expect(a).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
      })
      const person = await personOf(h, 'probation-a')
      expect(person.politicalStatus).toBe(won === 'extended' ? 'probationary' : STATUS_AFTER[won])
      expect(person.probationEndsAt).toBe(won === 'extended' ? '2027-05-01' : '2026-11-01')
      await expectCountsExact(h, 'group-a')
      expect((await groupOf(h, 'group-a')).statusMoves ?? []).toEqual(won === 'extended' ? [] : ['probation-a:probationEnd:2026-11-01'])
    }), { numRuns: 8, seed: 1201 })
  })

  it('records a six-month review once: sent again it answers the same, a different outcome is refused, and neither changes anything', async () => {
    await assignAll(h)
    const input: ReviewInput = { personId: 'activist-a', kind: 'sixMonth', dueOn: '2026-04-01', outcome: 'basicallyQualified', note: '理论学习有待加强', reviewedOn: '2026-04-10' }
    const first = await h.ok(OPENID.admin, 'cultivation', 'recordReview', input)
    expect(first).toMatchObject({ politicalStatus: 'activist', nextReview: { kind: 'sixMonth', dueOn: '2026-10-10' }, review: { id: 'sixMonth:2026-04-01', outcome: 'basicallyQualified', note: '理论学习有待加强', statusChange: null, decidedByName: 'admin' } })
    const state = await cultivationState(h)
    expect(await h.ok(OPENID.admin, 'cultivation', 'recordReview', input)).toEqual(first)
    const other = await h.call(OPENID.admin, 'cultivation', 'recordReview', { ...input, outcome: 'qualified' })
    expect(other).toEqual({ ok: false, error: { code: 'CONFLICT', message: '这次积极分子半年考察已记录为“基本合格”' } })
    expect(await cultivationState(h)).toBe(state)
    // The review now due is the next one; the old day is no longer it.
    const stale = await h.call(OPENID.admin, 'cultivation', 'recordReview', { ...input, dueOn: '2026-05-01', reviewedOn: '2026-11-01' })
    expect(stale).toEqual({ ok: false, error: { code: 'CONFLICT', message: '钱积极的积极分子半年考察应于2026-10-10进行，请刷新后再记录' } })
    expect(await cultivationState(h)).toBe(state)
  })

  it('延长预备期 moves the end of probation; the extended probation is assessed at its new end', async () => {
    const r = await h.ok(OPENID.admin, 'cultivation', 'recordReview', probationEnd('extended', { extendedTo: '2027-11-01' }))
    expect(r).toMatchObject({ politicalStatus: 'probationary', nextReview: { kind: 'probationEnd', dueOn: '2027-11-01' }, review: { extendedTo: '2027-11-01', statusChange: null } })
    expect(await personOf(h, 'probation-a')).toMatchObject({ politicalStatus: 'probationary', probationEndsAt: '2027-11-01' })
    await expectCountsExact(h, 'group-a')
    const early = await h.call(OPENID.admin, 'cultivation', 'recordReview', probationEnd('confirmed', { dueOn: '2027-11-01', reviewedOn: '2026-11-20' }))
    expect(early).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT', message: '预备期于2027-11-01期满，期满后才能记录预备期满考察' } })
  })

  it('generated invalid decisions are refused and change nothing', async () => {
    await assignAll(h)
    const state = await cultivationState(h)
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10)
    const plusDays = (d: string, n: number) => new Date(Date.parse(`${d}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10)
    const invalid = fc.oneof(
      // the wrong kind for the person's status
      fc.constant<ReviewInput>({ personId: 'activist-a', kind: 'probationEnd', dueOn: '2026-04-01', outcome: 'confirmed' }),
      fc.constant<ReviewInput>({ personId: 'probation-a', kind: 'sixMonth', dueOn: '2026-11-01', outcome: 'qualified' }),
      // not under cultivation, or nobody
      fc.constantFrom('intern-a', 'liaison-a', 'advisor-a', 'person-none').map<ReviewInput>((personId) => ({ personId, kind: 'sixMonth', dueOn: '2026-04-01', outcome: 'qualified' })),
      // another due day than the one due
      fc.integer({ min: -400, max: 400 }).filter((n) => n !== 0).map<ReviewInput>((n) => ({ personId: 'activist-a', kind: 'sixMonth', dueOn: plusDays('2026-04-01', n), outcome: 'qualified' })),
      // held before the review opened, or after today
      fc.integer({ min: 1, max: 400 }).map<ReviewInput>((n) => ({ personId: 'activist-a', kind: 'sixMonth', dueOn: '2026-04-01', outcome: 'qualified', reviewedOn: plusDays('2026-03-02', -n) })),
      fc.integer({ min: 1, max: 400 }).map<ReviewInput>((n) => ({ personId: 'activist-a', kind: 'sixMonth', dueOn: '2026-04-01', outcome: 'qualified', reviewedOn: plusDays(today, n) })),
      fc.integer({ min: 1, max: 400 }).map<ReviewInput>((n) => probationEnd('confirmed', { reviewedOn: plusDays('2026-11-01', -n) })),
      // probation extended to a day not after its end, or by more than a year
      fc.oneof(fc.integer({ min: -400, max: 0 }), fc.integer({ min: 366, max: 800 })).map<ReviewInput>((n) => probationEnd('extended', { extendedTo: plusDays('2026-11-01', n) }))
    )
    await fc.assert(fc.asyncProperty(invalid, async (input) => {
      const r = await h.call(OPENID.admin, 'cultivation', 'recordReview', input)
      expect(r.ok).toBe(false)
      if (!r.ok) expect(['INVALID_ARGUMENT', 'FAILED_PRECONDITION', 'NOT_FOUND', 'CONFLICT']).toContain(r.error.code)
    }), { numRuns: 40, seed: 3 })
    expect(await cultivationState(h)).toBe(state)
  })
})
