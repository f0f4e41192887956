/**
 * One function instance: a child process running `worker.ts` on one built bundle. It runs
 * one invocation at a time, as a CloudBase instance does; a call that outlives its time
 * limit gets the instance killed, and a crash or exit fails only the call it was running.
 */
import { ChildProcess, spawn } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { transformSync } from 'esbuild'
import { EmulatorError } from '../errors'

export interface InstanceSpec {
  /** the function's name, for messages and logs */
  name: string
  /** the bundle's folder */
  dir: string
  /** `file.export`, as in cloudbaserc.json */
  handler: string
  env: NodeJS.ProcessEnv
  /** what the bundle looked like when the instance started (its mtime): a rebuild retires it */
  version: number
  log: (fn: string, line: string) => void
}

interface Running {
  id: number
  resolve: (value: unknown) => void
  reject: (e: Error) => void
  timer?: NodeJS.Timeout
}

const WORKER_FILE = path.join(__dirname, 'worker.ts')
let workerScript: string | undefined

/** worker.ts as plain JavaScript, transpiled once: running it under tsx would add ~100 ms to every cold start. */
function workerSource(): string {
  workerScript ??= transformSync(fs.readFileSync(WORKER_FILE, 'utf8'), { loader: 'ts', format: 'cjs', target: 'node20', sourcefile: WORKER_FILE }).code
  return workerScript
}

export class FunctionInstance {
  readonly version: number
  /** settles when the worker has loaded the bundle; rejects if the process dies first */
  readonly ready: Promise<void>
  /** settles when the process has exited */
  readonly exited: Promise<void>
  private readonly child: ChildProcess
  private running: Running | undefined
  private nextId = 1
  private dead = false

  constructor(private readonly spec: InstanceSpec) {
    this.version = spec.version
    // `node -` runs the script it reads from stdin, with the arguments after it.
    this.child = spawn(process.execPath, ['-', spec.dir, spec.handler], {
      cwd: spec.dir,
      env: spec.env,
      stdio: ['pipe', 'pipe', 'pipe', 'ipc']
    })
    this.child.stdin!.on('error', () => undefined) // a process that died before reading it: its exit reports that
    this.child.stdin!.end(workerSource())
    this.exited = new Promise((resolve) => {
      const gone = (why: string): void => {
        this.dead = true
        this.fail(new EmulatorError('FUNCTIONS_EXECUTE_FAIL', `function ${spec.name} instance exited (${why}) during the invocation`))
        resolve()
      }
      this.child.once('exit', (code, signal) => gone(String(signal ?? code)))
      // A process that could not be started emits no exit.
      this.child.once('error', (e) => this.child.pid === undefined && gone(e.message))
    })
    this.ready = new Promise<void>((resolve, reject) => {
      const onMessage = (m: any): void => {
        if (m?.type !== 'ready') return
        this.child.off('message', onMessage)
        resolve()
      }
      this.child.on('message', onMessage)
      this.exited.then(() => reject(new EmulatorError('FUNCTIONS_EXECUTE_FAIL', `function ${spec.name} failed to start`)))
    })
    this.ready.catch(() => undefined)
    this.child.on('message', (m: any) => this.onResult(m))
    // A failed IPC send shows up here; the exit that follows fails the call.
    this.child.on('error', (e) => spec.log(spec.name, `instance error: ${e.message}`))
    this.forward(this.child.stdout)
    this.forward(this.child.stderr)
  }

  /** False once the process has exited or has been told to. */
  get alive(): boolean {
    return !this.dead
  }

  /**
   * Runs one invocation and resolves with what `main` returned. The time limit starts now:
   * call this once `ready` has settled.
   */
  run(event: unknown, context: Record<string, unknown>, timeoutMs: number): Promise<unknown> {
    if (this.running) throw new Error(`function ${this.spec.name}: instance already running a call`)
    if (this.dead) return Promise.reject(new EmulatorError('FUNCTIONS_EXECUTE_FAIL', `function ${this.spec.name} instance is gone`))
    return new Promise((resolve, reject) => {
      const running: Running = { id: this.nextId++, resolve, reject }
      this.running = running
      running.timer = setTimeout(() => {
        this.fail(new EmulatorError('FUNCTIONS_TIME_LIMIT_EXCEEDED', `Invoking task timed out after ${timeoutMs / 1000} seconds`))
        this.kill('SIGKILL')
      }, timeoutMs)
      this.child.send({ type: 'invoke', id: running.id, event, context })
    })
  }

  kill(signal: NodeJS.Signals = 'SIGKILL'): void {
    this.dead = true
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill(signal)
  }

  private onResult(m: any): void {
    const running = this.running
    if (m?.type !== 'result' || !running || m.id !== running.id) return
    this.running = undefined
    clearTimeout(running.timer)
    if (m.ok) running.resolve(m.value)
    else running.reject(new EmulatorError('FUNCTIONS_EXECUTE_FAIL', `function ${this.spec.name} threw: ${m.error?.message ?? 'unknown error'}`))
  }

  /** Ends the running call, if any, with `error`. */
  private fail(error: EmulatorError): void {
    const running = this.running
    if (!running) return
    this.running = undefined
    clearTimeout(running.timer)
    running.reject(error)
  }

  /** Passes the function's console output on, line by line. */
  private forward(stream: NodeJS.ReadableStream | null): void {
    let buf = ''
    stream?.setEncoding('utf8')
    stream?.on('data', (chunk: string) => {
      buf += chunk
      let nl: number
      while ((nl = buf.indexOf('\n')) >= 0) {
        this.spec.log(this.spec.name, buf.slice(0, nl))
        buf = buf.slice(nl + 1)
      }
    })
  }
}
