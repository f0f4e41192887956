/**
 * `npm run bench:h5`: the H5 home page on the seeded school, locally: the time from
 * navigation to the intern's group card on screen (goal: under 1.5 s on this machine),
 * cold (a fresh browser profile: nothing cached) and warm (the app's files cached), and
 * the cloud calls the first screen made. Prints figures; asserts nothing.
 */
import { launchBrowser, openApp } from '../../scripts/browser'
import { startDemo } from '../../scripts/demo'
import { DEV_IDENTITIES } from '../../types/demo'
import { pct } from './measure'

const RUNS = Number(process.env.BENCH_RUNS ?? 10)

async function main(): Promise<void> {
  const demo = await startDemo({ interns: Number(process.env.BENCH_INTERNS ?? 4200) })
  try {
    for (const mode of ['cold', 'warm'] as const) {
      const times: number[] = []
      let calls = 0
      const browser = await launchBrowser()
      try {
        for (let i = 0; i < RUNS; i++) {
          // Cold: every run in a new profile; warm: the same browser, its cache filled by the first run.
          const b = mode === 'cold' ? await launchBrowser() : browser
          const t = performance.now()
          const page = await openApp(b.context, { siteUrl: demo.siteUrl, emulatorUrl: demo.emulator.url, openid: DEV_IDENTITIES.intern })
          let made = 0
          page.on('request', (r) => { if (r.url().includes('/functions/')) made++ })
          await page.locator('.home__group').waitFor({ timeout: 30_000 })
          times.push(performance.now() - t)
          calls = Math.max(calls, made)
          await page.close()
          if (mode === 'cold') await b.close()
        }
      } finally {
        await browser.close()
      }
      process.stdout.write(`H5 home, intern, navigation to group card (${mode}, ${RUNS} runs): p50 ${pct(times, 50).toFixed(0)} ms, p95 ${pct(times, 95).toFixed(0)} ms (goal 1500 ms); cloud calls ${calls}\n`)
    }
  } finally {
    await demo.stop()
  }
}

main().catch((e: Error) => {
  process.stderr.write(`${e.stack ?? e.message}\n`)
  process.exit(1)
})
