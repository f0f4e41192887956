/**
 * Only the app's own origins reach the emulator from a browser. A request from any other
 * origin is refused on every endpoint and changes nothing (no function runs, no document
 * is written); CORS echoes allowed origins only, never `*`; a Host header that does not
 * name the emulator (DNS rebinding) is refused; requests without Origin (the SDK) work.
 */
import fc from 'fast-check'
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { DEFAULT_ALLOWED_ORIGINS, Emulator, start } from '../../../emulator'
import { ROOT, sdkFor, send, spawnEmulator } from './helpers'

const CONFIGURED = ['http://app.test:8080', 'https://second.test']
const ALLOWED = [...DEFAULT_ALLOWED_ORIGINS, ...CONFIGURED]
const COLLECTION = 'origin_policy'

let em: Emulator
let dataDir: string
let port: number
let signedDownload: string
let signedUpload: string

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cb-origin-'))
  em = await start({
    port: 0,
    dataDir,
    cloudbaseRc: path.join(ROOT, 'cloudbaserc.json'),
    functionsRoot: path.join(ROOT, 'build/functions'),
    functionLog: () => undefined,
    // The project's timers would read the database in the middle of the "changes nothing" checks.
    timerTriggers: 'manual',
    allowedOrigins: CONFIGURED
  })
  port = Number(new URL(em.url).port)
  const app = sdkFor(em.url)
  await app.database().createCollection(COLLECTION)
  const { fileID } = await app.uploadFile({ cloudPath: 'photos/a.txt', fileContent: Buffer.from('photo') })
  signedDownload = (await app.getTempFileURL({ fileList: [fileID] })).fileList[0].tempFileURL
  const meta = await send(em.adminUrl, 'POST', { 'content-type': 'application/json' }, JSON.stringify({ action: 'storage.getUploadMetadata', path: 'photos/b.txt' }))
  signedUpload = meta.json().data.url
  // warm the function instance, so that each call below is quick
  await app.callFunction({ name: 'ping', data: {} })
})

afterAll(async () => {
  await em?.stop()
  fs.rmSync(dataDir, { recursive: true, force: true })
})

interface Endpoint {
  name: string
  method: string
  url: () => string
  headers?: Record<string, string>
  body?: string
}

const json = { 'content-type': 'application/json' }
const ENDPOINTS: Endpoint[] = [
  {
    name: 'POST /admin (a write)',
    method: 'POST',
    url: () => em.adminUrl,
    headers: json,
    body: JSON.stringify({ action: 'database.insertDocument', collectionName: COLLECTION, data: ['{"by":"page"}'] })
  },
  { name: 'POST /functions with the development identity', method: 'POST', url: () => `${em.url}/functions/ping`, headers: { ...json, 'x-emulator-openid': 'dev-admin' }, body: '{}' },
  { name: 'GET /_emulator/info', method: 'GET', url: () => `${em.url}/_emulator/info` },
  { name: 'GET /_emulator/stats', method: 'GET', url: () => `${em.url}/_emulator/stats` },
  { name: 'POST /_emulator/stats/reset', method: 'POST', url: () => `${em.url}/_emulator/stats/reset` },
  { name: 'POST /_emulator/triggers (fire a timer)', method: 'POST', url: () => `${em.url}/_emulator/triggers/ping/nightly` },
  { name: 'GET a signed download URL', method: 'GET', url: () => signedDownload },
  { name: 'PUT a signed upload URL', method: 'PUT', url: () => signedUpload, body: 'uploaded' },
  { name: 'GET an unknown path', method: 'GET', url: () => `${em.url}/nope` },
  {
    name: 'OPTIONS preflight',
    method: 'OPTIONS',
    url: () => `${em.url}/functions/ping`,
    headers: { 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type, x-emulator-openid' }
  }
]

/** What a request could change: the counters, the collection, the stored files. */
function observable(): unknown {
  return {
    stats: JSON.parse(JSON.stringify(em.stats)),
    docs: em.store.count(COLLECTION, {}),
    uploaded: fs.existsSync(path.join(dataDir, 'storage/files/photos/b.txt'))
  }
}

const endpointArb = fc.constantFrom(...ENDPOINTS)

const foreignOriginArb = fc.oneof(
  fc.tuple(fc.constantFrom('http', 'https'), fc.domain(), fc.option(fc.integer({ min: 1, max: 65535 }))).map(([s, h, p]) => `${s}://${h}${p === null ? '' : `:${p}`}`),
  fc.tuple(fc.constantFrom('http://127.0.0.1', 'http://localhost', 'https://127.0.0.1', 'http://[::1]', 'https://app.test'), fc.integer({ min: 1, max: 65535 })).map(([b, p]) => `${b}:${p}`),
  fc.constantFrom('null', 'file://', 'http://127.0.0.1:10086.evil.test', 'http://localhost:10086/', 'HTTP://127.0.0.1:10086', 'http://app.test:8080, http://evil.test', 'http://app.test', 'https://app.test:8080')
).filter((o) => !ALLOWED.includes(o))

describe('a request from a foreign origin', () => {
  it('is refused with 403 on every endpoint, gets no CORS headers, and changes nothing', async () => {
    await fc.assert(fc.asyncProperty(endpointArb, foreignOriginArb, async (endpoint, origin) => {
      const before = observable()
      const reply = await send(endpoint.url(), endpoint.method, { ...endpoint.headers, origin }, endpoint.body)
      expect({ endpoint: endpoint.name, status: reply.status }).toEqual({ endpoint: endpoint.name, status: 403 })
      expect(reply.json()).toEqual({ code: 'PERMISSION_DENIED', message: expect.any(String), requestId: expect.any(String) })
      expect(Object.keys(reply.headers).filter((h) => h.startsWith('access-control-'))).toEqual([])
      expect(observable()).toEqual(before)
    }), { numRuns: 150 })
  })
})

describe('a request from an allowed origin', () => {
  it('is served on every endpoint, and CORS echoes exactly that origin', async () => {
    await fc.assert(fc.asyncProperty(endpointArb, fc.constantFrom(...ALLOWED), async (endpoint, origin) => {
      const reply = await send(endpoint.url(), endpoint.method, { ...endpoint.headers, origin }, endpoint.body)
      expect({ endpoint: endpoint.name, refused: reply.status === 403 }).toEqual({ endpoint: endpoint.name, refused: false })
      expect(reply.headers['access-control-allow-origin']).toBe(origin)
      expect(reply.headers.vary).toMatch(/origin/i)
    }), { numRuns: 60 })
  })

  it('can call a function as the development identity', async () => {
    for (const origin of ALLOWED) {
      const before = em.stats.functionInvocations
      const reply = await send(`${em.url}/functions/ping`, 'POST', { ...json, origin, 'x-emulator-openid': 'dev-liaison' }, '{}')
      expect(reply.json().result).toMatchObject({ openid: 'dev-liaison', source: 'wx_client' })
      expect(em.stats.functionInvocations).toBe(before + 1)
    }
  })

  it('gets a preflight that allows the development identity header and a signed upload\'s headers; a foreign one gets no allow headers', async () => {
    const preflight = (origin: string) => send(`${em.url}/functions/ping`, 'OPTIONS', {
      origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type, x-emulator-openid'
    })
    const allowed = await preflight(CONFIGURED[0])
    expect(allowed.status).toBe(204)
    expect(allowed.headers['access-control-allow-origin']).toBe(CONFIGURED[0])
    expect(allowed.headers['access-control-allow-headers']).toContain('x-emulator-openid')
    // A browser's PUT of a file to a signed upload URL carries the signature storage handed out.
    const upload = await send(`${em.url}/storage/upload/lessons/a.png`, 'OPTIONS', {
      origin: CONFIGURED[0], 'access-control-request-method': 'PUT', 'access-control-request-headers': 'authorization, signature, key, x-cos-security-token, x-cos-meta-fileid'
    })
    expect(upload.status).toBe(204)
    expect(upload.headers['access-control-allow-origin']).toBe(CONFIGURED[0])
    const allowedHeaders = String(upload.headers['access-control-allow-headers']).split(/,\s*/)
    expect(allowedHeaders).toEqual(expect.arrayContaining(['authorization', 'signature', 'key', 'x-cos-security-token', 'x-cos-meta-fileid']))
    const foreign = await preflight('http://evil.test')
    expect(foreign.status).toBe(403)
    expect(foreign.headers['access-control-allow-origin']).toBeUndefined()
    expect(foreign.headers['access-control-allow-headers']).toBeUndefined()
  })
})

describe('a request without Origin (the SDK, curl, an <img>)', () => {
  it('is served, and gets no CORS headers', async () => {
    const app = sdkFor(em.url)
    expect((await app.database().collection(COLLECTION).count()).total).toBe(em.store.count(COLLECTION, {}))
    const image = await send(signedDownload, 'GET')
    expect([image.status, image.text]).toEqual([200, 'photo'])
    expect(image.headers['access-control-allow-origin']).toBeUndefined()
  })
})

describe('the Host header', () => {
  const ownHostArb = (): fc.Arbitrary<string> => fc.constantFrom(`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`, `LOCALHOST:${port}`)
  const foreignHostArb = (): fc.Arbitrary<string> => fc.oneof(
    fc.domain().map((d) => `${d}:${port}`),
    fc.domain(),
    fc.tuple(fc.constantFrom('127.0.0.1', 'localhost', '[::1]'), fc.integer({ min: 1, max: 65535 }).filter((p) => p !== port)).map(([h, p]) => `${h}:${p}`),
    fc.constantFrom(`127.0.0.1.evil.test:${port}`, `localhost.:${port}`, `127.0.0.2:${port}`, `0.0.0.0:${port}`, `[::ffff:127.0.0.1]:${port}`, `evil.test:${port}@127.0.0.1`, `127.0.0.1:${port}:${port}`)
  ).filter((h) => !new RegExp(`^(127\\.0\\.0\\.1|localhost|\\[::1\\]):${port}$`, 'i').test(h))

  it('naming another site (DNS rebinding) is refused on every endpoint, and changes nothing', async () => {
    await fc.assert(fc.asyncProperty(endpointArb, foreignHostArb(), async (endpoint, host) => {
      const before = observable()
      const reply = await send(endpoint.url(), endpoint.method, { ...endpoint.headers, host }, endpoint.body)
      expect({ endpoint: endpoint.name, host, status: reply.status }).toEqual({ endpoint: endpoint.name, host, status: 403 })
      expect(reply.json().code).toBe('PERMISSION_DENIED')
      expect(observable()).toEqual(before)
    }), { numRuns: 120 })
  })

  it('naming the emulator is served', async () => {
    await fc.assert(fc.asyncProperty(endpointArb, ownHostArb(), async (endpoint, host) => {
      const reply = await send(endpoint.url(), endpoint.method, { ...endpoint.headers, host }, endpoint.body)
      expect({ endpoint: endpoint.name, host, refused: reply.status === 403 }).toEqual({ endpoint: endpoint.name, host, refused: false })
    }), { numRuns: 40 })
  })
})

describe('POST /admin', () => {
  it('refuses a body not sent as application/json (what a cross-site form can send), writing nothing', async () => {
    const typeArb = fc.option(fc.constantFrom('text/plain', 'text/plain;charset=UTF-8', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', '', 'application/jsonp', 'application/json-seq', 'text/json'))
    await fc.assert(fc.asyncProperty(typeArb, async (type) => {
      const before = observable()
      const body = JSON.stringify({ action: 'database.insertDocument', collectionName: COLLECTION, data: ['{"by":"form"}'] })
      const reply = await send(em.adminUrl, 'POST', type === null ? {} : { 'content-type': type }, body)
      expect([reply.status, reply.json().code]).toEqual([200, 'INVALID_PARAM'])
      expect(observable()).toEqual(before)
    }), { numRuns: 20 })
  })
})

describe('GET /_emulator/info', () => {
  it('shows no absolute path', async () => {
    const info = (await send(`${em.url}/_emulator/info`, 'GET')).json()
    const strings = JSON.stringify(info).match(/"(?:[^"\\]|\\.)*"/g) ?? []
    for (const s of strings) expect(JSON.parse(s)).not.toMatch(/^(\/|[A-Za-z]:\\)/)
    expect(JSON.stringify(info)).not.toContain(dataDir)
    expect(JSON.stringify(info)).not.toContain(ROOT)
    expect(info).toMatchObject({ url: em.url, env: 'local', allowedOrigins: ALLOWED })
  })
})

describe('the emulator command', () => {
  it('allows each --allow-origin, and refuses other origins', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cb-origin-cli-'))
    const cli = await spawnEmulator(['--data', dir, '--allow-origin', 'http://cli.test:1234', '--allow-origin', 'https://other.test'])
    try {
      for (const origin of ['http://cli.test:1234', 'https://other.test', 'http://127.0.0.1:10086']) {
        const reply = await send(`${cli.url}/_emulator/stats`, 'GET', { origin })
        expect([origin, reply.status, reply.headers['access-control-allow-origin']]).toEqual([origin, 200, origin])
      }
      expect((await send(`${cli.url}/_emulator/stats`, 'GET', { origin: 'http://cli.test:9999' })).status).toBe(403)
    } finally {
      await cli.stop()
      fs.rmSync(dir, { recursive: true, force: true })
    }
  })

  it('refuses to start with an --allow-origin that is not an origin', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cb-origin-cli-'))
    const r = spawnSync(process.execPath, ['--require', require.resolve('tsx/cjs'), path.join(ROOT, 'emulator/cli.ts'), '--port', '0', '--data', dir, '--allow-origin', 'http://app.test/path'], { cwd: ROOT, encoding: 'utf8' })
    fs.rmSync(dir, { recursive: true, force: true })
    expect(r.status).not.toBe(0)
    expect(r.stderr).toContain('not an origin')
  })
})
