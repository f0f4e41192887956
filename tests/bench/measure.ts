/** What the action benchmarks share: timing calls against the emulator's counters. */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { Emulator, start } from '../../emulator'

const root = path.resolve(__dirname, '../..')

/** An emulator of the project on a free port in a fresh data folder, its timers fired by hand only (the functions' log lines to `functionLog`, by default nowhere); `stop` removes the folder. */
export async function startBenchEmulator(name: string, functionLog: (fn: string, line: string) => void = () => undefined): Promise<{ emulator: Emulator; stop: () => Promise<void> }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `cb-bench-${name}-`))
  const emulator = await start({
    port: 0, dataDir, collectionsFile: path.join(root, 'database/collections.json'),
    cloudbaseRc: path.join(root, 'cloudbaserc.json'), functionLog, timerTriggers: 'manual'
  })
  return {
    emulator,
    stop: async () => {
      await emulator.stop()
      fs.rmSync(dataDir, { recursive: true, force: true })
    }
  }
}

/** Calls a list page after page from the start, `pages` times, and returns the cursor reached (or the last page's). */
export async function cursorAfter(call: (cursor: string | undefined) => Promise<{ nextCursor: string | null }>, pages: number): Promise<string | undefined> {
  let cursor: string | undefined
  for (let i = 0; i < pages; i++) {
    const { nextCursor } = await call(cursor)
    if (nextCursor === null) return cursor
    cursor = nextCursor
  }
  return cursor
}

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
