/**
 * A request over CloudBase's limits (5 MiB bodies, 50 MiB uploads) gets its error code
 * through the real SDK, not a socket error: the emulator reads the rest of the body before
 * it answers. The emulator runs in its own process, as a developer runs it; the race
 * between the client still sending and the server answering shows only there.
 */
import fc from 'fast-check'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { sdkFor, ServerProcess, spawnEmulator } from './helpers'

const MiB = 1024 * 1024
const COLLECTION = 'size_limit'

let emulator: ServerProcess
let dataDir: string
let app: ReturnType<typeof sdkFor>

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cb-size-'))
  emulator = await spawnEmulator(['--data', dataDir])
  app = sdkFor(emulator.url)
  await app.database().createCollection(COLLECTION)
}, 30_000)

afterAll(async () => {
  await emulator?.stop()
  fs.rmSync(dataDir, { recursive: true, force: true })
})

/** The error code a call rejects with (a socket error has `EPIPE`, `ECONNRESET`...). */
async function codeOf(call: Promise<unknown>): Promise<string> {
  try {
    await call
  } catch (e) {
    return String((e as { code?: unknown }).code)
  }
  return 'resolved'
}

type Oversized = { kind: 'add'; bytes: number } | { kind: 'batch'; docs: number; bytes: number } | { kind: 'update'; bytes: number } | { kind: 'function'; bytes: number }

const oversizedArb: fc.Arbitrary<Oversized> = fc.oneof(
  fc.integer({ min: 5 * MiB + 1, max: 12 * MiB }).map((bytes) => ({ kind: 'add' as const, bytes })),
  fc.tuple(fc.integer({ min: 20, max: 200 }), fc.integer({ min: 5 * MiB + 1, max: 9 * MiB })).map(([docs, bytes]) => ({ kind: 'batch' as const, docs, bytes })),
  fc.integer({ min: 5 * MiB + 1, max: 9 * MiB }).map((bytes) => ({ kind: 'update' as const, bytes })),
  fc.integer({ min: 5 * MiB + 1, max: 9 * MiB }).map((bytes) => ({ kind: 'function' as const, bytes }))
)

function send(request: Oversized): Promise<unknown> {
  const c = app.database().collection(COLLECTION)
  switch (request.kind) {
    case 'add': return c.add({ big: 'x'.repeat(request.bytes) })
    case 'batch': {
      const each = Math.ceil(request.bytes / request.docs)
      return c.add(Array.from({ length: request.docs }, (_, i) => ({ i, part: 'y'.repeat(each) })))
    }
    case 'update': return c.where({ none: true }).update({ big: 'z'.repeat(request.bytes) })
    case 'function': return app.callFunction({ name: 'ping', data: { pad: 'p'.repeat(request.bytes) } })
  }
}

describe('a request body over 5 MiB', () => {
  it('rejects through the SDK with EXCEED_REQUEST_SIZE_LIMIT, writes nothing, and the next call works', async () => {
    await fc.assert(fc.asyncProperty(oversizedArb, async (request) => {
      expect({ request: request.kind, code: await codeOf(send(request)) }).toEqual({ request: request.kind, code: 'EXCEED_REQUEST_SIZE_LIMIT' })
      expect((await app.database().collection(COLLECTION).count()).total).toBe(0)
    }), { numRuns: 12 })
    const { id } = await app.database().collection(COLLECTION).add({ small: true })
    expect((await app.database().collection(COLLECTION).doc(id!).get()).data).toEqual([{ _id: id, small: true }])
    await app.database().collection(COLLECTION).doc(id!).remove()
    expect(emulator.alive()).toBe(true)
  }, 120_000)
})

describe('an upload over 50 MiB', () => {
  it('fails through the SDK with the size error, not a socket error, and stores nothing', async () => {
    await fc.assert(fc.asyncProperty(fc.integer({ min: 50 * MiB + 1, max: 56 * MiB }), async (bytes) => {
      let error: { code?: string; message?: string } = {}
      try {
        await app.uploadFile({ cloudPath: 'big/file.bin', fileContent: Buffer.alloc(bytes, 1) })
      } catch (e) {
        error = e as typeof error
      }
      expect({ code: error.code, message: error.message }).toEqual({ code: 'STORAGE_REQUEST_FAIL', message: expect.stringContaining('EXCEED_REQUEST_SIZE_LIMIT') })
    }), { numRuns: 2 })
    const { fileID } = await app.uploadFile({ cloudPath: 'big/small.bin', fileContent: Buffer.from('small') })
    expect((await app.downloadFile({ fileID })).fileContent!.toString()).toBe('small')
    expect(fs.existsSync(path.join(dataDir, 'storage/files/big/file.bin'))).toBe(false)
  }, 120_000)
})
