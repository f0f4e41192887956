/** Every function deploys alone: declared in cloudbaserc.json, built into its own folder. */
import fs from 'node:fs'
import path from 'node:path'
import { buildFunctions, functionNames, NODE_TARGET } from '../../scripts/build-functions'

const root = path.resolve(__dirname, '../..')

describe('deployable functions', () => {
  let built: ReturnType<typeof buildFunctions>
  beforeAll(() => { built = buildFunctions() })

  it('declares every function in cloudbaserc.json with an explicit runtime and handler', () => {
    const rc = JSON.parse(fs.readFileSync(path.join(root, 'cloudbaserc.json'), 'utf8'))
    expect(rc.functions.map((f: { name: string }) => f.name).sort()).toEqual(functionNames())
    for (const f of rc.functions) expect(f).toMatchObject({ runtime: expect.stringMatching(/^Nodejs/), handler: 'index.main', timeout: expect.any(Number) })
    expect(path.resolve(root, rc.functionRoot)).toBe(path.join(root, 'build/functions'))
  })

  it('declares the current recommended runtime, Node.js 20, and builds the bundles for it', () => {
    const rc = JSON.parse(fs.readFileSync(path.join(root, 'cloudbaserc.json'), 'utf8'))
    const majors = rc.functions.map((f: { runtime: string }) => Number(/^Nodejs(\d+)\./.exec(f.runtime)?.[1]))
    expect(new Set(majors)).toEqual(new Set([20]))
    expect(NODE_TARGET).toBe('node20')
    const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'))
    expect(pkg.engines.node).toMatch(/^>=20/)
  })

  it('bundles into each function only its own domain, the shared code and its own contract', () => {
    const domains = functionNames()
    for (const { name, sources } of built) {
      const foreign = sources.filter((f) => {
        const m = /^cloudfunctions\/([^/]+)\//.exec(f)
        if (m) return m[1] !== name && m[1] !== 'common'
        const contract = /^types\/actions\/([^/.]+)\.ts$/.exec(f)
        return f === 'types/contract.ts' || (!!contract && contract[1] !== name && domains.includes(contract[1]))
      })
      expect({ name, foreign }).toEqual({ name, foreign: [] })
      expect(sources).toContain(`cloudfunctions/${name}/index.ts`)
    }
  })

  it('builds each into a folder with index.js exporting main and its own package.json', () => {
    for (const name of functionNames()) {
      const dir = path.join(root, 'build/functions', name)
      const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'))
      expect(pkg).toMatchObject({ name, main: 'index.js', dependencies: { '@cloudbase/node-sdk': expect.any(String) } })
      expect(typeof require(path.join(dir, 'index.js')).main).toBe('function')
      expect(fs.existsSync(path.join(dir, 'config.json'))).toBe(true)
    }
  })
})
