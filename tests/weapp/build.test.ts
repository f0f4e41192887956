/**
 * The mini program as WeChat receives it: dist/weapp from `npm run build:weapp` (the test
 * command builds it first). Every page of src/routes.ts is there with its files, in the
 * package its path names; the H5-only local sign-in is not; the tab pages are in the main
 * package; each package is within budget; WeChat's own compilers accept every template
 * and stylesheet.
 */
import fs from 'node:fs'
import path from 'node:path'
import { ROUTES, TABS } from '../../src/routes'
import { AppJson, compileStyles, compileTemplates, filesUnder, normalRoot, packageSizes, readAppJson, subPackagesOf } from '../helpers/weapp'

const root = path.resolve(__dirname, '../..')
const dist = path.join(root, 'dist/weapp')

/** Our budget, half of WeChat's 2 MB a package, so there is room to grow. */
const PACKAGE_BUDGET = 1024 * 1024

/** The local sign-in lists the emulator's development identities: H5 only. */
const DEV_ROOT = 'packages/dev'

const route = (p: string) => p.replace(/^\//, '')
const weappRoutes = Object.values(ROUTES).map(route).filter((p) => !p.startsWith(`${DEV_ROOT}/`))
/** The subpackage a route belongs in, from its path: `packages/<name>/...` -> `packages/<name>`. */
const rootOf = (p: string): string | null => /^(packages\/[^/]+)\//.exec(p)?.[1] ?? null

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`

describe('weapp build (dist/weapp)', () => {
  let app: AppJson
  let files: Set<string>

  beforeAll(() => {
    if (!fs.existsSync(path.join(dist, 'app.json'))) {
      throw new Error(`dist/weapp is missing (no ${path.relative(root, dist)}/app.json): run \`npm run build:weapp\` first (\`npm test\` does)`)
    }
    app = readAppJson(dist)
    files = new Set(filesUnder(dist))
  })

  const mainPages = () => app.pages
  const subPages = () => subPackagesOf(app).flatMap((p) => p.pages.map((page) => `${normalRoot(p.root)}/${page}`))

  it('registers every page of src/routes.ts, each once, except the H5-only sign-in', () => {
    const registered = [...mainPages(), ...subPages()]
    expect([...registered].sort()).toEqual([...weappRoutes].sort())
    expect(new Set(registered).size).toBe(registered.length)
  })

  it('has every page\'s script, template and config, and its stylesheet when the page has one', () => {
    const missing: string[] = []
    for (const page of [...mainPages(), ...subPages()]) {
      const needs = ['.js', '.wxml', '.json']
      // WeChat does without a page stylesheet; one the page's source has must not be lost.
      if (['.css', '.scss', '.less'].some((ext) => fs.existsSync(path.join(root, 'src', `${page}${ext}`)))) needs.push('.wxss')
      for (const ext of needs) if (!files.has(`${page}${ext}`)) missing.push(`${page}${ext}`)
    }
    expect(missing).toEqual([])
  })

  it('resolves every custom component a page or component uses', () => {
    const broken: string[] = []
    for (const file of [...files].filter((f) => f.endsWith('.json') && f !== 'app.json' && f !== 'project.config.json')) {
      const { usingComponents = {} } = JSON.parse(fs.readFileSync(path.join(dist, file), 'utf8')) as { usingComponents?: Record<string, string> }
      for (const [name, target] of Object.entries(usingComponents)) {
        if (target.startsWith('plugin://')) continue
        const resolved = target.startsWith('/') ? target.slice(1) : path.posix.join(path.posix.dirname(file), target)
        for (const ext of ['.js', '.json', '.wxml']) if (!files.has(`${resolved}${ext}`)) broken.push(`${file}: <${name}> -> ${resolved}${ext} missing`)
      }
    }
    expect(broken).toEqual([])
  })

  it('puts each subpackage at the root its pages\' paths name, with its pages inside it, and no main page under a root', () => {
    const roots = subPackagesOf(app).map((p) => normalRoot(p.root))
    const expectedRoots = [...new Set(weappRoutes.map(rootOf).filter((r): r is string => r !== null))]
    expect([...roots].sort()).toEqual(expectedRoots.sort())
    for (const p of subPackagesOf(app)) {
      expect(fs.statSync(path.join(dist, normalRoot(p.root))).isDirectory()).toBe(true)
      for (const page of p.pages) {
        expect(page).not.toMatch(/^\/|^\.\.?\//)
        expect(rootOf(`${normalRoot(p.root)}/${page}`)).toBe(normalRoot(p.root))
      }
    }
    for (const page of mainPages()) expect(rootOf(page)).toBeNull()
    // No root inside another (WeChat refuses nested subpackages).
    for (const a of roots) for (const b of roots) if (a !== b) expect(b.startsWith(`${a}/`)).toBe(false)
  })

  it('leaves out the H5-only local sign-in entirely', () => {
    expect(subPackagesOf(app).map((p) => normalRoot(p.root))).not.toContain(DEV_ROOT)
    expect([...mainPages(), ...subPages()].filter((p) => p.startsWith(`${DEV_ROOT}/`))).toEqual([])
    expect([...files].filter((f) => f.startsWith(`${DEV_ROOT}/`))).toEqual([])
  })

  it('has the tab bar\'s pages, in the order of TABS, all in the main package', () => {
    const tabs = (app.tabBar?.list ?? []).map((t) => t.pagePath)
    expect(tabs).toEqual(TABS.map(route))
    for (const tab of tabs) expect(mainPages()).toContain(tab)
  })

  it('keeps the main package and each subpackage within 1 MB', () => {
    const sizes = packageSizes(dist, app)
    const total = sizes.reduce((sum, s) => sum + s.bytes, 0)
    console.log(['weapp package sizes (budget 1024.0 KB each):', ...sizes.map((s) => `  ${s.name.padEnd(18)} ${kb(s.bytes).padStart(10)}  ${s.files} files`), `  ${'total'.padEnd(18)} ${kb(total).padStart(10)}`].join('\n'))
    const over = sizes.filter((s) => s.bytes > PACKAGE_BUDGET).map((s) => `${s.name}: ${kb(s.bytes)}`)
    expect(over).toEqual([])
  })

  it('passes WeChat\'s template compiler (wcc) on every .wxml', () => {
    expect(compileTemplates(dist).map((problem) => `dist/weapp/${problem}`)).toEqual([])
  })

  it('passes WeChat\'s style compiler (wcsc) on every .wxss', () => {
    expect(compileStyles(dist).map((problem) => `dist/weapp/${problem}`)).toEqual([])
  })
})
