/**
 * The request target, read without `new URL` (which throws on targets such as `//a:b/`).
 */
import { invalidParam } from '../errors'
import { HttpError } from './reply'

export interface Target {
  /** the raw path, still percent-encoded */
  path: string
  query: URLSearchParams
}

/**
 * Path and query of an origin-form target (`/path?query`). Clients talk to the emulator
 * directly, so absolute-form (proxy), authority-form (CONNECT) and `*` are refused.
 */
export function parseTarget(raw: string | undefined): Target {
  if (!raw || raw[0] !== '/') throw new HttpError(400, 'INVALID_PARAM', 'the request target must be a path')
  const q = raw.indexOf('?')
  return q < 0
    ? { path: raw, query: new URLSearchParams() }
    : { path: raw.slice(0, q), query: new URLSearchParams(raw.slice(q + 1)) }
}

/** A percent-decoded path segment (a function name, a cloud path). */
export function decodePathPart(encoded: string, what: string): string {
  let decoded: string
  try {
    decoded = decodeURIComponent(encoded)
  } catch {
    throw invalidParam(`${what} is not valid percent-encoding`)
  }
  if (!decoded) throw invalidParam(`${what} is required`)
  return decoded
}
