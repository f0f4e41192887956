/**
 * Who may talk to the emulator. It holds a developer's data and accepts a development
 * identity, so a web page elsewhere must not reach it:
 *  - a request with an `Origin` (any browser request a page makes with fetch, a form POST)
 *    is served only if that origin is one of the app's own; CORS headers echo it, never `*`;
 *  - the `Host` header must name this emulator (127.0.0.1, localhost, [::1] or the bound
 *    address, with its port), so a site whose name is rebound to 127.0.0.1 is refused;
 *  - requests without `Origin` (the Node SDK, curl, an `<img>`) are served.
 */
import http from 'node:http'
import os from 'node:os'
import { DEV_APPID_HEADER, DEV_OPENID_HEADER } from '../protocol'
import { Headers, HttpError } from './reply'

/** The local H5 app's origins (`npm start` serves it on port 10086). */
export const DEFAULT_ALLOWED_ORIGINS: readonly string[] = ['http://127.0.0.1:10086', 'http://localhost:10086']

/** `scheme://host[:port]` as a browser sends it in `Origin` (default port dropped); throws on anything else. */
function normaliseOrigin(origin: string): string {
  let url: URL
  try {
    url = new URL(origin)
  } catch {
    throw new Error(`not an origin: ${origin} (expected e.g. http://127.0.0.1:10086)`)
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.username || url.password || url.pathname !== '/' || url.search || url.hash) {
    throw new Error(`not an origin: ${origin} (expected e.g. http://127.0.0.1:10086)`)
  }
  return url.origin
}

export interface AccessPolicyOptions {
  /** origins allowed besides the defaults */
  allowedOrigins?: readonly string[]
  /** the address the server is bound to */
  host: string
  /** the port it listens on (known once it listens) */
  port: () => number
}

/** Decides, per request, whether it may be served and which CORS headers it gets. */
export interface AccessPolicy {
  readonly origins: readonly string[]
  /** Throws a 403 HttpError for a foreign origin or a foreign Host. */
  check(req: http.IncomingMessage): void
  /** CORS headers for a reply to this request (none for requests without an allowed origin). */
  corsHeaders(req: http.IncomingMessage): Headers
  /** The extra headers a preflight from an allowed origin gets. */
  readonly preflightHeaders: Headers
}

const bracketed = (host: string): string => (host.includes(':') && !host.startsWith('[') ? `[${host}]` : host).toLowerCase()

const isWildcard = (host: string): boolean => host === '0.0.0.0' || host === '::' || host === '[::]'

/** Names this emulator answers to: loopback, the bound address, and each interface's address when bound to all. */
function ownHostNames(boundHost: string): Set<string> {
  const names = new Set(['127.0.0.1', 'localhost', '[::1]', bracketed(boundHost)])
  if (isWildcard(boundHost)) {
    for (const addresses of Object.values(os.networkInterfaces())) {
      for (const a of addresses ?? []) names.add(bracketed(a.address))
    }
  }
  return names
}

/** `name[:port]` of a Host header, or null if it is not one. */
function parseHost(host: string): { name: string; port: number } | null {
  const m = /^(\[[0-9a-f:.]+\]|[^:[\]]+)(?::(\d{1,5}))?$/i.exec(host)
  return m ? { name: m[1].toLowerCase(), port: m[2] === undefined ? 80 : Number(m[2]) } : null
}

/** The policy for one emulator: the default origins plus `allowedOrigins`; throws on a malformed origin. */
/** Headers of an upload to a signed URL (COS's): what a bucket's CORS rule lets browsers send. */
const UPLOAD_HEADERS = ['authorization', 'signature', 'key', 'x-cos-security-token', 'x-cos-meta-fileid']

export function createAccessPolicy(options: AccessPolicyOptions): AccessPolicy {
  const origins = [...new Set([...DEFAULT_ALLOWED_ORIGINS, ...(options.allowedOrigins ?? []).map(normaliseOrigin)])]
  const allowed = new Set(origins)
  const hostNames = ownHostNames(options.host)

  const hostAllowed = (host: string): boolean => {
    const parsed = parseHost(host)
    return parsed !== null && parsed.port === options.port() && hostNames.has(parsed.name)
  }

  return {
    origins,
    check(req) {
      const origin = req.headers.origin
      if (origin !== undefined && !allowed.has(origin)) {
        throw new HttpError(403, 'PERMISSION_DENIED', `origin ${origin} is not allowed (start the emulator with --allow-origin ${origin} to allow it)`)
      }
      const host = req.headers.host
      if (!host) throw new HttpError(400, 'INVALID_PARAM', 'the Host header is required')
      if (!hostAllowed(host)) throw new HttpError(403, 'PERMISSION_DENIED', 'the Host header does not name this emulator')
    },
    corsHeaders(req): Headers {
      const origin = req.headers.origin
      // Replies differ by origin, so caches must key on it.
      if (origin === undefined || !allowed.has(origin)) return { vary: 'origin' }
      return { 'access-control-allow-origin': origin, vary: 'origin' }
    },
    preflightHeaders: {
      'access-control-allow-methods': 'GET, HEAD, POST, PUT, OPTIONS',
      // The development identity headers, and those a browser's PUT to a signed upload URL carries
      // (the signature and file id storage handed out, as the SDK's uploadFile sends them).
      'access-control-allow-headers': `content-type, ${DEV_OPENID_HEADER}, ${DEV_APPID_HEADER}, ${UPLOAD_HEADERS.join(', ')}`,
      'access-control-max-age': '600'
    }
  }
}
