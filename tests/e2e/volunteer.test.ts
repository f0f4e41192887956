/**
 * Volunteer service in real Chromium against the emulator with a seeded school: an intern
 * logs 3.5 hours, sends the record to the unit contact as a link; the contact opens it in a
 * browser of their own — no account, no identity sent — and verifies it; the intern's
 * totals move from unverified to verified; the used link refuses a second use. Pages are
 * saved as screenshots under .tmp/e2e-screenshots/. Needs `npm run build:h5`.
 */
import type { Page, Request } from 'playwright-core'
import { DEV_IDENTITIES } from '../../types/demo'
import { DESKTOP, launchBrowser, openApp, PHONE } from '../../scripts/browser'
import { DEV_OPENID_HEADER } from '../../emulator/protocol'
import { shot, startJourney, tap } from '../helpers/journey'
import { ROUTES } from '../../src/routes'

jest.setTimeout(180_000)

type Totals = { verified: number; unverified: number; records: number }

describe('volunteer service in the H5 app', () => {
  const journey = startJourney({ interns: 600, seed: 12 })
  const place = `市第一人民医院社区义诊点${Date.now() % 10000}号`

  const asIntern = () => journey.as(DEV_IDENTITIES.intern)
  const totals = async (): Promise<Totals> => (await asIntern()('volunteer', 'mine', { pageSize: 1 })).totals
  const totalsShown = async (page: Page): Promise<string[]> => page.locator('.vol-totals__value').allTextContents()

  it('logs 3.5 hours, and the unit contact verifies them through the link without signing in', async () => {
    const before = await totals()
    const page = await openApp(journey.browser.context, { siteUrl: journey.demo.siteUrl, emulatorUrl: journey.demo.emulator.url, openid: DEV_IDENTITIES.intern, route: ROUTES.volunteer })
    await page.locator('.vol-totals').waitFor({ timeout: 20_000 })
    await page.waitForFunction(() => !document.querySelector('.vol-totals__value')?.textContent?.includes('—'))

    // The form, filled as an intern would.
    await tap(page.locator('.vol-page__top').getByText('登记'))
    await page.locator('.vol-form__hours input').fill('3.5')
    await page.locator('.vol-form__place input').fill(place)
    await page.locator('.vol-form__description textarea').fill('在社区义诊点为老人测量血压、讲解高血压用药常识，服务居民约40人。')
    await shot(page, 'volunteer-log')
    await tap(page.locator('.vol-form__save'))

    // Back in the list, the record arrives, pending, and its hours count apart.
    const card = page.locator('.vol-record', { hasText: place })
    await card.waitFor({ timeout: 20_000 })
    await card.locator('.vol-record__state', { hasText: '待核实' }).waitFor({ timeout: 20_000 })
    const logged = await totals()
    expect(logged.unverified).toBe(before.unverified + 3.5)
    expect(logged.verified).toBe(before.verified)
    await shot(page, 'volunteer-mine-pending')

    // The link and QR for the unit contact.
    await tap(card.getByText('请带教老师核实'))
    const address = (await page.locator('.vol-link__address').textContent({ timeout: 20_000 }))!.trim()
    await page.locator('.vol-link__qr canvas, .vol-link__qr img').first().waitFor()
    expect(address.startsWith(journey.demo.siteUrl.replace(/\/+$/, ''))).toBe(true)
    await shot(page, 'volunteer-link')

    // The contact's own browser: a new profile, told only where the local cloud is.
    const contact = await launchBrowser()
    try {
      const sent: Request[] = []
      const verifyPage = await contact.context.newPage()
      await verifyPage.setViewportSize(PHONE)
      await verifyPage.addInitScript((url) => localStorage.setItem('emulatorUrl', url), journey.demo.emulator.url)
      verifyPage.on('request', (r) => { if (r.url().includes('/functions/')) sent.push(r) })
      await verifyPage.goto(address)
      await verifyPage.locator('.vol-verify__intro').waitFor({ timeout: 20_000 })
      expect(await verifyPage.locator('.vol-record').textContent()).toContain(place)
      await shot(verifyPage, 'volunteer-verify')
      await verifyPage.locator('.vol-verify__name input').fill('王老师')
      await tap(verifyPage.locator('.vol-verify__approve'))
      await verifyPage.getByText('已确认核实，谢谢您！').waitFor({ timeout: 20_000 })
      expect(await verifyPage.locator('.vol-record__state').textContent()).toBe('已核实')
      await shot(verifyPage, 'volunteer-verified')
      await verifyPage.setViewportSize(DESKTOP)
      await shot(verifyPage, 'volunteer-verified-desktop')
      // No call from the contact's browser named anyone.
      expect(sent.length).toBeGreaterThanOrEqual(2)
      expect(sent.every((r) => !(DEV_OPENID_HEADER in r.headers()))).toBe(true)

      // The same link again: refused, and the reason shown.
      await verifyPage.reload()
      await verifyPage.getByText('此核实链接已使用过，不能重复使用').waitFor({ timeout: 20_000 })
      expect(await verifyPage.getByText('此链接无法使用').count()).toBe(1)
      expect(await verifyPage.locator('.page-state__retry').count()).toBe(0)
      await shot(verifyPage, 'volunteer-link-used')
      await verifyPage.close()
    } finally {
      await contact.close()
    }

    // The intern's totals moved from unverified to verified, on the server and on the page.
    const after = await totals()
    expect(after.verified).toBe(before.verified + 3.5)
    expect(after.unverified).toBe(before.unverified)
    await page.goto(`${journey.demo.siteUrl}#${ROUTES.volunteer}`)
    await page.reload()
    const verified = page.locator('.vol-record', { hasText: place })
    await verified.locator('.vol-record__state', { hasText: '已核实' }).waitFor({ timeout: 20_000 })
    expect(await verified.textContent()).toContain('王老师')
    await page.waitForFunction(() => !document.querySelector('.vol-totals__value')?.textContent?.includes('—'))
    expect((await totalsShown(page))[0]).toContain(String(after.verified))
    await shot(page, 'volunteer-mine-verified')
    await page.close()
  })
})
