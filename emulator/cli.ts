/**
 * `npm run emulator -- [options]`: runs the local CloudBase until SIGINT/SIGTERM, or
 * exports its data folder and exits.
 *
 *   --port <n>          port on 127.0.0.1 (default 9090; 0 picks a free one)
 *   --host <addr>       address to bind (default 127.0.0.1)
 *   --data <dir>        data folder (default .data)
 *   --env <id>          environment id the SDK uses (default local)
 *   --collections <f>   collections and indexes to create (default database/collections.json)
 *   --config <f>        cloudbaserc.json (default ./cloudbaserc.json)
 *   --functions <dir>   built functions root (default: cloudbaserc.json's functionRoot)
 *   --import <dir>      load an export before serving
 *   --timers <mode>     schedule (default): timer triggers fire on their schedules;
 *                       manual: only when fired (POST /_emulator/triggers/<fn>/<name>)
 *   --export <dir>      write the data folder's contents to <dir> and exit
 *   --allow-origin <o>  also serve browser pages from origin <o>, e.g. http://127.0.0.1:5173
 *                       (repeatable; http://127.0.0.1:10086 and http://localhost:10086 always)
 */
import fs from 'node:fs'
import { parseArgs } from 'node:util'
import { DEFAULT_PORT, openData, start } from './index'
import { exportState } from './persistence'

function main(): void {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      data: { type: 'string' },
      env: { type: 'string' },
      collections: { type: 'string' },
      config: { type: 'string' },
      functions: { type: 'string' },
      import: { type: 'string' },
      timers: { type: 'string' },
      export: { type: 'string' },
      'allow-origin': { type: 'string', multiple: true },
      help: { type: 'boolean', short: 'h' }
    },
    strict: true
  })
  if (values.help) {
    const src = fs.readFileSync(__filename, 'utf8')
    process.stdout.write(`${src.slice(src.indexOf('`npm'), src.indexOf('*/')).replace(/^ \* ?/gm, '')}\n`)
    return
  }
  const env = values.env ?? 'local'
  const dataDir = values.data ?? '.data'

  if (values.export) {
    const { store, storage } = openData(dataDir, env, () => '')
    try {
      exportState(store, storage, env, values.export)
    } finally {
      store.close()
    }
    process.stdout.write(`exported ${dataDir} to ${values.export}\n`)
    return
  }

  const port = values.port === undefined ? DEFAULT_PORT : Number(values.port)
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`invalid --port: ${values.port}`)
  const timers = values.timers ?? 'schedule'
  if (timers !== 'schedule' && timers !== 'manual') throw new Error(`invalid --timers: ${timers} (schedule or manual)`)
  const defaultCollections = 'database/collections.json'
  const collectionsFile = values.collections ?? (fs.existsSync(defaultCollections) ? defaultCollections : undefined)

  start({
    port,
    host: values.host,
    dataDir,
    env,
    collectionsFile,
    cloudbaseRc: values.config,
    functionsRoot: values.functions,
    importDir: values.import,
    timerTriggers: timers,
    allowedOrigins: values['allow-origin']
  }).then((emulator) => {
    process.stdout.write(`CloudBase emulator ready at ${emulator.url} (env ${env}, data ${emulator.getInfo().dataDir})\n`)
    const shutdown = (): void => {
      emulator.stop().then(() => process.exit(0), () => process.exit(1))
    }
    process.once('SIGINT', shutdown)
    process.once('SIGTERM', shutdown)
  }).catch((e: Error) => {
    process.stderr.write(`emulator failed to start: ${e.message}\n`)
    process.exit(1)
  })
}

try {
  main()
} catch (e) {
  process.stderr.write(`${(e as Error).message}\n`)
  process.exit(2)
}
