/**
 * Bad input on any endpoint is a parameter error in CloudBase's format
 * (`{ code: 'INVALID_PARAM', message, requestId }`), never SYS_ERR with a JavaScript message:
 * bodies that are not JSON objects (`null`, arrays, numbers), broken percent-encoding in a
 * function name or a storage path, bodies nested deeper than CloudBase accepts.
 */
import fc from 'fast-check'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { Emulator, start } from '../../../emulator'
import { ROOT, send } from './helpers'

let em: Emulator
let dataDir: string

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cb-input-'))
  em = await start({ port: 0, dataDir, cloudbaseRc: path.join(ROOT, 'cloudbaserc.json'), functionsRoot: path.join(ROOT, 'build/functions'), functionLog: () => undefined, timerTriggers: 'manual' })
})

afterAll(async () => {
  await em?.stop()
  fs.rmSync(dataDir, { recursive: true, force: true })
})

const json = { 'content-type': 'application/json' }

/** The reply is CloudBase's parameter error, with a message that is ours, not JavaScript's. */
function expectParamError(reply: { status: number; text: string }, status: number): void {
  expect({ status: reply.status, body: JSON.parse(reply.text) }).toEqual({
    status,
    body: { code: 'INVALID_PARAM', message: expect.any(String), requestId: expect.any(String) }
  })
  expect(JSON.parse(reply.text).message).not.toMatch(/TypeError|RangeError|URIError|Cannot read|undefined|is not a function|\bat .+:\d+/)
}

/**
 * A percent-encoded string that does not decode: a lone `%`, a short escape, or bytes that
 * are not UTF-8 (followed by `_`, so that what follows cannot complete the escape).
 */
const brokenEncodingArb = fc.tuple(
  fc.stringMatching(/^[A-Za-z0-9_-]{0,8}$/),
  fc.constantFrom('%', '%4', '%zz', '%E0%A4%A', '%E0%A4', '%C3%28', '%FF', '%80', '%ED%A0%80', '%F0%9F%98'),
  fc.stringMatching(/^[A-Za-z0-9_-]{0,8}$/)
).map(([a, broken, b]) => `${a}${broken}_${b}`)

const notAnObjectArb = fc.oneof(
  fc.constantFrom('null', 'true', 'false', '0', '-1.5e3', '"text"', '[]', '[{}]'),
  fc.jsonValue().filter((v) => v === null || typeof v !== 'object' || Array.isArray(v)).map((v) => JSON.stringify(v))
)

/** JSON nested `depth` levels, mixing arrays and objects. */
const nestedArb = (minDepth: number, maxDepth: number): fc.Arbitrary<string> =>
  fc.tuple(fc.integer({ min: minDepth, max: maxDepth }), fc.boolean()).map(([depth, arrays]) => {
    const open = arrays ? '[' : '{"a":'
    const close = arrays ? ']' : '}'
    return `{"data":${open.repeat(depth - 1)}1${close.repeat(depth - 1)}}`
  })

describe('broken percent-encoding', () => {
  it('in a function name is INVALID_PARAM (HTTP 200, as the H5 client expects)', async () => {
    await fc.assert(fc.asyncProperty(brokenEncodingArb, async (name) => {
      expectParamError(await send(`${em.url}/functions/${name}`, 'POST', json, '{}'), 200)
    }), { numRuns: 60 })
  })

  it('in a storage path is INVALID_PARAM, for downloads and uploads alike', async () => {
    await fc.assert(fc.asyncProperty(brokenEncodingArb, async (cloudPath) => {
      expectParamError(await send(`${em.url}/storage/download/${cloudPath}?expires=9999999999999&sign=00`, 'GET'), 400)
      const upload = await send(`${em.url}/storage/upload/${cloudPath}?expires=9999999999999&sign=00`, 'PUT', {}, 'bytes')
      // the upload URL stands in for COS, which answers in XML
      expect([upload.status, upload.text]).toEqual([400, expect.stringContaining('<Code>INVALID_PARAM</Code>')])
    }), { numRuns: 60 })
  })
})

describe('a body that is not a JSON object', () => {
  it('is INVALID_PARAM on /admin and on /functions', async () => {
    await fc.assert(fc.asyncProperty(notAnObjectArb, async (body) => {
      expectParamError(await send(em.adminUrl, 'POST', json, body), 200)
      const before = em.stats.functionInvocations
      expectParamError(await send(`${em.url}/functions/ping`, 'POST', json, body), 200)
      expect(em.stats.functionInvocations).toBe(before)
    }), { numRuns: 60 })
  })
})

describe('a deeply nested body', () => {
  it('is INVALID_PARAM past 100 levels, on /functions, on /admin, and in invokeFunction data', async () => {
    await fc.assert(fc.asyncProperty(nestedArb(101, 100_000), async (body) => {
      expectParamError(await send(`${em.url}/functions/ping`, 'POST', json, body), 200)
      expectParamError(await send(em.adminUrl, 'POST', json, body), 200)
      const invoke = JSON.stringify({ action: 'functions.invokeFunction', function_name: 'ping', request_data: body })
      expectParamError(await send(em.adminUrl, 'POST', json, invoke), 200)
    }), { numRuns: 20 })
  })

  it('up to 100 levels reaches the function', async () => {
    await fc.assert(fc.asyncProperty(nestedArb(2, 100), async (body) => {
      const reply = JSON.parse((await send(`${em.url}/functions/ping`, 'POST', { ...json, 'x-emulator-openid': 'deep' }, body)).text)
      expect(reply).toEqual({ requestId: expect.any(String), result: expect.objectContaining({ openid: 'deep' }) })
    }), { numRuns: 10 })
  })
})
