/**
 * Replies in CloudBase's shapes. Errors are `{ code, message, requestId }`; anything thrown
 * that is not an EmulatorError becomes SYS_ERR with a generic message, so no stack, file
 * path or JavaScript message reaches a client.
 */
import http from 'node:http'
import type { Duplex } from 'node:stream'
import { randomUUID } from 'node:crypto'
import { EmulatorError, EmulatorErrorCode, invalidParam } from '../errors'

export type Headers = Record<string, string>

/** An error answered with its own HTTP status on every endpoint: refusals, unknown endpoints. */
export class HttpError extends EmulatorError {
  constructor(readonly status: number, code: EmulatorErrorCode, message: string) {
    super(code, message)
  }
}

/**
 * How an endpoint answers errors: `envelope` is CloudBase's HTTP 200 with a top-level code
 * (what the SDK and the H5 client parse); `status` uses an HTTP status that fits the code;
 * `cos-xml` is COS's XML error, which the SDK parses after an upload.
 */
export type ErrorStyle = 'envelope' | 'status' | 'cos-xml'

const STATUS_OF_CODE: Partial<Record<EmulatorErrorCode, number>> = {
  EXCEED_REQUEST_SIZE_LIMIT: 413,
  PERMISSION_DENIED: 403,
  STORAGE_SIGN_PARAM_INVALID: 403,
  STORAGE_FILE_NONEXIST: 404,
  FUNCTIONS_NOT_FOUND: 404,
  SYS_ERR: 500
}

/** The HTTP status an error is answered with. */
export function statusOf(err: EmulatorError, style: ErrorStyle): number {
  if (err instanceof HttpError) return err.status
  if (style === 'envelope') return 200
  return STATUS_OF_CODE[err.code] ?? 400
}

/**
 * Any thrown value as an EmulatorError. `report` sees the unexpected ones (for the
 * emulator's own log); the client only learns that something went wrong inside.
 */
export function toEmulatorError(e: unknown, report: (e: unknown) => void): EmulatorError {
  if (e instanceof EmulatorError) return e
  // Only input can nest deep enough to exhaust the stack (a body, a query, an event).
  if (e instanceof RangeError && /call stack/i.test(e.message)) return invalidParam('the request is nested too deeply')
  report(e)
  return new EmulatorError('SYS_ERR', 'internal error')
}

/** Sends a JSON body; `nosniff` keeps a browser from reading an echoed path as HTML. */
export function sendJson(res: http.ServerResponse, status: number, body: unknown, headers: Headers = {}): void {
  const text = JSON.stringify(body)
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': String(Buffer.byteLength(text)),
    'x-content-type-options': 'nosniff',
    ...headers
  })
  res.end(text)
}

/** Sends CloudBase's error body. */
export function sendError(res: http.ServerResponse, status: number, err: EmulatorError, requestId: string, headers: Headers = {}): void {
  sendJson(res, status, { code: err.code, message: err.message, requestId }, headers)
}

/** Sends COS's XML error body (upload URLs stand in for COS). */
export function sendCosError(res: http.ServerResponse, status: number, err: EmulatorError, requestId: string, headers: Headers = {}): void {
  const text = (s: string): string => s.replace(/[<&>]/g, '')
  const xml = `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${err.code}</Code><Message>${text(err.message)}</Message><RequestId>${requestId}</RequestId><TraceId>emulator</TraceId></Error>`
  res.writeHead(status, { 'content-type': 'application/xml', 'content-length': String(Buffer.byteLength(xml)), 'x-content-type-options': 'nosniff', ...headers })
  res.end(xml)
}

/** A raw HTTP/1.1 reply with CloudBase's error body, written straight to a socket, which then closes. */
function endSocketWithError(socket: Duplex, status: string, code: EmulatorErrorCode, message: string): void {
  const body = JSON.stringify({ code, message, requestId: randomUUID() })
  const head = `HTTP/1.1 ${status}\r\ncontent-type: application/json; charset=utf-8\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n`
  socket.end(head + body, () => socket.destroy())
}

/**
 * Makes Node's own answers to unusual requests CloudBase-formatted JSON instead of bare
 * replies or silent closes: what its HTTP parser rejects (bad request line, oversized
 * headers, bad framing) gets 400 (431 for headers), an unknown `Expect` 417, CONNECT 405.
 */
/** How long a reply owed to a complete request may take before a broken connection is closed anyway. */
const PENDING_REPLY_WAIT_MS = 5_000

export function answerUnusualRequests(server: http.Server): void {
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Duplex) => {
    // A reply already under way on this connection cannot be followed by another one.
    const busy = (socket as { _httpMessage?: http.ServerResponse | null })._httpMessage
    if (err.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy()
      return
    }
    if (busy) {
      // Garbage after a complete request (a GET sent with `Expect: 100-continue` and stray
      // bytes): that request's reply is still owed, so the connection closes once it has
      // been sent, or after a bounded wait. A request whose own body broke gets no reply.
      if (!busy.req?.complete || busy.writableFinished) {
        socket.destroy()
        return
      }
      const close = (): void => { clearTimeout(timer); socket.destroy() }
      const timer = setTimeout(close, PENDING_REPLY_WAIT_MS)
      timer.unref()
      busy.once('finish', () => socket.end(close))
      return
    }
    if (err.code === 'HPE_HEADER_OVERFLOW') endSocketWithError(socket, '431 Request Header Fields Too Large', 'INVALID_PARAM', 'request headers are too large')
    else endSocketWithError(socket, '400 Bad Request', 'INVALID_PARAM', 'malformed HTTP request')
  })
  server.on('checkExpectation', (_req: http.IncomingMessage, res: http.ServerResponse) => {
    sendJson(res, 417, { code: 'INVALID_PARAM', message: 'unsupported Expect header', requestId: randomUUID() }, { connection: 'close' })
  })
  server.on('connect', (_req: http.IncomingMessage, socket: Duplex) => {
    endSocketWithError(socket, '405 Method Not Allowed', 'INVALID_ACTION', 'CONNECT is not served')
  })
}
