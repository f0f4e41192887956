/**
 * Conversion between the wire format (canonical Extended JSON strings, as the SDK sends
 * them) and the plain JavaScript values the query engine works on.
 */
import { BSONRegExp, EJSON, Long, Double, Int32, Decimal128 } from 'bson'
import { invalidParam } from '../errors'

export type Doc = Record<string, any>

const JS_REGEX_FLAGS = new Set(['i', 'm', 's', 'u'])

function toJsRegExp(re: BSONRegExp): RegExp {
  const flags = [...re.options].filter((f) => JS_REGEX_FLAGS.has(f)).join('')
  const unsupported = [...re.options].filter((f) => !JS_REGEX_FLAGS.has(f))
  if (unsupported.length) throw invalidParam(`unsupported regular expression option: ${unsupported.join('')}`)
  try {
    return new RegExp(re.pattern, flags)
  } catch (e) {
    throw invalidParam(`invalid regular expression: ${(e as Error).message}`)
  }
}

/**
 * Walks a freshly parsed value: BSON wrapper types become JS numbers and RegExps, and
 * CloudBase's `{ $tcb_server_date: { offset } }` becomes the server's current time.
 */
export function normalize(value: any, now: number): any {
  if (value === null || typeof value !== 'object') return value
  if (Array.isArray(value)) return value.map((v) => normalize(v, now))
  if (value instanceof Date || value instanceof RegExp) return value
  if (value instanceof BSONRegExp) return toJsRegExp(value)
  if (value instanceof Long) return value.toNumber()
  if (value instanceof Double || value instanceof Int32) return value.valueOf()
  if (value instanceof Decimal128) return Number(value.toString())
  if (value._bsontype) return value
  const keys = Object.keys(value)
  if (keys.length === 1 && keys[0] === '$tcb_server_date') {
    const offset = Number(value.$tcb_server_date?.offset ?? 0)
    return new Date(now + (Number.isFinite(offset) ? offset : 0))
  }
  const out: Doc = {}
  for (const k of keys) out[k] = normalize(value[k], now)
  return out
}

/** Parses one Extended JSON string from a request; a malformed one is the caller's error. */
export function decode(text: unknown, what: string, now = Date.now()): any {
  if (typeof text !== 'string') throw invalidParam(`${what} must be an Extended JSON string`)
  let parsed: unknown
  try {
    parsed = EJSON.parse(text, { relaxed: true })
  } catch (e) {
    throw invalidParam(`${what} is not valid Extended JSON: ${(e as Error).message}`)
  }
  return normalize(parsed, now)
}

/** Canonical Extended JSON, the form the SDK parses in replies. */
export const encodeCanonical = (value: unknown): string => EJSON.stringify(value as any, { relaxed: false })

/** The compact form documents are stored in. */
export const encodeStored = (doc: Doc): string => EJSON.stringify(doc, { relaxed: true })
export const decodeStored = (text: string): Doc => normalize(EJSON.parse(text, { relaxed: true }), 0)
