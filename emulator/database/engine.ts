/**
 * The one door to mingo, which gives the emulator MongoDB's matching, projection, update
 * and aggregation semantics. Everything passes a check of what MongoDB itself insists on
 * before mingo sees it (mingo is lenient: `$not: 3` matches everything, `$sample` with a
 * fractional size never ends), and every failure inside mingo comes out as CloudBase's
 * DATABASE_REQUEST_FAILED with a message a developer can act on.
 */
import { EmulatorError, invalidParam } from '../errors'
import { Doc, isPlainObject } from './codec'
import { sortDocuments } from './order'
import type { SortSpec } from './planner'
import { isRegExp } from './values'

/** A request the database cannot run, in CloudBase's terms. */
const requestFailed = (message: string): EmulatorError => new EmulatorError('DATABASE_REQUEST_FAILED', message)

// mingo's building blocks, taken one by one: its package entry points always put the
// default operators before any given ones, so an operator could not be replaced through
// them. (This project's module resolution cannot resolve these subpaths' types itself.)
const { Context, evalExpr } = require('mingo/core') as typeof import('mingo/types/core') & {
  evalExpr: (obj: unknown, expr: unknown, options: unknown) => unknown
}
const { Query } = require('mingo/query') as typeof import('mingo/types/query')
const { Aggregator } = require('mingo/aggregator') as typeof import('mingo/types/aggregator')
const { update: mingoUpdate } = require('mingo/updater') as typeof import('mingo/types/updater')
const operators = (kind: string): Record<string, unknown> => ({ ...require(`mingo/operators/${kind}`) })

/** MongoDB refuses a $range of more elements than fit its memory limit; mingo would build it and crash. */
const MAX_RANGE = 1_000_000

const refuse = (name: string) => (): never => { throw requestFailed(`${name} is not supported (it runs JavaScript)`) }

function boundedRange(obj: unknown, expr: unknown, options: unknown): number[] {
  const args = evalExpr(obj, expr, options)
  const [start, end, step = 1] = Array.isArray(args) ? args : []
  if (![start, end, step].every(Number.isInteger) || step === 0) throw requestFailed('$range needs integer start and end and a non-zero integer step')
  if ((end - start) / step > MAX_RANGE) throw requestFailed(`$range would produce more than ${MAX_RANGE} elements`)
  const out: number[] = []
  for (let n = start; step > 0 ? n < end : n > end; n += step) out.push(n)
  return out
}

/** `$sample` as MongoDB does it: distinct documents (mingo draws with replacement, and never ends on a fractional size). */
function sampleWithoutReplacement(collection: { transform(f: (xs: unknown[]) => Iterator<unknown>): unknown }, expr: { size: number }): unknown {
  return collection.transform((xs) => {
    const pool = [...xs]
    for (let i = pool.length - 1; i > 0; i--) {
      const j = Math.floor(Math.random() * (i + 1))
      const swap = pool[i]
      pool[i] = pool[j]
      pool[j] = swap
    }
    return pool.slice(0, expr.size).values()
  })
}

/** `$sort` in the order find() sorts in (order.ts): mingo's puts missing before null and cannot place NaN. */
function sortStage(collection: { transform(f: (xs: Doc[]) => Iterator<unknown>): unknown }, spec: unknown): unknown {
  const valid = isPlainObject(spec) && Object.keys(spec).length > 0 &&
    Object.entries(spec).every(([path, dir]) => isFieldPath(path) && (dir === 1 || dir === -1))
  if (!valid) throw requestFailed('invalid aggregation: $sort needs { <field>: 1 | -1, ... }')
  const order = Object.entries(spec) as SortSpec
  return collection.transform((xs) => sortDocuments(xs.map((doc, rowid) => ({ doc, rowid })), order).map((m) => m.doc).values())
}

/** mingo's operators, with those that run JavaScript refused and `$range`, `$sample` and `$sort` replaced. */
const CONTEXT = Context.init({
  accumulator: { ...operators('accumulator'), $accumulator: refuse('$accumulator') },
  expression: { ...operators('expression'), $function: refuse('$function'), $range: boundedRange },
  pipeline: { ...operators('pipeline'), $sample: sampleWithoutReplacement, $sort: sortStage },
  projection: operators('projection'),
  query: { ...operators('query'), $where: refuse('$where') },
  window: operators('window')
} as any)
const OPTIONS = { context: CONTEXT }

/**
 * The error for a failure inside mingo. Its own errors (MingoError) and those of a regular
 * expression describe the input; anything else is a JavaScript fault that says nothing to
 * the caller, so only `what` is named.
 */
function translate(what: string, e: unknown): EmulatorError {
  if (e instanceof EmulatorError) return e
  // MingoError is not exported where this project's module resolution finds it.
  const ownWords = e instanceof SyntaxError || (e as Error)?.constructor?.name === 'MingoError'
  return requestFailed(ownWords ? `${what}: ${(e as Error).message}` : `${what}: malformed arguments`)
}

function guarded<T>(what: string, fn: () => T): T {
  try {
    return fn()
  } catch (e) {
    throw translate(what, e)
  }
}

/** A dotted field path as MongoDB accepts it: non-empty parts, not an operator. */
export const isFieldPath = (p: unknown): p is string =>
  typeof p === 'string' && p.length > 0 && !p.startsWith('$') && p.split('.').every((part) => part.length > 0)

// ------------------------------------------------------------------ queries

const isArray = (a: unknown): boolean => Array.isArray(a)
const isNonNegativeInteger = (a: unknown): boolean => Number.isInteger(a) && (a as number) >= 0

/** Arguments of query operators that MongoDB checks and mingo does not. */
const QUERY_ARGUMENTS: Record<string, [(arg: unknown) => boolean, string]> = {
  $in: [isArray, 'an array'],
  $nin: [isArray, 'an array'],
  $all: [isArray, 'an array'],
  $size: [isNonNegativeInteger, 'a non-negative integer'],
  $mod: [(a) => Array.isArray(a) && a.length === 2 && a.every(Number.isFinite) && a[0] !== 0, 'an array [divisor, remainder]'],
  $regex: [(a) => typeof a === 'string' || isRegExp(a), 'a string or a regular expression'],
  $options: [(a) => typeof a === 'string', 'a string'],
  $elemMatch: [isPlainObject, 'an object'],
  $not: [(a) => isRegExp(a) || (isPlainObject(a) && Object.keys(a).length > 0), 'a regular expression or an operator object']
}
const LOGICAL = new Set(['$and', '$or', '$nor'])

/** Checks the operators of a field's condition object (`{ $gt: 1, $in: [...] }`). */
function checkOperators(field: string, cond: Record<string, unknown>): void {
  for (const [op, arg] of Object.entries(cond)) {
    const rule = QUERY_ARGUMENTS[op]
    if (rule && !rule[0](arg)) throw requestFailed(`invalid query: ${op} on ${field} needs ${rule[1]}`)
    if (op === '$not' && isPlainObject(arg)) checkOperators(field, arg)
    if (op === '$elemMatch') checkQuery(arg as Doc, false)
  }
}

/**
 * Checks the shape of a query as MongoDB would before running it. An `$expr` (allowed on
 * the whole document only) is evaluated once on its own, so that a mistake in it shows even
 * where `$or` would not reach it.
 */
function checkQuery(query: Doc, wholeDocument = true): void {
  for (const [key, cond] of Object.entries(query)) {
    if (LOGICAL.has(key)) {
      if (!Array.isArray(cond) || !cond.length || !cond.every(isPlainObject)) throw requestFailed(`invalid query: ${key} needs a non-empty array of conditions`)
      cond.forEach((c) => checkQuery(c, wholeDocument))
    } else if (key === '$expr') {
      if (!wholeDocument) throw requestFailed('invalid query: $expr applies to the whole document only')
      guarded('invalid query', () => new Query({ $expr: cond }, OPTIONS).test({}))
    } else if (!key.startsWith('$') && isPlainObject(cond) && Object.keys(cond).some((k) => k.startsWith('$'))) {
      checkOperators(key, cond)
    }
  }
}

/**
 * Compiles a query into a test. Mistakes that show on any document are found now, not
 * when the first document is read, so a query fails the same way on an empty collection.
 */
export function compileMatcher(query: Doc): (doc: Doc) => boolean {
  checkQuery(query)
  const matcher = guarded('invalid query', () => {
    const q = new Query(query, OPTIONS)
    q.test({})
    return q
  })
  return (doc) => guarded('invalid query', () => matcher.test(doc))
}

// ------------------------------------------------------------------ projections

/** Checks a projection by applying it to an empty document. */
export function checkProjection(projection: Doc): void {
  for (const key of Object.keys(projection)) if (!isFieldPath(key)) throw requestFailed(`invalid projection: ${JSON.stringify(key)} is not a field path`)
  guarded('invalid projection', () => new Query({}, OPTIONS).find([{}], projection).all())
}

export function project(docs: Doc[], projection: Doc): Doc[] {
  return guarded('invalid projection', () => new Query({}, OPTIONS).find(docs, projection).all() as Doc[])
}

// ------------------------------------------------------------------ updates

const PROBE: Doc = Object.freeze({ _id: '\u0000probe' })

/**
 * Checks an operator update: each operator takes an object of valid field paths, and
 * the whole update applies to an empty document.
 */
export function checkOperatorUpdate(update: Doc): void {
  for (const [op, spec] of Object.entries(update)) {
    if (!op.startsWith('$')) throw invalidParam(`cannot mix update operators and plain fields: ${op}`)
    if (!isPlainObject(spec)) throw requestFailed(`invalid update: ${op} needs an object of fields`)
    for (const path of Object.keys(spec)) {
      if (!isFieldPath(path.replace(/\.\$(\[[^\]]*\])?(?=\.|$)/g, '.x'))) throw requestFailed(`invalid update: ${JSON.stringify(path)} is not a field path`)
      if (path === '_id' || path.startsWith('_id.')) throw invalidParam('不能更新_id的值')
    }
    // $rename names a path on both sides.
    for (const target of op === '$rename' ? Object.values(spec) : []) {
      if (!isFieldPath(target)) throw requestFailed(`invalid update: $rename target ${JSON.stringify(target)} is not a field path`)
      if (target === '_id' || target.startsWith('_id.')) throw requestFailed('invalid update: $rename cannot move a field onto _id')
    }
  }
  const { $setOnInsert: _ignored, ...rest } = update
  applyOperators(structuredClone(PROBE), rest)
}

/**
 * Applies update operators to `doc` in place.
 * @returns the changed field paths
 */
export function applyOperators(doc: Doc, modifier: Doc): string[] {
  return guarded('invalid update', () => mingoUpdate(doc, modifier as any, undefined, undefined, { cloneMode: 'deep', queryOptions: OPTIONS }))
}

// ------------------------------------------------------------------ aggregation

/** The stages CloudBase's aggregate() offers. */
const STAGES = new Set([
  '$addFields', '$bucket', '$bucketAuto', '$count', '$geoNear', '$group', '$limit', '$lookup', '$match', '$project',
  '$replaceRoot', '$sample', '$skip', '$sort', '$sortByCount', '$unwind'
])

/** Checks every stage of a pipeline (and of the pipelines inside `$lookup`). */
export function checkPipeline(stages: Doc[]): void {
  for (const stage of stages) {
    const keys = isPlainObject(stage) ? Object.keys(stage) : []
    if (keys.length !== 1) throw requestFailed('invalid aggregation: each stage has exactly one operator')
    const [name] = keys
    if (!STAGES.has(name)) throw requestFailed(`invalid aggregation: unsupported stage ${name}`)
    const arg = stage[name]
    if (name === '$sample' && !(isPlainObject(arg) && Number.isInteger(arg.size) && arg.size > 0)) {
      throw requestFailed('invalid aggregation: $sample needs { size: <positive integer> }')
    }
    if (name === '$match') {
      if (!isPlainObject(arg)) throw requestFailed('invalid aggregation: $match needs a query object')
      compileMatcher(arg)
    }
    if (name === '$lookup' && isPlainObject(arg) && arg.pipeline !== undefined) {
      if (!Array.isArray(arg.pipeline)) throw requestFailed('invalid aggregation: $lookup pipeline must be an array')
      checkPipeline(arg.pipeline)
    }
  }
}

/** Runs pipeline stages over documents; `collection` resolves the names `$lookup` joins. */
export function runStages(docs: Doc[], stages: Doc[], collection: (name: string) => Doc[]): Doc[] {
  if (!stages.length) return docs
  return guarded('aggregation failed', () => new Aggregator(stages, { ...OPTIONS, collectionResolver: collection } as any).run(docs) as Doc[])
}
