/**
 * `npm run bench:emulator`: the emulator's speed through the real SDK, on a
 * 100,000-document collection. Prints the figures; asserts nothing.
 */
import tcb from '@cloudbase/node-sdk'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { start } from '../../emulator'

process.env.TENCENTCLOUD = 'true'
process.env.SILENCE = 'true'

const DOCS = Number(process.env.BENCH_DOCS ?? 100_000)
const GROUPS = 2_000

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]
}

async function timeEach(n: number, fn: (i: number) => Promise<unknown>): Promise<{ p50: number; p95: number; mean: number; total: number }> {
  const times: number[] = []
  const t0 = performance.now()
  for (let i = 0; i < n; i++) {
    const s = performance.now()
    await fn(i)
    times.push(performance.now() - s)
  }
  const total = performance.now() - t0
  times.sort((a, b) => a - b)
  return { p50: percentile(times, 50), p95: percentile(times, 95), mean: total / n, total }
}

const ms = (x: number): string => `${x.toFixed(2)} ms`

async function main(): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cb-bench-'))
  const collectionsFile = path.join(dataDir, 'collections.json')
  fs.writeFileSync(collectionsFile, JSON.stringify({
    collections: [{ name: 'interns', createIndexes: [{ name: 'groupKey_1', keys: [{ name: 'groupKey', direction: '1' }] }] }]
  }))
  const emulator = await start({ port: 0, dataDir, collectionsFile, functionLog: () => undefined })
  const app = tcb.init({ env: 'local', secretId: 'l', secretKey: 'l', serviceUrl: emulator.adminUrl } as any)
  const db = app.database()
  const coll = db.collection('interns')
  const out: [string, string][] = []
  try {
    // Load: batches of 1000 through the SDK.
    const load0 = performance.now()
    for (let i = 0; i < DOCS; i += 1000) {
      const batch = Array.from({ length: Math.min(1000, DOCS - i) }, (_, j) => {
        const n = i + j
        const g = `g${n % GROUPS}`
        return { studentNo: `S${String(n).padStart(7, '0')}`, groupKey: g, groupKeyCopy: g, score: n % 100, createdAt: new Date(1_700_000_000_000 + n) }
      })
      await coll.add(batch)
    }
    const loadMs = performance.now() - load0
    out.push(['documents', String(DOCS)])
    out.push(['bulk load (batches of 1000)', `${(loadMs / 1000).toFixed(1)} s, ${Math.round(DOCS / (loadMs / 1000))} docs/s`])

    const perGroup = DOCS / GROUPS
    const examined = async (fn: () => Promise<unknown>): Promise<number> => {
      const before = emulator.store.stats.docsExamined
      await fn()
      return emulator.store.stats.docsExamined - before
    }
    const ix = await timeEach(200, (i) => coll.where({ groupKey: `g${(i * 7) % GROUPS}` }).limit(1000).get())
    const ixExamined = await examined(() => coll.where({ groupKey: 'g5' }).limit(1000).get())
    const scan = await timeEach(10, (i) => coll.where({ groupKeyCopy: `g${(i * 7) % GROUPS}` }).limit(1000).get())
    const scanExamined = await examined(() => coll.where({ groupKeyCopy: 'g5' }).limit(1000).get())
    out.push([`indexed equality query (${perGroup} matches)`, `p50 ${ms(ix.p50)}, p95 ${ms(ix.p95)}; ${ixExamined} docs examined`])
    out.push([`unindexed equality query (${perGroup} matches)`, `p50 ${ms(scan.p50)}, p95 ${ms(scan.p95)}; ${scanExamined} docs examined`])
    out.push(['unindexed / indexed latency (p50)', `${(scan.p50 / ix.p50).toFixed(1)}x`])

    const sorted = await timeEach(50, () => coll.where({ groupKey: 'g9' }).orderBy('groupKey', 'asc').limit(10).get())
    out.push(['indexed query, limit 10', `p50 ${ms(sorted.p50)}`])

    // Single-document writes and reads, one request at a time.
    const ids: string[] = []
    const ins = await timeEach(1000, async (i) => {
      const r = await coll.add({ studentNo: `N${i}`, groupKey: 'gNew', score: i })
      ids.push(r.id as string)
    })
    out.push(['single insert, sequential', `${Math.round(1000 / (ins.total / 1000))} /s (p50 ${ms(ins.p50)}, p95 ${ms(ins.p95)})`])
    const get = await timeEach(2000, (i) => coll.doc(ids[i % ids.length]).get())
    out.push(['get by _id, sequential', `${Math.round(2000 / (get.total / 1000))} /s (p50 ${ms(get.p50)}, p95 ${ms(get.p95)})`])

    // Eight requests in flight.
    const c0 = performance.now()
    let next = 0
    await Promise.all(Array.from({ length: 8 }, async () => {
      while (next < 2000) {
        const i = next++
        await coll.add({ studentNo: `C${i}`, groupKey: 'gConc', score: i })
      }
    }))
    out.push(['single insert, 8 in flight', `${Math.round(2000 / ((performance.now() - c0) / 1000))} /s`])

    const dbFile = path.join(dataDir, 'cloudbase.sqlite')
    out.push(['SQLite file', `${(fs.statSync(dbFile).size / 1024 / 1024).toFixed(1)} MB`])
  } finally {
    await emulator.stop()
    fs.rmSync(dataDir, { recursive: true, force: true })
  }
  const width = Math.max(...out.map(([k]) => k.length))
  process.stdout.write('\nemulator benchmark (real @cloudbase/node-sdk over HTTP)\n')
  for (const [k, v] of out) process.stdout.write(`  ${k.padEnd(width)}  ${v}\n`)
}

main().catch((e) => {
  process.stderr.write(`${e.stack ?? e}\n`)
  process.exit(1)
})
