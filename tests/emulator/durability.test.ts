/**
 * A write the emulator acknowledged survives the emulator process being killed with
 * SIGKILL at any moment, and the database file is never left corrupt.
 */
import tcb from '@cloudbase/node-sdk'
import { ChildProcess, spawn } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { start } from '../../emulator'
import { tempDir } from '../helpers/cloudbase'

const root = path.resolve(__dirname, '../..')

function startEmulatorProcess(dataDir: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['--require', require.resolve('tsx/cjs'), path.join(root, 'emulator/cli.ts'),
    '--port', '0', '--data', dataDir, '--collections', path.join(__dirname, 'fixtures/durability-collections.json')], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe']
  })
  return new Promise((resolve, reject) => {
    let out = ''
    child.stdout!.on('data', (c) => {
      out += c
      const m = out.match(/http:\/\/127\.0\.0\.1:\d+/)
      if (m) resolve({ child, url: m[0] })
    })
    child.once('exit', (code) => reject(new Error(`emulator exited early (${code}): ${out}`)))
  })
}

async function writeUntilKilled(url: string, child: ChildProcess, round: number, killAfter: number): Promise<string[]> {
  const app = tcb.init({ env: 'local', secretId: 'l', secretKey: 'l', serviceUrl: `${url}/admin`, timeout: 5000 } as any)
  const coll = app.database().collection('acks')
  const acked: string[] = []
  let killed = false
  let seq = 0
  // Eight writers keep requests in flight, so the kill lands mid-write.
  const writer = async (): Promise<void> => {
    while (!killed) {
      const n = seq++
      try {
        const r = await coll.add({ round, n, payload: 'x'.repeat(200), at: new Date() })
        acked.push(r.id as string)
        if (acked.length === killAfter && !killed) {
          killed = true
          child.kill('SIGKILL')
        }
      } catch {
        // Refused or cut off by the kill: never acknowledged, so nothing is owed.
        if (!killed) await new Promise((r) => setTimeout(r, 5))
      }
    }
  }
  await Promise.all(Array.from({ length: 8 }, writer))
  await new Promise<void>((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once('exit', () => resolve())))
  return acked
}

describe('durability', () => {
  const dataDir = tempDir('cb-durability-')
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }))

  it('keeps every acknowledged document across three SIGKILLs of the emulator', async () => {
    const allAcked: string[] = []
    for (let round = 0; round < 3; round++) {
      const { child, url } = await startEmulatorProcess(dataDir)
      const acked = await writeUntilKilled(url, child, round, 150)
      expect(acked.length).toBeGreaterThanOrEqual(150)
      expect(child.signalCode).toBe('SIGKILL')
      allAcked.push(...acked)
    }

    const emulator = await start({ port: 0, dataDir, functionLog: () => undefined })
    try {
      expect(emulator.store.db.pragma('integrity_check', { simple: true })).toBe('ok')
      const app = tcb.init({ env: 'local', secretId: 'l', secretKey: 'l', serviceUrl: emulator.adminUrl } as any)
      const db = app.database()
      const _ = db.command
      const found = new Set<string>()
      for (let i = 0; i < allAcked.length; i += 500) {
        const { data } = await db.collection('acks').where({ _id: _.in(allAcked.slice(i, i + 500)) }).limit(1000).field({ _id: true }).get()
        for (const d of data) found.add(d._id)
      }
      const missing = allAcked.filter((id) => !found.has(id))
      expect(missing).toEqual([])
      expect(found.size).toBe(new Set(allAcked).size)
    } finally {
      await emulator.stop()
    }
  }, 120_000)
})

describe('data folder lock', () => {
  it('refuses a second emulator on the same data folder, and frees it on stop', async () => {
    const dir = tempDir('cb-lock-')
    const first = await start({ port: 0, dataDir: dir, functionLog: () => undefined })
    await expect(start({ port: 0, dataDir: dir, functionLog: () => undefined })).rejects.toThrow(/in use by another emulator/)
    await first.stop()
    const second = await start({ port: 0, dataDir: dir, functionLog: () => undefined })
    await second.stop()
    fs.rmSync(dir, { recursive: true, force: true })
  })
})
