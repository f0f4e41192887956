/**
 * A malformed database request is the caller's error: generated requests, each carrying at
 * least one value CloudBase refuses (a wrong type, null, an array, nesting beyond 100
 * levels, an unknown operator, an operator's argument of the wrong shape, JavaScript to
 * run), come back as INVALID_PARAM or DATABASE_REQUEST_FAILED with a message about the
 * input, never SYS_ERR or a JavaScript error's text; nothing changes, and the emulator
 * keeps serving. Requests go through the SDK's own requester, as the SDK sends them.
 */
import fc from 'fast-check'
import { useTestEnv } from './conformance/helpers'

const getEnv = useTestEnv()
const db = () => getEnv().app.database()

function send(action: string, params: Record<string, unknown>): Promise<any> {
  const database = db() as any
  return new database.constructor.reqClass(database.config).send(action, params)
}

const json = (v: unknown): string => JSON.stringify(v)
const field = fc.constantFrom('a', 'b', 'n.x', 'list')
/** Nesting deeper than MongoDB's 100 levels, as objects or arrays. */
const tooDeep = fc.tuple(fc.integer({ min: 101, max: 400 }), fc.boolean()).map(([depth, arrays]) => {
  let v: unknown = 1
  for (let i = 0; i < depth; i++) v = arrays ? [v] : { a: v }
  return v
})
/** Values of every JSON type but the one named. */
const notArray = fc.oneof(fc.integer(), fc.string(), fc.constant(null), fc.boolean(), fc.constant({ a: 1 }))
const notObject = fc.oneof(fc.integer(), fc.string(), fc.constant(null), fc.boolean(), fc.constant([1]))
const unknownOperator = fc.stringMatching(/^[a-z]{1,6}$/).map((s) => `$x_${s}`)
const RESERVED = ['__proto__', 'constructor', 'toString', 'a.__proto__', '__proto__.x', 'n.valueOf']

// ------------------------------------------------------------------ malformed filters

/** A query operator with an argument of a shape MongoDB refuses. */
const badOperator = fc.oneof(
  fc.tuple(fc.constantFrom('$in', '$nin', '$all'), notArray),
  fc.tuple(fc.constant('$size'), fc.oneof(fc.constant(-1), fc.constant(1.5), fc.string(), fc.constant(null))),
  fc.tuple(fc.constant('$mod'), fc.oneof(fc.integer(), fc.constant([1]), fc.constant([0, 1]), fc.constant(['a', 1]))),
  fc.tuple(fc.constant('$regex'), fc.oneof(fc.integer(), fc.constant({ a: 1 }), fc.constant('('), fc.constant('[z-a]'))),
  fc.tuple(fc.constant('$elemMatch'), notObject),
  fc.tuple(fc.constant('$not'), fc.oneof(fc.integer(), fc.string(), fc.constant({}), fc.constant([1]))),
  fc.tuple(unknownOperator, fc.integer()),
  fc.tuple(fc.constantFrom('$where', '$function'), fc.constant('function () { return true }'))
).map(([op, arg]) => ({ [op]: arg }))

/** A malformed condition somewhere in a query, possibly under logical operators. */
const badCondition: fc.Arbitrary<Record<string, unknown>> = fc.oneof(
  fc.tuple(field, badOperator).map(([f, op]) => ({ [f]: op })),
  fc.tuple(fc.constantFrom('$and', '$or', '$nor'), fc.oneof(notArray, fc.constant([]), fc.constant([1]))).map(([op, v]) => ({ [op]: v })),
  unknownOperator.map((op) => ({ [op]: 1 })),
  fc.constantFrom(
    { $expr: { $x_nope: 1 } }, { $expr: { $add: 'x' } }, { $expr: { $function: { body: 'return true', args: [], lang: 'js' } } },
    { a: { $regex: 'a', $options: 5 } }, { a: { $gt: 1, b: 2 } }
  ),
  fc.tuple(fc.constantFrom(...RESERVED), fc.integer()).map(([k, v]) => ({ [k]: v })),
  tooDeep.map((v) => ({ a: v }))
)

const badQueryValue = fc.oneof(
  badCondition.chain((bad) => fc.oneof(
    fc.constant(bad),
    fc.constantFrom('$and', '$or', '$nor').map((op) => ({ [op]: [{ a: 1 }, bad] })),
    fc.constant({ b: { $elemMatch: bad } }),
    fc.constant({ a: 1, ...bad })
  )).map(json),
  fc.constantFrom('{bad json', '[1]', '5', '"text"', 'null', 'true'),
  fc.oneof(fc.integer(), fc.boolean(), fc.constant([{ a: 1 }]))
)

// ------------------------------------------------------------------ malformed sorts, projections, updates, documents, stages

const badOrder = fc.oneof(
  fc.constantFrom('null', '5', '"a"', 'true', '[1]', '[null]', '[{"field":5}]', '[{"field":"a","direction":"up"}]', '{bad'),
  fc.tuple(field, fc.oneof(fc.constant(0), fc.constant(2), fc.constant('asc'), fc.constant(null), fc.constant({}))).map(([f, d]) => json({ [f]: d })),
  fc.tuple(fc.constantFrom('', '$a', 'a..b', '.a', ...RESERVED), fc.constant(1)).map(([f, d]) => json({ [f]: d })),
  tooDeep.map((v) => json({ a: 1, b: v })),
  fc.oneof(fc.integer({ min: 1 }), fc.constant(true))
)

const badProjection = fc.oneof(
  fc.constantFrom('5', '[1]', '"a"', '{bad', json({ a: 1, b: 0 }), json({ a: { $x_nope: 1 } }), json({ a: { $slice: 'x' } }), json({ '': 1 }), json({ a: { $elemMatch: 3 } })),
  fc.constantFrom(...RESERVED).map((k) => json({ [k]: 1 })),
  tooDeep.map((v) => json({ a: v })),
  fc.oneof(fc.integer({ min: 1 }), fc.constant(true))
)

const badUpdate = fc.oneof(
  fc.constantFrom('5', '[1]', 'null', '"a"', '{bad'),
  fc.tuple(fc.constantFrom('$set', '$inc', '$unset', '$push', '$min', '$max', '$mul', '$rename'), notObject).map(([op, v]) => json({ [op]: v })),
  fc.tuple(fc.constantFrom('$inc', '$mul'), field, fc.oneof(fc.string(), fc.constant(null), fc.constant({}))).map(([op, f, v]) => json({ [op]: { [f]: v } })),
  fc.tuple(unknownOperator, field).map(([op, f]) => json({ [op]: { [f]: 1 } })),
  fc.tuple(fc.constantFrom('$set', '$inc'), fc.constantFrom('', 'a..b', '.a', 'a.', '$a', '_id', ...RESERVED)).map(([op, f]) => json({ [op]: { [f]: 1 } })),
  fc.constantFrom(
    json({ $set: { a: 1 }, b: 2 }), json({ $set: { a: 1 }, $inc: { a: 1 } }), json({ $rename: { a: 5 } }), json({ $pop: { a: 'x' } }),
    json({ $push: { a: { $each: 3 } } }), json({ $addToSet: { a: { $each: 'x' } } }), json({ $currentDate: { a: 5 } }), json({ $setOnInsert: 3 })
  ),
  tooDeep.map((v) => json({ $set: { a: v } })),
  fc.oneof(fc.integer(), fc.boolean())
)

const badDocuments = fc.oneof(
  fc.oneof(fc.integer(), fc.string(), fc.constant(null), fc.constant({ a: 1 }), fc.constant([])),
  fc.constantFrom('5', '[1]', 'null', '{bad', json({ _id: { a: 1 } }), json({ _id: true }), json({ _id: [1] }), json({ $where: 'x' })).map((d) => [json({ ok: 1 }), d]),
  fc.constantFrom(...RESERVED).map((k) => [json({ [k]: 1 })]),
  fc.tuple(fc.constantFrom(...RESERVED), fc.integer({ min: 1, max: 40 })).map(([k, depth]) => {
    let inner = `{${json(k)}:1}`
    for (let i = 0; i < depth; i++) inner = `{"n":${inner}}`
    return [inner]
  }),
  tooDeep.map((v) => [json({ a: v })]),
  fc.array(fc.oneof(fc.integer(), fc.constant(null), fc.constant([1])), { minLength: 1, maxLength: 2 })
)

const stage = (stageKey: string, value: unknown) => ({ stageKey, stageValue: json(value) })
const badStage = fc.oneof(
  fc.constantFrom(
    stage('$limit', -1), stage('$limit', 'x'), stage('$skip', -1), stage('$sample', { size: 'x' }), stage('$sample', { size: 1.5 }),
    stage('$sample', 3), stage('$sample', { size: 0 }), stage('$group', 3), stage('$group', { n: { $sum: 1 } }), stage('$match', 3),
    stage('$match', { a: { $x_nope: 1 } }), stage('$unwind', 5), stage('$lookup', 3), stage('$project', { a: { $x_nope: 1 } }),
    stage('$group', { _id: null, n: { $accumulator: { init: 'function () {}' } } }), stage('$addFields', { a: { $function: { body: 'x', args: [], lang: 'js' } } }),
    stage('$sort', {}), stage('$count', ''), stage('$bucket', {}), stage('$replaceRoot', { newRoot: 5 }), stage('$out', 'elsewhere'),
    stage('$merge', { into: 'elsewhere' }), stage('$facet', { a: [] }), stage('$project', { r: { $range: [0, 1e12] } }),
    stage('$lookup', { from: 'x', pipeline: [{ $out: 'y' }], as: 'z' }), stage('$group', { _id: '$__proto__.x' })
  ),
  fc.tuple(unknownOperator, fc.integer()).map(([k, v]) => stage(k, v)),
  fc.oneof(notObject, fc.constant({ stageKey: 'match', stageValue: '{}' }), fc.constant({ stageKey: '$match', stageValue: '{bad' }), fc.constant({ stageKey: 5 })),
  tooDeep.map((v) => stage('$match', { a: v }))
)

const badCount = fc.oneof(fc.constant(-1), fc.constant(1.5), fc.constant('5'), fc.constant({}), fc.constant([]), fc.constant(true))

// ------------------------------------------------------------------ requests

const GOOD_QUERY = fc.constantFrom('{}', '{"a":1}', '{"b":{"$gt":0}}')

/** Requests of each action, with at least one malformed value among the ones it reads. */
const requestArb: fc.Arbitrary<{ action: string; params: Record<string, unknown> }> = fc.oneof(
  fc.record({ query: badQueryValue }).map((p) => ({ action: 'database.getDocument', params: p })),
  fc.record({ query: GOOD_QUERY, order: badOrder }).map((p) => ({ action: 'database.getDocument', params: p })),
  fc.record({ query: GOOD_QUERY, projection: badProjection }).map((p) => ({ action: 'database.getDocument', params: p })),
  fc.tuple(GOOD_QUERY, fc.constantFrom('limit', 'offset'), badCount).map(([query, k, v]) => ({ action: 'database.getDocument', params: { query, [k]: v } })),
  fc.record({ query: badQueryValue }).map((p) => ({ action: 'database.calculateDocument', params: p })),
  fc.record({ query: badQueryValue }).map((p) => ({ action: 'database.removeDocument', params: { ...p, multi: true } })),
  fc.record({ query: badQueryValue, data: fc.constant('{"$set":{"c":1}}') }).map((p) => ({ action: 'database.modifyDocument', params: { ...p, multi: true } })),
  fc.record({ query: GOOD_QUERY, data: badUpdate, merge: fc.boolean() }).map((p) => ({ action: 'database.modifyDocument', params: { ...p, multi: true } })),
  fc.record({ query: fc.oneof(GOOD_QUERY, fc.constant('{"a":"none"}')), data: badUpdate, upsert: fc.constant(true) }).map((p) => ({ action: 'database.modifyDocument', params: p })),
  fc.record({ query: GOOD_QUERY, data: badUpdate }).map((p) => ({ action: 'database.modifyAndReturnDoc', params: p })),
  fc.record({ data: badDocuments }).map((p) => ({ action: 'database.insertDocument', params: p })),
  fc.tuple(fc.array(fc.constant(stage('$match', {})), { maxLength: 1 }), badStage).map(([good, bad]) => ({ action: 'database.aggregateDocuments', params: { stages: [...good, bad] } })),
  fc.oneof(notArray, fc.constant('[]')).filter((v) => !Array.isArray(v)).map((stages) => ({ action: 'database.aggregateDocuments', params: { stages } }))
)

// ------------------------------------------------------------------ arbitrary read requests

const OPERATORS = [
  '$eq', '$ne', '$gt', '$gte', '$lt', '$lte', '$in', '$nin', '$and', '$or', '$nor', '$not', '$exists', '$type', '$size', '$all',
  '$elemMatch', '$regex', '$options', '$mod', '$expr', '$add', '$sum', '$avg', '$concat', '$cond', '$ifNull', '$map', '$filter',
  '$reduce', '$let', '$literal', '$arrayElemAt', '$split', '$substr', '$toUpper', '$dateToString', '$range', '$objectToArray',
  '$mergeObjects', '$first', '$push', '$slice', '$switch', '$toString', '$max',
  '$set', '$inc', '$unset', '$rename', '$pull', '$addToSet', '$pop', '$min', '$mul', '$currentDate', '$setOnInsert'
]
const STAGES = ['$match', '$group', '$project', '$sort', '$limit', '$skip', '$unwind', '$lookup', '$addFields', '$count', '$bucket',
  '$bucketAuto', '$sortByCount', '$replaceRoot', '$sample', '$geoNear']

/** Any JSON built from operator names, field names and field paths. */
const { anyValue } = fc.letrec<{ anyValue: unknown }>((tie) => ({
  anyValue: fc.oneof({ depthSize: 'small' },
    fc.oneof(fc.integer({ min: -3, max: 40 }), fc.constantFrom(1.5, -0, 1e12), fc.string({ maxLength: 3 }), fc.constantFrom('$a', '$n.x', '$$ROOT', 'a', '_id', 'n.x'), fc.boolean(), fc.constant(null)),
    fc.array(tie('anyValue'), { maxLength: 3 }),
    fc.dictionary(fc.oneof(fc.constantFrom(...OPERATORS), fc.constantFrom('a', 'b', 'n.x', '_id', 'size', 'from', 'as', 'path')), tie('anyValue'), { maxKeys: 3, noNullPrototype: true }))
}))

const anyObject = fc.dictionary(fc.oneof(fc.constantFrom(...OPERATORS), fc.constantFrom('a', 'b', 'n.x', '_id')), anyValue, { minKeys: 1, maxKeys: 3, noNullPrototype: true })
const anyCount = fc.oneof({ arbitrary: fc.integer({ min: 0, max: 5 }), weight: 4 }, { arbitrary: anyValue, weight: 1 })

const readRequestArb = fc.oneof(
  fc.record({ query: anyObject.map(json), order: fc.option(anyObject.map(json), { nil: undefined }), projection: fc.option(anyObject.map(json), { nil: undefined }),
    limit: fc.option(anyCount, { nil: undefined }), offset: fc.option(anyCount, { nil: undefined }) }).map((p) => ({ action: 'database.getDocument', params: p })),
  fc.record({ query: anyObject.map(json) }).map((p) => ({ action: 'database.calculateDocument', params: p })),
  fc.array(fc.tuple(fc.constantFrom(...STAGES), fc.oneof({ arbitrary: anyObject, weight: 3 }, { arbitrary: anyValue, weight: 1 })), { minLength: 1, maxLength: 3 })
    .map((stages) => ({ action: 'database.aggregateDocuments', params: { stages: stages.map(([k, v]) => stage(k, v)) } }))
)

const writeRequestArb = fc.oneof(
  fc.record({ query: anyObject.map(json), data: fc.oneof(anyObject, anyValue).map(json), merge: fc.boolean(), upsert: fc.boolean(), multi: fc.boolean() })
    .map((p) => ({ action: 'database.modifyDocument', params: p })),
  fc.record({ query: anyObject.map(json), data: anyObject.map(json) }).map((p) => ({ action: 'database.modifyAndReturnDoc', params: p })),
  fc.record({ query: anyObject.map(json), multi: fc.boolean() }).map((p) => ({ action: 'database.removeDocument', params: p })),
  fc.array(anyObject.map(json), { minLength: 1, maxLength: 2 }).map((data) => ({ action: 'database.insertDocument', params: { data } }))
)

// A JavaScript error's own words, which a reply must never carry.
const JS_ERROR_TEXT = /Cannot read prop|is not a function|is not iterable|Cannot convert|undefined or null|Maximum call stack|TypeError|ReferenceError/

describe('malformed database requests', () => {
  it('are refused as INVALID_PARAM or DATABASE_REQUEST_FAILED; nothing changes and the emulator keeps serving', async () => {
    const c = await getEnv().collection('malformed')
    await db().collection(c).add([
      { _id: 'r1', a: 1, b: 2, n: { x: 'p' }, list: [1, 2] },
      { _id: 'r2', a: 'two', b: -1, list: [] },
      { _id: 'r3', b: 5, n: { x: null } }
    ])
    const before = (await db().collection(c).get()).data
    await fc.assert(fc.asyncProperty(requestArb, async ({ action, params }) => {
      const e = await send(action, { collectionName: c, ...params }).then(() => null, (err) => err)
      const seen = { action, params, code: e?.code, message: e?.message }
      expect(seen).toEqual({ ...seen, code: expect.stringMatching(/^(INVALID_PARAM|DATABASE_REQUEST_FAILED)$/) })
      expect(seen.message).not.toMatch(JS_ERROR_TEXT)
      // nothing changed, and the next request is answered
      expect((await db().collection(c).get()).data).toEqual(before)
    }), { numRuns: Number(process.env.FC_RUNS ?? 500) })
  })

  it('built from any operators and arguments are answered or refused, never failed inside', async () => {
    const c = await getEnv().collection('arbitrary')
    await db().collection(c).add([{ _id: 'r1', a: 1, b: [1, 'x'], n: { x: 'p' } }, { _id: 'r2', a: 'two', b: 5 }])
    const before = (await db().collection(c).get()).data
    await fc.assert(fc.asyncProperty(readRequestArb, async ({ action, params }) => {
      const e = await send(action, { collectionName: c, ...params }).then(() => null, (err) => err)
      const seen = { action, params, code: e?.code, message: e?.message }
      if (e) expect(seen).toEqual({ ...seen, code: expect.stringMatching(/^(INVALID_PARAM|DATABASE_REQUEST_FAILED)$/) })
      expect(seen.message ?? '').not.toMatch(JS_ERROR_TEXT)
      expect((await db().collection(c).get()).data).toEqual(before)
    }), { numRuns: Number(process.env.FC_RUNS ?? 500) })
  })

  it('writing with any operators and arguments either applies or changes nothing, never failed inside', async () => {
    const c = await getEnv().collection('arbitrary_writes')
    const seed = [{ _id: 'r1', a: 1, b: [1, 'x'], n: { x: 'p' } }, { _id: 'r2', a: 'two', b: 5 }]
    await fc.assert(fc.asyncProperty(writeRequestArb, async ({ action, params }) => {
      // Keep the collection small: start again from the seed when writes emptied or grew it.
      const { total } = await db().collection(c).count()
      if (total === 0 || total > 10) {
        await db().collection(c).where({ _id: db().command.exists(true) }).remove()
        await db().collection(c).add(seed)
      }
      const before = (await db().collection(c).limit(1000).get()).data
      const e = await send(action, { collectionName: c, ...params }).then(() => null, (err) => err)
      const seen = { action, params, code: e?.code, message: e?.message }
      expect(seen.message ?? '').not.toMatch(JS_ERROR_TEXT)
      if (!e) {
        // an applied write leaves only documents the API can address
        const ids = ((await db().collection(c).limit(1000).get()).data as { _id: unknown }[]).map((d) => typeof d._id)
        expect({ seen, ids }).toEqual({ seen, ids: ids.map(() => expect.stringMatching(/^(string|number)$/)) })
        return
      }
      expect(seen).toEqual({ ...seen, code: expect.stringMatching(/^(INVALID_PARAM|DATABASE_REQUEST_FAILED|DATABASE_DUPLICATE_WRITE)$/) })
      expect((await db().collection(c).limit(1000).get()).data).toEqual(before)
    }), { numRuns: Number(process.env.FC_RUNS ?? 500) })
  })
})
