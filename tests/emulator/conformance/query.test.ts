/**
 * Query operators, as CloudBase (MongoDB) evaluates them: comparison, logic, nested
 * fields, existence, dates, arrays, regular expressions and server dates.
 */
import { useTestEnv } from './helpers'

const getEnv = useTestEnv()
const db = () => getEnv().app.database()
const _ = () => db().command

const JAN = new Date('2024-01-01T00:00:00.000Z')
const FEB = new Date('2024-02-01T00:00:00.000Z')
const MAR = new Date('2024-03-01T00:00:00.000Z')
const APR = new Date('2024-04-01T12:30:00.250Z')

/** The fixture every query below runs against; documents are known by `name`. */
const DOCS = [
  { name: 'a', n: 1, s: 'x', tags: ['red', 'blue'], nested: { k: 1, deep: { v: 'p' } }, when: JAN, items: [{ q: 1, c: 'u' }, { q: 5, c: 'v' }] },
  { name: 'b', n: 2, s: 'y', tags: ['blue'], nested: { k: 2, deep: { v: 'q' } }, when: FEB, items: [{ q: 2, c: 'u' }] },
  { name: 'c', n: 3, s: 'Xylophone', tags: [], nested: { k: 3 }, when: MAR, items: [] },
  { name: 'd', n: 4, tags: ['green', 'red', 'blue'], when: APR, opt: null },
  { name: 'e', n: 5, s: 'xenon', opt: 0 }
]

let coll = ''
beforeAll(async () => {
  coll = await getEnv().collection('query')
  await db().collection(coll).add(DOCS)
})

/** Names of the documents matching `query`, sorted. */
async function names(query: Record<string, unknown>): Promise<string[]> {
  const { data } = await db().collection(coll).where(query).get()
  return data.map((d: any) => d.name).sort()
}

describe('comparison operators', () => {
  it('eq matches equal values, as does a plain value', async () => {
    expect(await names({ n: _().eq(3) })).toEqual(['c'])
    expect(await names({ n: 3 })).toEqual(['c'])
    expect(await names({ s: 'x' })).toEqual(['a'])
  })

  it('neq matches every other value, including documents without the field', async () => {
    expect(await names({ n: _().neq(3) })).toEqual(['a', 'b', 'd', 'e'])
    expect(await names({ s: _().neq('x') })).toEqual(['b', 'c', 'd', 'e'])
  })

  it('gt, gte, lt, lte bound numbers', async () => {
    expect(await names({ n: _().gt(3) })).toEqual(['d', 'e'])
    expect(await names({ n: _().gte(3) })).toEqual(['c', 'd', 'e'])
    expect(await names({ n: _().lt(2) })).toEqual(['a'])
    expect(await names({ n: _().lte(2) })).toEqual(['a', 'b'])
  })

  it('in and nin test membership; nin also matches documents without the field', async () => {
    expect(await names({ n: _().in([1, 5, 9]) })).toEqual(['a', 'e'])
    expect(await names({ n: _().nin([1, 5]) })).toEqual(['b', 'c', 'd'])
    expect(await names({ s: _().nin(['x', 'y']) })).toEqual(['c', 'd', 'e'])
  })

  it('a comparison with a string does not match numbers (no type coercion)', async () => {
    expect(await names({ n: '3' })).toEqual([])
    expect(await names({ n: _().gt('0') })).toEqual([])
  })
})

describe('nested fields', () => {
  it('are reached by dot paths', async () => {
    expect(await names({ 'nested.k': 2 })).toEqual(['b'])
    expect(await names({ 'nested.deep.v': 'p' })).toEqual(['a'])
    expect(await names({ 'nested.k': _().gte(2) })).toEqual(['b', 'c'])
  })

  it('are reached by nested query objects, which match field by field', async () => {
    expect(await names({ nested: { k: _().gte(2) } })).toEqual(['b', 'c'])
    expect(await names({ nested: { deep: { v: 'q' } } })).toEqual(['b'])
    expect(await names({ nested: { k: 1, deep: { v: 'p' } } })).toEqual(['a'])
  })
})

describe('logic operators', () => {
  it('_.or matches documents matching any branch', async () => {
    expect(await names(_().or([{ n: 1 }, { s: 'y' }]) as any)).toEqual(['a', 'b'])
  })

  it('_.and matches documents matching every branch', async () => {
    expect(await names(_().and([{ n: _().gt(1) }, { n: _().lt(4) }]) as any)).toEqual(['b', 'c'])
    expect(await names(_().and([{ tags: 'blue' }, { n: _().gte(2) }]) as any)).toEqual(['b', 'd'])
  })

  it('_.nor matches documents matching no branch', async () => {
    expect(await names(_().nor([{ n: 1 }, { s: 'y' }]) as any)).toEqual(['c', 'd', 'e'])
  })

  it('field-level and/or combine conditions on one field', async () => {
    expect(await names({ n: _().gt(1).and(_().lt(5)) })).toEqual(['b', 'c', 'd'])
    expect(await names({ n: _().lt(2).or(_().gt(4)) })).toEqual(['a', 'e'])
  })

  it('conditions on several fields of one query are AND-ed', async () => {
    expect(await names({ n: _().gt(1), tags: 'red' })).toEqual(['d'])
  })
})

describe('exists and null', () => {
  it('exists(true) matches present fields, even when null; exists(false) matches absent ones', async () => {
    expect(await names({ opt: _().exists(true) })).toEqual(['d', 'e'])
    expect(await names({ s: _().exists(false) })).toEqual(['d'])
  })

  it('a null value matches documents where the field is null or missing', async () => {
    expect(await names({ opt: null })).toEqual(['a', 'b', 'c', 'd'])
    expect(await names({ opt: _().neq(null) })).toEqual(['e'])
  })
})

describe('dates', () => {
  it('a Date value reads back as a Date with the same instant', async () => {
    const { data } = await db().collection(coll).where({ name: 'd' }).get()
    expect(data[0].when).toBeInstanceOf(Date)
    expect(data[0].when.getTime()).toBe(APR.getTime())
  })

  it('dates compare by instant in equality and range queries', async () => {
    expect(await names({ when: new Date(FEB.getTime()) })).toEqual(['b'])
    expect(await names({ when: _().gte(FEB).and(_().lt(APR)) })).toEqual(['b', 'c'])
    expect(await names({ when: _().gt(MAR) })).toEqual(['d'])
    expect(await names({ when: _().lte(JAN) })).toEqual(['a'])
  })

  it('a date range does not match documents without a date', async () => {
    expect(await names({ when: _().lt(new Date('2100-01-01')) })).toEqual(['a', 'b', 'c', 'd'])
  })
})

describe('arrays', () => {
  it('a plain value matches arrays that contain it', async () => {
    expect(await names({ tags: 'red' })).toEqual(['a', 'd'])
  })

  it('a dot path with an index matches one array position', async () => {
    expect(await names({ 'tags.0': 'green' })).toEqual(['d'])
    expect(await names({ 'tags.1': 'blue' })).toEqual(['a'])
  })

  it('a whole array matches only the identical array', async () => {
    expect(await names({ tags: ['blue'] })).toEqual(['b'])
    expect(await names({ tags: ['blue', 'red'] })).toEqual([])
  })

  it('_.in matches arrays sharing any element', async () => {
    expect(await names({ tags: _().in(['green', 'nope']) })).toEqual(['d'])
    expect(await names({ tags: _().in(['blue']) })).toEqual(['a', 'b', 'd'])
  })

  it('_.all matches arrays containing every element, in any order', async () => {
    expect(await names({ tags: _().all(['blue', 'red']) })).toEqual(['a', 'd'])
  })

  it('_.size matches arrays of that length', async () => {
    expect(await names({ tags: _().size(1) })).toEqual(['b'])
    expect(await names({ tags: _().size(0) })).toEqual(['c'])
    expect(await names({ tags: _().size(3) })).toEqual(['d'])
  })

  it('_.elemMatch needs one element to satisfy every condition', async () => {
    // a has {q:1,c:'u'} and {q:5,c:'v'}: no single element has q >= 2 and c 'u'
    expect(await names({ items: _().elemMatch({ q: _().gte(2), c: 'u' }) })).toEqual(['b'])
    expect(await names({ items: _().elemMatch({ q: _().gt(4) }) })).toEqual(['a'])
  })

  it('a dot path through an array of objects matches any element', async () => {
    expect(await names({ 'items.c': 'u' })).toEqual(['a', 'b'])
    // without elemMatch the conditions may be met by different elements
    expect(await names({ 'items.q': _().gte(2), 'items.c': 'u' })).toEqual(['a', 'b'])
  })
})

describe('regular expressions', () => {
  it('db.RegExp with options "i" matches case-insensitively', async () => {
    expect(await names({ s: db().RegExp({ regexp: '^x', options: 'i' }) })).toEqual(['a', 'c', 'e'])
  })

  it('db.RegExp without options is case-sensitive', async () => {
    expect(await names({ s: db().RegExp({ regexp: '^x' }) })).toEqual(['a', 'e'])
  })

  it('a JavaScript RegExp is sent as a regular expression with its flags', async () => {
    expect(await names({ s: /^x/ })).toEqual(['a', 'e'])
    expect(await names({ s: /PHONE$/i })).toEqual(['c'])
    expect(await names({ s: /on$/ })).toEqual(['e'])
  })
})

describe('db.serverDate', () => {
  it('is stored as a Date of the server time, optionally offset', async () => {
    const c = await getEnv().collection('serverdate')
    const before = Date.now()
    const { ids } = await db().collection(c).add([
      { k: 'now', at: db().serverDate() },
      { k: 'later', at: db().serverDate({ offset: 60 * 60 * 1000 }) }
    ])
    const after = Date.now()
    const now = (await db().collection(c).doc(ids![0]).get()).data[0].at
    const later = (await db().collection(c).doc(ids![1]).get()).data[0].at
    expect(now).toBeInstanceOf(Date)
    expect(later).toBeInstanceOf(Date)
    // server clock: allow a little skew against the test machine
    expect(now.getTime()).toBeGreaterThanOrEqual(before - 30_000)
    expect(now.getTime()).toBeLessThanOrEqual(after + 30_000)
    expect(Math.abs(later.getTime() - now.getTime() - 3_600_000)).toBeLessThan(1_000)
  })

  it('can be set by an update and used in a query', async () => {
    const c = await getEnv().collection('serverdate')
    const { id } = await db().collection(c).add({ k: 'x' })
    await db().collection(c).doc(id!).update({ touched: db().serverDate() })
    const { data } = await db().collection(c).doc(id!).get()
    expect(data[0].touched).toBeInstanceOf(Date)
    const past = await db().collection(c).where({ touched: _().lte(db().serverDate()) }).count()
    const future = await db().collection(c).where({ touched: _().gt(db().serverDate({ offset: 60_000 })) }).count()
    expect(past.total).toBe(1)
    expect(future.total).toBe(0)
  })
})
