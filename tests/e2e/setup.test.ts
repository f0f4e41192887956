/**
 * The branch sets up a new internship year in real Chromium against the emulator with a
 * seeded school: a roster file with one bad row is refused with its report and nothing
 * written; fixed, it is imported; groups for the new year are previewed and formed; a
 * group gets a liaison; a teacher is invited, made its advisor, redeems the code in a
 * browser of their own and sees the group; an intern is moved and their history shows the
 * move; a non-admin opening these pages is refused by the functions and told why.
 * Screenshots under .tmp/e2e-screenshots/. Needs `npm run build:h5`.
 */
import type { Page } from 'playwright-core'
import { DEV_IDENTITIES } from '../../types/demo'
import { DESKTOP, launchBrowser, openApp } from '../../scripts/browser'
import { confirmModal, shot, startJourney, tap } from '../helpers/journey'
import { ROUTES, withQuery } from '../../src/routes'

jest.setTimeout(240_000)

const YEAR = '2027-2028'
const HEADER = '学号,姓名,年级,专业,政治面貌,手机,实习单位,省,市,实习开始,实习结束,入党时间'
const STATUSES = ['中共党员', '中共党员', '中共预备党员', '入党积极分子', '共青团员', '共青团员', '群众']
const SURNAMES = '赵钱孙李周吴郑王冯陈褚卫蒋沈韩杨朱秦尤许'
const GIVEN = ['子涵', '思远', '雨桐', '浩然', '欣怡', '梓轩', '诗琪', '俊杰', '佳怡', '一鸣']

/** A roster of the new year: 40 students in two provinces; `badPhone` spoils one row's phone. */
function rosterCsv(badPhone: boolean): Buffer {
  const rows = Array.from({ length: 40 }, (_, i) => {
    const status = STATUSES[i % STATUSES.length]
    const [province, city, unit] = i % 2 ? ['河南省', '郑州市', '郑州大学第一附属医院'] : ['湖北省', '武汉市', '武汉协和医院']
    const phone = badPhone && i === 6 ? '1380013' : `1380013${String(i).padStart(4, '0')}`
    const joined = status === '中共党员' ? '2024-06-01' : status === '中共预备党员' ? '2026-09-01' : ''
    return [`2025${String(9000 + i)}`, `${SURNAMES[i % SURNAMES.length]}${GIVEN[Math.floor(i / 4) % GIVEN.length]}`, '2025级', '临床医学', status, phone, unit, province, city, '2027-07-01', '2028-06-30', joined].join(',')
  })
  return Buffer.from(`${[HEADER, ...rows].join('\n')}\n`, 'utf8')
}

describe('the branch sets up a year in the H5 app', () => {
  const journey = startJourney({ interns: 300, seed: 21 })
  const teacherName = '测试林老师'
  let groupId = ''
  let newGroups: string[] = []

  const open = journey.open
  const asAdmin = () => journey.as(DEV_IDENTITIES.admin)
  const newYearStudents = async () => (await asAdmin()('roster', 'list', { keyword: '20259', pageSize: 100 })).items.filter((p) => p.studentNo.startsWith('20259'))

  async function importFile(page: Page, csv: Buffer): Promise<string> {
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), tap(page.locator('.roster-import .nut-button', { hasText: /选择名单文件|重新选择文件|导入另一个文件/ }))])
    await chooser.setFiles({ name: 'roster-2027.csv', mimeType: 'text/csv', buffer: csv })
    return confirmModal(page)
  }

  it('refuses a roster with a bad row, naming it, and imports it once fixed', async () => {
    const page = await open(DEV_IDENTITIES.admin, ROUTES.roster, DESKTOP)
    await page.locator('.roster-row:not(.roster-row--head)').first().waitFor({ timeout: 30_000 })
    expect(await importFile(page, rosterCsv(true))).toContain('有错误时不写入任何内容')
    const report = page.locator('.roster-report')
    await report.waitFor({ timeout: 30_000 })
    // One problem, named with its column and row (the header is row 1).
    expect(await page.locator('.roster-report__reason').allTextContents()).toEqual([expect.stringMatching(/^手机：/)])
    expect(await page.locator('.roster-report__rows').textContent()).toBe('第 8 行')
    await shot(page, 'setup-roster-report-desktop')
    expect(await newYearStudents()).toHaveLength(0)

    expect(await importFile(page, rosterCsv(false))).toContain('导入')
    const ok = page.locator('.roster-import__ok')
    await ok.waitFor({ timeout: 30_000 })
    expect(await ok.textContent()).toContain('新增 40 人')
    // The list turns to the year the file went into: its 40 students, and no one else.
    await page.locator('.roster-filters__years .roster-chip--on', { hasText: YEAR }).waitFor({ timeout: 30_000 })
    await page.locator('.section-title', { hasText: '实习生（40 人）' }).waitFor({ timeout: 30_000 })
    const listed = await page.locator('.roster-row:not(.roster-row--head) .roster-row__no').allTextContents()
    expect(listed.length).toBeGreaterThan(0)
    expect(listed.every((no) => no.startsWith('20259'))).toBe(true)
    await shot(page, 'setup-roster-imported-desktop')
    expect(await newYearStudents()).toHaveLength(40)
    const ofYear = await asAdmin()('roster', 'list', { year: YEAR, pageSize: 100 })
    expect({ total: ofYear.total, nos: ofYear.items.map((p) => p.studentNo).sort() }).toEqual({ total: 40, nos: (await newYearStudents()).map((p) => p.studentNo).sort() })
    await page.close()
  })

  it('previews the new year\'s groups and forms them after saying what will be created', async () => {
    const page = await open(DEV_IDENTITIES.admin, withQuery(ROUTES.formation, { year: YEAR }), DESKTOP)
    await page.locator('.formation__apply-text').waitFor({ timeout: 30_000 })
    await shot(page, 'setup-formation-preview-desktop')
    await tap(page.getByText('应用', { exact: false }).last())
    const said = await confirmModal(page)
    expect(said).toMatch(/新建\d+个党小组，编入40名学生/)
    await page.getByText(/共编入40名学生/).waitFor({ timeout: 30_000 })
    await shot(page, 'setup-formation-applied-desktop')
    // Every student of the new roster is in one of the new groups.
    const placed = await newYearStudents()
    expect(placed.every((p) => p.groupId)).toBe(true)
    newGroups = [...new Set(placed.map((p) => p.groupId!))]
    groupId = newGroups[0]
    await page.close()
  })

  it('assigns a liaison, invites a teacher who becomes the advisor and sees the group after redeeming the code', async () => {
    const manage = await open(DEV_IDENTITIES.admin, withQuery(ROUTES.groupManage, { groupId }), DESKTOP)
    await manage.locator('.manage__roles').waitFor({ timeout: 20_000 })
    const candidate = (await manage.locator('.manage__roles .manage__name').first().textContent())!
    await tap(manage.locator('.manage__liaison').first())
    await tap(manage.locator('.manage__save-roles'))
    expect(await confirmModal(manage)).toContain(`联络员：`)
    await manage.locator('.manage__outcome').waitFor({ timeout: 20_000 })
    const detail = await asAdmin()('group', 'detail', { groupId })
    expect(detail.members.find((m) => m.id === detail.liaisonId)?.name).toBe(candidate)

    // The invitation.
    const invites = await open(DEV_IDENTITIES.admin, ROUTES.invites, DESKTOP)
    await invites.locator('.invites__form').waitFor({ timeout: 20_000 })
    await tap(invites.locator('.invites__kinds').getByText('指导教师'))
    await invites.locator('.invites__name-input input').fill(teacherName)
    await tap(invites.locator('.invites__submit'))
    const code = (await invites.locator('.invites__code').textContent({ timeout: 20_000 }))!.trim()
    expect(code).toMatch(/^[A-Z0-9]{8}$/)
    await shot(invites, 'setup-invite-desktop')
    await invites.close()

    // The invited teacher becomes the group's advisor.
    await manage.reload()
    await tap(manage.locator('.manage__staff--teacher .manage__add'))
    await tap(manage.locator('.manage__pick', { hasText: teacherName }))
    await tap(manage.locator('.manage__staff--teacher .manage__save-staff'))
    expect(await confirmModal(manage)).toContain(teacherName)
    await manage.locator('.manage__outcome', { hasText: teacherName }).waitFor({ timeout: 20_000 })
    await shot(manage, 'setup-group-manage-desktop')
    await manage.close()

    // The teacher, on a phone of their own, redeems the code and sees the group.
    const teacherBrowser = await launchBrowser()
    try {
      const phone = await openApp(teacherBrowser.context, { siteUrl: journey.demo.siteUrl, emulatorUrl: journey.demo.emulator.url, openid: 'e2e-new-teacher', route: ROUTES.bind })
      await tap(phone.getByText('我有邀请码'))
      await phone.locator('.bind__code input').fill(code)
      await tap(phone.locator('.bind__submit'))
      const groupName = (await asAdmin()('group', 'detail', { groupId })).name
      await phone.locator('.group-card', { hasText: groupName }).waitFor({ timeout: 30_000 })
      await shot(phone, 'setup-teacher-home')
      await phone.close()
    } finally {
      await teacherBrowser.close()
    }
  })

  it('moves an intern to another group and shows the move in their history', async () => {
    const target = await asAdmin()('group', 'detail', { groupId: newGroups.find((g) => g !== groupId)! })
    const page = await open(DEV_IDENTITIES.admin, withQuery(ROUTES.groupManage, { groupId }), DESKTOP)
    await page.locator('.manage__move').waitFor({ timeout: 20_000 })
    const member = (await page.locator('.manage__member').last().textContent())!
    await tap(page.locator('.manage__member').last())
    await page.locator('.manage__history-item').first().waitFor({ timeout: 20_000 })
    await page.locator('.manage__search input').fill(target.name.slice(0, 2))
    await tap(page.locator('.manage__search-go'))
    await tap(page.locator('.manage__target', { hasText: target.name }))
    await page.locator('.manage__reason input').fill('更换实习医院')
    await tap(page.locator('.manage__do-move'))
    expect(await confirmModal(page)).toContain(target.name)
    await page.locator('.manage__outcome', { hasText: member }).waitFor({ timeout: 20_000 })
    await shot(page, 'setup-move-desktop')
    await page.close()
    // In their new group, the person's history shows where they were and the move.
    const there = await open(DEV_IDENTITIES.admin, withQuery(ROUTES.groupManage, { groupId: target.id }), DESKTOP)
    await tap(there.locator('.manage__member', { hasText: member }))
    await there.locator('.manage__history-item', { hasText: target.name }).waitFor({ timeout: 20_000 })
    expect(await there.locator('.manage__history-item').count()).toBe(2)
    expect(await there.locator('.manage__history').textContent()).toContain('更换实习医院')
    await shot(there, 'setup-history-desktop')
    const moved = (await asAdmin()('group', 'detail', { groupId: target.id })).members.find((m) => m.name === member)
    expect(moved).toBeTruthy()
    const history = await asAdmin()('group', 'history', { personId: moved!.id })
    expect(history.items.map((e) => e.groupId)).toEqual(expect.arrayContaining([groupId, target.id]))
    await there.close()
  })

  it('refuses a non-admin every setup page, through the functions, and says why', async () => {
    for (const route of [ROUTES.roster, withQuery(ROUTES.formation, { year: YEAR }), withQuery(ROUTES.groupManage, { groupId }), ROUTES.invites]) {
      const page = await open(DEV_IDENTITIES.intern, route)
      const alert = page.locator('[role="alert"]').first()
      await alert.waitFor({ timeout: 20_000 })
      expect(await alert.textContent()).toMatch(/权限/)
      if (route === ROUTES.invites) await shot(page, 'setup-refused-intern')
      await page.close()
    }
  })
})
