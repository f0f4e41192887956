/**
 * The pool of warm instances of one function, driven by generated sequences of calls
 * arriving, calls ending, instances crashing (busy or idle), rebuilds and idle time, with stand-in
 * instances: an instance serves one call at a time, there are never more than the cap,
 * calls wait only when every slot is busy and are served in arrival order, idle ones
 * beyond the first are stopped, and stop() ends everything.
 */
import fc from 'fast-check'
import type { FunctionInstance } from '../../emulator/functions/instance'
import { InstancePool } from '../../emulator/functions/pool'

const MAX = 3
const IDLE_MS = 1000

/** Stands in for a process: killing it makes it exit a moment later. */
class FakeInstance {
  alive = true
  readonly exited: Promise<void>
  private exit!: () => void

  constructor(readonly version: number) {
    this.exited = new Promise((resolve) => { this.exit = resolve })
  }

  kill(): void {
    if (!this.alive) return
    this.alive = false
    setImmediate(this.exit)
  }
}

const settle = () => new Promise((resolve) => setImmediate(resolve))

type Op =
  | { kind: 'call' }
  | { kind: 'end' | 'crash' | 'exitIdle'; pick: number }
  | { kind: 'rebuild' }
  | { kind: 'idle' }

const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 4, arbitrary: fc.constant({ kind: 'call' as const }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('end' as const), pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('crash' as const), pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('exitIdle' as const), pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'rebuild' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'idle' as const }) }
)

describe('instance pool', () => {
  beforeEach(() => jest.useFakeTimers({ doNotFake: ['setImmediate', 'nextTick', 'queueMicrotask'] }))
  afterEach(() => jest.useRealTimers())

  it('one call per instance, at most the cap, waiting in arrival order only when all are busy, idle extras stopped', async () => {
    await fc.assert(fc.asyncProperty(fc.array(opArb, { maxLength: 40 }), async (ops) => {
      const started: FakeInstance[] = []
      const pool = new InstancePool({
        max: MAX,
        idleMs: IDLE_MS,
        spawn: (version) => {
          const inst = new FakeInstance(version)
          started.push(inst)
          return inst as unknown as FunctionInstance
        }
      })
      let version = 1
      /** calls holding an instance */
      const held: FakeInstance[] = []
      /** calls waiting, in arrival order */
      const waiting: number[] = []
      const served: number[] = []
      let callNo = 0

      for (const op of ops) {
        const aliveBefore = started.filter((i) => i.alive).length
        if (op.kind === 'call') {
          const no = ++callNo
          waiting.push(no)
          pool.acquire(version).then((inst) => {
            served.push(no)
            waiting.splice(waiting.indexOf(no), 1)
            held.push(inst as unknown as FakeInstance)
          }, () => undefined) // rejected only by stop()
        } else if (op.kind === 'end' && held.length) {
          const [inst] = held.splice(op.pick % held.length, 1)
          pool.release(inst as unknown as FunctionInstance)
        } else if (op.kind === 'crash' && held.length) {
          // The call fails; the runner still hands the instance back.
          const [inst] = held.splice(op.pick % held.length, 1)
          inst.kill()
          pool.release(inst as unknown as FunctionInstance)
        } else if (op.kind === 'exitIdle') {
          // An idle instance dies on its own.
          const idle = started.filter((i) => i.alive && !held.includes(i))
          if (idle.length) idle[op.pick % idle.length].kill()
        } else if (op.kind === 'rebuild') {
          version++
        } else if (op.kind === 'idle') {
          jest.advanceTimersByTime(IDLE_MS + 1)
        }
        await settle()
        await settle()

        const alive = started.filter((i) => i.alive)
        const idle = alive.filter((i) => !held.includes(i))
        expect(new Set(held).size).toBe(held.length)
        expect(held.every((i) => i.alive)).toBe(true)
        expect(alive.length).toBeLessThanOrEqual(MAX)
        expect(served).toEqual([...served].sort((a, b) => a - b))
        if (waiting.length) {
          expect(alive.length).toBe(MAX)
          expect(idle).toEqual([])
        }
        if (op.kind === 'idle') {
          // idle extras are stopped, but the last instance stays warm
          expect(idle.length).toBeLessThanOrEqual(held.length ? 0 : 1)
          expect(alive.length).toBeGreaterThanOrEqual(Math.min(aliveBefore, 1))
        }
      }

      // stop() ends every instance and every waiting call, and takes no more calls.
      const stillWaiting = waiting.length
      await pool.stop()
      await settle()
      expect(started.every((i) => !i.alive)).toBe(true)
      expect(waiting.length).toBe(stillWaiting)
      await expect(pool.acquire(version)).rejects.toMatchObject({ code: 'FUNCTIONS_EXECUTE_FAIL' })
    }), { numRuns: 150 })
  })
})
