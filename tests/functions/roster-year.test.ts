/**
 * The internship year of an imported roster is one year for the whole file: the one the
 * admin chose, or the year most of its rows start in, so interns who start a few weeks
 * before July (or later in the year) belong to their cohort's year.
 */
import fc from 'fast-check'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { rosterToCsv } from '../../scripts/seed/data'
import type { RosterRow } from '../../types/roster'
import { loadFixture, OPENID } from './fixture'
import { useHarness } from './harness'
import { POOL } from './rosterFiles'

const DAY = 86_400_000
const isoPlus = (iso: string, days: number): string => new Date(Date.parse(`${iso}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10)
const label = (y: number): string => `${y}-${y + 1}`

/** When a row starts, relative to 1 July of the cohort's year, and whether it fits the year. */
const START_KINDS = {
  /** the cohort: from two weeks before July to the end of July */
  cohort: { from: -14, to: 30, fits: true },
  /** early starters, from 1 April */
  early: { from: -91, to: -15, fits: true },
  /** late starters, up to the year's last day */
  late: { from: 31, to: 364, fits: true },
  /** before 1 April: another year */
  tooEarly: { from: -200, to: -93, fits: false },
  /** after the year's last day */
  tooLate: { from: 366, to: 500, fits: false }
} as const
type StartKind = keyof typeof START_KINDS

interface YearFile {
  first: number
  rows: { row: RosterRow; fits: boolean }[]
}

/** A cohort starting in July of `first`, with a minority of early, late and misfit starters. */
const yearFileArb: fc.Arbitrary<YearFile> = fc.record({
  first: fc.integer({ min: 2024, max: 2030 }),
  cohort: fc.array(fc.nat(1000), { minLength: 2, maxLength: 8 }),
  others: fc.array(fc.record({ kind: fc.constantFrom<StartKind>('early', 'late', 'tooEarly', 'tooLate'), at: fc.nat(1000), length: fc.integer({ min: 200, max: 330 }) }), { maxLength: 7 }),
  offset: fc.nat(POOL.length - 20)
}).map(({ first, cohort, others, offset }) => {
  // The cohort must outnumber everyone else for the file's year to be its.
  const kept = others.slice(0, cohort.length - 1)
  const specs = [...cohort.map((at) => ({ kind: 'cohort' as StartKind, at, length: 300 })), ...kept]
  const july = `${first}-07-01`
  const rows = specs.map((s, i) => {
    const k = START_KINDS[s.kind]
    const start = isoPlus(july, k.from + (s.at % (k.to - k.from + 1)))
    // Ends stay within six months after the year, so only the start decides whether a row fits.
    const end = [isoPlus(start, s.length), `${first + 1}-12-31`].sort()[0]
    return { row: { ...POOL[offset + i], internshipStart: start, internshipEnd: end, joinedPartyAt: '', politicalStatus: '群众', activistSince: '' }, fits: k.fits }
  })
  // Rows in file order need not be grouped by kind.
  return { first, rows: rows.sort((a, b) => (a.row.studentNo < b.row.studentNo ? -1 : 1)) }
})

describe('roster import: the internship year', () => {
  const h = useHarness()
  const db = () => h.app.database()

  async function upload(csv: string): Promise<string> {
    const { fileID } = await h.app.uploadFile({ cloudPath: `uploads/year-${Date.now()}-${Math.random()}.csv`, fileContent: Buffer.from(csv) })
    return fileID
  }

  async function yearsOf(nos: string[]): Promise<Map<string, string>> {
    const { data } = await db().collection('people').where({ no: db().command.in(nos) }).limit(1000).get()
    return new Map(data.map((p: any) => [p.no, p.year]))
  }

  it('gives every row the year most rows start in, and refuses rows whose dates cannot belong to it', async () => {
    await fc.assert(fc.asyncProperty(yearFileArb, async (file) => {
      await loadFixture(h.app)
      const fileID = await upload(rosterToCsv(file.rows.map((r) => r.row)))
      const report = await h.ok(OPENID.admin, 'roster', 'import', { fileID, skipInvalid: true })
      const years = await yearsOf(file.rows.map((r) => r.row.studentNo))
      for (const r of file.rows) expect([r.row.internshipStart, years.get(r.row.studentNo)]).toEqual([r.row.internshipStart, r.fits ? label(file.first) : undefined])
      const misfits = file.rows.flatMap((r, i) => (r.fits ? [] : [i + 2]))
      expect([...new Set(report.errors.map((e) => e.row))]).toEqual(misfits)
      expect(report.errors.every((e) => e.column === '实习开始' && e.reason.includes(label(file.first)))).toBe(true)
      expect(report.year).toBe(label(file.first))
    }), { numRuns: 10 })
  })

  it('uses the year the admin chose for the whole file', async () => {
    const rows = POOL.slice(0, 6).map((r, i) => ({ ...r, internshipStart: i < 4 ? '2027-06-20' : '2027-07-01', internshipEnd: '2028-04-30', joinedPartyAt: '', politicalStatus: '群众', activistSince: '' }))
    const fileID = await upload(rosterToCsv(rows))
    // Most rows start in June: by default the file is still the 2027-2028 cohort.
    expect((await h.ok(OPENID.admin, 'roster', 'import', { fileID, skipInvalid: true })).year).toBe('2027-2028')
    const chosen = await h.ok(OPENID.admin, 'roster', 'import', { fileID, year: '2026-2027' })
    expect(chosen).toMatchObject({ year: '2026-2027', written: false, invalid: 6 })
    expect(chosen.errors.every((e) => ['实习开始', '实习结束'].includes(e.column) && e.reason.includes('2026-2027'))).toBe(true)
    for (const year of ['2026-2028', '2026', '26-27']) {
      expect(await h.call(OPENID.admin, 'roster', 'import', { fileID, year })).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } })
    }
  })

  it('refuses to move a grouped student into another year, but updates an ungrouped one', async () => {
    const base = { ...POOL[0], internshipStart: '2027-07-01', internshipEnd: '2028-05-31', joinedPartyAt: '', politicalStatus: '群众', activistSince: '' }
    // 2023010004 is in group A (2026-2027); 2023030002 is in no group.
    const rows = [{ ...base, studentNo: '2023010004', name: '赵同学' }, { ...base, studentNo: '2023030002', name: '陈未绑', phone: '13900000002' }]
    const before = h.snapshot()
    const report = await h.ok(OPENID.admin, 'roster', 'import', { fileID: await upload(rosterToCsv(rows)) })
    expect(report).toMatchObject({ year: '2027-2028', written: false, invalid: 1 })
    expect(report.errors).toEqual([{ row: 2, column: '学号', reason: expect.stringContaining('2026-2027') }])
    expect(h.snapshot()).toBe(before)
    const skipped = await h.ok(OPENID.admin, 'roster', 'import', { fileID: await upload(rosterToCsv(rows)), skipInvalid: true })
    expect(skipped).toMatchObject({ written: true, updated: 1 })
    expect(await yearsOf(['2023010004', '2023030002'])).toEqual(new Map([['2023010004', '2026-2027'], ['2023030002', '2027-2028']]))
  })

  it('imports the sample roster, early starters included, as one year', async () => {
    const csv = readFileSync(path.resolve(__dirname, '../../database/sample-roster.csv'), 'utf8')
    const report = await h.ok(OPENID.admin, 'roster', 'import', { fileID: await upload(csv) })
    expect(csv).toContain('2026-06-29')
    const nos = csv.trim().split('\n').slice(1).map((l) => l.split(',')[0])
    expect(new Set((await yearsOf(nos)).values())).toEqual(new Set(['2026-2027']))
    expect(report).toMatchObject({ year: '2026-2027', invalid: 0, written: true })
  })
})
