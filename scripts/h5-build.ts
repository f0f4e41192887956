/**
 * Builds the H5 app only when something it is built from changed: its sources, the shared
 * contract, the build configuration, the installed packages, or the emulator URL baked in.
 * The fingerprint of the last successful build is kept beside it in dist/h5.
 */
import { spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'

const root = path.resolve(__dirname, '..')
export const H5_DIR = path.join(root, 'dist', 'h5')
const STAMP = path.join(H5_DIR, '.source-fingerprint')
const INPUTS = ['src', 'config', 'types', 'emulator/protocol.ts', 'babel.config.js', 'package-lock.json', 'project.config.json']

function filesUnder(p: string): string[] {
  if (!fs.existsSync(p)) return []
  if (!fs.statSync(p).isDirectory()) return [p]
  return fs.readdirSync(p, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))
    .flatMap((e) => filesUnder(path.join(p, e.name)))
}

/** What the H5 build depends on, as one hash. */
function h5Fingerprint(emulatorUrl: string): string {
  const h = createHash('sha256').update(`emulator=${emulatorUrl}\n`)
  for (const file of INPUTS.flatMap((i) => filesUnder(path.join(root, i)))) {
    h.update(`${path.relative(root, file)}\n`).update(fs.readFileSync(file))
  }
  return h.digest('hex')
}

/** Builds dist/h5 unless the last build came from the same inputs; says which it did. */
export function ensureH5Build(emulatorUrl: string, log: (line: string) => void): 'built' | 'unchanged' {
  const fingerprint = h5Fingerprint(emulatorUrl)
  const previous = fs.existsSync(STAMP) ? fs.readFileSync(STAMP, 'utf8') : ''
  if (previous === fingerprint && fs.existsSync(path.join(H5_DIR, 'index.html'))) return 'unchanged'
  log('building the H5 app (about half a minute)...')
  // The build's own progress output is kept back; it is shown only when the build fails.
  const r = spawnSync('npx', ['taro', 'build', '--type', 'h5'], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, TARO_APP_EMULATOR_URL: emulatorUrl }
  })
  if (r.status !== 0) {
    process.stderr.write(`${r.stdout ?? ''}${r.stderr ?? ''}`.split('\n').slice(-40).join('\n'))
    throw new Error('the H5 build failed')
  }
  fs.writeFileSync(STAMP, fingerprint)
  return 'built'
}
