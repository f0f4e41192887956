/** A function's process dying between two database writes, for the tests of what a retry or the next run makes of it. */
import type { Harness } from './harness'

/**
 * From the write after `allowed` on, fails every write the database is asked for, as if the
 * function's process had died there; with `lastApplied`, that last write still reaches the
 * database (the process died before it heard the answer).
 */
export function dieAtWrite(h: Harness, allowed: number, lastApplied: boolean): { writes: () => number; restore: () => void } {
  const store = h.emulator!.store as unknown as Record<string, (...args: unknown[]) => unknown>
  const names = ['insert', 'update', 'remove', 'findOneAndUpdate']
  const originals = names.map((n) => store[n])
  let writes = 0
  names.forEach((n, i) => {
    store[n] = function (this: unknown, ...args: unknown[]) {
      writes++
      if (writes <= allowed) return originals[i].apply(this, args)
      if (writes === allowed + 1 && lastApplied) originals[i].apply(this, args)
      throw new Error('the function stopped here')
    }
  })
  return { writes: () => writes, restore: () => names.forEach((n, i) => { store[n] = originals[i] }) }
}
