/**
 * When reviews fall due, against hand-made timelines and generated ones: an activist's
 * six-month review falls `activistReviewMonths` (6 unless the branch's cadences say
 * otherwise) after the later of the day they became an activist and their last review; a
 * probationary member's assessment on the day their probation ends. 29 February as a start
 * or an end gives a real day. Checked in the rules themselves and through the functions,
 * whose files and lists show the due day and whose reviews move it.
 */
import fc from 'fast-check'
import { addDays, addMonths, DEFAULT_ACTIVIST_REVIEW_MONTHS, dueReview, reviewMonthsOf, Timeline } from '../../cloudfunctions/cultivation/due'
import { CULTIVATION_LIMITS } from '../../types/actions/cultivation'
import { calendarDay } from '../../types/schema'
import { OPENID } from './fixture'
import { setCadences, useCultivationHarness } from './cultivationWorld'

const isDay = (d: string): boolean => calendarDay.safeParse(d).success
const day = fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10))
const activist = (activistSince: string | null, lastReviewOn: string | null = null, reviewIds: string[] = []): Timeline =>
  ({ politicalStatus: 'activist', activistSince, probationEndsAt: null, lastReviewOn, reviewIds })
const EARLY = CULTIVATION_LIMITS.earlyDays

describe('calendar months', () => {
  it.each([
    ['2027-08-31', 6, '2028-02-29'],
    ['2028-02-29', 6, '2028-08-29'],
    ['2026-08-31', 6, '2027-02-28'],
    ['2028-02-29', 12, '2029-02-28'],
    ['2028-02-29', 48, '2032-02-29'],
    ['2027-12-31', 2, '2028-02-29'],
    ['2026-12-31', 2, '2027-02-28'],
    ['2025-10-01', 6, '2026-04-01'],
    ['2026-07-31', 11, '2027-06-30'],
    ['2099-09-30', 3, '2099-12-30']
  ])('%s + %i months = %s', (from, months, to) => {
    expect(addMonths(from, months)).toBe(to)
  })

  it('lands on a real day of the month `months` later: the same day of the month, or that month\'s last', () => {
    fc.assert(fc.property(day, fc.integer({ min: 0, max: 60 }), (from, months) => {
      const to = addMonths(from, months)
      expect(isDay(to)).toBe(true)
      const monthIndex = (d: string) => Number(d.slice(0, 4)) * 12 + Number(d.slice(5, 7))
      expect(monthIndex(to) - monthIndex(from)).toBe(months)
      const lastOfMonth = new Date(Date.UTC(Number(to.slice(0, 4)), Number(to.slice(5, 7)), 0)).getUTCDate()
      expect(Number(to.slice(8))).toBe(Math.min(Number(from.slice(8)), lastOfMonth))
    }), { numRuns: 500 })
  })
})

describe('the review due, by the rules', () => {
  it.each<[string, Timeline, number, { kind: string; dueOn: string } | null]>([
    ['an activist since 31 August: 29 February of a leap year', activist('2027-08-31'), 6, { kind: 'sixMonth', dueOn: '2028-02-29' }],
    ['an activist since 29 February: 29 August', activist('2028-02-29'), 6, { kind: 'sixMonth', dueOn: '2028-08-29' }],
    ['an activist since 31 August before a common year: 28 February', activist('2026-08-31'), 6, { kind: 'sixMonth', dueOn: '2027-02-28' }],
    ['reviewed on 29 February: six months from the review', activist('2027-06-15', '2028-02-29', ['sixMonth:2027-12-15']), 6, { kind: 'sixMonth', dueOn: '2028-08-29' }],
    ['a review recorded before the day on record as activist does not count', activist('2026-03-10', '2026-01-05'), 6, { kind: 'sixMonth', dueOn: '2026-09-10' }],
    ['a branch reviewing every 3 months', activist('2027-11-30'), 3, { kind: 'sixMonth', dueOn: '2028-02-29' }],
    ['no day on record as activist: none', activist(null), 6, null],
    ['probation ending on 29 February: that day', { politicalStatus: 'probationary', activistSince: '2026-01-01', probationEndsAt: '2028-02-29', lastReviewOn: null, reviewIds: [] }, 6, { kind: 'probationEnd', dueOn: '2028-02-29' }],
    ['probation whose end was assessed: none', { politicalStatus: 'probationary', activistSince: null, probationEndsAt: '2028-02-29', lastReviewOn: '2028-03-01', reviewIds: ['probationEnd:2028-02-29'] }, 6, null],
    ['probation extended after its assessment: the new end', { politicalStatus: 'probationary', activistSince: null, probationEndsAt: '2029-02-28', lastReviewOn: '2028-03-01', reviewIds: ['probationEnd:2028-02-29'] }, 6, { kind: 'probationEnd', dueOn: '2029-02-28' }],
    ['a full member: none', { politicalStatus: 'member', activistSince: '2024-01-01', probationEndsAt: '2026-01-01', lastReviewOn: '2026-01-02', reviewIds: [] }, 6, null],
    ['an applicant: none', { politicalStatus: 'applicant', activistSince: null, probationEndsAt: null, lastReviewOn: null, reviewIds: [] }, 6, null]
  ])('%s', (_what, timeline, months, expected) => {
    const due = dueReview(timeline, months, EARLY)
    expect(due && { kind: due.kind, dueOn: due.dueOn }).toEqual(expected)
  })

  it('opens a six-month review 30 days early but never on or before its base; an assessment on the end of probation', () => {
    expect(dueReview(activist('2027-08-31'), 6, EARLY)?.opensOn).toBe('2028-01-30')
    // 31 January + 1 month is 28 February: 30 days before is before the base.
    expect(dueReview(activist('2027-01-31'), 1, EARLY)?.opensOn).toBe('2027-02-01')
  })

  it('over generated histories of reviews held within their windows, each review falls `months` after the later of the start and the last review, on a real day, after it', () => {
    fc.assert(fc.property(day, fc.integer({ min: 1, max: 24 }), fc.array(fc.nat(), { maxLength: 6 }), (since, months, delays) => {
      let t = activist(since)
      for (const delay of delays) {
        const due = dueReview(t, months, EARLY)!
        const base = t.lastReviewOn && t.lastReviewOn > since ? t.lastReviewOn : since
        expect(isDay(due.dueOn)).toBe(true)
        expect(due.dueOn > base).toBe(true)
        if (!t.reviewIds.includes(`sixMonth:${addMonths(base, months)}`)) expect(due.dueOn).toBe(addMonths(base, months))
        expect(due.opensOn > base && due.opensOn <= due.dueOn).toBe(true)
        // held some days after it opened (up to two cadences late)
        const heldOn = addDays(due.opensOn, delay % (months * 62))
        t = { ...t, lastReviewOn: heldOn, reviewIds: [...t.reviewIds, `sixMonth:${due.dueOn}`] }
      }
    }), { numRuns: 300 })
  })

  it('reads the cadence from the branch\'s settings, 6 when absent or unusable', () => {
    expect(reviewMonthsOf(null)).toBe(DEFAULT_ACTIVIST_REVIEW_MONTHS)
    expect(reviewMonthsOf({ activistReviewMonths: 3 })).toBe(3)
    for (const bad of [0, -6, 2.5, 25, '6', null, undefined, NaN]) expect(reviewMonthsOf({ activistReviewMonths: bad })).toBe(6)
  })
})

describe('the review due, through the functions', () => {
  const h = useCultivationHarness()
  const setPerson = (id: string, fields: Record<string, unknown>) => h.app.database().collection('people').doc(id).update(fields)
  const dueOf = async (id: string) => (await h.ok(OPENID.admin, 'cultivation', 'get', { personId: id })).nextReview

  it('shows an activist\'s and a probationary member\'s due day on 29 February in the file and the list', async () => {
    await setPerson('activist-a', { activistSince: '2027-08-31' })
    await setPerson('probation-a', { probationEndsAt: '2028-02-29' })
    await setPerson('activist-b', { activistSince: '2028-02-29' })
    expect(await dueOf('activist-a')).toMatchObject({ kind: 'sixMonth', dueOn: '2028-02-29' })
    expect(await dueOf('probation-a')).toMatchObject({ kind: 'probationEnd', dueOn: '2028-02-29' })
    expect(await dueOf('activist-b')).toMatchObject({ kind: 'sixMonth', dueOn: '2028-08-29' })
    const list = await h.ok(OPENID.admin, 'cultivation', 'list', { year: '2026-2027' })
    const due = Object.fromEntries(list.items.map((r) => [r.personId, r.nextReview?.dueOn]))
    expect(due).toMatchObject({ 'activist-a': '2028-02-29', 'probation-a': '2028-02-29', 'activist-b': '2028-08-29' })
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10)
    const a = list.items.find((r) => r.personId === 'activist-a')!.nextReview!
    expect(a.daysLeft).toBe(Math.round((Date.parse('2028-02-29') - Date.parse(today)) / 86_400_000))
  })

  it('follows the branch\'s cadence when it sets one', async () => {
    await setPerson('activist-a', { activistSince: '2027-11-30' })
    expect(await dueOf('activist-a')).toMatchObject({ dueOn: '2028-05-30' })
    await setCadences(h, { activistReviewMonths: 3 })
    expect(await dueOf('activist-a')).toMatchObject({ dueOn: '2028-02-29' })
    expect((await h.ok(OPENID.admin, 'cultivation', 'get', { personId: 'activist-a' })).reviewMonths).toBe(3)
    await setCadences(h, { activistReviewMonths: 'six' })
    expect(await dueOf('activist-a')).toMatchObject({ dueOn: '2028-05-30' })
  })

  it('moves an activist\'s next review six months past each review the branch records', async () => {
    await setPerson('activist-a', { activistSince: '2025-08-31' })
    const steps: [string, string][] = [['2026-02-28', '2026-02-27'], ['2026-08-27', '2026-08-31']]
    for (const [dueOn, reviewedOn] of steps) {
      expect(await dueOf('activist-a')).toMatchObject({ kind: 'sixMonth', dueOn })
      const r = await h.ok(OPENID.admin, 'cultivation', 'recordReview', { personId: 'activist-a', kind: 'sixMonth', dueOn, outcome: 'qualified', reviewedOn })
      expect(r.nextReview?.dueOn).toBe(addMonths(reviewedOn, 6))
    }
    expect(await dueOf('activist-a')).toMatchObject({ dueOn: '2027-02-28' })
  })

  it('assesses a probation that ended on 29 February on that day, and not before', async () => {
    await setPerson('probation-a', { joinedPartyAt: '2023-02-28', probationEndsAt: '2024-02-29' })
    const early = await h.call(OPENID.admin, 'cultivation', 'recordReview', { personId: 'probation-a', kind: 'probationEnd', dueOn: '2024-02-29', outcome: 'confirmed', reviewedOn: '2024-02-28' })
    expect(early).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT', message: '预备期于2024-02-29期满，期满后才能记录预备期满考察' } })
    const r = await h.ok(OPENID.admin, 'cultivation', 'recordReview', { personId: 'probation-a', kind: 'probationEnd', dueOn: '2024-02-29', outcome: 'confirmed', reviewedOn: '2024-02-29' })
    expect(r).toMatchObject({ politicalStatus: 'member', nextReview: null, review: { reviewedOn: '2024-02-29', statusChange: { from: 'probationary', to: 'member' } } })
  })
})
