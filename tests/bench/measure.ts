/** What the action benchmarks share: timing calls against the emulator's counters. */
import type { Emulator } from '../../emulator'

/** The p-th percentile of `xs` (nearest rank). */
export const pct = (xs: number[], p: number): number => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]

/** One call's cost: the most database requests and documents examined over the runs, and latency p50. */
export interface Cost { requests: number; docs: number; p50: number }

/** Runs `n` calls one after another, measuring each one's database requests, documents examined and latency. */
export async function measureCalls(emulator: Emulator, n: number, call: (i: number) => Promise<unknown>): Promise<Cost> {
  const times: number[] = []
  let requests = 0
  let docs = 0
  for (let i = 0; i < n; i++) {
    const before = { requests: emulator.stats.databaseRequests, docs: emulator.store.stats.docsExamined }
    const t = performance.now()
    await call(i)
    times.push(performance.now() - t)
    requests = Math.max(requests, emulator.stats.databaseRequests - before.requests)
    docs = Math.max(docs, emulator.store.stats.docsExamined - before.docs)
  }
  return { requests, docs, p50: pct(times, 50) }
}
