/**
 * Database requests of the oversight actions, the caller load included: the dashboard at
 * most 8, a page of the activity grid at most 6, a page of alerts at most 4, the settings
 * 2 — and the same numbers when the groups, people and records double.
 */
import { OPENID } from './fixture'
import { useHarness } from './harness'
import { addRecords, addWorld, clearOversight, fireDailyAlerts, World } from './oversightWorld'

const h = useHarness({ fixturePerTest: false })
const db = () => h.app.database()

async function requestsOf(call: () => Promise<unknown>): Promise<number> {
  h.resetCounters()
  await call()
  return h.dbRequests()
}

/** Every measured action's requests, as the branch, an advisor of several groups and a liaison. */
async function measure(world: World): Promise<Record<string, number>> {
  const [advisor] = [...world.advisors.keys()]
  const liaison = world.openids.get(world.groups[0].liaisonId!)!
  const page = await h.ok(OPENID.admin, 'oversight', 'groupActivity', { pageSize: 5 })
  const alertsPage = await h.ok(OPENID.admin, 'oversight', 'alerts', { pageSize: 5 })
  return {
    'dashboard (branch)': await requestsOf(() => h.ok(OPENID.admin, 'oversight', 'dashboard', {})),
    'dashboard (advisor)': await requestsOf(() => h.ok(`o-${advisor}`, 'oversight', 'dashboard', {})),
    'groupActivity (branch, page 1)': await requestsOf(() => h.ok(OPENID.admin, 'oversight', 'groupActivity', { pageSize: 5 })),
    'groupActivity (branch, page 2)': await requestsOf(() => h.ok(OPENID.admin, 'oversight', 'groupActivity', { pageSize: 5, cursor: page.nextCursor! })),
    'groupActivity (branch, a province)': await requestsOf(() => h.ok(OPENID.admin, 'oversight', 'groupActivity', { pageSize: 5, province: '湖北省' })),
    'groupActivity (advisor)': await requestsOf(() => h.ok(`o-${advisor}`, 'oversight', 'groupActivity', {})),
    'alerts (branch, page 1)': await requestsOf(() => h.ok(OPENID.admin, 'oversight', 'alerts', { pageSize: 5 })),
    'alerts (branch, page 2)': await requestsOf(() => h.ok(OPENID.admin, 'oversight', 'alerts', { pageSize: 5, cursor: alertsPage.nextCursor! })),
    'alerts (branch, one kind)': await requestsOf(() => h.ok(OPENID.admin, 'oversight', 'alerts', { kind: 'groupSilent' })),
    'alerts (advisor, one kind)': await requestsOf(() => h.ok(`o-${advisor}`, 'oversight', 'alerts', { kind: 'questionUnanswered' })),
    'alerts (liaison)': await requestsOf(() => h.ok(liaison, 'oversight', 'alerts', {})),
    settings: await requestsOf(() => h.ok(OPENID.admin, 'oversight', 'settings', {}))
  }
}

const BUDGETS: [RegExp, number][] = [[/^dashboard/, 8], [/^groupActivity/, 6], [/^alerts/, 4], [/^settings/, 2]]

it('stays within its request budget, flat when the groups, people and records double', async () => {
  await clearOversight(h)
  const world = await addWorld(h, { groups: 12, perGroup: 8, advisors: 3 })
  await addRecords(h, world, 'a')
  expect(await fireDailyAlerts(h, new Date())).toMatchObject({ ok: true })
  const before = await measure(world)
  for (const [label, n] of Object.entries(before)) {
    const budget = BUDGETS.find(([re]) => re.test(label))![1]
    expect([label, n <= budget]).toEqual([label, true])
  }
  // Twice the groups (the same advisors take the new ones too), people and records.
  const more = await addWorld(h, { groups: 12, perGroup: 8, advisors: 3, prefix: 'x' })
  await db().collection('groups').where({ _id: db().command.in(more.groups.map((g) => g._id)) }).update({ advisorIds: [...world.advisors.keys()].slice(0, 1), advisorNames: ['w老师0'] })
  await addRecords(h, more, 'b')
  expect(await fireDailyAlerts(h, new Date())).toMatchObject({ ok: true })
  expect(await measure(world)).toEqual(before)
  expect((await h.ok(`o-${[...world.advisors.keys()][0]}`, 'oversight', 'dashboard', {})).totals.groups).toBe(4 + 12)
})
