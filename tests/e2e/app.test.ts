/**
 * The H5 app in real Chromium against the emulator with a seeded school: the journeys a
 * newcomer, an intern, a teacher and the branch take, the cloud calls each first screen
 * makes, and what an intern's answers never carry. Every page visited is saved as a
 * screenshot under .tmp/e2e-screenshots/. Needs `npm run build:h5` (the test command does it).
 */
import jsQR from 'jsqr'
import type { Page, Response } from 'playwright-core'
import { DEV_IDENTITIES } from '../../types/demo'
import { DESKTOP, openApp } from '../../scripts/browser'
import { localApp } from '../../scripts/client'
import { shot, startJourney, tap } from '../helpers/journey'
import { ROUTES, TABS } from '../../src/routes'

jest.setTimeout(120_000)

/** A function call the page made, and its answer. */
interface CallSeen { fn: string; action: string; body: string }

describe('the H5 app', () => {
  const journey = startJourney({ interns: 600, seed: 11 })

  /** Opens the app as `openid`, recording every function call and its answer. */
  async function open(openid: string, options: { route?: string; consent?: boolean; viewport?: { width: number; height: number } } = {}) {
    const calls: CallSeen[] = []
    const pending: Promise<void>[] = []
    const page = await openApp(journey.browser.context, { siteUrl: journey.demo.siteUrl, emulatorUrl: journey.demo.emulator.url, openid, ...options })
    page.on('response', (res: Response) => {
      const m = /\/functions\/([^/?]+)/.exec(res.url())
      if (!m || res.request().method() !== 'POST') return
      const sent = JSON.parse(res.request().postData() ?? '{}') as { action?: string }
      pending.push(res.text().then((body) => { calls.push({ fn: m[1], action: sent.action ?? '', body }) }, () => undefined))
    })
    const settled = async () => { await Promise.all(pending) }
    return { page, calls, settled }
  }

  const tab = (page: Page, label: string) => tap(page.locator('.weui-tabbar__item', { hasText: label }))

  it('lets a newcomer consent, fail a bind, bind, and see their own group', async () => {
    const db = localApp(journey.demo.emulator.adminUrl).database()
    const { data } = await db.collection('people').where({ kind: 'student', openid: null, groupId: db.command.neq(null) }).limit(1).get()
    const student = data[0] as { no: string; name: string; groupId: string }
    const group = (await db.collection('groups').doc(student.groupId).get()).data[0] as { name: string }

    const { page } = await open('e2e-newcomer', { consent: false })
    await page.getByText('欢迎使用实习党小组').waitFor()
    await shot(page, 'home-unbound')
    await tap(page.locator('.home__bind'))
    await page.getByText('个人信息保护提示').waitFor()
    await shot(page, 'bind-consent')
    await tap(page.locator('.privacy-sheet__agree'))
    await page.getByText('个人信息保护提示').waitFor({ state: 'hidden' })

    const fields = page.locator('.bind__input input')
    await fields.nth(0).fill(student.no)
    await fields.nth(1).fill(`${student.name}错`)
    await tap(page.locator('.bind__submit'))
    const error = page.locator('.bind__error')
    await error.waitFor()
    expect(await error.textContent()).toMatch(/学号或姓名不正确.*还可尝试4次/)
    await shot(page, 'bind-error')

    await fields.nth(1).fill(student.name)
    await tap(page.locator('.bind__submit'))
    await page.locator('.home__group').waitFor({ timeout: 20_000 })
    expect(await page.locator('.home__group').textContent()).toContain(group.name)
    await shot(page, 'home-after-bind')
    await page.close()
  })

  it('loads each first screen in one cloud call, and the tabs follow the role', async () => {
    const { page, calls, settled } = await open(DEV_IDENTITIES.intern)
    await page.locator('.home__group').waitFor()
    await settled()
    expect(calls.map((c) => `${c.fn}.${c.action}`)).toEqual(['user.home'])
    for (const [label, ready, action, name] of [['小组', '.group-summary', 'group.detail', 'group-intern'], ['身份牌', '.badge-card', 'badge.get', 'badge-intern'], ['我的', '.me__profile', 'user.me', 'me-intern']] as const) {
      calls.length = 0
      await tab(page, label)
      await page.locator(ready).first().waitFor()
      await settled()
      expect({ page: label, calls: calls.map((c) => `${c.fn}.${c.action}`) }).toEqual({ page: label, calls: [action] })
      await shot(page, name)
    }
    await page.close()

    // Staff, who have no badge, find the badge check on that tab.
    const advisor = await open(DEV_IDENTITIES.advisor)
    await advisor.page.locator('.group-card').first().waitFor()
    expect(await advisor.page.locator('.weui-tabbar__item').nth(TABS.indexOf(ROUTES.badge)).textContent()).toContain('扫码验证')
    await shot(advisor.page, 'home-advisor')
    await advisor.page.close()
  })

  it('shows an intern\'s badge with a QR that decodes to a genuine token, which a teacher checks by pasting it', async () => {
    const { page } = await open(DEV_IDENTITIES.member, { route: '/pages/badge/index' })
    const canvas = page.locator('.badge-card canvas').first()
    await canvas.waitFor()
    await page.waitForFunction(() => {
      const c = document.querySelector('.badge-card canvas') as HTMLCanvasElement | null
      return !!c && c.width > 0 && c.getContext('2d')!.getImageData(0, 0, 1, 1).data[3] > 0
    })
    const pixels = await canvas.evaluate((c) => {
      const el = c as HTMLCanvasElement
      const img = el.getContext('2d')!.getImageData(0, 0, el.width, el.height)
      return { width: img.width, height: img.height, data: Array.from(img.data) }
    })
    const decoded = jsQR(Uint8ClampedArray.from(pixels.data), pixels.width, pixels.height)
    expect(decoded?.data).toMatch(/^PB1\./)
    const shown = await page.locator('.badge-card').textContent()
    const verdict = await journey.as(DEV_IDENTITIES.advisor)('badge', 'verify', { token: decoded!.data })
    expect(verdict.valid).toBe(true)
    expect(shown).toContain(verdict.name)
    await shot(page, 'badge-member')
    await page.close()

    const teacher = await open(DEV_IDENTITIES.advisor, { route: '/packages/staff/pages/scan/index' })
    await teacher.page.locator('.scan-paste__input input').fill(decoded!.data)
    await tap(teacher.page.locator('.scan-paste__submit'))
    const genuine = teacher.page.locator('.verdict--genuine')
    await genuine.waitFor()
    expect(await genuine.textContent()).toContain(verdict.name!)
    await shot(teacher.page, 'scan-genuine')
    await teacher.page.close()
  })

  it('shows a teacher only the groups they look after', async () => {
    const me = await journey.as(DEV_IDENTITIES.advisor)('user', 'me')
    const mine = new Set([...me.advisorOf, ...me.contactOf])
    const { page, calls, settled } = await open(DEV_IDENTITIES.advisor, { route: '/packages/staff/pages/groups/index' })
    await page.locator('.group-card').first().waitFor()
    await settled()
    const listed = calls.filter((c) => c.action === 'list').flatMap((c) => (JSON.parse(c.body).result.data.items as { id: string }[]).map((g) => g.id))
    expect(listed.length).toBe(mine.size)
    expect(listed.every((id) => mine.has(id))).toBe(true)
    expect(await page.locator('.group-card').count()).toBe(mine.size)
    await shot(page, 'groups-advisor')
    // A group of theirs opens with one call, its members with roles.
    calls.length = 0
    await tap(page.locator('.group-card'))
    await page.locator('.group-summary').waitFor()
    await settled()
    expect(calls.map((c) => `${c.fn}.${c.action}`)).toEqual(['group.detail'])
    await shot(page, 'group-detail-advisor')
    await page.close()
  })

  it('switches identity on the local sign-in page, and shows the privacy statement', async () => {
    const { page } = await open(DEV_IDENTITIES.intern, { route: '/pages/me/index' })
    await page.locator('.me__profile').waitFor()
    await tap(page.getByText('隐私说明').first())
    await page.getByText('谁能看到').waitFor()
    await shot(page, 'privacy')
    await page.goBack()
    await tap(page.getByText('切换演示身份（本地）'))
    await page.locator('.signin__item').first().waitFor()
    await shot(page, 'signin')
    await tap(page.locator('.signin__item', { hasText: '联络员' }))
    await page.locator('.home__group').waitFor()
    expect(await page.locator('.home__group').textContent()).toContain('我是联络员')
    expect(await page.locator('.dev-banner').textContent()).toContain('联络员')
    await page.close()
  })

  it('lets the branch browse the groups of one province', async () => {
    const { page, calls, settled } = await open(DEV_IDENTITIES.admin, { route: '/packages/staff/pages/groups/index', viewport: DESKTOP })
    await page.locator('.group-card').first().waitFor()
    await shot(page, 'groups-branch')
    await tap(page.locator('.group-browser__province'))
    calls.length = 0
    await tap(page.locator('.province-chip', { hasText: '河南省' }))
    await page.waitForFunction(() => Array.from(document.querySelectorAll('.group-card__place')).length > 0 &&
      Array.from(document.querySelectorAll('.group-card__place')).every((e) => e.textContent?.startsWith('河南省')))
    await settled()
    const answers = calls.filter((c) => c.action === 'list').map((c) => JSON.parse(c.body).result.data as { items: { province: string }[]; total: number })
    expect(answers.length).toBeGreaterThan(0)
    expect(answers.flatMap((a) => a.items).every((g) => g.province === '河南省')).toBe(true)
    expect(await page.locator('.group-card').count()).toBe(Math.min(answers[0].total, 20))
    await shot(page, 'groups-branch-henan')
    await page.close()
  })

  it('never sends an intern another member\'s phone number or political status', async () => {
    const own = await journey.as(DEV_IDENTITIES.intern)('user', 'me')
    const { page, calls, settled } = await open(DEV_IDENTITIES.intern)
    await page.locator('.home__group').waitFor()
    for (const [label, ready] of [['小组', '.group-summary'], ['身份牌', '.badge-card'], ['我的', '.me__profile']] as const) {
      await tab(page, label)
      await page.locator(ready).first().waitFor()
    }
    // A page may draw its answer before the browser has reported the response: wait for the reports.
    for (let i = 0; i < 50 && calls.length < 4; i++) {
      await page.waitForTimeout(100)
      await settled()
    }
    await settled()
    expect(calls.length).toBeGreaterThanOrEqual(4)
    // A phone number stands alone: not a run of digits inside an id or a longer number.
    const phones = calls.flatMap((c) => c.body.match(/(?<![0-9A-Za-z])1[3-9]\d{9}(?![0-9A-Za-z])/g) ?? [])
    expect(phones.every((p) => p === own.person!.phone)).toBe(true)
    const detail = calls.find((c) => c.action === 'detail')!
    const members = JSON.parse(detail.body).result.data.members as { id: string; politicalStatus?: string }[]
    expect(members.filter((m) => m.politicalStatus !== undefined).map((m) => m.id)).toEqual([own.person!.id])
    await page.close()
  })
})
