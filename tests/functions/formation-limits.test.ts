/**
 * Every bulk write of a formation fits the request size limit the group function is
 * configured with: an emulator refusing request bodies over 48 KiB, the function told
 * the same (`REQUEST_BODY_LIMIT`), and a school of 1,200 interns, whose stored plan alone
 * would take about 60 KiB in one request.
 */
import fs from 'node:fs'
import path from 'node:path'
import { countMembers, newPerson } from '../../cloudfunctions/common/people'
import { buildFunctions } from '../../scripts/build-functions'
import { clientFor } from '../../scripts/client'
import { generatedStudents, writeStudents } from '../formation/school'
import { openTestEnv, tempDir, TestEnv } from '../helpers/cloudbase'

const root = path.resolve(__dirname, '../..')
const LIMIT = 48 * 1024
const YEAR = '2026-2027'

describe('forming groups under a small request size limit', () => {
  let env: TestEnv
  let dir: string
  beforeAll(async () => {
    buildFunctions()
    dir = tempDir('cb-formation-limits-')
    const rc = JSON.parse(fs.readFileSync(path.join(root, 'cloudbaserc.json'), 'utf8'))
    for (const f of rc.functions) if (f.name === 'group') f.envVariables = { ...f.envVariables, REQUEST_BODY_LIMIT: String(LIMIT) }
    fs.writeFileSync(path.join(dir, 'cloudbaserc.json'), JSON.stringify(rc))
    env = await openTestEnv({
      collectionsFile: path.join(root, 'database/collections.json'),
      cloudbaseRc: path.join(dir, 'cloudbaserc.json'),
      functionsRoot: path.join(root, 'build/functions'),
      limits: { maxRequestBytes: LIMIT }
    })
    const db = env.app.database()
    await db.collection('people').add({ _id: 'admin', ...newPerson({ no: 'S0001', kind: 'staff', name: '管理员', admin: true, openid: 'o-admin' }, new Date()) })
    await db.collection('bindings').add({ _id: 'o-admin', personId: 'admin', boundAt: new Date() })
  })
  afterAll(async () => {
    await env?.close()
    fs.rmSync(dir, { recursive: true, force: true })
  })

  async function all(collection: string, where: Record<string, unknown>): Promise<any[]> {
    const db = env.app.database()
    const out: any[] = []
    for (let after = ''; ;) {
      const { data } = await db.collection(collection).where({ ...where, _id: db.command.gt(after) }).orderBy('_id', 'asc').limit(1000).get()
      out.push(...data)
      if (data.length < 1000) return out
      after = data[data.length - 1]._id
    }
  }

  it('forms 1,200 interns, then places late starters, in requests within the limit: the plan stored in parts, counts exact', async () => {
    const admin = clientFor(env.appAs('o-admin'))
    await writeStudents(env.app, generatedStudents(1200, { year: YEAR, seed: 3 }), 40)
    const preview = await admin('group', 'previewFormation', {})
    const applied = await admin('group', 'applyFormation', { fingerprint: preview.fingerprint } as any)
    expect(applied).toEqual({ year: YEAR, groups: preview.groups.length, existingGroups: 0, placed: 1200 })
    expect((await all('formations', { formation: preview.fingerprint })).length).toBeGreaterThan(1)

    await writeStudents(env.app, generatedStudents(150, { year: YEAR, seed: 4, noPrefix: 'L' }), 40)
    const late = await admin('group', 'previewFormation', {})
    expect(late.groups.some((g) => g.existing)).toBe(true)
    expect(await admin('group', 'applyFormation', { fingerprint: late.fingerprint })).toMatchObject({ placed: 150 })

    const people = await all('people', { kind: 'student' })
    expect(people.filter((p) => !p.groupId)).toEqual([])
    for (const g of await all('groups', {})) expect(g.counts).toEqual(countMembers(people.filter((p) => p.groupId === g._id)))
  })
})
