/**
 * Runs built cloud functions the way CloudBase does: each invocation in an instance of its
 * own (a pool of warm processes per function, see pool.ts), with the SCF environment
 * variables and `TCB_CONTEXT_CNFG` pointing back at this emulator, a per-invocation
 * `context` that carries the caller's identity, and the function's timeout. A timed-out
 * instance is killed, as the platform does; that fails only the call it was running.
 */
import { randomUUID } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { EmulatorError } from '../errors'
import { FunctionInstance } from './instance'
import { InstancePool } from './pool'

export interface FunctionConfig {
  name: string
  /** seconds */
  timeout?: number
  handler?: string
  envVariables?: Record<string, string>
  memorySize?: number
  /** timer triggers (`{ name, type: 'timer', config }`), see triggers.ts */
  triggers?: unknown
}

/** Who is calling: a WeChat user (from the mini program) or nobody (a server call, a timer trigger). */
export interface CallerIdentity {
  openId?: string
  appId?: string
  unionId?: string
  clientIp?: string
  source: 'wx_client' | 'wx_devtools' | 'scf' | 'admin' | 'timer'
}

export interface RunnerOptions {
  functionsRoot: string
  env: string
  region: string
  adminUrl: () => string
  configs: Map<string, FunctionConfig>
  log: (fn: string, line: string) => void
  /** instances per function at most; calls beyond wait for one to come free */
  maxInstances?: number
}

const DEFAULT_TIMEOUT_S = 3
/** CloudBase allows far more concurrent instances; a few cover local use without starving the machine. */
const DEFAULT_MAX_INSTANCES = 8
/** An idle instance beyond the first of its function is stopped after this long. */
const IDLE_MS = 30_000
const NAME = /^[A-Za-z0-9_-]{1,60}$/

export class FunctionRunner {
  private readonly pools = new Map<string, InstancePool>()
  private stopped = false

  constructor(private readonly opts: RunnerOptions) {}

  /** The bundle's folder and its current version (the entry file's mtime). */
  private bundle(name: string): { dir: string; version: number } {
    if (!NAME.test(name)) throw new EmulatorError('FUNCTIONS_NOT_FOUND', `function not found: ${name}`)
    const dir = path.join(this.opts.functionsRoot, name)
    const entry = this.entryFile(name, dir)
    try {
      return { dir, version: fs.statSync(entry).mtimeMs }
    } catch {
      throw new EmulatorError('FUNCTIONS_NOT_FOUND', `function not found: ${name} (no ${path.relative(process.cwd(), entry)}; build the functions first)`)
    }
  }

  private environment(name: string): NodeJS.ProcessEnv {
    const cfg = this.opts.configs.get(name)
    return {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_ENV: 'production',
      TZ: 'UTC',
      ...(cfg?.envVariables ?? {}),
      TENCENTCLOUD_RUNENV: 'SCF',
      TENCENTCLOUD_REGION: this.opts.region,
      TENCENTCLOUD_SECRETID: 'emulator-secret-id',
      TENCENTCLOUD_SECRETKEY: 'emulator-secret-key',
      TENCENTCLOUD_SESSIONTOKEN: '',
      SCF_NAMESPACE: this.opts.env,
      SCF_FUNCTIONNAME: name,
      TCB_ENV: this.opts.env,
      TCB_CONTEXT_CNFG: JSON.stringify({ URL: this.opts.adminUrl() }),
      SILENCE: 'true'
    }
  }

  private handler(name: string): string {
    return this.opts.configs.get(name)?.handler ?? 'index.main'
  }

  private entryFile(name: string, dir: string): string {
    const handler = this.handler(name)
    return path.join(dir, `${handler.slice(0, handler.lastIndexOf('.'))}.js`)
  }

  private pool(name: string, dir: string): InstancePool {
    let pool = this.pools.get(name)
    if (!pool) {
      pool = new InstancePool({
        max: this.opts.maxInstances ?? DEFAULT_MAX_INSTANCES,
        idleMs: IDLE_MS,
        spawn: (version) => new FunctionInstance({
          name, dir, version, handler: this.handler(name), env: this.environment(name), log: this.opts.log
        })
      })
      this.pools.set(name, pool)
    }
    return pool
  }

  /** The `context` argument CloudBase passes to `main`, identity included. */
  private context(name: string, requestId: string, caller: CallerIdentity, timeoutMs: number): Record<string, unknown> {
    const environment: Record<string, string> = {
      SCF_NAMESPACE: this.opts.env,
      TCB_ENV: this.opts.env,
      TCB_SEQID: requestId,
      TCB_SOURCE: caller.source,
      TCB_CONTEXT_KEYS: 'TCB_ENV,TCB_SEQID,TCB_SOURCE',
      TRIGGER_SRC: caller.source === 'wx_client' || caller.source === 'wx_devtools' ? 'tcb' : caller.source
    }
    if (caller.openId) {
      Object.assign(environment, {
        WX_OPENID: caller.openId,
        WX_APPID: caller.appId ?? '',
        WX_UNIONID: caller.unionId ?? '',
        WX_CLIENTIP: caller.clientIp ?? '127.0.0.1',
        WX_CONTEXT_KEYS: 'WX_OPENID,WX_APPID,WX_UNIONID,WX_CLIENTIP'
      })
    }
    return {
      callbackWaitsForEmptyEventLoop: false,
      memory_limit_in_mb: this.opts.configs.get(name)?.memorySize ?? 256,
      time_limit_in_ms: timeoutMs,
      request_id: requestId,
      function_name: name,
      function_version: '$LATEST',
      namespace: this.opts.env,
      tencentcloud_region: this.opts.region,
      environment: JSON.stringify(environment)
    }
  }

  /** Invokes a function in an instance of its own and resolves with what its `main` returned. */
  async invoke(name: string, event: unknown, caller: CallerIdentity): Promise<{ requestId: string; result: unknown }> {
    if (this.stopped) throw new EmulatorError('FUNCTIONS_EXECUTE_FAIL', 'the emulator is stopping')
    const { dir, version } = this.bundle(name)
    const timeoutMs = (this.opts.configs.get(name)?.timeout ?? DEFAULT_TIMEOUT_S) * 1000
    const requestId = randomUUID()
    const pool = this.pool(name, dir)
    const inst = await pool.acquire(version)
    try {
      // The time limit counts from when the instance is ready (cold start is not billed either).
      await inst.ready
      const result = await inst.run(eventFor(event, caller), this.context(name, requestId, caller, timeoutMs), timeoutMs)
      return { requestId, result }
    } finally {
      pool.release(inst)
    }
  }

  /** Stops every instance of every function. */
  async stop(): Promise<void> {
    this.stopped = true
    await Promise.all([...this.pools.values()].map((p) => p.stop()))
  }
}

/**
 * The event a function gets: a call from the mini program carries its caller in the event
 * too, as `userInfo: { appId, openId }`, which CloudBase adds to the client's data.
 */
function eventFor(event: unknown, caller: CallerIdentity): unknown {
  const fromClient = caller.source === 'wx_client' || caller.source === 'wx_devtools'
  if (!fromClient || !caller.openId || !event || typeof event !== 'object' || Array.isArray(event)) return event
  return { ...(event as Record<string, unknown>), userInfo: { appId: caller.appId ?? '', openId: caller.openId } }
}
