/**
 * No request, however malformed, stops the emulator or the H5 static server, or reaches a
 * file outside what it serves. Both run as real processes; generated requests go over raw
 * sockets: odd targets (`//a:b/`, `%`, `/..%2f..`, absolute and authority form), odd
 * methods, garbage and oversized headers, random and invalid UTF-8 bodies, deep nesting,
 * wrong content types, truncated and mis-framed bodies.
 */
import fc from 'fast-check'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { httpRequest, rawRequest, RawResult, ROOT, sdkFor, ServerProcess, spawnEmulator, spawnStaticServer } from './helpers'

const SECRET = `secret-${process.pid}-${Date.now()}`
const SITE_FILES: Record<string, string> = {
  'index.html': '<!doctype html><title>site index</title>',
  'app.js': 'console.log("app")',
  'sub/page.html': '<p>sub page</p>'
}

let tmp: string
let siteDir: string
let emulator: ServerProcess
let site: ServerProcess

/** A served folder `h5`, a sibling `h5-private` holding the secret, and symlinks that point out. */
function layOutSite(): void {
  tmp = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'cb-malformed-')))
  siteDir = path.join(tmp, 'h5')
  for (const [name, content] of Object.entries(SITE_FILES)) {
    fs.mkdirSync(path.dirname(path.join(siteDir, name)), { recursive: true })
    fs.writeFileSync(path.join(siteDir, name), content)
  }
  fs.mkdirSync(path.join(tmp, 'h5-private'))
  fs.writeFileSync(path.join(tmp, 'h5-private', 'secret.txt'), SECRET)
  fs.writeFileSync(path.join(tmp, 'secret.txt'), SECRET)
  fs.symlinkSync(path.join(tmp, 'h5-private', 'secret.txt'), path.join(siteDir, 'escape.txt'))
  fs.symlinkSync(path.join(tmp, 'h5-private'), path.join(siteDir, 'escape-dir'))
}

beforeAll(async () => {
  layOutSite()
  ;[emulator, site] = await Promise.all([
    spawnEmulator(['--data', path.join(tmp, 'data')]),
    spawnStaticServer(siteDir)
  ])
}, 30_000)

afterAll(async () => {
  await Promise.all([emulator?.stop(), site?.stop()])
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true })
})

// ---- generated requests -------------------------------------------------------------

interface RequestSpec {
  bytes: Buffer
  method: string
  target: string
  /** framed so that the server has a whole request to answer */
  wellFramed: boolean
}

type Framing = 'exact' | 'chunked' | 'truncated' | 'no-length' | 'bad-chunks'

const hostileTargets = [
  '//a:b/', '%', '/%', '/%zz', '/%E0%A4%A', '/..%2fh5-private%2fsecret.txt', '/..%2f..%2fh5-private%2fsecret.txt',
  '/%2e%2e/h5-private/secret.txt', '/../secret.txt', '/escape.txt', '/escape-dir/secret.txt', 'http://evil.test/admin',
  'http://127.0.0.1/_emulator/info', 'evil.test:443', '*', '/functions/%E0%A4%A', '/functions/%', '/functions/',
  '/functions/..%2f..%2fping', '/storage/download/%', '/storage/download/a/%E0%A4%A?sign=zz&expires=1',
  '/storage/upload/%zz?sign=00&expires=99999999999999', '/storage/upload/a.txt?sign=%zz&expires=%', '/admin?env=%',
  '/admin/../admin', '/_emulator/info?%', '/_emulator/stats/reset', '/a b', '/\u00e9', '/x#y'
]

const prefixes = ['/admin', '/functions/', '/functions/ping', '/storage/upload/', '/storage/download/', '/_emulator/', '/', '/..', '/h5-private/', '/sub/']
const pathChar = fc.constantFrom('%', '2', 'f', 'F', 'e', '.', '/', 'a', 'Z', '0', '?', '&', '=', '\\', '~', ';', '%00')
const rawChar = fc.constantFrom(' ', '\u00e9', '#', '\t', '"')

/** Signed storage URLs (path and query) of the emulator under test, so that bodies reach the store. */
const signedTargets: string[] = []

/** Targets Node's parser accepts, aimed at the routes. */
const targetArb = (): fc.Arbitrary<string> => fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom('/admin', '/admin?env=local', '/functions/ping', '/functions/nope', '/_emulator/info', '/_emulator/stats', ...signedTargets) },
  { weight: 2, arbitrary: fc.constantFrom(...hostileTargets.filter((t) => /^[\x21-\x7e]+$/.test(t))) },
  { weight: 2, arbitrary: fc.tuple(fc.constantFrom(...prefixes), fc.string({ unit: pathChar, maxLength: 24 })).map(([a, b]) => a + b) }
)

/** Targets with characters no request line may hold. */
const brokenTargetArb = (): fc.Arbitrary<string> => fc.oneof(
  fc.constantFrom(...hostileTargets),
  fc.tuple(targetArb(), fc.string({ unit: rawChar, minLength: 1, maxLength: 3 })).map(([a, b]) => a + b)
)

const deep = (n: number): string => `${'['.repeat(n)}${']'.repeat(n)}`

/** Bodies that reach the actions: a real action name with fields of the wrong kinds. */
const adminBodyArb = fc.record({
  action: fc.constantFrom('database.getDocument', 'database.insertDocument', 'database.modifyDocument', 'database.removeDocument',
    'database.calculateDocument', 'database.aggregateDocuments', 'database.addCollection', 'database.commitTransaction',
    'storage.getUploadMetadata', 'storage.batchGetDownloadUrl', 'storage.batchDeleteFile', 'functions.invokeFunction', 'nope', 'toString', '__proto__'),
  collectionName: fc.oneof(fc.constant('after_malformed'), fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 2 })),
  function_name: fc.oneof(fc.constantFrom('ping', '../ping', 'nope', ''), fc.jsonValue({ maxDepth: 1 })),
  request_data: fc.oneof(fc.constantFrom('{}', '[[[', deep(5_000), 'null'), fc.jsonValue({ maxDepth: 2 })),
  path: fc.oneof(fc.constantFrom('a.txt', '../a', '/a', ''), fc.jsonValue({ maxDepth: 1 })),
  file_list: fc.jsonValue({ maxDepth: 2 }),
  fileid_list: fc.jsonValue({ maxDepth: 2 }),
  envName: fc.oneof(fc.constant('local'), fc.jsonValue({ maxDepth: 1 }))
}, { requiredKeys: ['action'] }).map((b) => Buffer.from(JSON.stringify(b)))

const bodyArb: fc.Arbitrary<Buffer> = fc.oneof(
  fc.uint8Array({ maxLength: 300 }).map((a) => Buffer.from(a)),
  fc.constantFrom(
    'null', '"text"', '123', '[]', 'true', '{', '{"action":null}', '{"action":"__proto__"}', '{"action":"constructor"}', '{"__proto__":{"x":1}}',
    deep(100_000), `${'{"a":'.repeat(50_000)}1${'}'.repeat(50_000)}`, `{"a":${deep(5_000)}}`, '\uFEFF{}'
  ).map((s) => Buffer.from(s)),
  fc.constantFrom(Buffer.from([0xff, 0xfe, 0x7b, 0x7d]), Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xc3, 0x28, 0x22, 0x7d]), Buffer.from([0xed, 0xa0, 0x80])),
  fc.jsonValue({ maxDepth: 4 }).map((v) => Buffer.from(JSON.stringify(v))),
  adminBodyArb
)

/** Headers a client could send: Host (now and then a foreign one), content type, Origin, the development identity. */
const headerArb = (host: string, allowedOrigin: string): fc.Arbitrary<[string, string][]> => fc.tuple(
  fc.oneof(
    { weight: 8, arbitrary: fc.constant([['Host', host]] as [string, string][]) },
    { weight: 1, arbitrary: fc.constantFrom<[string, string][]>([], [['Host', 'evil.test']], [['Host', 'localhost']], [['Host', '[::1']], [['Host', `${host}, evil.test`]]) }
  ),
  fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(['application/json'], ['application/json; charset=utf-8'], ['APPLICATION/JSON']) },
    { weight: 1, arbitrary: fc.constantFrom([], ['text/plain'], ['multipart/form-data; boundary=x'], ['application/x-www-form-urlencoded'], [''], [';;;'], ['application/json;;charset']) }
  ).map((types) => types.map((t): [string, string] => ['Content-Type', t])),
  fc.oneof(
    { weight: 6, arbitrary: fc.constant([]) },
    { weight: 2, arbitrary: fc.constant([allowedOrigin]) },
    { weight: 1, arbitrary: fc.constantFrom(['null'], ['http://evil.test'], [`${allowedOrigin}, http://evil.test`], ['garbage']) }
  ).map((origins) => origins.map((o): [string, string] => ['Origin', o])),
  fc.option(fc.constantFrom('dev-admin', '', 'x'.repeat(300)), { freq: 2 }),
  fc.oneof(
    { weight: 4, arbitrary: fc.constant(null) },
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom('X-Junk', 'Expect', 'Connection', 'Upgrade', 'Accept-Encoding'), fc.constantFrom('100-continue', 'garbage', 'close', 'upgrade', 'websocket', 'x'.repeat(2_000))) }
  )
).map(([hostHeaders, type, origin, devOpenId, extra]) => [
  ...hostHeaders,
  ...type,
  ...origin,
  ...(devOpenId === null ? [] : [['x-emulator-openid', devOpenId] as [string, string]]),
  ...(extra === null ? [] : [extra])
])

/** Headers that break HTTP itself: bad names, control characters, oversized values, conflicting framing. */
const brokenHeaderArb = fc.array(fc.tuple(
  fc.oneof(fc.constantFrom('Content-Length', 'Transfer-Encoding', 'Bad Name', 'X\u0001', '', 'X-Big'), fc.string({ minLength: 1, maxLength: 8 })),
  fc.oneof(fc.constantFrom('garbage', '-1', '99999999999999999999', 'chunked, gzip', 'x'.repeat(20_000), '\u0000', '\u00e9'), fc.string({ maxLength: 16 }))
), { minLength: 1, maxLength: 3 })

function frame(framing: Framing, body: Buffer): { headers: [string, string][]; bytes: Buffer } {
  switch (framing) {
    case 'exact': return { headers: [['Content-Length', String(body.length)]], bytes: body }
    case 'truncated': return { headers: [['Content-Length', String(body.length + 10)]], bytes: body }
    case 'chunked': return {
      headers: [['Transfer-Encoding', 'chunked']],
      bytes: body.length === 0
        ? Buffer.from('0\r\n\r\n')
        : Buffer.concat([Buffer.from(`${body.length.toString(16)}\r\n`), body, Buffer.from('\r\n0\r\n\r\n')])
    }
    case 'bad-chunks': return { headers: [['Transfer-Encoding', 'chunked']], bytes: Buffer.concat([Buffer.from('zz\r\n'), body]) }
    case 'no-length': return { headers: [], bytes: body }
  }
}

/** A method and target: mostly the method the route serves, now and then any. */
const methodAndTargetArb = (): fc.Arbitrary<[string, string]> => fc.oneof(
  { weight: 3, arbitrary: fc.tuple(fc.constant('POST'), fc.constantFrom('/admin', '/admin?env=local', '/admin?env=other', '/functions/ping', '/functions/nope')) },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom('GET', 'HEAD'), fc.constantFrom('/_emulator/info', '/_emulator/stats', ...signedTargets)) },
  { weight: 1, arbitrary: fc.tuple(fc.constant('PUT'), fc.constantFrom('/storage/upload/a.txt?sign=00&expires=99999999999999', ...signedTargets)) },
  { weight: 3, arbitrary: fc.tuple(fc.constantFrom('GET', 'POST', 'PUT', 'HEAD', 'OPTIONS', 'DELETE', 'PATCH'), targetArb()) }
)

/** Well-formed HTTP carrying hostile content: what reaches the guards, the routes and the handlers. */
function wellFormedArb(host: string, allowedOrigin: string): fc.Arbitrary<RequestSpec> {
  return fc.record({
    methodAndTarget: methodAndTargetArb(),
    headers: headerArb(host, allowedOrigin),
    body: bodyArb,
    framing: fc.constantFrom<Framing>('exact', 'exact', 'chunked')
  }).map(({ methodAndTarget: [method, target], headers, body, framing }) => {
    const framed = frame(framing, body)
    return { bytes: httpRequest(method, target, [...headers, ...framed.headers], framed.bytes), method, target, wellFramed: true }
  })
}

/** Requests that break HTTP itself: the request line, the headers, or the body's framing. */
function malformedArb(host: string, allowedOrigin: string): fc.Arbitrary<RequestSpec> {
  return fc.record({
    method: fc.constantFrom('GET', 'POST', 'PUT', 'PROPFIND', 'FOO', 'get', 'CONNECT', 'G\u0000T', ''),
    target: fc.oneof(targetArb(), brokenTargetArb()),
    headers: headerArb(host, allowedOrigin),
    broken: fc.option(brokenHeaderArb),
    body: bodyArb,
    framing: fc.constantFrom<Framing>('exact', 'chunked', 'truncated', 'no-length', 'bad-chunks')
  }).map(({ method, target, headers, broken, body, framing }) => {
    const framed = frame(framing, body)
    return {
      bytes: httpRequest(method, target, [...headers, ...(broken ?? []), ...framed.headers], framed.bytes),
      method,
      target,
      // Only a request whose body is cut short or mis-framed may end in a bare close: Node
      // can no longer answer the request it had started reading. The client half-closes
      // those, so the server sees where they end.
      wellFramed: (framing === 'exact' || framing === 'chunked') && broken === null
    }
  })
}

function requestArb(host: string, allowedOrigin: string): fc.Arbitrary<RequestSpec> {
  return fc.oneof({ weight: 3, arbitrary: wellFormedArb(host, allowedOrigin) }, { weight: 1, arbitrary: malformedArb(host, allowedOrigin) })
}

// ---- what every answer must be ------------------------------------------------------

/** A response may be a success, or an error in CloudBase's format; never a 5xx, a stack, a path or the secret. */
function expectSafeAnswer(r: RawResult, spec: RequestSpec): void {
  if (r.kind === 'closed') {
    expect({ closedWithoutAnswer: spec.target, wellFramed: spec.wellFramed }).toEqual({ closedWithoutAnswer: spec.target, wellFramed: false })
    return
  }
  const text = r.raw.toString('latin1')
  expect(text).not.toContain(SECRET)
  expect(text).not.toContain(tmp)
  expect(text).not.toContain(ROOT)
  expect(text).not.toMatch(/\n\s+at .+:\d+:\d+/)
  expect(r.status).toBeLessThan(500)
  if (spec.method === 'HEAD' || r.status === 204 || r.body.length === 0) return
  const type = r.headers['content-type'] ?? ''
  if (type.startsWith('application/xml')) {
    // the signed upload URL answers as COS does
    expect(r.body.toString()).toMatch(/^<\?xml[^>]*\?><Error><Code>[A-Z_]+<\/Code><Message>[^<]*<\/Message>/)
    return
  }
  if (!type.startsWith('application/json')) {
    expect(r.status).toBeLessThan(300)
    return
  }
  const json = JSON.parse(r.body.toString('utf8'))
  if (r.status >= 400 || typeof json?.code === 'string') {
    expect(json).toEqual({ code: expect.stringMatching(/^[A-Z_]+$/), message: expect.any(String), requestId: expect.any(String) })
    expect(json.code).not.toBe('SYS_ERR')
  }
}

// ---- the tests ----------------------------------------------------------------------

describe('the emulator under malformed requests', () => {
  beforeAll(async () => {
    const app = sdkFor(emulator.url)
    const { fileID } = await app.uploadFile({ cloudPath: 'fuzz/existing.txt', fileContent: Buffer.from('stored') })
    const { fileList } = await app.getTempFileURL({ fileList: [fileID] })
    const upload = await (await fetch(`${emulator.url}/admin`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ action: 'storage.getUploadMetadata', path: 'fuzz/upload.txt' })
    })).json()
    for (const url of [fileList[0].tempFileURL, upload.data.url]) signedTargets.push(url.slice(emulator.url.length))
  })

  it('answers each one with a 4xx or a CloudBase error, keeps running, and then serves the SDK', async () => {
    const host = `127.0.0.1:${emulator.port}`
    await fc.assert(fc.asyncProperty(requestArb(host, 'http://127.0.0.1:10086'), async (spec) => {
      const answer = await rawRequest(emulator.port, spec.bytes, { halfClose: !spec.wellFramed, head: spec.method === 'HEAD' })
      expectSafeAnswer(answer, spec)
      expect(emulator.alive()).toBe(true)
    }), { numRuns: 400 })

    const app = sdkFor(emulator.url)
    // a name the generated requests never use (they may create 'after_malformed' themselves)
    await app.database().createCollection('served_afterwards')
    const { id } = await app.database().collection('served_afterwards').add({ ok: true })
    expect((await app.database().collection('served_afterwards').doc(id!).get()).data).toEqual([{ _id: id, ok: true }])
    expect((await app.callFunction({ name: 'ping', data: {} })).result).toMatchObject({ source: 'scf' })
    expect(emulator.stderr()).not.toContain('internal error')
  }, 120_000)

  it('answers the reported requests with a parameter error, not a crash', async () => {
    const host = `127.0.0.1:${emulator.port}`
    const reported: [string, string][] = [
      ['GET', '//a:b/'], ['POST', '/functions/%E0%A4%A'], ['GET', '/storage/download/%E0%A4%A?sign=00&expires=1'],
      ['PUT', '/storage/upload/%?sign=00&expires=1'], ['POST', 'http://evil.test/admin'], ['OPTIONS', '*']
    ]
    for (const [method, target] of reported) {
      const answer = await rawRequest(emulator.port, httpRequest(method, target, [['Host', host], ['Content-Length', '2']], Buffer.from('{}')))
      expect(answer.kind).toBe('response')
      if (answer.kind !== 'response') return
      // 200 is CloudBase's error envelope on /admin and /functions
      const status = answer.status >= 400 && answer.status < 500 ? '4xx' : answer.status
      expect({ target, status }).toEqual({ target, status: target.startsWith('/functions/') ? 200 : '4xx' })
      expect(answer.body.toString()).toMatch(/INVALID_(PARAM|ACTION)/)
    }
    expect(emulator.alive()).toBe(true)
  })
})

describe('the H5 static server under malformed requests', () => {
  const served = new Set(Object.values(SITE_FILES))

  it('answers each one, keeps running, and serves nothing but the files of its folder', async () => {
    const host = `127.0.0.1:${site.port}`
    await fc.assert(fc.asyncProperty(requestArb(host, 'http://127.0.0.1:10086'), async (spec) => {
      const answer = await rawRequest(site.port, spec.bytes, { halfClose: !spec.wellFramed, head: spec.method === 'HEAD' })
      expectSafeAnswer(answer, spec)
      if (answer.kind === 'response' && answer.status === 200 && spec.method !== 'HEAD') expect(served).toContain(answer.body.toString())
      expect(site.alive()).toBe(true)
    }), { numRuns: 250 })
  }, 120_000)

  it('never reaches outside its folder, through any spelling of `..`, separators or symlinks', async () => {
    const segment = fc.constantFrom('..', '%2e%2e', '.%2e', '%2E%2E', '...', '.', 'h5', 'h5-private', 'secret.txt', 'escape.txt', 'escape-dir', 'sub', '%00', '~', 'index.html', '%252e%252e')
    const separator = fc.constantFrom('/', '%2f', '%2F', '\\', '%5c', '//', '/./')
    const traversal = fc.array(fc.tuple(separator, segment), { minLength: 1, maxLength: 8 }).map((parts) => `/${parts.map(([s, p]) => s + p).join('').replace(/^\/+/, '')}`)
    await fc.assert(fc.asyncProperty(traversal, async (target) => {
      const answer = await rawRequest(site.port, httpRequest('GET', target, [['Host', `127.0.0.1:${site.port}`]]))
      expect(answer.kind).toBe('response')
      if (answer.kind !== 'response') return
      expect(answer.raw.toString('latin1')).not.toContain(SECRET)
      if (answer.status === 200) expect(served).toContain(answer.body.toString())
      else expect([400, 403, 404]).toContain(answer.status)
    }), { numRuns: 300 })
    expect(site.alive()).toBe(true)
  }, 60_000)

  it('still serves its own files afterwards', async () => {
    const index = await fetch(`${site.url}/`)
    expect(await index.text()).toBe(SITE_FILES['index.html'])
    const page = await fetch(`${site.url}/sub/page.html`)
    expect(await page.text()).toBe(SITE_FILES['sub/page.html'])
  })
})
