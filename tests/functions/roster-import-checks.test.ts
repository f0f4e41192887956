/**
 * Every check that can refuse a roster row runs before the first write: for any generated
 * file, either the report lists each bad row (with the column to blame) and the database
 * is unchanged, or, when the admin skips invalid rows, exactly the valid rows are written.
 */
import fc from 'fast-check'
import { OPENID } from './fixture'
import { useHarness } from './harness'
import { expectExactlyWritten, GeneratedFile, loadRosterWorld, rosterFileArb, storeState, toCsv, toXlsx } from './rosterFiles'

describe('roster import checks every row before writing', () => {
  const h = useHarness({ fixturePerTest: false })
  let uploads = 0

  async function upload(content: Buffer | string, ext: string): Promise<string> {
    const { fileID } = await h.app.uploadFile({ cloudPath: `uploads/generated-${++uploads}.${ext}`, fileContent: Buffer.from(content) })
    return fileID
  }

  /** Imports the file twice from the same start: as it is, then skipping invalid rows. */
  async function checkFile(file: GeneratedFile, fileID: string): Promise<void> {
    await loadRosterWorld(h)
    const before = h.snapshot()
    const report = await h.ok(OPENID.admin, 'roster', 'import', { fileID })
    const reported = [...new Set(report.errors.map((e) => e.row))].sort((a, b) => a - b)
    expect(reported).toEqual(file.invalidRows)
    for (const [i, g] of file.rows.entries()) {
      if (g.problem) expect(report.errors.filter((e) => e.row === i + 2).map((e) => e.column)).toEqual(expect.arrayContaining(g.problem.columns))
    }
    expect(report).toMatchObject({ total: file.rows.length, invalid: file.invalidRows.length, valid: file.rows.length - file.invalidRows.length })
    if (file.invalidRows.length) {
      expect(report.written).toBe(false)
      expect(h.snapshot()).toBe(before)
    }

    await loadRosterWorld(h)
    const start = storeState(h)
    const skipped = await h.ok(OPENID.admin, 'roster', 'import', { fileID, skipInvalid: true })
    const valid = file.rows.filter((g) => !g.problem).map((g) => g.row)
    expect(skipped.written).toBe(valid.length > 0)
    expectExactlyWritten(start, storeState(h), valid)
  }

  it('refuses CSV rows with bad cells, taken numbers or the wrong year, writing nothing or only the valid rows', async () => {
    await fc.assert(fc.asyncProperty(rosterFileArb({ xlsx: false }), async (file) => {
      await checkFile(file, await upload(toCsv(file), 'csv'))
    }), { numRuns: 30 })
  })

  it('reads every kind of .xlsx cell, refusing errors, uncalculated formulas, booleans and numbers Excel cannot keep', async () => {
    await fc.assert(fc.asyncProperty(rosterFileArb({ xlsx: true }), async (file) => {
      await checkFile(file, await upload(await toXlsx(file), 'xlsx'))
    }), { numRuns: 30 })
  })
})
