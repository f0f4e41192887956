/**
 * `npm start`: the whole product on one machine. Builds the cloud functions and the H5
 * app, starts the local CloudBase emulator (data in .data/, seeded with the demo school
 * when empty), and serves the H5 app.
 *
 *   EMULATOR_PORT (default 9090)   H5_PORT (default 10086)   SKIP_H5_BUILD=1 to reuse dist/h5
 */
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { start } from '../emulator'
import { buildFunctions } from './build-functions'
import { printSummary } from './seed'
import { seedDemo } from './seed/run'
import { serveStatic } from './static-server'

const root = path.resolve(__dirname, '..')
const emulatorPort = Number(process.env.EMULATOR_PORT ?? 9090)
const h5Port = Number(process.env.H5_PORT ?? 10086)
const h5Dir = path.join(root, 'dist', 'h5')

async function main(): Promise<void> {
  for (const b of buildFunctions()) process.stdout.write(`built function ${b.name}\n`)
  if (process.env.SKIP_H5_BUILD !== '1' || !fs.existsSync(path.join(h5Dir, 'index.html'))) {
    process.stdout.write('building the H5 app (about half a minute)...\n')
    const r = spawnSync('npx', ['taro', 'build', '--type', 'h5'], {
      cwd: root,
      stdio: 'inherit',
      env: { ...process.env, TARO_APP_EMULATOR_URL: `http://127.0.0.1:${emulatorPort}` }
    })
    if (r.status !== 0) throw new Error('the H5 build failed')
  }
  const emulator = await start({
    port: emulatorPort,
    dataDir: path.join(root, '.data'),
    collectionsFile: path.join(root, 'database', 'collections.json'),
    cloudbaseRc: path.join(root, 'cloudbaserc.json'),
    // The page we serve below calls the emulator from its own origin.
    allowedOrigins: [`http://127.0.0.1:${h5Port}`, `http://localhost:${h5Port}`]
  })
  if (emulator.store.count('people', {}) === 0) {
    process.stdout.write('empty database: seeding the demo school (about 15 seconds)...\n')
    printSummary(await seedDemo({ adminUrl: emulator.adminUrl, log: (l) => process.stdout.write(`  ${l}\n`) }), (l) => process.stdout.write(`${l}\n`))
  }
  const h5 = await serveStatic(h5Dir, h5Port)
  process.stdout.write(`\nCloudBase emulator: ${emulator.url}\nH5 app:             http://127.0.0.1:${h5Port}/\nPress Ctrl-C to stop.\n`)
  const stop = (): void => {
    h5.close()
    emulator.stop().then(() => process.exit(0), () => process.exit(1))
  }
  process.once('SIGINT', stop)
  process.once('SIGTERM', stop)
}

main().catch((e: Error) => {
  process.stderr.write(`${e.message}\n`)
  process.exit(1)
})
