/**
 * The emulator as a command: starts, prints its URL, serves the SDK, stops cleanly on
 * SIGTERM and SIGINT; exports a data folder and imports it into another.
 */
import tcb from '@cloudbase/node-sdk'
import { spawn, spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { start } from '../../emulator'
import { tempDir } from '../helpers/cloudbase'

const root = path.resolve(__dirname, '../..')
const cli = (args: string[]) => [process.execPath, ['--require', require.resolve('tsx/cjs'), path.join(root, 'emulator/cli.ts'), ...args]] as const

const sdk = (adminUrl: string) => tcb.init({ env: 'local', secretId: 'l', secretKey: 'l', serviceUrl: adminUrl } as any)

async function runUntilSignal(dataDir: string, signal: NodeJS.Signals): Promise<{ code: number | null; url: string }> {
  const [node, args] = cli(['--port', '0', '--data', dataDir])
  const child = spawn(node, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] })
  const url = await new Promise<string>((resolve, reject) => {
    let out = ''
    child.stdout.on('data', (c) => {
      out += c
      const m = out.match(/^CloudBase emulator ready at (http:\/\/127\.0\.0\.1:\d+)/m)
      if (m) resolve(m[1])
    })
    child.once('exit', () => reject(new Error(`exited before ready: ${out}`)))
  })
  const db = sdk(`${url}/admin`).database()
  await db.createCollection('notes').catch(() => undefined)
  await db.collection('notes').add({ text: `written before ${signal}` })
  const code = await new Promise<number | null>((resolve) => {
    child.once('exit', (c) => resolve(c))
    child.kill(signal)
  })
  return { code, url }
}

describe('emulator command', () => {
  const dataDir = tempDir('cb-cli-')
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }))

  it('prints its URL, serves the SDK and exits 0 on SIGTERM and on SIGINT', async () => {
    const first = await runUntilSignal(dataDir, 'SIGTERM')
    expect(first.code).toBe(0)
    const second = await runUntilSignal(dataDir, 'SIGINT')
    expect(second.code).toBe(0)
    expect(fs.existsSync(path.join(dataDir, 'emulator.lock'))).toBe(false)
  })

  it('exports the data folder and imports it into a fresh one', async () => {
    const exportDir = tempDir('cb-export-')
    const [node, args] = cli(['--data', dataDir, '--export', exportDir])
    const r = spawnSync(node, args, { cwd: root, encoding: 'utf8' })
    expect(r.status).toBe(0)
    const meta = JSON.parse(fs.readFileSync(path.join(exportDir, 'metadata.json'), 'utf8'))
    expect(meta.collections).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'notes', count: 2, file: 'collections/notes.json' })]))
    expect(fs.readFileSync(path.join(exportDir, 'collections/notes.json'), 'utf8')).toContain('written before SIGINT')

    const fresh = tempDir('cb-import-')
    const emulator = await start({ port: 0, dataDir: fresh, importDir: exportDir, functionLog: () => undefined })
    try {
      const { data } = await sdk(emulator.adminUrl).database().collection('notes').orderBy('text', 'asc').get()
      expect(data.map((d: any) => d.text)).toEqual(['written before SIGINT', 'written before SIGTERM'])
    } finally {
      await emulator.stop()
      fs.rmSync(fresh, { recursive: true, force: true })
      fs.rmSync(exportDir, { recursive: true, force: true })
    }
  })

  it('round-trips documents, indexes and stored files through export and import', async () => {
    const src = tempDir('cb-src-')
    const collectionsFile = path.join(src, 'c.json')
    fs.writeFileSync(collectionsFile, JSON.stringify({ collections: [{ name: 'people', createIndexes: [{ name: 'no_1', unique: true, keys: [{ name: 'no', direction: '1' }] }] }] }))
    const a = await start({ port: 0, dataDir: path.join(src, 'data'), collectionsFile, functionLog: () => undefined })
    const app = sdk(a.adminUrl)
    const docs = [{ _id: 'p1', no: 'A1', at: new Date('2026-09-01T08:00:00Z'), tags: ['x', 'y'], n: 1.5, nested: { ok: true, none: null } }, { _id: 'p2', no: 'A2', at: new Date(0), tags: [], n: 2 ** 40 }]
    await app.database().collection('people').add(docs)
    const { fileID } = await app.uploadFile({ cloudPath: 'photos/证件照.txt', fileContent: Buffer.from('图片内容') })
    const exportDir = path.join(src, 'export')
    a.exportTo(exportDir)
    await a.stop()

    const b = await start({ port: 0, dataDir: path.join(src, 'restored'), importDir: exportDir, functionLog: () => undefined })
    try {
      const app2 = sdk(b.adminUrl)
      const { data } = await app2.database().collection('people').orderBy('no', 'asc').get()
      expect(data).toEqual(docs)
      await expect(app2.database().collection('people').add({ no: 'A1' })).rejects.toMatchObject({ code: 'DATABASE_DUPLICATE_WRITE' })
      expect((await app2.downloadFile({ fileID })).fileContent!.toString()).toBe('图片内容')
    } finally {
      await b.stop()
      fs.rmSync(src, { recursive: true, force: true })
    }
  })
})
