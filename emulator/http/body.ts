/**
 * Request bodies: read with a size limit, checked as UTF-8 JSON objects of bounded depth.
 * A body over the limit is still read to its end (up to a cap) and thrown away, so the
 * client, which is still sending, receives the EXCEED_REQUEST_SIZE_LIMIT reply instead of
 * a reset connection.
 */
import http from 'node:http'
import { EmulatorError, invalidParam } from '../errors'

/** Deepest JSON nesting accepted in a body, as MongoDB limits documents to 100 levels. */
const MAX_JSON_DEPTH = 100

/** How much of an oversized body is read and discarded before answering. */
export function drainCap(maxBytes: number): number {
  return Math.max(maxBytes * 4, 64 * 1024 * 1024)
}

/** Requests whose body was given up at the cap: the connection is closed after the reply. */
const abandoned = new WeakSet<http.IncomingMessage>()

const tooLarge = (max: number): EmulatorError => new EmulatorError('EXCEED_REQUEST_SIZE_LIMIT', `request body larger than ${max} bytes`)

/** The whole body; over `max` bytes it rejects with EXCEED_REQUEST_SIZE_LIMIT once the body ended. */
export function readBody(req: http.IncomingMessage, max: number): Promise<Buffer> {
  const cap = drainCap(max)
  return new Promise((resolve, reject) => {
    if (Number(req.headers['content-length']) > cap) {
      abandoned.add(req)
      reject(tooLarge(max))
      return
    }
    let chunks: Buffer[] = []
    let size = 0
    req.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size <= max) {
        chunks.push(chunk)
        return
      }
      chunks = []
      if (size > cap) {
        req.pause()
        abandoned.add(req)
        reject(tooLarge(max))
      }
    })
    req.once('end', () => (size > max ? reject(tooLarge(max)) : resolve(Buffer.concat(chunks))))
    req.once('close', () => reject(invalidParam('the request body ended early')))
  })
}

/**
 * Reads and discards what is left of a body (up to `cap` bytes), so that a reply sent
 * now reaches a client that is still sending. Settles on end, on close, or at the cap.
 */
export function discardRest(req: http.IncomingMessage, cap: number): Promise<void> {
  if (req.complete || req.destroyed || abandoned.has(req)) return Promise.resolve()
  return new Promise((resolve) => {
    let size = 0
    const done = (): void => {
      req.off('data', count)
      resolve()
    }
    const count = (chunk: Buffer): void => {
      size += chunk.length
      if (size > cap) {
        req.pause()
        done()
      }
    }
    req.on('data', count)
    req.once('end', done)
    req.once('close', done)
    req.resume()
  })
}

/** True when the body is declared as JSON (what the SDK sends: `application/json`). */
export function isJson(req: http.IncomingMessage): boolean {
  const type = req.headers['content-type'] ?? ''
  return type.split(';')[0].trim().toLowerCase() === 'application/json'
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true })

/**
 * How deep `text` nests arrays and objects, counted without parsing (strings skipped);
 * stops counting past `limit`. Parsing or later walking a deeper value could exhaust the stack.
 */
function nestingDepth(text: string, limit: number): number {
  let depth = 0
  let deepest = 0
  let inString = false
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (inString) {
      if (c === 0x5c) i++ // backslash: skip the escaped character
      else if (c === 0x22) inString = false
    } else if (c === 0x22) {
      inString = true
    } else if (c === 0x5b || c === 0x7b) {
      depth++
      if (depth > deepest) deepest = depth
      if (deepest > limit) return deepest
    } else if (c === 0x5d || c === 0x7d) {
      depth--
    }
  }
  return deepest
}

/** JSON text of at most MAX_JSON_DEPTH levels (a body, the data of a function call). */
export function parseJsonText(text: string, what: string): unknown {
  if (nestingDepth(text, MAX_JSON_DEPTH) > MAX_JSON_DEPTH) throw invalidParam(`${what} nests deeper than ${MAX_JSON_DEPTH} levels`)
  try {
    return JSON.parse(text)
  } catch {
    throw invalidParam(`${what} is not valid JSON`)
  }
}

/** A body as a JSON object: UTF-8, at most MAX_JSON_DEPTH deep; an empty body is `{}`. */
export function parseJsonObject(body: Buffer): Record<string, unknown> {
  if (body.length === 0) return {}
  let text: string
  try {
    text = strictUtf8.decode(body)
  } catch {
    throw invalidParam('request body is not valid UTF-8')
  }
  const value = parseJsonText(text, 'request body')
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw invalidParam('request body must be a JSON object')
  return value as Record<string, unknown>
}
