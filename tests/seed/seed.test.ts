/**
 * The demo school seeded through the real functions: everyone placed by the real
 * formation code, every group staffed, the development identities working.
 */
import path from 'node:path'
import { buildFunctions } from '../../scripts/build-functions'
import { localApp } from '../../scripts/client'
import { SEED_LESSONS } from '../../scripts/seed/lessons'
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

  it('publishes the lessons whose day has come, dated over the year, with figures that add up to their readings', async () => {
    const { lessons } = seeded
    expect(lessons.published + lessons.scheduled).toBe(SEED_LESSONS.length)
    expect(lessons.published).toBeGreaterThan(0)
    const intern = as(DEV_IDENTITIES.intern)
    const list = await intern('lesson', 'list', { pageSize: 50 })
    // Teachers see every published lesson; the intern those of their group, newest first, the newest two unread.
    const all = await as(DEV_IDENTITIES.advisor)('lesson', 'list', { pageSize: 50 })
    expect(all.items).toHaveLength(lessons.published)
    const times = list.items.map((l) => l.publishedAt)
    expect([...times].sort().reverse()).toEqual(times)
    expect(list.items.slice(0, 2).map((l) => l.read)).toEqual([false, false])
    expect(list.items.filter((l) => l.read).length).toBeGreaterThan(0)
    // Each lesson's figures are what its readings make: totals and group rows alike.
    const db = localApp(env.emulator!.adminUrl).database()
    const rates: number[] = []
    for (const item of all.items) {
      const figures = await as(DEV_IDENTITIES.admin)('lesson', 'figures', { lessonId: item.id })
      const { data: reads } = await db.collection('lessonReads').where({ lessonId: item.id }).limit(1000).get() as { data: { groupId: string | null; quiz: { score: number } | null }[] }
      expect(figures.totals.read).toBe(reads.filter((r) => r.groupId).length)
      expect(figures.totals.answered).toBe(reads.filter((r) => r.groupId && r.quiz).length)
      expect(figures.groups.reduce((n, g) => n + g.read, 0)).toBe(figures.totals.read)
      rates.push(figures.totals.readRate)
    }
    // Realistic proportions: most read, not everyone.
    const mean = rates.reduce((a, b) => a + b, 0) / rates.length
    expect(mean).toBeGreaterThan(0.4)
    expect(mean).toBeLessThan(0.9)
  })
})
