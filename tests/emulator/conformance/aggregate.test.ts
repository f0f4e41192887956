/**
 * Aggregation pipelines through `collection.aggregate()...end()`, including $lookup
 * between collections and CloudBase's default of 20 documents without a $limit stage.
 */
import fc from 'fast-check'
import { useTestEnv } from './helpers'

const getEnv = useTestEnv()
const db = () => getEnv().app.database()
const $ = () => db().command.aggregate

const USERS = [
  { _id: 'u1', name: 'Ann', city: 'Shanghai' },
  { _id: 'u2', name: 'Bob', city: 'Beijing' },
  { _id: 'u3', name: 'Cai', city: 'Shanghai' }
]
/** 30 orders: order i belongs to u1/u2/u3 in turn and costs i. */
const ORDERS = Array.from({ length: 30 }, (_, i) => ({
  _id: `o${String(i).padStart(2, '0')}`,
  user: `u${(i % 3) + 1}`,
  amount: i,
  tags: i < 3 ? ['first', i % 2 ? 'odd' : 'even'] : []
}))

let orders = ''
let users = ''
beforeAll(async () => {
  orders = await getEnv().collection('orders')
  users = await getEnv().collection('users')
  await db().collection(orders).add(ORDERS)
  await db().collection(users).add(USERS)
})

describe('pipeline stages', () => {
  it('match + group + sort sums per group', async () => {
    const { data } = await db().collection(orders).aggregate()
      .match({ amount: db().command.gte(10) })
      .group({ _id: '$user', total: $().sum('$amount'), n: $().sum(1) })
      .sort({ total: -1 })
      .end()
    // amounts 10..29: u1 gets 12,15,..,27; u2 gets 10,13,..,28; u3 gets 11,14,..,29
    expect(data).toEqual([
      { _id: 'u3', total: 11 + 14 + 17 + 20 + 23 + 26 + 29, n: 7 },
      { _id: 'u2', total: 10 + 13 + 16 + 19 + 22 + 25 + 28, n: 7 },
      { _id: 'u1', total: 12 + 15 + 18 + 21 + 24 + 27, n: 6 }
    ])
  })

  it('project reshapes documents and computes fields', async () => {
    const { data } = await db().collection(orders).aggregate()
      .match({ _id: 'o05' })
      .project({ _id: 0, user: 1, double: $().multiply(['$amount', 2]) })
      .end()
    expect(data).toEqual([{ user: 'u3', double: 10 }])
  })

  it('sort + skip + limit pages through the results', async () => {
    const { data } = await db().collection(orders).aggregate()
      .sort({ amount: -1 })
      .skip(3)
      .limit(4)
      .project({ amount: 1 })
      .end()
    expect(data.map((d: any) => d.amount)).toEqual([26, 25, 24, 23])
  })

  it('unwind emits one document per array element and drops empty arrays', async () => {
    const { data } = await db().collection(orders).aggregate()
      .unwind('$tags')
      .sort({ amount: 1, tags: 1 })
      .project({ _id: 0, amount: 1, tags: 1 })
      .limit(100)
      .end()
    expect(data).toEqual([
      { amount: 0, tags: 'even' }, { amount: 0, tags: 'first' },
      { amount: 1, tags: 'first' }, { amount: 1, tags: 'odd' },
      { amount: 2, tags: 'even' }, { amount: 2, tags: 'first' }
    ])
  })

  it('count counts the documents that reach it', async () => {
    const { data } = await db().collection(orders).aggregate()
      .match({ user: 'u2' })
      .count('howMany')
      .end()
    expect(data).toEqual([{ howMany: 10 }])
  })

  it('lookup joins documents from another collection', async () => {
    const { data } = await db().collection(users).aggregate()
      .lookup({ from: orders, localField: '_id', foreignField: 'user', as: 'orders' })
      .project({ name: 1, orderCount: $().size('$orders'), spent: $().sum('$orders.amount') })
      .sort({ _id: 1 })
      .end()
    expect(data).toEqual([
      { _id: 'u1', name: 'Ann', orderCount: 10, spent: 0 + 3 + 6 + 9 + 12 + 15 + 18 + 21 + 24 + 27 },
      { _id: 'u2', name: 'Bob', orderCount: 10, spent: 1 + 4 + 7 + 10 + 13 + 16 + 19 + 22 + 25 + 28 },
      { _id: 'u3', name: 'Cai', orderCount: 10, spent: 2 + 5 + 8 + 11 + 14 + 17 + 20 + 23 + 26 + 29 }
    ])
  })

  it('lookup from the other side gives each order its user', async () => {
    const { data } = await db().collection(orders).aggregate()
      .match({ amount: db().command.lt(2) })
      .lookup({ from: users, localField: 'user', foreignField: '_id', as: 'who' })
      .unwind('$who')
      .project({ _id: 0, amount: 1, name: '$who.name', city: '$who.city' })
      .sort({ amount: 1 })
      .end()
    expect(data).toEqual([
      { amount: 0, name: 'Ann', city: 'Shanghai' },
      { amount: 1, name: 'Bob', city: 'Beijing' }
    ])
  })
})

describe('lookup edge cases', () => {
  it('joins nothing from a collection that does not exist (as MongoDB does)', async () => {
    const { data } = await db().collection(users).aggregate()
      .lookup({ from: 'no_such_collection_for_lookup', localField: '_id', foreignField: 'user', as: 'none' })
      .project({ none: 1 })
      .sort({ _id: 1 })
      .end()
    expect(data).toEqual([{ _id: 'u1', none: [] }, { _id: 'u2', none: [] }, { _id: 'u3', none: [] }])
  })
})

describe('dates of joined documents', () => {
  it('are dates to the stages after the $lookup: arithmetic, formatting, comparison, $max (generated)', async () => {
    const events = await getEnv().collection('events')
    const slots = await getEnv().collection('slots')
    await fc.assert(fc.asyncProperty(
      fc.array(fc.date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2030-01-01T00:00:00Z'), noInvalidDate: true }), { minLength: 1, maxLength: 4 }),
      fc.integer({ min: 1, max: 4 }),
      async (dates, joins) => {
        await db().collection(events).where({ _id: db().command.exists(true) }).remove()
        await db().collection(slots).where({ _id: db().command.exists(true) }).remove()
        await db().collection(events).add(dates.map((at, i) => ({ _id: `e${i}`, at })))
        // Several documents join the same event: each gets its own copy.
        await db().collection(slots).add(dates.flatMap((_d, i) => Array.from({ length: joins }, (_x, j) => ({ _id: `s${i}-${j}`, event: `e${i}` }))))
        const { data } = await db().collection(slots).aggregate()
          .lookup({ from: events, localField: 'event', foreignField: '_id', as: 'e' })
          .unwind('$e')
          .project({
            event: 1,
            later: $().add(['$e.at', 3600_000]),
            day: $().dateToString({ date: '$e.at', format: '%Y-%m-%d' }),
            past: $().lt(['$e.at', new Date('2025-01-01T00:00:00Z')])
          })
          .group({ _id: '$event', later: $().max('$later'), day: $().first('$day'), past: $().first('$past'), n: $().sum(1) })
          .sort({ _id: 1 })
          .limit(100)
          .end()
        expect(data.map((r: { _id: string; later: Date; day: string; past: boolean; n: number }) => [r._id, new Date(r.later).getTime(), r.day, r.past, r.n]))
          .toEqual(dates.map((at, i) => [`e${i}`, at.getTime() + 3600_000, at.toISOString().slice(0, 10), at < new Date('2025-01-01T00:00:00Z'), joins]).sort((a, b) => (a[0] < b[0] ? -1 : 1)))
      }), { numRuns: 15 })
  })
})

describe('default result size', () => {
  it('returns at most 20 documents when the pipeline has no $limit', async () => {
    const { data } = await db().collection(orders).aggregate().match({}).end()
    expect(data).toHaveLength(20)
  })

  it('applies the default to the output, not to the input of the pipeline', async () => {
    const { data } = await db().collection(orders).aggregate()
      .group({ _id: null, n: $().sum(1), total: $().sum('$amount') })
      .end()
    expect(data).toEqual([{ _id: null, n: 30, total: (29 * 30) / 2 }])
  })

  it('returns more than 20 when a $limit asks for them', async () => {
    const { data } = await db().collection(orders).aggregate().match({}).limit(25).end()
    expect(data).toHaveLength(25)
  })
})
