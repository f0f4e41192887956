/**
 * An index never changes an answer. Generated documents go into a collection with indexes
 * and into an unindexed twin; generated queries, sorts, skips and limits run through the
 * real SDK against both, and both must return the same documents in the same order and
 * the same count as mingo (the matcher, run here directly) and MongoDB's sort order give.
 * The same request as an aggregation ($match, $sort, $skip, $limit) gives the same page.
 *
 * The values are the awkward ones: strings with characters above U+FFFF and next to the
 * surrogate range (where SQLite's and JavaScript's string orders differ), -0, NaN and the
 * infinities, null against missing, booleans, dates, arrays, nested objects, and several
 * types on one field; the queries hold several bounds per side and of mixed types.
 */
import { EJSON } from 'bson'
import fc from 'fast-check'
import { Query } from 'mingo'
import type { IndexSpec } from '../../emulator/database/store'
import { useTestEnv } from './conformance/helpers'

const getEnv = useTestEnv()
const db = () => getEnv().app.database()

const index = (name: string, ...fields: [string, 1 | -1][]): IndexSpec =>
  ({ name, unique: false, keys: fields.map(([field, direction]) => ({ field, direction })) })
const INDEXES = [index('a_1', ['a', 1]), index('b_1_c_-1', ['b', 1], ['c', -1]), index('c_1', ['c', 1]), index('n.x_1', ['n.x', 1]), index('arr_1', ['arr', 1])]

// ------------------------------------------------------------------ values

const CHARS = ['a', 'b', 'Z', '0', '\u0000', '\u00e9', '\ud7ff', '\ue000', '\uffff', '\ufffd', '\ud800', '\udc00', '\u{1f600}', '\u{10000}', '\u{10ffff}']
const text = fc.string({ unit: fc.constantFrom(...CHARS), maxLength: 3 })
const number = fc.oneof(fc.constantFrom(0, -0, 2.5, NaN, Infinity, -Infinity, 1e300, -1e-300), fc.integer({ min: -3, max: 3 }))
const DATES = [new Date(0), new Date('2024-01-01T00:00:00Z'), new Date(-1000)]
const scalar = fc.oneof(text, number, fc.boolean(), fc.constant(null), fc.constantFrom(...DATES))

/** How each field varies in one run: flags that keep an index's fast paths on or off. */
const shapeArb = fc.record({ arraysInA: fc.boolean(), objectsInC: fc.boolean(), arraysInN: fc.boolean() })
type Shape = { arraysInA: boolean; objectsInC: boolean; arraysInN: boolean }

const maybeArray = (on: boolean) => (on ? fc.oneof(scalar, fc.array(scalar, { maxLength: 3 })) : scalar)

function documentArb(shape: Shape) {
  return fc.record({
    a: maybeArray(shape.arraysInA),
    b: scalar,
    c: shape.objectsInC ? fc.oneof(scalar, fc.dictionary(fc.constantFrom('p', 'q'), scalar, { maxKeys: 2, noNullPrototype: true })) : scalar,
    n: fc.oneof(fc.record({ x: scalar }, { requiredKeys: [] }), scalar, ...(shape.arraysInN ? [fc.array(fc.record({ x: scalar }, { requiredKeys: [] }), { maxLength: 2 })] : [])),
    arr: fc.oneof(fc.array(scalar, { maxLength: 3 }), scalar)
  }, { requiredKeys: [] })
}

/** Ids of one run: numbers and strings (an id is one or the other). */
const idsArb = fc.uniqueArray(fc.oneof(fc.integer({ min: -20, max: 20 }), text), { maxLength: 24, comparator: 'SameValueZero' })

const datasetArb = shapeArb.chain((shape) => idsArb.chain((ids) =>
  fc.tuple(...ids.map(() => documentArb(shape))).map((docs) => docs.map((d, i) => ({ _id: ids[i], ...d })))))

// ------------------------------------------------------------------ queries

const PATHS = ['a', 'b', 'c', 'n.x', 'arr', '_id', 'absent']
const BOUNDS = ['$gt', '$gte', '$lt', '$lte']

const fieldCondition = fc.oneof(
  scalar,
  scalar.map(($eq) => ({ $eq })),
  scalar.map(($ne) => ({ $ne })),
  fc.array(scalar, { minLength: 1, maxLength: 4 }).map(($in) => ({ $in })),
  fc.array(scalar, { maxLength: 3 }).map(($nin) => ({ $nin })),
  // several bounds, on one side or both, of one type or mixed
  fc.uniqueArray(fc.tuple(fc.constantFrom(...BOUNDS), scalar), { minLength: 1, maxLength: 4, selector: ([op]) => op }).map(Object.fromEntries),
  fc.boolean().map(($exists) => ({ $exists }))
)

const fieldsQuery = fc.dictionary(fc.constantFrom(...PATHS), fieldCondition, { minKeys: 1, maxKeys: 3, noNullPrototype: true })

const { query: queryArb } = fc.letrec<{ query: Record<string, unknown> }>((tie) => ({
  query: fc.oneof({ maxDepth: 2, depthIdentifier: 'query' },
    fieldsQuery,
    fc.tuple(fc.constantFrom('$and', '$or', '$nor'), fc.array(tie('query'), { minLength: 1, maxLength: 3 })).map(([op, qs]) => ({ [op]: qs })),
    fc.tuple(fieldsQuery, fc.array(tie('query'), { minLength: 1, maxLength: 2 })).map(([q, qs]) => ({ ...q, $and: qs })))
}))

const requestArb = fc.record({
  query: queryArb,
  sort: fc.uniqueArray(fc.tuple(fc.constantFrom('a', 'b', 'c', 'n.x', 'arr', '_id'), fc.constantFrom<1 | -1>(1, -1)), { maxLength: 2, selector: ([f]) => f }),
  skip: fc.integer({ min: 0, max: 4 }),
  limit: fc.option(fc.integer({ min: 1, max: 12 }), { nil: undefined })
})

type Request = { query: Record<string, unknown>; sort: [string, 1 | -1][]; skip: number; limit?: number }

/** Requests of fixed shapes (with generated values) that reach every kind of plan in each run. */
const shapedRequestsArb = fc.tuple(scalar, text, text, fc.integer({ min: -3, max: 3 })).map(([x, s1, s2, n]): Request[] => [
  { query: { _id: x }, sort: [], skip: 0 }, // IDHACK
  { query: { _id: { $gt: s1, $lte: s2 } }, sort: [], skip: 0 }, // IDSCAN (range)
  { query: { c: { $ne: x } }, sort: [['_id', -1]], skip: 0, limit: 5 }, // IDSCAN (sorted); counted by COLLSCAN
  { query: { b: x }, sort: [['a', 1]], skip: 0 }, // IXSCAN; counted in the index
  { query: { b: { $lt: n } }, sort: [], skip: 1 }, // IXSCAN (range); counted in the index
  { query: { a: { $gte: x, $gt: n } }, sort: [['a', -1]], skip: 1, limit: 5 }, // two lower bounds, maybe of two types
  { query: { c: { $ne: x } }, sort: [['b', 1]], skip: 0, limit: 3 } // IXSCAN sort
])

// ------------------------------------------------------------------ the reference

const EMPTY_ARRAY = Symbol('empty array')

/** MongoDB's type order for sorting; an empty array sorts below null. */
function typeOrder(v: unknown): number {
  if (v === EMPTY_ARRAY) return 0
  if (v === null || v === undefined) return 1
  if (typeof v === 'number') return 2
  if (typeof v === 'string') return 3
  if (Array.isArray(v)) return 5
  if (typeof v === 'boolean') return 8
  if (v instanceof Date) return 9
  return 4
}

/** MongoDB's order of two values; strings by UTF-16 code units, as the matcher compares them. */
function compare(a: unknown, b: unknown): number {
  const [ta, tb] = [typeOrder(a), typeOrder(b)]
  if (ta !== tb) return ta - tb
  if (ta <= 1) return 0
  if (ta === 2 || ta === 9) {
    const [x, y] = [Number(a), Number(b)] // NaN (or an invalid date) below every other number
    if (Number.isNaN(x) || Number.isNaN(y)) return Number(!Number.isNaN(x)) - Number(!Number.isNaN(y))
    return x < y ? -1 : x > y ? 1 : 0
  }
  if (ta === 3 || ta === 8) return a! < b! ? -1 : a! > b! ? 1 : 0
  const [xs, ys] = ta === 5 ? [a as unknown[], b as unknown[]] : [Object.entries(a as object), Object.entries(b as object)]
  for (let i = 0; i < Math.min(xs.length, ys.length); i++) {
    const c = ta === 5
      ? compare(xs[i], ys[i])
      : typeOrder((xs[i] as [string, unknown])[1]) - typeOrder((ys[i] as [string, unknown])[1]) ||
        compare((xs[i] as [string, unknown])[0], (ys[i] as [string, unknown])[0]) || compare((xs[i] as [string, unknown])[1], (ys[i] as [string, unknown])[1])
    if (c) return c
  }
  return xs.length - ys.length
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date)

/** Every value a document holds on a path, arrays spread, as MongoDB sorts by them. */
function reached(value: unknown, path: string[]): unknown[] {
  if (!path.length) return Array.isArray(value) ? (value.length ? value : [EMPTY_ARRAY]) : [value]
  if (Array.isArray(value)) return value.flatMap((el) => (isObject(el) ? reached(el, path) : []))
  if (isObject(value)) return reached(Object.hasOwn(value, path[0]) ? value[path[0]] : undefined, path.slice(1))
  return [undefined]
}

/** The value a document sorts by: its smallest on the path ascending, its largest descending. */
function sortValue(doc: Record<string, unknown>, path: string, dir: 1 | -1): unknown {
  const values = reached(doc, path.split('.'))
  return values.length ? values.reduce((best, v) => (compare(v, best) * dir < 0 ? v : best)) : null
}

/** The answer: mingo's matches in insertion order, stably sorted, then skipped and limited. */
function expected(docs: Record<string, unknown>[], r: Request): { ids: unknown[]; count: number } {
  const matcher = new Query(r.query)
  const matches = docs.filter((d) => matcher.test(d))
  const keyed = matches.map((doc) => ({ doc, keys: r.sort.map(([p, dir]) => sortValue(doc, p, dir)) }))
  keyed.sort((x, y) => {
    for (let i = 0; i < r.sort.length; i++) {
      const c = compare(x.keys[i], y.keys[i]) * r.sort[i][1]
      if (c) return c
    }
    return 0
  })
  const page = keyed.slice(r.skip, r.limit === undefined ? undefined : r.skip + r.limit)
  return { ids: page.map((k) => k.doc._id), count: matches.length }
}

// ------------------------------------------------------------------ the runs

let runNo = 0

async function twinCollections(): Promise<[string, string]> {
  const store = getEnv().emulator!.store
  const [indexed, twin] = [`ix_${++runNo}`, `twin_${runNo}`]
  store.createCollection(indexed)
  store.ensureIndexes(indexed, INDEXES)
  store.createCollection(twin)
  return [indexed, twin]
}

/** A plan's description without the index and field names. */
const planKind = (describe: string): string => describe.replace(/^IXSCAN (sort )?\S+/, 'IXSCAN $1').replace(/ +/g, ' ').trim()

/**
 * Inserts through the SDK's own requester: the SDK's bundled bson (4.x) sends -0 as 0, so
 * the documents are written as canonical Extended JSON by the current bson instead.
 */
async function insert(collection: string, docs: Record<string, unknown>[]): Promise<void> {
  const database = db() as any
  const data = docs.map((d) => EJSON.stringify(d, { relaxed: false }))
  const res = await new database.constructor.reqClass(database.config).send('database.insertDocument', { collectionName: collection, data })
  expect(res.data.insertedIds).toHaveLength(docs.length)
}

/** The request as an aggregation pipeline, sent through the SDK's requester as the SDK sends stages. */
async function aggregated(collection: string, r: Request): Promise<unknown[]> {
  const stages = [
    { $match: r.query },
    ...(r.sort.length ? [{ $sort: Object.fromEntries(r.sort) }] : []),
    ...(r.skip ? [{ $skip: r.skip }] : []),
    { $limit: r.limit ?? 1000 }
  ].map((s) => { const [[stageKey, value]] = Object.entries(s); return { stageKey, stageValue: EJSON.stringify(value, { relaxed: false }) } })
  const database = db() as any
  const res = await new database.constructor.reqClass(database.config).send('database.aggregateDocuments', { collectionName: collection, stages })
  return res.data.list.map((d: string) => (EJSON.parse(d) as { _id: unknown })._id)
}

async function answer(collection: string, r: Request, plans?: Set<string>) {
  let q = db().collection(collection).options({ raw: true }).where(r.query)
  for (const [field, dir] of r.sort) q = q.orderBy(field, dir === 1 ? 'asc' : 'desc')
  if (r.skip) q = q.skip(r.skip)
  if (r.limit) q = q.limit(r.limit)
  const { data } = await q.get()
  plans?.add(planKind(getEnv().emulator!.store.stats.lastPlan))
  const { total } = await db().collection(collection).options({ raw: true }).where(r.query).count()
  plans?.add(planKind(getEnv().emulator!.store.stats.lastPlan))
  return { docs: data as Record<string, unknown>[], count: total as number }
}

describe('an indexed collection, its unindexed twin and mingo give one answer', () => {
  const plansSeen = new Set<string>()

  it('for generated documents, queries, sorts, skips and limits', async () => {
    const requestsArb = fc.tuple(fc.array(requestArb, { minLength: 6, maxLength: 6 }), shapedRequestsArb).map(([a, b]) => [...a, ...b])
    await fc.assert(fc.asyncProperty(datasetArb, requestsArb, async (docs, requests) => {
      const [indexed, twin] = await twinCollections()
      if (docs.length) {
        await insert(indexed, docs)
        await insert(twin, docs)
      }
      // Stored as sent (-0 included); the reference reads the stored copies, plain objects all.
      const stored = (await db().collection(twin).limit(1000).get()).data as Record<string, unknown>[]
      expect(stored).toEqual(docs)
      for (const r of requests) {
        const fromIndex = await answer(indexed, r, plansSeen)
        const fromTwin = await answer(twin, r)
        const want = expected(stored, r)
        const seen = { ids: fromIndex.docs.map((d) => d._id), count: fromIndex.count }
        expect({ request: r, ...seen }).toEqual({ request: r, ...want })
        expect({ request: r, docs: fromTwin.docs, count: fromTwin.count }).toEqual({ request: r, docs: fromIndex.docs, count: fromIndex.count })
        expect({ request: r, aggregated: await aggregated(indexed, r) }).toEqual({ request: r, aggregated: want.ids })
      }
    }), { numRuns: Number(process.env.FC_RUNS ?? 25) })
  })

  it('took every kind of plan on the way (the comparison above is not vacuous)', () => {
    const kinds = ['IDHACK', 'IDSCAN (range)', 'IDSCAN (sorted)', 'IXSCAN', 'IXSCAN (range)', 'IXSCAN (count)', 'IXSCAN (range) (count)', 'IXSCAN sort', 'COLLSCAN']
    expect(kinds.filter((k) => !plansSeen.has(k))).toEqual([])
  })
})
