/**
 * What the browser journeys share: the demo school and a browser started for a file's
 * tests, taps NutUI takes, Taro's modal answered, and screenshots once a page has settled.
 */
import fs from 'node:fs'
import path from 'node:path'
import type { BrowserContext, Locator, Page } from 'playwright-core'
import { launchBrowser, openApp, PHONE } from '../../scripts/browser'
import { Demo, startDemo } from '../../scripts/demo'
import { callerAs } from '../../scripts/seed/run'

type Browser = Awaited<ReturnType<typeof launchBrowser>>
type Viewport = { width: number; height: number }

/** A journey's demo school and browser, there once `beforeAll` has run. */
export interface Journey {
  readonly demo: Demo
  readonly browser: Browser
  /** Opens the app as `openid` at `route`, on a phone unless another viewport is given. */
  open(openid: string, route: string, viewport?: Viewport): Promise<Page>
  /** Calls the functions as `openid`, as the app would. */
  as(openid: string): ReturnType<typeof callerAs>
}

/**
 * Starts the demo (`interns` sized, from `seed`) and a browser before the file's tests and
 * stops both after them. A file's own `beforeAll`, declared after, runs once they are up.
 */
export function startJourney(options: { interns: number; seed: number }): Journey {
  let demo: Demo | undefined
  let browser: Browser | undefined
  const up = <T>(value: T | undefined, what: string): T => {
    if (!value) throw new Error(`the journey's ${what} is not up: use it inside a test or a later beforeAll`)
    return value
  }
  beforeAll(async () => {
    demo = await startDemo(options)
    browser = await launchBrowser()
  }, 240_000)
  afterAll(async () => {
    await browser?.close()
    await demo?.stop()
  })
  return {
    get demo() { return up(demo, 'demo') },
    get browser() { return up(browser, 'browser') },
    open: (openid, route, viewport = PHONE) =>
      openApp(up(browser, 'browser').context, { siteUrl: up(demo, 'demo').siteUrl, emulatorUrl: up(demo, 'demo').emulator.url, openid, route, viewport }),
    as: (openid) => callerAs(up(demo, 'demo').emulator.adminUrl, openid)
  }
}

/** Accepts the modal the page opened (Taro's H5 modal: its buttons are `.taro-model__btn`, sic, the confirming one last); answers what it said. */
export async function confirmModal(page: Page): Promise<string> {
  const buttons = page.locator('.taro-model__btn:visible')
  await buttons.last().waitFor({ timeout: 20_000 })
  const said = (await page.locator('.taro-modal__content:visible').textContent()) ?? ''
  await buttons.last().click()
  return said
}

/** Where the journeys' screenshots go. */
export const SHOTS = path.resolve(__dirname, '../../.tmp/e2e-screenshots')

/** NutUI's buttons take a DOM click more reliably than a synthetic pointer in headless Chromium. */
export const tap = (l: Locator): Promise<void> => l.first().evaluate((el) => (el as HTMLElement).click())

/** A full-page screenshot under SHOTS once page transitions and overlays have settled. */
export async function shot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SHOTS, { recursive: true })
  await page.waitForTimeout(400)
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true })
}

/** A PNG drawn in the browser, as a person would upload a photo: a red banner with `title` on a light ground. */
export async function drawPicture(context: BrowserContext, title: string, size = { width: 750, height: 420 }): Promise<Buffer> {
  const page = await context.newPage()
  const dataUrl = await page.evaluate(([text, width, height]) => {
    const c = document.createElement('canvas')
    c.width = width as number
    c.height = height as number
    const g = c.getContext('2d')!
    g.fillStyle = '#f5f3f0'
    g.fillRect(0, 0, c.width, c.height)
    const grad = g.createLinearGradient(0, 0, c.width, 0)
    grad.addColorStop(0, '#c8161d')
    grad.addColorStop(1, '#e8542a')
    g.fillStyle = grad
    g.fillRect(0, 0, c.width, Math.round(c.height * 0.45))
    g.fillStyle = '#ffe9a8'
    g.font = 'bold 64px sans-serif'
    g.fillText(text as string, 48, Math.round(c.height * 0.3))
    return c.toDataURL('image/png')
  }, [title, size.width, size.height])
  await page.close()
  return Buffer.from(dataUrl.split(',')[1], 'base64')
}
