/**
 * Runs built cloud functions the way CloudBase does: each function in its own process
 * (a warm instance, reused between invocations), with the SCF environment variables and
 * `TCB_CONTEXT_CNFG` pointing back at this emulator, a per-invocation `context` that
 * carries the caller's identity, and the function's timeout. A timed-out instance is
 * killed, as the platform does.
 */
import { ChildProcess, fork } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { EmulatorError } from '../errors'

export interface FunctionConfig {
  name: string
  /** seconds */
  timeout?: number
  handler?: string
  envVariables?: Record<string, string>
  memorySize?: number
}

/** Who is calling: a WeChat user (from the mini program) or nobody (a server call). */
export interface CallerIdentity {
  openId?: string
  appId?: string
  unionId?: string
  clientIp?: string
  source: 'wx_client' | 'wx_devtools' | 'scf' | 'admin'
}

export interface RunnerOptions {
  functionsRoot: string
  env: string
  region: string
  adminUrl: () => string
  configs: Map<string, FunctionConfig>
  log: (fn: string, line: string) => void
}

interface Pending {
  resolve: (v: unknown) => void
  reject: (e: Error) => void
  timer: NodeJS.Timeout
}

interface Instance {
  child: ChildProcess
  mtimeMs: number
  pending: Map<number, Pending>
  ready: Promise<void>
}

const DEFAULT_TIMEOUT_S = 3
const NAME = /^[A-Za-z0-9_-]{1,60}$/

export class FunctionRunner {
  private readonly instances = new Map<string, Instance>()
  private nextId = 1
  private readonly workerFile = path.join(__dirname, 'worker.ts')

  constructor(private readonly opts: RunnerOptions) {}

  private bundleDir(name: string): string {
    if (!NAME.test(name)) throw new EmulatorError('FUNCTIONS_NOT_FOUND', `function not found: ${name}`)
    const dir = path.join(this.opts.functionsRoot, name)
    const entry = this.entryFile(name, dir)
    if (!fs.existsSync(entry)) {
      throw new EmulatorError('FUNCTIONS_NOT_FOUND', `function not found: ${name} (no ${path.relative(process.cwd(), entry)}; build the functions first)`)
    }
    return dir
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

  private entryFile(name: string, dir: string): string {
    const handler = this.opts.configs.get(name)?.handler ?? 'index.main'
    return path.join(dir, `${handler.slice(0, handler.lastIndexOf('.'))}.js`)
  }

  private spawn(name: string, dir: string): Instance {
    const handler = this.opts.configs.get(name)?.handler ?? 'index.main'
    const mtimeMs = fs.statSync(this.entryFile(name, dir)).mtimeMs
    const child = fork(this.workerFile, [dir, handler], {
      cwd: dir,
      env: this.environment(name),
      execArgv: ['--require', require.resolve('tsx/cjs')],
      stdio: ['ignore', 'pipe', 'pipe', 'ipc']
    })
    const inst: Instance = { child, mtimeMs, pending: new Map(), ready: Promise.resolve() }
    inst.ready = new Promise<void>((resolve, reject) => {
      const onMsg = (m: any): void => {
        if (m?.type === 'ready') {
          child.off('message', onMsg)
          resolve()
        }
      }
      child.on('message', onMsg)
      child.once('exit', () => reject(new EmulatorError('FUNCTIONS_EXECUTE_FAIL', `function ${name} failed to start`)))
    })
    inst.ready.catch(() => undefined)
    const forward = (stream: NodeJS.ReadableStream | null): void => {
      let buf = ''
      stream?.setEncoding('utf8')
      stream?.on('data', (chunk: string) => {
        buf += chunk
        let nl: number
        while ((nl = buf.indexOf('\n')) >= 0) {
          this.opts.log(name, buf.slice(0, nl))
          buf = buf.slice(nl + 1)
        }
      })
    }
    forward(child.stdout)
    forward(child.stderr)
    child.on('message', (m: any) => {
      if (m?.type !== 'result') return
      const p = inst.pending.get(m.id)
      if (!p) return
      inst.pending.delete(m.id)
      clearTimeout(p.timer)
      if (m.ok) p.resolve(m.value)
      else p.reject(new EmulatorError('FUNCTIONS_EXECUTE_FAIL', `function ${name} threw: ${m.error?.message ?? 'unknown error'}`))
    })
    child.on('exit', (code, signal) => {
      if (this.instances.get(name) === inst) this.instances.delete(name)
      for (const [id, p] of inst.pending) {
        clearTimeout(p.timer)
        p.reject(new EmulatorError('FUNCTIONS_EXECUTE_FAIL', `function ${name} instance exited (${signal ?? code}) during invocation ${id}`))
      }
      inst.pending.clear()
    })
    return inst
  }

  private instance(name: string): Instance {
    const dir = this.bundleDir(name)
    let inst = this.instances.get(name)
    if (inst) {
      // A rebuilt bundle gets a fresh instance, as a redeploy would.
      const mtime = fs.statSync(this.entryFile(name, dir)).mtimeMs
      if (mtime !== inst.mtimeMs) {
        this.instances.delete(name)
        inst.child.kill('SIGKILL')
        inst = undefined
      }
    }
    if (!inst) {
      inst = this.spawn(name, dir)
      this.instances.set(name, inst)
    }
    return inst
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

  /** Invokes a function and resolves with what its `main` returned. */
  async invoke(name: string, event: unknown, caller: CallerIdentity): Promise<{ requestId: string; result: unknown }> {
    const inst = this.instance(name)
    const timeoutMs = (this.opts.configs.get(name)?.timeout ?? DEFAULT_TIMEOUT_S) * 1000
    const requestId = randomUUID()
    // The time limit counts from when the instance is ready (cold start is not billed either).
    await inst.ready
    const id = this.nextId++
    const context = this.context(name, requestId, caller, timeoutMs)
    const result = await new Promise<unknown>((resolve, reject) => {
      const timer = setTimeout(() => {
        inst.pending.delete(id)
        reject(new EmulatorError('FUNCTIONS_TIME_LIMIT_EXCEEDED', `Invoking task timed out after ${timeoutMs / 1000} seconds`))
        if (this.instances.get(name) === inst) this.instances.delete(name)
        inst.child.kill('SIGKILL')
      }, timeoutMs)
      inst.pending.set(id, { resolve, reject, timer })
      inst.child.send({ type: 'invoke', id, event, context })
    })
    return { requestId, result }
  }

  /** Stops every instance. */
  async stop(): Promise<void> {
    const exits = [...this.instances.values()].map((inst) => new Promise<void>((resolve) => {
      if (inst.child.exitCode !== null || inst.child.signalCode !== null) return resolve()
      inst.child.once('exit', () => resolve())
      inst.child.kill('SIGTERM')
    }))
    this.instances.clear()
    await Promise.all(exits)
  }
}
