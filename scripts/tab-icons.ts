/**
 * Draws the tab bar icons (WeChat's tab bar takes PNG only): simple line icons of our own,
 * grey and Party red, rendered by Chromium from SVG into src/assets/tabbar/*.png.
 *
 *   npx tsx scripts/tab-icons.ts
 */
import path from 'node:path'
import { launchBrowser } from './browser'

const SIZE = 81
const GREY = '#6b6b6b'
const RED = '#c8161d'

/** 24x24 line drawings. */
const ICONS: Record<string, string> = {
  home: '<path d="M3 11 L12 3.5 L21 11"/><path d="M5.5 9.5 V20 H10 V14.5 H14 V20 H18.5 V9.5"/>',
  group: '<circle cx="12" cy="7.5" r="3.2"/><path d="M5.5 20 C5.5 15.5 8.5 13 12 13 C15.5 13 18.5 15.5 18.5 20"/><circle cx="4.8" cy="9.5" r="2.2"/><path d="M1.5 18.5 C1.6 15.5 3 14 4.9 14"/><circle cx="19.2" cy="9.5" r="2.2"/><path d="M22.5 18.5 C22.4 15.5 21 14 19.1 14"/>',
  // an open book: 微党课
  lessons: '<path d="M12 6.5 C10 5 7 4.6 3 5 V19 C7 18.6 10 19 12 20.5 C14 19 17 18.6 21 19 V5 C17 4.6 14 5 12 6.5 Z"/><path d="M12 6.5 V20.5"/><path d="M6 9 C7.3 8.9 8.6 9.1 9.6 9.6"/><path d="M6 12.5 C7.3 12.4 8.6 12.6 9.6 13.1"/>',
  badge: '<rect x="4" y="3" width="16" height="18" rx="2.5"/><circle cx="12" cy="10" r="2.8"/><path d="M7.5 17.5 C8.3 15 10 14 12 14 C14 14 15.7 15 16.5 17.5"/><path d="M10 5.5 H14"/>',
  me: '<circle cx="12" cy="8" r="4"/><path d="M4 21 C4 16 7.6 13.5 12 13.5 C16.4 13.5 20 16 20 21"/>'
}

async function main(): Promise<void> {
  const out = path.resolve(__dirname, '../src/assets/tabbar')
  const browser = await launchBrowser()
  try {
    const page = await browser.context.newPage()
    await page.setViewportSize({ width: SIZE, height: SIZE })
    for (const [name, body] of Object.entries(ICONS)) {
      for (const [suffix, colour] of [['', GREY], ['-active', RED]]) {
        const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${SIZE}" height="${SIZE}" viewBox="0 0 24 24" fill="none" stroke="${colour}" stroke-width="1.7" stroke-linecap="round" stroke-linejoin="round">${body}</svg>`
        await page.setContent(`<html><body style="margin:0;background:transparent">${svg}</body></html>`)
        await page.screenshot({ path: path.join(out, `${name}${suffix}.png`), omitBackground: true, clip: { x: 0, y: 0, width: SIZE, height: SIZE } })
      }
    }
  } finally {
    await browser.close()
  }
}

main().catch((e: Error) => {
  process.stderr.write(`${e.message}\n`)
  process.exit(1)
})
