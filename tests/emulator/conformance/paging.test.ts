/**
 * What a query returns: projection (`field()`), order, skip/limit and CloudBase's page
 * limits (100 documents by default, 1000 at most).
 */
import { itEmu, useTestEnv } from './helpers'

const getEnv = useTestEnv()
const db = () => getEnv().app.database()

describe('projection with field()', () => {
  let c = ''
  beforeAll(async () => {
    c = await getEnv().collection('projection')
    await db().collection(c).add({ _id: 'p1', a: 1, b: { x: 1, y: 2 }, secret: 's', list: [1, 2, 3, 4] })
  })

  it('returns only the chosen fields and _id', async () => {
    const { data } = await db().collection(c).field({ a: true, secret: true }).get()
    expect(data).toEqual([{ _id: 'p1', a: 1, secret: 's' }])
  })

  it('drops the fields set to false and keeps the rest', async () => {
    const { data } = await db().collection(c).field({ secret: false, list: false }).get()
    expect(data).toEqual([{ _id: 'p1', a: 1, b: { x: 1, y: 2 } }])
  })

  it('selects nested fields by dot path', async () => {
    const { data } = await db().collection(c).field({ 'b.y': true }).get()
    expect(data).toEqual([{ _id: 'p1', b: { y: 2 } }])
  })

  it('can exclude _id', async () => {
    const { data } = await db().collection(c).field({ a: true, _id: false }).get()
    expect(data).toEqual([{ a: 1 }])
  })

  it('applies to doc().get too', async () => {
    const { data } = await db().collection(c).doc('p1').field({ b: true }).get()
    expect(data).toEqual([{ _id: 'p1', b: { x: 1, y: 2 } }])
  })

  it('slices arrays with db.command.project.slice', async () => {
    const { data } = await db().collection(c).field({ list: db().command.project.slice(2) }).get()
    expect(data[0].list).toEqual([1, 2])
  })
})

describe('orderBy, skip and limit', () => {
  let c = ''
  beforeAll(async () => {
    c = await getEnv().collection('order')
    // inserted out of order on purpose
    await db().collection(c).add([
      { k: 'e', g: 2, n: 5 },
      { k: 'a', g: 1, n: 1 },
      { k: 'd', g: 2, n: 4 },
      { k: 'c', g: 1, n: 3 },
      { k: 'b', g: 2, n: 2 },
      { k: 'f', g: 1, n: 6 }
    ])
  })

  const keys = (data: any[]) => data.map((d) => d.k).join('')

  it('sorts ascending and descending', async () => {
    expect(keys((await db().collection(c).orderBy('n', 'asc').get()).data)).toBe('abcdef')
    expect(keys((await db().collection(c).orderBy('n', 'desc').get()).data)).toBe('fedcba')
    expect(keys((await db().collection(c).orderBy('k', 'desc').get()).data)).toBe('fedcba')
  })

  it('sorts by several keys in the order given', async () => {
    expect(keys((await db().collection(c).orderBy('g', 'asc').orderBy('n', 'desc').get()).data)).toBe('fcaedb')
    expect(keys((await db().collection(c).orderBy('g', 'desc').orderBy('n', 'asc').get()).data)).toBe('bdeacf')
  })

  it('skips and limits after sorting', async () => {
    expect(keys((await db().collection(c).orderBy('n', 'asc').skip(2).limit(3).get()).data)).toBe('cde')
    expect(keys((await db().collection(c).orderBy('n', 'desc').limit(2).get()).data)).toBe('fe')
    expect(keys((await db().collection(c).orderBy('n', 'asc').skip(5).get()).data)).toBe('f')
    expect((await db().collection(c).orderBy('n', 'asc').skip(10).get()).data).toEqual([])
  })

  it('combines a filter with order and paging', async () => {
    const { data } = await db().collection(c).where({ g: 2 }).orderBy('n', 'asc').skip(1).limit(5).get()
    expect(keys(data)).toBe('de')
  })
})

describe('page limits', () => {
  const TOTAL = 1200
  let c = ''
  beforeAll(async () => {
    c = await getEnv().collection('limits')
    for (let start = 0; start < TOTAL; start += 200) {
      await db().collection(c).add(Array.from({ length: 200 }, (_, i) => ({ i: start + i })))
    }
  })

  it('holds every document', async () => {
    expect((await db().collection(c).count()).total).toBe(TOTAL)
  })

  it('returns 100 documents when no limit is given', async () => {
    const { data } = await db().collection(c).get()
    expect(data).toHaveLength(100)
  })

  it('returns at most 1000 documents, even when more are asked for', async () => {
    const { data } = await db().collection(c).limit(5000).get()
    expect(data).toHaveLength(1000)
    expect(new Set(data.map((d: any) => d._id)).size).toBe(1000)
  })

  itEmu('caps the limit on the server too, for a request that bypasses the SDK', async () => {
    const res = await fetch(getEnv().emulator!.adminUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ action: 'database.getDocument', envName: 'local', collectionName: c, limit: 5000 })
    })
    const body = await res.json()
    expect(body.data.list).toHaveLength(1000)
  })

  it('pages through the rest with skip', async () => {
    const { data } = await db().collection(c).orderBy('i', 'asc').skip(1000).limit(1000).get()
    expect(data.map((d: any) => d.i)).toEqual(Array.from({ length: 200 }, (_, i) => 1000 + i))
  })
})
