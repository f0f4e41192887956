/**
 * Conversion between the wire format (canonical Extended JSON strings, as the SDK sends
 * them) and the plain JavaScript values the query engine works on. Every value a request
 * carries (filter, document, update, projection, sort, stage) is decoded here, and
 * refused here when the engine could not take it as data.
 */
import { BSONRegExp, EJSON, Long, Double, Int32, Decimal128 } from 'bson'
import { EmulatorError, invalidParam } from '../errors'
import { isDate, isRegExp } from './values'

export type Doc = Record<string, any>

const JS_REGEX_FLAGS = new Set(['i', 'm', 's', 'u'])

/** BSON's nesting limit: MongoDB refuses deeper documents. */
const MAX_DEPTH = 100

/**
 * Field names the engine cannot keep as data: mingo refuses `__proto__` and resolves the
 * others through Object.prototype (an update to `constructor.x` or `$inc` of `toString`
 * is silently lost), so a filter, an update or a document naming them is refused.
 */
const RESERVED_NAMES = new Set(['__proto__', ...Object.getOwnPropertyNames(Object.prototype)])

/** Operators that run JavaScript in mingo: never accepted, wherever they appear. */
const JAVASCRIPT_OPERATORS = new Set(['$where', '$function', '$accumulator'])

/** An object in the document sense: not an array, a date, a regular expression or a BSON value. */
export function isPlainObject(v: unknown): v is Record<string, any> {
  return v !== null && typeof v === 'object' && !Array.isArray(v) && !isDate(v) && !isRegExp(v) && !(v as any)._bsontype
}

/** Whether a field name or dotted path names a reserved field at any level. */
export const isReservedPath = (path: string): boolean => path.split('.').some((part) => RESERVED_NAMES.has(part))

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

/** Refuses what a request value must not hold: too deep a nesting, reserved names, JavaScript. */
function checkRequestValue(value: unknown, what: string, depth = 0): void {
  if (value === null || typeof value !== 'object' || (value as { _bsontype?: string })._bsontype || isDate(value)) return
  if (depth >= MAX_DEPTH) throw invalidParam(`${what} is nested more than ${MAX_DEPTH} levels deep`)
  if (Array.isArray(value)) {
    for (const v of value) checkRequestValue(v, what, depth + 1)
    return
  }
  for (const key of Object.keys(value)) {
    if (isReservedPath(key)) throw invalidParam(`${what} names the reserved field ${JSON.stringify(key)}`)
    if (JAVASCRIPT_OPERATORS.has(key)) throw new EmulatorError('DATABASE_REQUEST_FAILED', `${what}: ${key} is not supported (it runs JavaScript)`)
    checkRequestValue((value as Record<string, unknown>)[key], what, depth + 1)
  }
}

/** Sets a key as the document's own property, whatever its name. */
function setOwn(out: Doc, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true })
  else out[key] = value
}

/**
 * Walks a freshly parsed value: BSON wrapper types become JS numbers and RegExps, and
 * CloudBase's `{ $tcb_server_date: { offset } }` becomes the server's current time.
 */
export function normalize(value: any, now: number): any {
  if (value === null || typeof value !== 'object') return value
  if (Array.isArray(value)) return value.map((v) => normalize(v, now))
  if (isDate(value) || isRegExp(value)) return value
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
  for (const k of keys) setOwn(out, k, normalize(value[k], now))
  return out
}

/**
 * Decodes one value of a request: an Extended JSON string, as the SDK sends every value,
 * or (from other clients) the same value already parsed as JSON. A malformed or refused
 * value is the caller's error.
 */
export function decode(input: unknown, what: string, now = Date.now()): any {
  if (typeof input !== 'string' && (input === null || typeof input !== 'object')) {
    throw invalidParam(`${what} must be an Extended JSON string`)
  }
  let parsed: unknown
  try {
    checkRequestValue(input, what)
    parsed = typeof input === 'string' ? EJSON.parse(input, { relaxed: true }) : EJSON.deserialize(input as Doc, { relaxed: true })
  } catch (e) {
    if (e instanceof EmulatorError) throw e
    // JSON's and bson's own errors describe the input; anything else is a fault inside bson.
    const describesInput = e instanceof SyntaxError || (e as Error)?.name === 'BSONError'
    throw invalidParam(`${what} is not valid Extended JSON${describesInput ? `: ${(e as Error).message}` : ''}`)
  }
  checkRequestValue(parsed, what)
  return normalize(parsed, now)
}

/** Canonical Extended JSON, the form the SDK parses in replies. */
export const encodeCanonical = (value: unknown): string => EJSON.stringify(value as any, { relaxed: false })

/** Relaxed Extended JSON writes -0 as 0; MongoDB keeps it, so the stored form does too. */
const keepNegativeZero = (_key: string, value: unknown): unknown => (Object.is(value, -0) ? { $numberDouble: '-0.0' } : value)

/** The compact form documents are stored in. */
export const encodeStored = (doc: Doc): string => EJSON.stringify(doc, keepNegativeZero, undefined, { relaxed: true })
export const decodeStored = (text: string): Doc => normalize(EJSON.parse(text, { relaxed: true }), 0)
