/**
 * `npm run bench:weapp`: the weapp build's package sizes against WeChat's budgets (main
 * package and each subpackage at most 1 MB here; WeChat refuses 2 MB). Builds dist/weapp
 * first. Prints figures; the weapp build test checks the budget.
 */
import { spawnSync } from 'node:child_process'
import path from 'node:path'
import { packageSizes, readAppJson } from '../helpers/weapp'

const root = path.resolve(__dirname, '../..')
const dist = path.join(root, 'dist', 'weapp')
const BUDGET = 1024 * 1024

const r = spawnSync('npx', ['taro', 'build', '--type', 'weapp'], { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })
if (r.status !== 0) {
  process.stderr.write(`${r.stdout}${r.stderr}`.split('\n').slice(-30).join('\n'))
  process.exit(1)
}
for (const p of packageSizes(dist, readAppJson(dist))) {
  process.stdout.write(`weapp ${p.name === 'main' ? 'main package' : `subpackage ${p.name}`}: ${(p.bytes / 1024).toFixed(1)} KB (budget ${BUDGET / 1024} KB)\n`)
}
