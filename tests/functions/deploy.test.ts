/** Every function deploys alone: declared in cloudbaserc.json, built into its own folder. */
import fs from 'node:fs'
import path from 'node:path'
import { buildFunctions, functionNames } from '../../scripts/build-functions'

const root = path.resolve(__dirname, '../..')

describe('deployable functions', () => {
  beforeAll(() => buildFunctions())

  it('declares every function in cloudbaserc.json with an explicit runtime and handler', () => {
    const rc = JSON.parse(fs.readFileSync(path.join(root, 'cloudbaserc.json'), 'utf8'))
    expect(rc.functions.map((f: { name: string }) => f.name).sort()).toEqual(functionNames())
    for (const f of rc.functions) expect(f).toMatchObject({ runtime: expect.stringMatching(/^Nodejs/), handler: 'index.main', timeout: expect.any(Number) })
    expect(path.resolve(root, rc.functionRoot)).toBe(path.join(root, 'build/functions'))
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
