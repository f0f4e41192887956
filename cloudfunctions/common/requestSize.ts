/**
 * Keeping bulk writes within CloudBase's request size limit (5 MiB per request body).
 *
 * The SDK sends each document, query and update as canonical Extended JSON (numbers
 * become `{"$numberInt":"30"}`, dates `{"$date":{"$numberLong":"..."}}`) embedded as a
 * string in the JSON body, so quotes are escaped once more. Sizes here are measured on
 * that same encoding, never guessed from a document count.
 */
import { EJSON } from 'bson'

/** CloudBase's limit on a request body. */
const CLOUDBASE_REQUEST_LIMIT = 5 * 1024 * 1024

/** Room left for the request's own fields (action, collection, envelope) around the measured parts. */
const ENVELOPE_ALLOWANCE = 16 * 1024

/**
 * The request body limit in bytes: CloudBase's 5 MiB, or a smaller one configured for the
 * function with the environment variable `REQUEST_BODY_LIMIT` (e.g. by a test emulator).
 */
function requestBodyLimit(): number {
  const configured = Number(process.env.REQUEST_BODY_LIMIT)
  return Number.isFinite(configured) && configured > 0 ? Math.min(configured, CLOUDBASE_REQUEST_LIMIT) : CLOUDBASE_REQUEST_LIMIT
}

/** The bytes `value` takes in a request body: canonical Extended JSON, escaped as a JSON string. */
export function encodedSize(value: unknown): number {
  return Buffer.byteLength(JSON.stringify(EJSON.stringify(value, { relaxed: false }))) - 2
}

/**
 * Splits `items` into consecutive chunks that each fit one request: the items' encoded
 * sizes (plus quotes and a separator each, as documents of a batch add take) and `fixed` bytes of the request's other parts stay
 * under the limit, with at most `maxItems` items a chunk. An item too large for any
 * request on its own is an error.
 */
export function chunkBySize<T>(items: readonly T[], options: { fixed?: number; maxItems?: number } = {}): T[][] {
  const budget = requestBodyLimit() - ENVELOPE_ALLOWANCE - (options.fixed ?? 0)
  return packByWeight(items, (item) => {
    const bytes = encodedSize(item) + 3
    if (bytes > budget) throw new Error(`one item of ${bytes} bytes exceeds the request budget of ${budget} bytes`)
    return bytes
  }, budget, options.maxItems ?? Infinity)
}

/**
 * Splits `items` into consecutive runs whose weights sum to at most `budget` (a single
 * heavier item makes a run of its own), with at most `maxItems` items a run.
 */
export function packByWeight<T>(items: readonly T[], weightOf: (item: T) => number, budget: number, maxItems = Infinity): T[][] {
  const runs: T[][] = []
  let run: T[] = []
  let weight = 0
  for (const item of items) {
    const w = weightOf(item)
    if (run.length && (weight + w > budget || run.length >= maxItems)) {
      runs.push(run)
      run = []
      weight = 0
    }
    run.push(item)
    weight += w
  }
  if (run.length) runs.push(run)
  return runs
}
