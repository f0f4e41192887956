/**
 * Pieces the HTTP-surface tests share: the emulator and the H5 static server run as real
 * processes (a crash must show as a dead process, not as an error jest swallowed), and a
 * raw HTTP client that sends bytes as they are.
 */
import tcb from '@cloudbase/node-sdk'
import { ChildProcess, spawn } from 'node:child_process'
import http from 'node:http'
import net from 'node:net'
import path from 'node:path'

// Outside a cloud function the SDK would probe Tencent's metadata host on every call.
process.env.TENCENTCLOUD = 'true'
process.env.SILENCE = 'true'

export const ROOT = path.resolve(__dirname, '../../..')

export interface ServerProcess {
  url: string
  port: number
  child: ChildProcess
  /** what the process wrote to stderr so far */
  stderr(): string
  /** true while the process runs */
  alive(): boolean
  stop(): Promise<void>
}

/** Starts a TypeScript entry point under tsx and waits for `ready` to match a line of its stdout. */
function spawnServer(entry: string, args: string[], ready: RegExp): Promise<ServerProcess> {
  const child = spawn(process.execPath, ['--require', require.resolve('tsx/cjs'), entry, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] })
  let out = ''
  let err = ''
  child.stderr!.on('data', (c) => (err += c))
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (c) => {
      out += c
      const m = ready.exec(out)
      if (!m) return
      const url = m[1]
      resolve({
        url,
        port: Number(new URL(url).port),
        child,
        stderr: () => err,
        alive: () => child.exitCode === null && child.signalCode === null,
        stop: () => new Promise<void>((done) => {
          if (child.exitCode !== null || child.signalCode !== null) return done()
          child.once('exit', () => done())
          child.kill('SIGTERM')
        })
      })
    })
    child.once('exit', (code) => reject(new Error(`${entry} exited (${code}) before it was ready: ${out}${err}`)))
  })
}

/** The emulator command (`emulator/cli.ts`) on a free port. */
export function spawnEmulator(args: string[]): Promise<ServerProcess> {
  return spawnServer(path.join(ROOT, 'emulator/cli.ts'), ['--port', '0', ...args], /CloudBase emulator ready at (http:\/\/\S+)/)
}

/** The H5 static server (`scripts/static-server.ts`) serving `dir` on a free port. */
export function spawnStaticServer(dir: string): Promise<ServerProcess> {
  return spawnServer(path.join(__dirname, 'serve-static.ts'), [dir], /static site at (http:\/\/\S+)/)
}

/** An SDK app pointed at an emulator. */
export function sdkFor(url: string): ReturnType<typeof tcb.init> {
  return tcb.init({ env: 'local', secretId: 'local', secretKey: 'local', serviceUrl: `${url}/admin` } as any)
}

export type RawResult =
  | { kind: 'response'; status: number; headers: Record<string, string>; body: Buffer; raw: Buffer }
  | { kind: 'closed'; raw: Buffer }

/**
 * Sends `bytes` on a fresh connection and reads the first final response (1xx skipped), or
 * until the server closes. `halfClose` also ends the client's side, which a request whose
 * body is cut short needs so the server sees the end; `head` says the reply has no body.
 * Rejects when the connection is refused (the server is gone), when what comes back is not
 * HTTP, or when nothing happens within `timeoutMs`.
 */
export function rawRequest(port: number, bytes: Buffer, { halfClose = false, head = false, timeoutMs = 10_000 } = {}): Promise<RawResult> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ port, host: '127.0.0.1', allowHalfOpen: true })
    let received = Buffer.alloc(0)
    let connected = false
    const finish = (read: () => RawResult | null): void => {
      let result: RawResult | null
      try {
        result = read()
        if (!result) return
        resolve(result)
      } catch (e) {
        reject(e)
      }
      clearTimeout(timer)
      socket.destroy()
    }
    const timer = setTimeout(() => {
      socket.destroy()
      reject(new Error(`no answer and no close within ${timeoutMs} ms`))
    }, timeoutMs)
    socket.on('data', (c) => {
      received = Buffer.concat([received, c])
      finish(() => completeResponse(received, head))
    })
    // A reset after the server answered still counts as its answer; a refused connection does not.
    socket.on('error', (e) => {
      if (connected) return
      clearTimeout(timer)
      reject(e)
    })
    const closed = (): void => finish(() => parseResponse(received, head))
    // The server ending its side is the end of its answer (our side may still be open).
    socket.on('end', closed)
    socket.on('close', closed)
    socket.on('connect', () => {
      connected = true
      if (halfClose) socket.end(bytes)
      else socket.write(bytes)
    })
  })
}

/** The body of a chunked reply, or null while its last chunk has not arrived. */
function dechunk(raw: Buffer): Buffer | null {
  const parts: Buffer[] = []
  let at = 0
  for (;;) {
    const lineEnd = raw.indexOf('\r\n', at)
    if (lineEnd < 0) return null
    const size = parseInt(raw.subarray(at, lineEnd).toString('latin1'), 16)
    if (!Number.isFinite(size)) throw new Error('malformed chunked reply')
    if (size === 0) return Buffer.concat(parts)
    if (raw.length < lineEnd + 2 + size + 2) return null
    parts.push(raw.subarray(lineEnd + 2, lineEnd + 2 + size))
    at = lineEnd + 2 + size + 2
  }
}

/**
 * The first final response (1xx skipped), or null while part of it is still to come. Once
 * the server `closed`, a body without its end is what arrived.
 */
function completeResponse(raw: Buffer, head: boolean, closed = false): RawResult | null {
  let start = 0
  while (/^HTTP\/1\.[01] 1\d\d /.test(raw.subarray(start, start + 13).toString('latin1'))) {
    const end = raw.indexOf('\r\n\r\n', start)
    if (end < 0) return null
    start = end + 4
  }
  const headEnd = raw.indexOf('\r\n\r\n', start)
  if (headEnd < 0) return null
  const [statusLine, ...lines] = raw.subarray(start, headEnd).toString('latin1').split('\r\n')
  const m = /^HTTP\/1\.[01] (\d{3}) /.exec(statusLine)
  if (!m) throw new Error(`not an HTTP status line: ${JSON.stringify(statusLine)}`)
  const headers: Record<string, string> = {}
  for (const line of lines) {
    const colon = line.indexOf(':')
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim()
  }
  const status = Number(m[1])
  const rest = raw.subarray(headEnd + 4)
  let body: Buffer | null
  if (head || status === 204 || status === 304) body = Buffer.alloc(0)
  else if (/chunked/i.test(headers['transfer-encoding'] ?? '')) body = dechunk(rest)
  else if (headers['content-length'] !== undefined) body = rest.length >= Number(headers['content-length']) ? rest.subarray(0, Number(headers['content-length'])) : null
  else body = null
  if (!body && closed) body = rest
  return body && { kind: 'response', status, headers, body, raw: raw.subarray(start) }
}

/** What arrived before the server closed: a response, or nothing. */
function parseResponse(raw: Buffer, head: boolean): RawResult {
  if (raw.length === 0) return { kind: 'closed', raw }
  const response = completeResponse(raw, head, true)
  if (!response) throw new Error(`not an HTTP response: ${JSON.stringify(raw.toString('latin1').slice(0, 200))}`)
  return response
}

/** An HTTP/1.1 request as bytes. */
export function httpRequest(method: string, target: string, headers: [string, string][], body: Buffer = Buffer.alloc(0)): Buffer {
  const head = `${method} ${target} HTTP/1.1\r\n${headers.map(([k, v]) => `${k}: ${v}\r\n`).join('')}\r\n`
  return Buffer.concat([Buffer.from(head, 'latin1'), body])
}

export interface Reply {
  status: number
  headers: http.IncomingHttpHeaders
  text: string
  json(): any
}

/** One request with exactly these headers (Host and Origin included), as a browser or a page could send them. */
export function send(url: string, method: string, headers: Record<string, string> = {}, body?: string | Buffer): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, headers, agent: false }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c) => chunks.push(c))
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8')
        resolve({ status: res.statusCode!, headers: res.headers, text, json: () => JSON.parse(text) })
      })
      res.on('error', reject)
    })
    req.on('error', reject)
    req.end(body)
  })
}
