/**
 * The built H5 app in a real browser, calling a real cloud function on the emulator.
 * Needs `npm run build:h5` first (the test command does it).
 */
import fs from 'node:fs'
import http from 'node:http'
import { AddressInfo } from 'node:net'
import path from 'node:path'
import { serveStatic } from '../../scripts/static-server'
import { buildFunctions } from '../../scripts/build-functions'
import { launchBrowser } from '../../scripts/browser'
import { openTestEnv, TestEnv } from '../helpers/cloudbase'

const root = path.resolve(__dirname, '../..')
const h5Dir = path.join(root, 'dist/h5')

describe('H5 app', () => {
  let env: TestEnv
  let site: http.Server
  let siteUrl: string
  let browser: Awaited<ReturnType<typeof launchBrowser>>

  beforeAll(async () => {
    if (!fs.existsSync(path.join(h5Dir, 'index.html'))) throw new Error('dist/h5 is missing: run npm run build:h5')
    buildFunctions()
    site = await serveStatic(h5Dir, 0)
    const siteOrigin = `http://127.0.0.1:${(site.address() as AddressInfo).port}`
    siteUrl = `${siteOrigin}/`
    // The emulator answers browsers only from the app's own origin.
    env = await openTestEnv({
      cloudbaseRc: path.join(root, 'cloudbaserc.json'),
      functionsRoot: path.join(root, 'build/functions'),
      allowedOrigins: [siteOrigin]
    })
    browser = await launchBrowser()
  }, 60_000)

  afterAll(async () => {
    await browser?.close()
    site?.close()
    await env?.close()
  })

  async function openPage(openid: string | null, emulatorUrl: string) {
    const page = await browser.context.newPage()
    await page.addInitScript(([id, url]) => {
      localStorage.setItem('emulatorUrl', url as string)
      if (id) localStorage.setItem('devOpenId', id as string)
    }, [openid, emulatorUrl])
    await page.goto(siteUrl)
    return page
  }

  it('shows the title and motto, and reaches the ping function as the development identity', async () => {
    const page = await openPage('e2e-intern', env.emulator!.url)
    await page.locator('.index__title').waitFor()
    expect(await page.locator('.index__title').textContent()).toBe('实习党小组')
    expect(await page.locator('.index__subtitle').textContent()).toBe('争先锋 作表率')
    await page.getByText('检测连接').click()
    const result = page.locator('.index__result--ok')
    await result.waitFor({ timeout: 15_000 })
    expect(await result.textContent()).toBe('已连接：e2e-intern')
    await page.close()
  })

  it('says in Chinese when the emulator cannot be reached', async () => {
    const page = await openPage(null, 'http://127.0.0.1:9')
    await page.getByText('检测连接').click()
    const result = page.locator('.index__result--error')
    await result.waitFor({ timeout: 15_000 })
    expect(await result.textContent()).toMatch(/^连接失败：\[NETWORK_ERROR\] 无法连接本地模拟器/)
    await page.close()
  })
})
