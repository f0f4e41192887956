/**
 * Headless Chromium (Debian's /usr/bin/chromium) driven by playwright-core, with the flags
 * this network-less machine needs.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { chromium, BrowserContext, Page } from 'playwright-core'
import { PRIVACY_VERSION } from '../types/privacy'

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

export async function launchBrowser(): Promise<{ context: BrowserContext; close: () => Promise<void> }> {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install chromium (or set CHROMIUM_PATH)`)
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'chromium-profile-'))
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    // The app's people are in China: dates and times read as on their phones, whatever the machine's zone.
    timezoneId: 'Asia/Shanghai',
    locale: 'zh-CN',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync']
  })
  return {
    context,
    close: async () => {
      await context.close()
      fs.rmSync(profile, { recursive: true, force: true })
    }
  }
}

/** Phone and desktop viewports the app is checked on. */
export const PHONE = { width: 390, height: 844 }
export const DESKTOP = { width: 1280, height: 800 }

/**
 * A page of the H5 app speaking to `emulatorUrl` as the development identity `openid`
 * (the app reads both from local storage), with consent already given unless `consent`
 * is false, opened at `route` (a hash route such as /pages/home/index).
 */
export async function openApp(context: BrowserContext, options: { siteUrl: string; emulatorUrl: string; openid: string; route?: string; consent?: boolean; viewport?: { width: number; height: number } }): Promise<Page> {
  const page = await context.newPage()
  await page.setViewportSize(options.viewport ?? PHONE)
  await page.addInitScript(([openid, url, consent, version]) => {
    localStorage.setItem('emulatorUrl', url as string)
    localStorage.setItem('devOpenId', openid as string)
    if (consent) localStorage.setItem('privacyConsent', version as string)
  }, [options.openid, options.emulatorUrl, options.consent !== false, PRIVACY_VERSION])
  await page.goto(`${options.siteUrl}#${options.route ?? '/pages/home/index'}`)
  return page
}
