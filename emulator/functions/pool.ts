/**
 * The warm instances of one function. As on CloudBase, concurrent invocations never share
 * an instance: a call takes an idle instance, or starts a new one while the function has
 * fewer than `max`, or waits in line for the next one to come free. Idle instances are
 * reused; those of an older build are retired; extra idle ones are stopped after a while.
 */
import { EmulatorError } from '../errors'
import { FunctionInstance } from './instance'

export interface PoolOptions {
  /** starts an instance of the bundle as it is now (`version`) */
  spawn: (version: number) => FunctionInstance
  /** instances at most, busy or idle */
  max: number
  /** an idle instance beyond the first is stopped after this long */
  idleMs: number
}

const STOP_GRACE_MS = 2000

interface Waiter {
  resolve: (inst: FunctionInstance) => void
  reject: (e: Error) => void
}

export class InstancePool {
  private readonly instances = new Set<FunctionInstance>()
  /** idle instances, the most recently used last */
  private idle: FunctionInstance[] = []
  private readonly waiting: Waiter[] = []
  private readonly reapTimers = new Map<FunctionInstance, NodeJS.Timeout>()
  private version = Number.NaN
  private stopped = false

  constructor(private readonly opts: PoolOptions) {}

  /**
   * An instance running nothing, reserved for one call; hand it back with `release`.
   * @param version the bundle's current version: instances of another one are retired
   */
  acquire(version: number): Promise<FunctionInstance> {
    if (this.stopped) return Promise.reject(stopping())
    if (version !== this.version) this.retireAllBut(version)
    const warm = this.idle.pop()
    if (warm) {
      this.unscheduleReap(warm)
      return Promise.resolve(warm)
    }
    if (this.instances.size < this.opts.max) return Promise.resolve(this.start())
    return new Promise((resolve, reject) => this.waiting.push({ resolve, reject }))
  }

  /** Takes an instance back after its call: to the next caller in line, or idle. */
  release(inst: FunctionInstance): void {
    if (!inst.alive) return // its exit frees the slot
    if (this.stopped || inst.version !== this.version) {
      inst.kill()
      return
    }
    const next = this.waiting.shift()
    if (next) {
      next.resolve(inst)
      return
    }
    this.idle.push(inst)
    this.scheduleReap(inst)
  }

  /** Stops every instance; calls waiting in line fail. */
  async stop(): Promise<void> {
    this.stopped = true
    for (const w of this.waiting.splice(0)) w.reject(stopping())
    for (const t of this.reapTimers.values()) clearTimeout(t)
    this.reapTimers.clear()
    const all = [...this.instances]
    for (const inst of all) inst.kill('SIGTERM')
    // A function that ignores SIGTERM does not hold the emulator up.
    const force = setTimeout(() => all.forEach((inst) => inst.kill('SIGKILL')), STOP_GRACE_MS)
    await Promise.all(all.map((inst) => inst.exited))
    clearTimeout(force)
  }

  private start(): FunctionInstance {
    const inst = this.opts.spawn(this.version)
    this.instances.add(inst)
    inst.exited.then(() => this.forget(inst))
    return inst
  }

  /** An instance is gone (killed, crashed or exited): its slot goes to the next caller in line. */
  private forget(inst: FunctionInstance): void {
    this.instances.delete(inst)
    this.idle = this.idle.filter((i) => i !== inst)
    this.unscheduleReap(inst)
    while (!this.stopped && this.waiting.length > 0 && this.instances.size < this.opts.max) {
      this.waiting.shift()!.resolve(this.start())
    }
  }

  /** A rebuilt bundle replaces the instances, as a redeploy would: idle ones now, busy ones when their call ends. */
  private retireAllBut(version: number): void {
    this.version = version
    for (const inst of this.idle.filter((i) => i.version !== version)) {
      this.unscheduleReap(inst)
      inst.kill()
    }
    this.idle = this.idle.filter((i) => i.version === version)
  }

  private scheduleReap(inst: FunctionInstance): void {
    const timer = setTimeout(() => {
      this.reapTimers.delete(inst)
      // The last instance stays warm, so an occasional call does not pay a cold start.
      const others = [...this.instances].filter((i) => i !== inst && i.alive)
      if (others.length > 0 && this.idle.includes(inst)) {
        this.idle = this.idle.filter((i) => i !== inst)
        inst.kill()
      }
    }, this.opts.idleMs)
    timer.unref()
    this.reapTimers.set(inst, timer)
  }

  private unscheduleReap(inst: FunctionInstance): void {
    clearTimeout(this.reapTimers.get(inst))
    this.reapTimers.delete(inst)
  }
}

const stopping = (): EmulatorError => new EmulatorError('FUNCTIONS_EXECUTE_FAIL', 'the emulator is stopping')
