/** What the browser journeys share: taps NutUI takes, and screenshots once a page has settled. */
import fs from 'node:fs'
import path from 'node:path'
import type { Locator, Page } from 'playwright-core'

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
