/**
 * Roster size: a sheet over the row limit is refused while it is read, whatever its size,
 * with a message saying the limit; below it, every write fits the server's request limit,
 * however large the roster and however low that limit.
 */
import fc from 'fast-check'
import { MAX_ROWS, TOO_MANY_ROWS } from '../../cloudfunctions/roster/validate'
import { rosterToCsv } from '../../scripts/seed/data'
import type { RosterRow } from '../../types/roster'
import { loadFixture, OPENID } from './fixture'
import { useHarness } from './harness'
import { POOL, tallXlsx } from './rosterFiles'

describe('roster size', () => {
  describe('over the row limit', () => {
    const h = useHarness()

    it('refuses a sheet or CSV of more than MAX_ROWS rows, a sheet of 600,000 rows too, with the limit in the message', async () => {
      const csv = `${rosterToCsv([])}${'2023010001,张三,,,,,,,,,,,\n'.repeat(MAX_ROWS + 1)}`
      const files: [string, Buffer][] = [['over.xlsx', tallXlsx(MAX_ROWS + 1)], ['over.csv', Buffer.from(csv)], ['huge.xlsx', tallXlsx(600_000)]]
      for (const [name, content] of files) {
        const { fileID } = await h.app.uploadFile({ cloudPath: `uploads/${name}`, fileContent: content })
        const before = h.snapshot()
        expect(await h.call(OPENID.admin, 'roster', 'import', { fileID })).toEqual({ ok: false, error: { code: 'INVALID_ARGUMENT', message: TOO_MANY_ROWS } })
        expect(h.snapshot()).toBe(before)
      }
      expect(TOO_MANY_ROWS).toContain(String(MAX_ROWS))
    })
  })

  describe('under a low request limit', () => {
    // A server that takes request bodies of 48 KiB only: a few dozen students per insert.
    const h = useHarness({ fixturePerTest: false, emulator: { limits: { maxRequestBytes: 48 * 1024 } } })

    /** Rows with the longest values the roster allows. */
    const longRows = (n: number, offset: number): RosterRow[] => POOL.slice(offset, offset + n).map((r, i) => ({
      ...r,
      name: `${r.name}${'子'.repeat(20 - r.name.length)}`,
      major: '临床医学（全科医学方向）'.padEnd(30, '学'),
      unitName: `${r.unitName}${'第'.repeat(Math.max(0, 60 - r.unitName.length - 3))}${String(i).padStart(3, '0')}`
    }))

    it('imports rosters of any size in requests the server takes, and a second import changes nothing', async () => {
      let uploads = 0
      await fc.assert(fc.asyncProperty(fc.integer({ min: 1, max: 250 }), fc.nat(100), async (n, offset) => {
        await loadFixture(h.app)
        const rows = longRows(n, offset)
        const { fileID } = await h.app.uploadFile({ cloudPath: `uploads/long-${++uploads}.csv`, fileContent: Buffer.from(rosterToCsv(rows)) })
        const first = await h.ok(OPENID.admin, 'roster', 'import', { fileID })
        expect(first).toMatchObject({ written: true, created: n, unitsCreated: n, remaining: 0 })
        const { total } = await h.app.database().collection('people').where({ no: h.app.database().command.in(rows.map((r) => r.studentNo)) }).count()
        expect(total).toBe(n)
        const before = h.snapshot()
        expect(await h.ok(OPENID.admin, 'roster', 'import', { fileID })).toMatchObject({ written: true, created: 0, updated: 0, unchanged: n, unitsCreated: 0 })
        expect(h.snapshot()).toBe(before)
      }), { numRuns: 6 })
    })
  })
})
