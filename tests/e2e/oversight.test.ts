/**
 * Advising and oversight in real Chromium against the emulator with a seeded school (its
 * alerts rebuilt by the daily job, as every morning): the branch opens 总览, sees groups
 * that have not met, opens that alert kind and taps through to one such group's page; an
 * advisor records a heart-to-heart talk with a student of their group, which the student
 * never reads. Questions answered are the questions journey's (questions.test.ts). Pages
 * are saved as screenshots under .tmp/e2e-screenshots/. Needs `npm run build:h5`.
 */
import { DEV_IDENTITIES } from '../../types/demo'
import { DESKTOP } from '../../scripts/browser'
import { ROUTES, withQuery } from '../../src/routes'
import { shot, startJourney, tap } from '../helpers/journey'

jest.setTimeout(180_000)

describe('the dashboard, its alerts and a talk in the H5 app', () => {
  const journey = startJourney({ interns: 600, seed: 17 })

  const open = journey.open
  const as = journey.as

  it('the branch sees groups that have not met on 总览, opens those alerts and taps through to the group', async () => {
    const admin = as(DEV_IDENTITIES.admin)
    const dashboard = await admin('oversight', 'dashboard', {})
    const silent = await admin('oversight', 'alerts', { kind: 'groupSilent', pageSize: 50 })
    expect(dashboard.alerts.byKind.groupSilent).toBe(silent.total)
    expect(silent.total).toBeGreaterThan(0)

    const page = await open(DEV_IDENTITIES.admin, ROUTES.oversight, DESKTOP)
    await page.locator('.ov-tiles').waitFor({ timeout: 30_000 })
    // The figures drawn are the function's.
    expect(await page.locator('.ov-tiles').textContent()).toContain(String(dashboard.totals.groups))
    const kind = page.locator('.ov-kind--groupSilent')
    expect(await kind.textContent()).toContain(String(silent.total))
    await shot(page, 'oversight-dashboard-desktop')

    await tap(kind)
    await page.locator('.ov-alert').first().waitFor({ timeout: 30_000 })
    const first = silent.items[0]
    expect(await page.locator('.ov-alert').first().textContent()).toContain(first.groupName)
    await shot(page, 'oversight-alerts-desktop')

    await tap(page.locator('.ov-alert').first().locator('.ov-alert__open'))
    await page.waitForURL((url) => url.toString().includes(encodeURIComponent(first.groupId)) || url.toString().includes(first.groupId), { timeout: 30_000 })
    // The alerts page stays in the document, hidden, under the group's page: wait for the name shown.
    await page.getByText(first.groupName).filter({ visible: true }).first().waitFor({ timeout: 30_000 })
    await shot(page, 'oversight-alert-group-desktop')
    await page.close()
  })

  it('an advisor records a talk with a student of their group; the student cannot read it', async () => {
    const advisor = as(DEV_IDENTITIES.advisor)
    const me = await advisor('user', 'me', {})
    const groupId = me.advisorOf[0]
    expect(groupId).toBeTruthy()
    const before = await advisor('talk', 'list', { groupId, pageSize: 50 })

    const page = await open(DEV_IDENTITIES.advisor, withQuery(ROUTES.talks, { groupId }))
    await page.locator('.talk-page__record').first().waitFor({ timeout: 30_000 })
    await tap(page.locator('.talk-page__record'))
    const student = page.locator('.talk-form__students .talk-chip').first()
    await student.waitFor({ timeout: 30_000 })
    const studentName = (await student.textContent())!.trim()
    await tap(student)
    await tap(page.locator('.talk-chip', { hasText: '视频' }))
    const topic = `实习适应与备考（${Date.now() % 10000}）`
    await page.locator('.talk-form__topic input').fill(topic)
    await page.locator('.talk-form__summary textarea').fill('了解了轮转科室的安排和备考计划，约定每周参加一次小组线上学习，有困难及时联系。')
    await shot(page, 'talk-record')
    await tap(page.locator('.talk-form__save'))

    // Saved once, as the advisor's, with that student; the list shows it.
    await page.locator('.talk-list').getByText(topic).first().waitFor({ timeout: 30_000 })
    await shot(page, 'talk-list')
    const after = await advisor('talk', 'list', { groupId, pageSize: 50 })
    const mine = after.items.filter((t) => t.topic === topic)
    expect(mine).toHaveLength(1)
    expect(mine[0]).toMatchObject({ studentName, form: 'video' })
    expect(after.total).toBe((before.total ?? 0) + 1)

    // The student (bound as the development intern or not) never reads a talk: not theirs, not anyone's.
    const intern = as(DEV_IDENTITIES.intern)
    const refused = await intern('talk', 'get', { talkId: mine[0].id }).then(() => null, (e: { code?: string }) => e.code)
    expect(['PERMISSION_DENIED', 'NOT_FOUND']).toContain(refused)
    await page.close()
  })
})
