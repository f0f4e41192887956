/**
 * `npm start`: the whole product on one machine. Builds the cloud functions and the H5
 * app, starts the local CloudBase emulator (data in .data/, seeded with the demo school
 * when empty), and serves the H5 app.
 *
 * The H5 app is rebuilt only when its sources changed; function logs go to .data/functions.log.
 *
 *   EMULATOR_PORT (default 9090)   H5_PORT (default 10086)
 */
import fs from 'node:fs'
import path from 'node:path'
import { start } from '../emulator'
import { buildFunctions } from './build-functions'
import { ensureH5Build, H5_DIR } from './h5-build'
import { printSummary } from './seed'
import { seedDemo } from './seed/run'
import { serveStatic } from './static-server'

const root = path.resolve(__dirname, '..')
const emulatorPort = Number(process.env.EMULATOR_PORT ?? 9090)
const h5Port = Number(process.env.H5_PORT ?? 10086)

async function main(): Promise<void> {
  const say = (line: string): void => { process.stdout.write(`${line}\n`) }
  const built = buildFunctions()
  say(`cloud functions: ${built.map((b) => b.name).join(', ')}`)
  const emulatorUrl = `http://127.0.0.1:${emulatorPort}`
  if (ensureH5Build(emulatorUrl, say) === 'unchanged') say('H5 app: unchanged since the last build')
  const dataDir = path.join(root, '.data')
  fs.mkdirSync(dataDir, { recursive: true })
  // Function output goes to a file: a person watching the terminal wants progress, not every log line.
  const logFile = path.join(dataDir, 'functions.log')
  const functionLog = fs.createWriteStream(logFile, { flags: 'a' })
  const emulator = await start({
    port: emulatorPort,
    dataDir,
    collectionsFile: path.join(root, 'database', 'collections.json'),
    cloudbaseRc: path.join(root, 'cloudbaserc.json'),
    functionLog: (fn, line) => functionLog.write(`${new Date().toISOString()} [${fn}] ${line}\n`),
    // The page we serve below calls the emulator from its own origin.
    allowedOrigins: [`http://127.0.0.1:${h5Port}`, `http://localhost:${h5Port}`]
  })
  if (emulator.store.count('people', {}) === 0) {
    say('empty database: seeding the demo school (about half a minute)...')
    printSummary(await seedDemo({ adminUrl: emulator.adminUrl, log: (l) => say(`  ${l}`) }), say)
  }
  const h5 = await serveStatic(H5_DIR, h5Port)
  say(`\nCloudBase emulator: ${emulator.url}\nH5 app:             http://127.0.0.1:${h5Port}/\nFunction logs:      ${path.relative(process.cwd(), logFile)}\nPress Ctrl-C to stop.`)
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
