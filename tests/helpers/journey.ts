/** What the browser journeys share: taps NutUI takes, and screenshots once a page has settled. */
import fs from 'node:fs'
import path from 'node:path'
import type { BrowserContext, Locator, Page } from 'playwright-core'

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
