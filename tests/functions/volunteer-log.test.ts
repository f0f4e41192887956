/**
 * Logging volunteer hours from a device queue that may send anything again: one request
 * id makes one record however often and however concurrently it is sent; a person's day
 * holds at most 24 hours across records, exactly, under generated concurrent logs; and
 * what a record may hold (day, hours, amount, checked text, uploaded photos).
 */
import fc from 'fast-check'
import { OPENID } from './fixture'
import { countersIn, logInput, recordsIn, recountNow, uploadPhoto, useVolunteerHarness, volunteerState } from './volunteerWorld'

const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001', 'hex')
const halfHours = (min: number, max: number) => fc.integer({ min: min * 2, max: max * 2 }).map((n) => n / 2)

describe('volunteer.log: applied once', () => {
  const h = useVolunteerHarness()

  it('makes one record for one request id sent many times at once, counted once, and answers every try with it', async () => {
    await fc.assert(fc.asyncProperty(fc.integer({ min: 2, max: 8 }), halfHours(0.5, 24), async (n, hours) => {
      const db = h.app.database()
      for (const c of ['volunteerRecords', 'volunteerTotals']) await db.collection(c).where({ _id: db.command.exists(true) }).remove()
      const input = logInput({ hours })
      const answers = await Promise.all(Array.from({ length: n }, () => h.ok(OPENID.internA, 'volunteer', 'log', input)))
      expect(new Set(answers.map((a) => a.id)).size).toBe(1)
      expect(await recordsIn(h)).toHaveLength(1)
      expect(await recountNow(h)).toMatchObject({ ok: true })
      const counters = await countersIn(h)
      expect(counters.map((c) => [c.kind, c.unverified, c.records]).sort()).toEqual([['group', hours, 1], ['person', hours, 1], ['province', hours, 1]])
      expect(counters.find((c) => c.kind === 'person')!.days).toEqual({ [input.date]: hours })
      // Sent again later (after the recount), it still answers the record it made and counts nothing more.
      const before = await volunteerState(h)
      expect((await h.ok(OPENID.internA, 'volunteer', 'log', input)).id).toBe(answers[0].id)
      expect(await volunteerState(h)).toBe(before)
    }), { numRuns: 5 })
  })
})

describe('volunteer.log: at most 24 hours a day', () => {
  const h = useVolunteerHarness()

  it('accepts concurrent logs of one day exactly while they fit in 24 hours, and refuses each that would not, saying how much is left', async () => {
    await fc.assert(fc.asyncProperty(fc.array(halfHours(0.5, 12), { minLength: 2, maxLength: 8 }), halfHours(0, 12), async (logs, already) => {
      const db = h.app.database()
      for (const c of ['volunteerRecords', 'volunteerTotals']) await db.collection(c).where({ _id: db.command.exists(true) }).remove()
      if (already) await h.ok(OPENID.internA, 'volunteer', 'log', logInput({ hours: already, date: '2026-10-08' }))
      // Another day's hours do not count towards this one.
      await h.ok(OPENID.internA, 'volunteer', 'log', logInput({ hours: 20, date: '2026-10-09' }))
      const results = await Promise.all(logs.map((hours) => h.call(OPENID.internA, 'volunteer', 'log', logInput({ hours, date: '2026-10-08' }))))
      const records = (await recordsIn(h)).filter((r) => r.date === '2026-10-08')
      const total = records.reduce((s, r) => s + r.hours, 0)
      expect(total).toBeLessThanOrEqual(24)
      expect(records).toHaveLength(results.filter((r) => r.ok).length + (already ? 1 : 0))
      results.forEach((r, i) => {
        // Exact: a log refused did not fit even in what was finally accepted.
        if (!r.ok) {
          expect(r.error).toMatchObject({ code: 'INVALID_ARGUMENT', message: expect.stringContaining('一天最多24小时') })
          expect(total + logs[i]).toBeGreaterThan(24)
        }
      })
      const person = (await countersIn(h)).find((c) => c.kind === 'person')!
      expect(person.days).toEqual({ '2026-10-08': total, '2026-10-09': 20 })
      expect(person.unverified).toBe(total + 20)
    }), { numRuns: 8 })
  })

  it('frees a rejected record\'s hours for its day', async () => {
    const first = await h.ok(OPENID.internA, 'volunteer', 'log', logInput({ hours: 20, date: '2026-10-10' }))
    expect(await h.call(OPENID.internA, 'volunteer', 'log', logInput({ hours: 5, date: '2026-10-10' }))).toMatchObject({ ok: false, error: { message: expect.stringContaining('最多还能登记4小时') } })
    await h.ok(OPENID.advisorA, 'volunteer', 'verify', { recordId: first.id, approve: false, reason: '时长有误，请按实际时长重新登记' })
    expect((await h.ok(OPENID.internA, 'volunteer', 'log', logInput({ hours: 8, date: '2026-10-10' }))).hours).toBe(8)
  })
})

describe('volunteer.log: what a record holds', () => {
  const h = useVolunteerHarness()

  it('refuses days in the future (China time), outside the intern\'s internship year or not on the calendar, and stores nothing', async () => {
    const chinaToday = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10)
    const tomorrow = new Date(Date.now() + 32 * 3600_000).toISOString().slice(0, 10)
    const cases: [string, string][] = [
      [tomorrow, '未来日期'], ['2027-12-01', '未来日期'], ['2026-06-30', '本实习年度'], ['2025-09-01', '本实习年度'], ['2026-02-30', '日期不存在'], ['2026-13-01', '日期不存在']
    ]
    for (const [date, message] of cases) {
      expect(await h.call(OPENID.internA, 'volunteer', 'log', logInput({ date }))).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT', message: expect.stringContaining(message) } })
    }
    expect((await h.ok(OPENID.internA, 'volunteer', 'log', logInput({ date: chinaToday }))).date).toBe(chinaToday)
    expect(await recordsIn(h)).toHaveLength(1)
  })

  it('refuses generated invalid inputs, changing nothing', async () => {
    const bad = fc.oneof(
      halfHours(0, 30).filter((x) => x === 0 || x > 24).map((hours) => ({ hours })),
      fc.double({ min: 0.01, max: 24, noNaN: true }).filter((x) => x * 2 !== Math.round(x * 2)).map((hours) => ({ hours })),
      fc.constant({ category: 'donation' as const }),
      fc.constant({ category: 'other' as const, amount: 100 }),
      fc.constant({ category: 'donation' as const, amount: -5 }),
      fc.constant({ category: 'donation' as const, amount: 2_000_000 }),
      fc.constant({ place: '   ' }),
      fc.constant({ description: '' }),
      fc.constant({ description: '网上刷单返利，日赚千元' }),
      fc.constant({ requestId: 'short' }),
      fc.constant({ date: '2026/11/01' }),
      fc.constant({ photos: ['cloud://env/journal/202611/aaaaaaaaaaaaaaaaaaaaaaaa.png'] }),
      fc.constant({ photos: ['cloud://local.local-1300000000/volunteer/202611/aaaaaaaaaaaaaaaaaaaaaaaa.png'] }),
      fc.constant({ extra: 1 })
    )
    const before = await volunteerState(h)
    await fc.assert(fc.asyncProperty(bad, async (change) => {
      const r = await h.call(OPENID.internA, 'volunteer', 'log', { ...logInput(), ...change } as never)
      expect(r).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } })
    }), { numRuns: 30 })
    expect(await volunteerState(h)).toBe(before)
  })

  it('logs a donation with its amount and photos uploaded through uploadTicket, shown with their URLs', async () => {
    const photo = await uploadPhoto(h, PNG)
    const r = await h.ok(OPENID.internA, 'volunteer', 'log', logInput({ category: 'donation', amount: 200, hours: 1, photos: [photo] }))
    expect(r).toMatchObject({ category: 'donation', amount: 200, state: 'pending', groupId: 'group-a', personName: '赵同学', year: '2026-2027' })
    expect(r.photos).toEqual([{ fileID: photo, url: expect.any(String) }])
    expect(await h.call(OPENID.internA, 'volunteer', 'uploadTicket', { name: 'a.gif', contentType: 'image/gif', bytes: 10 })).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } })
  })
})
