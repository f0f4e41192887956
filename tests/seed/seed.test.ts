/**
 * The demo school seeded through the real functions: everyone placed by the real
 * formation code, every group staffed, the development identities working.
 */
import path from 'node:path'
import { buildFunctions } from '../../scripts/build-functions'
import { callerAs, DEV_IDENTITIES, seedDemo, SeedResult } from '../../scripts/seed/run'
import { openTestEnv, TestEnv } from '../helpers/cloudbase'

const root = path.resolve(__dirname, '../..')

describe('seeding the demo school', () => {
  let env: TestEnv
  let seeded: SeedResult
  beforeAll(async () => {
    buildFunctions()
    env = await openTestEnv({
      collectionsFile: path.join(root, 'database/collections.json'),
      cloudbaseRc: path.join(root, 'cloudbaserc.json'),
      functionsRoot: path.join(root, 'build/functions')
    })
    seeded = await seedDemo({ adminUrl: env.emulator!.adminUrl, interns: 600, seed: 11 })
  }, 120_000)
  afterAll(() => env.close())

  const as = (openid: string) => callerAs(env.emulator!.adminUrl, openid)

  it('places every intern and staffs every group', async () => {
    expect(seeded.interns).toBe(600)
    const admin = as(DEV_IDENTITIES.admin)
    expect((await admin('roster', 'list', { unassigned: true })).total).toBe(0)
    const groups = await admin('group', 'list', { pageSize: 100 })
    expect(groups.total).toBe(seeded.groups)
    for (const g of groups.items) {
      expect(g.advisorNames.length).toBeGreaterThan(0)
      if (g.counts.partyMembers > 0) expect(g.liaisonName).not.toBeNull()
    }
    expect(groups.items.reduce((n, g) => n + g.counts.total, 0)).toBe(600)
    // "1+10": every ordinary student has a mentor as far as the group's Party members can take them.
    for (const g of groups.items) {
      const c = await admin('circle', 'coverage', { groupId: g.id })
      expect(c.ordinary).toBe(g.counts.total - g.counts.partyMembers)
      expect(c.withMentor).toBe(Math.min(c.ordinary, 10 * g.counts.partyMembers))
    }
  })

  it('binds the development identities to people of the right kind', async () => {
    expect((await as(DEV_IDENTITIES.admin)('user', 'me')).roles).toContain('admin')
    expect((await as(DEV_IDENTITIES.liaison)('user', 'me')).roles).toEqual(['intern', 'liaison'])
    expect((await as(DEV_IDENTITIES.advisor)('user', 'me')).advisorOf.length).toBeGreaterThan(0)
    expect((await as(DEV_IDENTITIES.unitContact)('user', 'me')).roles).toEqual(['unitContact'])
    const intern = await as(DEV_IDENTITIES.intern)('user', 'me')
    expect(intern.roles).toEqual(['intern'])
    expect(['activist', 'applicant', 'masses']).toContain(intern.person?.politicalStatus)
    expect((await as(DEV_IDENTITIES.unbound)('user', 'me')).bound).toBe(false)
    const badge = await as(DEV_IDENTITIES.member)('badge', 'get')
    expect(['member', 'probationary']).toContain(badge.politicalStatus)
  })
})
