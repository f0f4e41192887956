/**
 * Calls a test answers by hand: each call to `fn` waits until the test resolves or rejects
 * it, in any order, so a test can replay the interleavings a slow network produces.
 */
import { act } from '@testing-library/react'

export interface Pending<A, T> {
  args: A
  resolve: (value: T) => void
  reject: (error: unknown) => void
  settled: boolean
}

export class PendingCalls<A extends unknown[], T> {
  readonly calls: Pending<A, T>[] = []

  /** The function under control: records its arguments and waits for the test. */
  readonly fn = (...args: A): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const call: Pending<A, T> = {
        args,
        settled: false,
        resolve: (v) => {
          call.settled = true
          resolve(v)
        },
        reject: (e) => {
          call.settled = true
          reject(e)
        }
      }
      this.calls.push(call)
    })

  /** Calls not answered yet, oldest first. */
  get open(): Pending<A, T>[] {
    return this.calls.filter((c) => !c.settled)
  }

  /** The most recent call (throws when there is none). */
  get last(): Pending<A, T> {
    const call = this.calls[this.calls.length - 1]
    if (!call) throw new Error('no call was made')
    return call
  }
}

/** Lets promise continuations run (a few microtask turns) without letting React render. */
export async function microtasks(turns = 5): Promise<void> {
  for (let i = 0; i < turns; i++) await Promise.resolve()
}

/** Runs `step` and everything it sets off, then lets React render the result. */
export async function settle(step: () => void | Promise<void> = () => undefined): Promise<void> {
  await act(async () => {
    await step()
    await microtasks()
  })
}
