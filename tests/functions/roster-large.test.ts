/**
 * A roster of MAX_ROWS (20,000) generated rows through the real function: it is imported,
 * and importing it again changes nothing. Slow (about half a minute on two cores), so it
 * runs only when asked: `ROSTER_LARGE=1 npx jest tests/functions/roster-large.test.ts`.
 */
import { MAX_ROWS } from '../../cloudfunctions/roster/validate'
import { generateDataset, rosterToCsv } from '../../scripts/seed/data'
import { OPENID } from './fixture'
import { useHarness } from './harness'

const describeLarge = process.env.ROSTER_LARGE === '1' ? describe : describe.skip

describeLarge('a roster of MAX_ROWS rows', () => {
  const h = useHarness()

  it('is imported in one call, and a second import of the same file changes nothing', async () => {
    const rows = generateDataset({ interns: MAX_ROWS }).roster
    const { fileID } = await h.app.uploadFile({ cloudPath: 'uploads/large.csv', fileContent: Buffer.from(rosterToCsv(rows)) })
    const first = await h.ok(OPENID.admin, 'roster', 'import', { fileID })
    expect(first).toMatchObject({ year: '2026-2027', total: MAX_ROWS, invalid: 0, created: MAX_ROWS, written: true, remaining: 0 })
    const { total } = await h.app.database().collection('people').where({ kind: 'student', year: '2026-2027' }).count()
    expect(total).toBe(MAX_ROWS + 12)
    const before = h.snapshot()
    const second = await h.ok(OPENID.admin, 'roster', 'import', { fileID })
    expect(second).toMatchObject({ created: 0, updated: 0, unchanged: MAX_ROWS, unitsCreated: 0, written: true, remaining: 0 })
    expect(h.snapshot()).toBe(before)
  }, 240_000)
})
