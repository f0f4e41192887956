/**
 * Forming groups for 20,000 interns, the roster import's own row limit, through the real
 * group function with CloudBase's limits (5 MiB request bodies, the function's 60 s
 * timeout): students written straight into the emulator, then preview and apply, then
 * late starters. It takes about a minute, so it runs only when asked:
 *
 *   FORMATION_SCALE=1 npx jest tests/functions/formation-scale.test.ts
 *
 * It prints its timings and asserts correctness only; the suite proves the chunking on a
 * small limit in formation-limits.test.ts.
 */
import path from 'node:path'
import { countMembers, newPerson } from '../../cloudfunctions/common/people'
import { buildFunctions } from '../../scripts/build-functions'
import { clientFor } from '../../scripts/client'
import { generatedStudents, writeStudents } from '../formation/school'
import { openTestEnv, TestEnv } from '../helpers/cloudbase'

const root = path.resolve(__dirname, '../..')
const YEAR = '2026-2027'
const INTERNS = 20_000
const LATE = 1_000

const describeAtScale = process.env.FORMATION_SCALE ? describe : describe.skip

describeAtScale(`forming groups for ${INTERNS.toLocaleString('en')} interns`, () => {
  let env: TestEnv
  beforeAll(async () => {
    buildFunctions()
    env = await openTestEnv({
      collectionsFile: path.join(root, 'database/collections.json'),
      cloudbaseRc: path.join(root, 'cloudbaserc.json'),
      functionsRoot: path.join(root, 'build/functions')
    })
    const db = env.app.database()
    await db.collection('people').add({ _id: 'admin', ...newPerson({ no: 'S0001', kind: 'staff', name: '管理员', admin: true, openid: 'o-admin' }, new Date()) })
    await db.collection('bindings').add({ _id: 'o-admin', personId: 'admin', boundAt: new Date() })
    await writeStudents(env.app, generatedStudents(INTERNS, { year: YEAR }))
  }, 120_000)
  afterAll(() => env?.close())

  async function students(): Promise<any[]> {
    const db = env.app.database()
    const out: any[] = []
    for (let after = ''; ;) {
      const { data } = await db.collection('people').where({ kind: 'student', _id: db.command.gt(after) }).orderBy('_id', 'asc').limit(1000).get()
      out.push(...data)
      if (data.length < 1000) return out
      after = data[data.length - 1]._id
    }
  }

  async function timed<T>(label: string, fn: () => Promise<T>): Promise<T> {
    const t = performance.now()
    const value = await fn()
    process.stdout.write(`${label}: ${((performance.now() - t) / 1000).toFixed(1)} s\n`)
    return value
  }

  it('previews in a small reply, applies within the function timeout, places everyone once with exact counts, then late starters', async () => {
    const admin = clientFor(env.appAs('o-admin'))
    await admin('group', 'list', {}) // a warm instance, so the timings are the actions' own

    const preview = await timed('preview', () => admin('group', 'previewFormation', {}))
    const replyBytes = Buffer.byteLength(JSON.stringify(preview))
    const sizes = preview.groups.map((g) => g.counts.total).sort((a, b) => a - b)
    process.stdout.write(`groups ${sizes.length}, sizes ${sizes[0]}..${sizes[sizes.length - 1]} (median ${sizes[sizes.length >> 1]}), reply ${(replyBytes / 1024).toFixed(0)} KiB, warnings ${preview.warnings.length}\n`)
    expect(replyBytes).toBeLessThan(1024 * 1024)
    expect(sizes[sizes.length - 1]).toBeLessThanOrEqual(45)

    const applied = await timed('apply', () => admin('group', 'applyFormation', { fingerprint: preview.fingerprint }))
    expect(applied).toEqual({ year: YEAR, groups: preview.groups.length, existingGroups: 0, placed: INTERNS })

    await writeStudents(env.app, generatedStudents(LATE, { year: YEAR, seed: 77, noPrefix: 'L' }))
    const late = await timed(`preview of ${LATE} late starters`, () => admin('group', 'previewFormation', {}))
    const joined = await timed(`apply of ${LATE} late starters`, () => admin('group', 'applyFormation', { fingerprint: late.fingerprint }))
    process.stdout.write(`late starters: ${joined.existingGroups} groups joined, ${joined.groups} new\n`)
    expect(joined.placed).toBe(LATE)

    const people = await students()
    expect(people.filter((p) => !p.groupId)).toHaveLength(0)
    const byGroup = new Map<string, any[]>()
    for (const p of people) byGroup.set(p.groupId, [...(byGroup.get(p.groupId) ?? []), p])
    const { data: groups } = await env.app.database().collection('groups').limit(1000).get()
    expect(groups.length).toBe(preview.groups.length + joined.groups)
    for (const g of groups) expect(g.counts).toEqual(countMembers(byGroup.get(g._id) ?? []))
  }, 300_000)
})
