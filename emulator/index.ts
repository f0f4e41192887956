/**
 * A local CloudBase: database, storage and functions behind the same HTTP API the real
 * `@cloudbase/node-sdk` speaks, backed by SQLite. Point the SDK at it with
 * `tcb.init({ env, secretId, secretKey, serviceUrl: emulator.adminUrl })`.
 *
 * It knows nothing of any particular product: it reads a collections file and a
 * `cloudbaserc.json` as any CloudBase project has them.
 */
import fs from 'node:fs'
import { AddressInfo } from 'node:net'
import path from 'node:path'
import { DatabaseActions } from './database/actions'
import { Store } from './database/store'
import { TransactionManager } from './database/transactions'
import { loadCloudbaseRc, loadCollections, timerTriggersIn } from './config'
import { FunctionConfig, FunctionRunner } from './functions/runner'
import { TimerRunner, TimerTrigger } from './functions/triggers'
import { exportState, importState } from './persistence'
import { createAccessPolicy } from './http/access'
import { createServer, RequestStats, ServerLimits } from './server'
import { FileStorage } from './storage/files'

export { DEV_OPENID_HEADER, DEV_APPID_HEADER } from './protocol'
export { DEFAULT_ALLOWED_ORIGINS } from './http/access'

export interface EmulatorOptions {
  /** 0 picks a free port */
  port?: number
  host?: string
  /** where the SQLite file and stored files live */
  dataDir?: string
  env?: string
  region?: string
  /** collections and indexes to create at start (CloudBase's shape, see config.ts) */
  collectionsFile?: string
  /** the project's cloudbaserc.json: function root and per-function timeouts */
  cloudbaseRc?: string
  /** overrides cloudbaserc.json's functionRoot */
  functionsRoot?: string
  /** an export folder to load before serving */
  importDir?: string
  limits?: Partial<ServerLimits>
  /**
   * Browser origins allowed besides the local H5 app's (DEFAULT_ALLOWED_ORIGINS), e.g.
   * `http://127.0.0.1:5173`. A request from any other origin is refused.
   */
  allowedOrigins?: readonly string[]
  /** where function console output goes; default: stderr, prefixed with the function name */
  functionLog?: (fn: string, line: string) => void
  /** concurrent instances per function (default 8); calls beyond wait for one to come free */
  maxInstancesPerFunction?: number
  /**
   * `schedule` (default): timer triggers fire on their schedules while the emulator runs;
   * `manual`: only when fired on demand (`fireTrigger`, POST /_emulator/triggers/<fn>/<name>)
   */
  timerTriggers?: 'schedule' | 'manual'
}

export interface EmulatorInfo {
  url: string
  adminUrl: string
  env: string
  dataDir: string
  functionsRoot: string
  collections: string[]
  allowedOrigins: readonly string[]
  /** timer triggers, with their next scheduled fire (ISO time; null when fired only on demand or never again) */
  triggers: (TimerTrigger & { next: string | null })[]
}

export interface Emulator {
  readonly url: string
  readonly adminUrl: string
  readonly store: Store
  readonly stats: RequestStats
  getInfo(): EmulatorInfo
  /** Fires a function's timer trigger now, as CloudBase fires it, and resolves with what the function returned. */
  fireTrigger(fn: string, trigger: string): Promise<unknown>
  exportTo(dir: string): void
  stop(): Promise<void>
}

export const DEFAULT_PORT = 9090
const DEFAULT_LIMITS: ServerLimits = { maxRequestBytes: 5 * 1024 * 1024, maxUploadBytes: 50 * 1024 * 1024 }

/**
 * Takes the data folder for this process. Two emulators on one folder would each number
 * writes on their own and break transaction isolation, so the second is refused; the lock
 * of a process that died (even by SIGKILL) is taken over.
 */
const heldLocks = new Set<string>()

function lockDataDir(dataDir: string): () => void {
  fs.mkdirSync(dataDir, { recursive: true })
  const file = path.join(fs.realpathSync(dataDir), 'emulator.lock')
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = fs.openSync(file, 'wx')
      fs.writeSync(fd, String(process.pid))
      fs.closeSync(fd)
      heldLocks.add(file)
      return () => {
        heldLocks.delete(file)
        fs.rmSync(file, { force: true })
      }
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e
      const pid = Number(fs.readFileSync(file, 'utf8'))
      let alive = false
      if (pid === process.pid) {
        alive = heldLocks.has(file)
      } else {
        try {
          alive = Number.isInteger(pid) && pid > 0 && process.kill(pid, 0)
        } catch {
          alive = false
        }
      }
      if (alive) throw new Error(`data folder ${dataDir} is in use by another emulator (process ${pid})`)
      fs.rmSync(file, { force: true })
    }
  }
  throw new Error(`cannot lock data folder ${dataDir}`)
}

/** Opens the data folder: the SQLite store and the files. Used by the server and by export. */
export function openData(dataDir: string, env: string, baseUrl: () => string): { store: Store; storage: FileStorage } {
  fs.mkdirSync(dataDir, { recursive: true })
  const store = new Store(path.join(dataDir, 'cloudbase.sqlite'))
  const storage = new FileStorage({ root: path.join(dataDir, 'storage'), env, baseUrl })
  return { store, storage }
}

/** A path as GET /_emulator/info may show it: relative to the working directory, and only inside it. */
function shownPath(p: string): string | undefined {
  const rel = path.relative(process.cwd(), p)
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : undefined
}

export async function start(options: EmulatorOptions = {}): Promise<Emulator> {
  const env = options.env ?? 'local'
  const host = options.host ?? '127.0.0.1'
  let port = 0
  // Checked before anything is opened: a bad origin is a usage error.
  const access = createAccessPolicy({ allowedOrigins: options.allowedOrigins, host, port: () => port })
  const dataDir = path.resolve(options.dataDir ?? '.data')
  const rc = loadCloudbaseRc(path.resolve(options.cloudbaseRc ?? 'cloudbaserc.json'))
  const functionsRoot = path.resolve(options.functionsRoot ?? rc.functionRoot ?? 'cloudfunctions')
  const configs = new Map<string, FunctionConfig>(rc.functions.map((f) => [f.name, f]))
  // Checked before anything is opened: a malformed trigger is a configuration error.
  const triggers = timerTriggersIn(rc)
  const scheduled = (options.timerTriggers ?? 'schedule') === 'schedule'
  let url = ''
  const unlock = lockDataDir(dataDir)
  let opened: ReturnType<typeof openData>
  try {
    opened = openData(dataDir, env, () => url)
  } catch (e) {
    unlock()
    throw e
  }
  const { store, storage } = opened
  try {
    if (options.importDir) importState(store, storage, options.importDir)
    const collectionsFile = options.collectionsFile && path.resolve(options.collectionsFile)
    if (collectionsFile) {
      for (const c of loadCollections(collectionsFile)) {
        if (!store.hasCollection(c.name)) store.createCollection(c.name)
        store.ensureIndexes(c.name, c.indexes)
      }
    }
  } catch (e) {
    store.close()
    unlock()
    throw e
  }

  const tx = new TransactionManager(store)
  const stats: RequestStats = { actions: {}, databaseRequests: 0, functionInvocations: 0 }
  const functionLog = options.functionLog ?? ((fn: string, line: string) => process.stderr.write(`[${fn}] ${line}\n`))
  const functions = new FunctionRunner({
    functionsRoot,
    env,
    region: options.region ?? 'ap-shanghai',
    adminUrl: () => `${url}/admin`,
    configs,
    maxInstances: options.maxInstancesPerFunction,
    log: functionLog
  })
  const timers = new TimerRunner({
    triggers,
    invoke: async (fn, event) => {
      stats.functionInvocations++
      return (await functions.invoke(fn, event, { source: 'timer' })).result
    },
    log: functionLog
  })
  const getInfo = (): EmulatorInfo => ({
    url, adminUrl: `${url}/admin`, env, dataDir, functionsRoot, collections: store.listCollections(), allowedOrigins: access.origins,
    triggers: timers.list().map((t) => (scheduled ? t : { ...t, next: null }))
  })
  // What a client may see: no absolute paths.
  const publicInfo = (): Record<string, unknown> => ({ ...getInfo(), dataDir: shownPath(dataDir), functionsRoot: shownPath(functionsRoot) })
  const server = createServer({
    env,
    store,
    db: new DatabaseActions(store, tx),
    storage,
    functions,
    timers,
    limits: { ...DEFAULT_LIMITS, ...options.limits },
    stats,
    access,
    info: publicInfo,
    report: (e) => process.stderr.write(`emulator: internal error: ${(e as Error)?.stack ?? String(e)}\n`)
  })
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject)
      server.listen(options.port ?? DEFAULT_PORT, host, () => resolve())
    })
  } catch (e) {
    store.close()
    unlock()
    throw e
  }
  port = (server.address() as AddressInfo).port
  url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`
  if (scheduled) timers.schedule()

  let stopped: Promise<void> | null = null
  return {
    get url() { return url },
    get adminUrl() { return `${url}/admin` },
    store,
    stats,
    getInfo,
    fireTrigger: async (fn, trigger) => timers.fire(fn, trigger),
    exportTo: (dir: string) => { exportState(store, storage, env, dir) },
    stop(): Promise<void> {
      stopped ??= (async () => {
        timers.stop()
        await functions.stop()
        await new Promise<void>((resolve) => {
          server.close(() => resolve())
          server.closeAllConnections()
        })
        store.close()
        unlock()
      })()
      return stopped
    }
  }
}
