/**
 * The checks the weapp build test relies on, against builds made up here: WeChat's
 * compilers name the broken file and line, and package sizes add up file by file.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import fc from 'fast-check'
import { AppJson, compileStyles, compileTemplates, packageSizes } from '../helpers/weapp'

function writeBuild(files: Record<string, string | Buffer>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'weapp-check-'))
  for (const [file, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true })
    fs.writeFileSync(path.join(dir, file), content)
  }
  return dir
}

const PAGES = ['pages/home/index', 'pages/me/index', 'packages/staff/pages/scan/index']

describe('WeChat compilers over a build', () => {
  it('accept a sound build', () => {
    const dir = writeBuild({ 'app.wxss': 'page{color:#333}\n', ...Object.fromEntries(PAGES.flatMap((p) => [[`${p}.wxml`, '<view class="a">{{x}}</view>\n'], [`${p}.wxss`, '.a{color:red}\n']])) })
    try {
      expect(compileTemplates(dir)).toEqual([])
      expect(compileStyles(dir)).toEqual([])
    } finally {
      fs.rmSync(dir, { recursive: true, force: true })
    }
  })

  it('name the file and line of a stray end tag in a template, and of a stray brace in a stylesheet', () => {
    fc.assert(
      fc.property(fc.constantFrom(...PAGES), fc.nat(6), fc.nat(6), (broken, before, ruleCount) => {
        // line 1 `<view>`, then `before` sound lines, then the stray end tag
        const badTemplate = ['<view>', ...Array.from({ length: before }, (_, i) => `  <text>第${i}行</text>`), '  </text>', '</view>'].join('\n')
        const badStyle = [...Array.from({ length: ruleCount }, (_, i) => `.r${i}{color:red}`), '}'].join('\n')
        const files: Record<string, string> = {}
        for (const p of PAGES) {
          files[`${p}.wxml`] = p === broken ? badTemplate : '<view>ok</view>\n'
          files[`${p}.wxss`] = p === broken ? badStyle : '.ok{color:red}\n'
        }
        const dir = writeBuild(files)
        try {
          expect(compileTemplates(dir)).toEqual([expect.stringMatching(new RegExp(`^${broken}\\.wxml:${before + 2}:\\d+: `))])
          expect(compileStyles(dir)).toEqual([expect.stringMatching(new RegExp(`^${broken}\\.wxss:${ruleCount + 1}:1: `))])
        } finally {
          fs.rmSync(dir, { recursive: true, force: true })
        }
      }),
      { numRuns: 8 }
    )
  })
})

describe('package sizes', () => {
  const roots = ['packages/group', 'packages/staff']
  // Main-package folders: the top level, and folders whose names start like a root's.
  const mainFolders = ['', 'packages/', 'packages/staffing/', 'packages/group-old/']
  const file = fc.record({
    owner: fc.constantFrom('main', ...roots),
    folder: fc.constantFrom(...mainFolders),
    name: fc.stringMatching(/^[a-z]{1,6}(\/[a-z]{1,6}){0,2}\.(js|wxml|wxss|json)$/),
    bytes: fc.nat(3000)
  })
    .map(({ owner, folder, name, bytes }) => ({ owner, path: owner === 'main' ? `${folder}${name}` : `${owner}/${name}`, bytes }))
    .filter((f) => f.owner !== 'main' || !roots.some((root) => f.path.startsWith(`${root}/`)))

  it('count each file in the subpackage whose root holds it, and every other file in the main package', () => {
    fc.assert(
      fc.property(fc.uniqueArray(file, { selector: (f) => f.path, maxLength: 20 }), (tree) => {
        // A file and a folder cannot share a name: keep the first of any such pair.
        const kept = tree.filter((f, i) => !tree.some((g, j) => j < i && (f.path.startsWith(`${g.path}/`) || g.path.startsWith(`${f.path}/`))))
        const dir = writeBuild(Object.fromEntries(kept.map((f) => [f.path, Buffer.alloc(f.bytes)])))
        try {
          // A root may be written with a trailing slash.
          const app: AppJson = { pages: [], subPackages: [{ root: 'packages/group/', pages: [] }, { root: 'packages/staff', pages: [] }] }
          const expected = ['main', ...roots].map((name) => {
            const mine = kept.filter((f) => f.owner === name)
            return { name, bytes: mine.reduce((sum, f) => sum + f.bytes, 0), files: mine.length }
          })
          expect(packageSizes(dir, app)).toEqual(expected)
        } finally {
          fs.rmSync(dir, { recursive: true, force: true })
        }
      }),
      { numRuns: 30 }
    )
  })
})
