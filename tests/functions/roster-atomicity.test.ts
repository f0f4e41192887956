/**
 * Import atomicity: an import that stops part-way (its process dies between two writes,
 * or it runs out of time) and is then run again leaves the database exactly as one clean
 * import would: no student twice, every field, unit and group count as the file says.
 */
import fc from 'fast-check'
import fs from 'node:fs'
import path from 'node:path'
import type { PersonDoc } from '../../cloudfunctions/common/model'
import { newPerson } from '../../cloudfunctions/common/people'
import { unitIdOf } from '../../cloudfunctions/roster/units'
import { rosterToCsv } from '../../scripts/seed/data'
import type { RosterRow } from '../../types/roster'
import { tempDir } from '../helpers/cloudbase'
import { OPENID } from './fixture'
import { dieAtWrite } from './dying'
import { Harness, useHarness } from './harness'
import { expectedPerson, FIXTURE_STUDENTS, loadRosterWorld, POOL, storeState } from './rosterFiles'

/** Students already in the database before the import, straight from rows of the pool. */
async function addStudents(h: Harness, rows: RosterRow[]): Promise<void> {
  if (!rows.length) return
  const now = new Date('2026-09-01T00:00:00Z')
  const db = h.app.database()
  const units = new Map(rows.map((r) => [unitIdOf(r), { _id: unitIdOf(r), name: r.unitName, province: r.province, city: r.city, createdAt: now }]))
  const { data } = await db.collection('units').where({ _id: db.command.in([...units.keys()]) }).limit(1000).get()
  for (const u of data) units.delete(u._id)
  if (units.size) await db.collection('units').add([...units.values()])
  // Their units marked as their year's, as the import marks them.
  const marks = new Map(rows.map((r) => {
    const year = (expectedPerson(r) as PersonDoc).year
    return [`${year}|${unitIdOf(r)}`, { _id: `${year}|${unitIdOf(r)}`, year, unitId: unitIdOf(r) }]
  }))
  const { data: marked } = await db.collection('yearUnits').where({ _id: db.command.in([...marks.keys()]) }).limit(1000).get()
  for (const m of marked) marks.delete(m._id)
  if (marks.size) await db.collection('yearUnits').add([...marks.values()])
  await db.collection('people').add(rows.map((r) => newPerson({ ...(expectedPerson(r) as PersonDoc), no: r.studentNo, kind: 'student', name: r.name }, now)))
}

/** The database with what may differ between two correct runs left out: times, and the ids of created people. */
function comparable(h: Harness): string {
  const state = storeState(h)
  const out: Record<string, unknown> = {}
  for (const [name, docs] of state) {
    const list = [...docs.values()].map((d) => {
      const { createdAt, updatedAt, ...rest } = d
      if (name === 'people') delete rest._id
      return rest
    })
    if (name === 'people') list.sort((a, b) => (a.no < b.no ? -1 : 1))
    out[name] = list
  }
  return JSON.stringify(out)
}

/**
 * Lets the next `allowed` writes reach the database, then fails every later one, as if
 * the function's process had died: nothing it tries afterwards is written.
 */
function dieAfterWrites(h: Harness, allowed: number): { writes: () => number; restore: () => void } {
  const dying = dieAtWrite(h, allowed, false)
  return { writes: () => Math.min(dying.writes(), allowed), restore: dying.restore }
}

interface Scenario {
  /** students in the database before the import */
  existing: RosterRow[]
  /** the file */
  file: RosterRow[]
}

const STATUSES = ['中共党员', '中共预备党员', '入党积极分子', '入党申请人', '群众']

/** Existing students the file changes in every way (alike and one by one), fixture students, and new ones. */
const scenarioArb: fc.Arbitrary<Scenario> = fc.record({
  existing: fc.integer({ min: 0, max: 12 }),
  created: fc.integer({ min: 1, max: 70 }),
  changes: fc.array(fc.constantFrom('none', 'phone', 'sameUnit', 'status'), { minLength: 12, maxLength: 12 }),
  fixture: fc.subarray(FIXTURE_STUDENTS, { minLength: 1 }),
  statuses: fc.array(fc.constantFrom(...STATUSES), { minLength: FIXTURE_STUDENTS.length, maxLength: FIXTURE_STUDENTS.length })
}).map(({ existing, created, changes, fixture, statuses }) => {
  const before = POOL.slice(0, existing)
  const changed = before.map((r, i) => {
    switch (changes[i]) {
      case 'phone': return { ...r, phone: `139${String(i).padStart(8, '0')}` }
      case 'sameUnit': return { ...r, unitName: '郑州大学第一附属医院', province: '河南省', city: '郑州市' }
      case 'status': return { ...r, politicalStatus: '入党申请人', joinedPartyAt: '', activistSince: '' }
      default: return r
    }
  })
  const fixtureRows = fixture.map((no, i) => {
    const status = statuses[FIXTURE_STUDENTS.indexOf(no)]
    const party = ['中共党员', '中共预备党员'].includes(status)
    return { ...POOL[300 + i], studentNo: no, politicalStatus: status, joinedPartyAt: party ? '2025-06-01' : '', activistSince: '' }
  })
  return { existing: before, file: [...changed, ...fixtureRows, ...POOL.slice(100, 100 + created)] }
})

describe('import atomicity', () => {
  describe('a process that dies between two writes', () => {
    // Small requests (the import splits what the emulator refuses as too large), so even a
    // small file takes several writes, each a point where the process may die.
    const h = useHarness({ fixturePerTest: false, emulator: { limits: { maxRequestBytes: 48 * 1024 } } })

    async function world(s: Scenario): Promise<void> {
      await loadRosterWorld(h)
      await addStudents(h, s.existing)
    }

    it('is completed by running the same import again, ending as one clean import', async () => {
      let uploads = 0
      // One crash anywhere, one among the last writes (where counts are repaired).
      const crashArb = fc.tuple(fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }), fc.integer({ min: 1, max: 4 }))
      await fc.assert(fc.asyncProperty(scenarioArb, crashArb, async (s, [anywhere, fromEnd]) => {
        const { fileID } = await h.app.uploadFile({ cloudPath: `uploads/atomic-${++uploads}.csv`, fileContent: Buffer.from(rosterToCsv(s.file)) })
        await world(s)
        const counter = dieAfterWrites(h, Infinity)
        const clean = await h.ok(OPENID.admin, 'roster', 'import', { fileID })
        counter.restore()
        expect(clean).toMatchObject({ written: true, remaining: 0, total: s.file.length })
        const expected = comparable(h)
        const writes = counter.writes()

        for (const allowed of [Math.floor(anywhere * writes), Math.max(0, writes - fromEnd)]) {
          await world(s)
          const dying = dieAfterWrites(h, allowed)
          const first = await h.call(OPENID.admin, 'roster', 'import', { fileID })
          dying.restore()
          expect(first).toMatchObject({ ok: false, error: { code: 'INTERNAL' } })
          const again = await h.ok(OPENID.admin, 'roster', 'import', { fileID })
          expect(again).toMatchObject({ written: true, remaining: 0 })
          expect(comparable(h)).toBe(expected)
        }
      }), { numRuns: 6 })
    })
  })

  describe('an import that runs out of time', () => {
    // The roster function given one second instead of a minute.
    const rcDir = tempDir('roster-rc-')
    const rc = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../cloudbaserc.json'), 'utf8'))
    for (const f of rc.functions) if (f.name === 'roster') f.timeout = 1
    fs.writeFileSync(path.join(rcDir, 'cloudbaserc.json'), JSON.stringify(rc))
    const h = useHarness({ fixturePerTest: false, emulator: { cloudbaseRc: path.join(rcDir, 'cloudbaserc.json') } })
    afterAll(() => fs.rmSync(rcDir, { recursive: true, force: true }))

    it('writes what it can, says how many rows remain, and is completed by importing again', async () => {
      const existing = POOL.slice(0, 300)
      const file = existing.map((r, i) => ({ ...r, phone: `139${String(i).padStart(8, '0')}` }))
      const { fileID } = await h.app.uploadFile({ cloudPath: 'uploads/slow.csv', fileContent: Buffer.from(rosterToCsv(file)) })
      await loadRosterWorld(h)
      await addStudents(h, file)
      const expected = comparable(h)

      await loadRosterWorld(h)
      await addStudents(h, existing)
      let runs = 0
      for (;;) {
        expect(++runs).toBeLessThan(60)
        const reply = await h.call(OPENID.admin, 'roster', 'import', { fileID })
        // Killed at the limit (a cold start can take most of a second), or stopped in time.
        if (!reply.ok) {
          expect(reply.error.code).toBe('INTERNAL')
          continue
        }
        expect(reply.data.remaining).toBe(file.length - reply.data.unchanged - reply.data.updated)
        if (!reply.data.remaining) break
      }
      expect(comparable(h)).toBe(expected)
    })
  })
})
