/**
 * Serves a built single-page app (the H5 build) read-only from one folder. Only files
 * whose real path lies inside the folder are served: `..`, encoded separators and symlinks
 * that point out are refused. Unknown paths get index.html (the router is hash-based).
 * A malformed request gets a 4xx in CloudBase's error format; none can stop the server.
 */
import fs from 'node:fs'
import http from 'node:http'
import path from 'node:path'
import { pipeline } from 'node:stream/promises'
import { randomUUID } from 'node:crypto'
import { answerUnusualRequests } from '../emulator/http/reply'

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.png': 'image/png', '.jpg': 'image/jpeg', '.svg': 'image/svg+xml', '.json': 'application/json', '.ico': 'image/x-icon',
  '.woff': 'font/woff', '.woff2': 'font/woff2', '.ttf': 'font/ttf'
}

class Refusal extends Error {
  constructor(readonly status: number, readonly code: string, message: string) {
    super(message)
  }
}

/** True when `file` is `root` or lies below it (a bare prefix check would accept `root-private`). */
function isInside(root: string, file: string): boolean {
  const rel = path.relative(root, file)
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel))
}

/** The decoded URL path of an origin-form target. */
function requestPath(target: string | undefined): string {
  if (!target || target[0] !== '/') throw new Refusal(400, 'INVALID_PARAM', 'the request target must be a path')
  const q = target.indexOf('?')
  let decoded: string
  try {
    decoded = decodeURIComponent(q < 0 ? target : target.slice(0, q))
  } catch {
    throw new Refusal(400, 'INVALID_PARAM', 'the path is not valid percent-encoding')
  }
  if (decoded.includes('\0')) throw new Refusal(400, 'INVALID_PARAM', 'the path holds a NUL character')
  return decoded
}

/** The real path of the file a URL path names inside `root`, or null when there is none. */
async function resolveFile(root: string, urlPath: string): Promise<string | null> {
  const candidate = path.join(root, urlPath)
  if (!isInside(root, candidate)) throw new Refusal(403, 'PERMISSION_DENIED', 'the path leaves the site')
  let real: string
  try {
    real = await fs.promises.realpath(candidate)
  } catch {
    return null
  }
  if (!isInside(root, real)) throw new Refusal(403, 'PERMISSION_DENIED', 'the path leaves the site')
  return (await fs.promises.stat(real)).isFile() ? real : null
}

function sendRefusal(res: http.ServerResponse, e: Refusal): void {
  const body = JSON.stringify({ code: e.code, message: e.message, requestId: randomUUID() })
  res.writeHead(e.status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': String(Buffer.byteLength(body)),
    'x-content-type-options': 'nosniff'
  })
  res.end(body)
}

async function serveFile(root: string, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') throw new Refusal(405, 'INVALID_ACTION', 'only GET and HEAD are served')
  const file = (await resolveFile(root, requestPath(req.url))) ?? (await resolveFile(root, '/index.html'))
  if (!file) throw new Refusal(404, 'INVALID_PARAM', 'not found')
  const handle = await fs.promises.open(file, 'r')
  try {
    const { size } = await handle.stat()
    res.writeHead(200, {
      'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream',
      'content-length': String(size),
      'x-content-type-options': 'nosniff'
    })
    if (req.method === 'HEAD') res.end()
    else await pipeline(handle.createReadStream({ autoClose: false }), res)
  } finally {
    await handle.close()
  }
}

/** Serves the built app in `dir` on 127.0.0.1 (`port` 0 picks a free one). */
export async function serveStatic(dir: string, port: number): Promise<http.Server> {
  const root = await fs.promises.realpath(dir)
  // Any Host is fine: the site is public files.
  const server = http.createServer({ requireHostHeader: false }, (req, res) => {
    // A client that goes away mid-request must not surface as an unhandled 'error' event.
    req.on('error', () => undefined)
    res.on('error', () => undefined)
    serveFile(root, req, res).catch((e) => {
      try {
        if (res.headersSent) res.destroy()
        else sendRefusal(res, e instanceof Refusal ? e : new Refusal(500, 'SYS_ERR', 'internal error'))
      } catch {
        res.destroy()
      }
    })
  })
  answerUnusualRequests(server)
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, '127.0.0.1', () => resolve(server))
  })
}
