/**
 * Reading a weapp build (dist/weapp) as WeChat does, without WeChat DevTools: its app.json,
 * its packages and their sizes, and WeChat's own template (wcc) and style (wcsc) compilers,
 * run offline through `miniprogram-compiler`, with their complaints as `file:line:col: message`.
 */
import fs from 'node:fs'
import path from 'node:path'

export interface SubPackage {
  root: string
  pages: string[]
  independent?: boolean
}

export interface AppJson {
  pages: string[]
  subPackages?: SubPackage[]
  subpackages?: SubPackage[]
  tabBar?: { list: { pagePath: string; text: string }[] }
}

/** Every file under `dir`, as paths relative to it with forward slashes. */
export function filesUnder(dir: string): string[] {
  const out: string[] = []
  const walk = (rel: string) => {
    for (const entry of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      const child = rel ? `${rel}/${entry.name}` : entry.name
      if (entry.isDirectory()) walk(child)
      else out.push(child)
    }
  }
  walk('')
  return out.sort()
}

export function readAppJson(dir: string): AppJson {
  return JSON.parse(fs.readFileSync(path.join(dir, 'app.json'), 'utf8')) as AppJson
}

/** Subpackages under either spelling WeChat accepts. */
export const subPackagesOf = (app: AppJson): SubPackage[] => app.subPackages ?? app.subpackages ?? []

/** A root without trailing slash, so `packages/group` and `packages/group/` compare equal. */
export const normalRoot = (root: string): string => root.replace(/\/+$/, '')

export interface PackageSize {
  /** `main` or the subpackage root */
  name: string
  bytes: number
  files: number
}

/**
 * Package sizes as WeChat counts them: a subpackage is every file under its root, the main
 * package every file under no subpackage root.
 */
export function packageSizes(dir: string, app: AppJson): PackageSize[] {
  const roots = subPackagesOf(app).map((p) => normalRoot(p.root))
  const sizes = new Map<string, PackageSize>([['main', { name: 'main', bytes: 0, files: 0 }], ...roots.map((r): [string, PackageSize] => [r, { name: r, bytes: 0, files: 0 }])])
  for (const file of filesUnder(dir)) {
    const owner = roots.find((r) => file.startsWith(`${r}/`)) ?? 'main'
    const size = sizes.get(owner)!
    size.bytes += fs.statSync(path.join(dir, file)).size
    size.files++
  }
  return [...sizes.values()]
}

type Wcc = (root: string, files: string[], wxsFiles: string[], options: { maxBuffer?: number }) => string
type Wcsc = (root: string, files: string[], options: { maxBuffer?: number }) => Record<string, string> | Error

// The package's index hides wcsc's failures (it returns an Error it then treats as output),
// so its two compilers are called directly.
const wcc = require('miniprogram-compiler/src/wcc') as Wcc
const wcsc = require('miniprogram-compiler/src/wcsc') as Wcsc

const MAX_OUTPUT = 256 * 1024 * 1024
const withoutExt = (file: string) => file.replace(/\.[^./]+$/, '')

/** What went wrong, one `file:line:col: message` a line, from a compiler's stderr. */
function problems(stderr: string, pattern: RegExp): string[] {
  return [...stderr.matchAll(pattern)].map((m) => `${m[1]}:${m[2]}:${m[3]}: ${m[4].trim()}`)
}

/** WeChat's template compiler over every .wxml (and .wxs) of the build: the problems it reports. */
export function compileTemplates(dir: string): string[] {
  const files = filesUnder(dir)
  const wxml = files.filter((f) => f.endsWith('.wxml')).map(withoutExt)
  const wxs = files.filter((f) => f.endsWith('.wxs'))
  try {
    wcc(dir, wxml, wxs, { maxBuffer: MAX_OUTPUT })
    return []
  } catch (e) {
    const message = (e as Error).message
    // wcc reports `pages/x/index.wxml:3:2: end tag missing, near `view``
    const found = problems(message, /^(?:.*?)([^\s：:]+\.wxml):(\d+):(\d+):(.*)$/gm)
    return found.length ? found : [`wcc failed: ${message.trim()}`]
  }
}

/** WeChat's style compiler over every .wxss of the build: the problems it reports. */
export function compileStyles(dir: string): string[] {
  const wxss = filesUnder(dir).filter((f) => f.endsWith('.wxss')).map(withoutExt)
  const run = (list: string[]) => wcsc(dir, list, { maxBuffer: MAX_OUTPUT })
  const result = run(wxss)
  if (!(result instanceof Error)) return []
  // wcsc reports `ERR: pages/x/index.wxss(2:10): unexpected token `$``
  const found = problems(result.message, /ERR: ([^\s(]+\.wxss)\((\d+):(\d+)\):(.*)$/gm)
  if (found.length) return found
  // It can also stop without a word: find the files it cannot take one at a time.
  const culprits = wxss.filter((file) => run([file]) instanceof Error).map((file) => `${file}.wxss: wcsc failed on this file`)
  return culprits.length ? culprits : [`wcsc failed: ${result.message.trim()}`]
}
