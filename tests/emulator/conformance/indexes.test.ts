/**
 * Indexes declared in a collections file (CloudBase's shape, fixtures/collections.json):
 * unique indexes refuse duplicates, indexed queries read only the documents they need,
 * and an index never changes a query's answer: every query below runs on an indexed
 * collection and on an unindexed twin with the same documents, and both must give the
 * answer MongoDB gives.
 *
 * The fixture's collections only exist on the emulator; against the cloud the same
 * semantics run on fresh collections, and the emulator-only parts are skipped.
 */
import path from 'node:path'
import { expectCode, FIXTURES, itEmu, onEmulator, useTestEnv } from './helpers'

const getEnv = useTestEnv({ collectionsFile: path.join(FIXTURES, 'collections.json') })
const db = () => getEnv().app.database()
const _ = () => db().command

/** The collection the fixture declares (on the emulator), or a fresh one (in the cloud). */
async function declared(name: string): Promise<string> {
  return onEmulator ? name : getEnv().collection(name)
}

/** Documents read from storage for the queries run by `fn` (emulator counter). */
async function examinedBy(fn: () => Promise<unknown>): Promise<number> {
  const stats = getEnv().emulator!.store.stats
  const before = stats.docsExamined
  await fn()
  return stats.docsExamined - before
}

describe('people: unique and compound indexes', () => {
  const CITIES = ['Beijing', 'Shanghai', 'Shenzhen', 'Hangzhou']
  let people = ''

  beforeAll(async () => {
    people = await declared('people')
    // 40 people: studentNo S000..S039, 10 per city, score = i
    await db().collection(people).add(Array.from({ length: 40 }, (_, i) => ({
      name: `P${i}`,
      studentNo: `S${String(i).padStart(3, '0')}`,
      city: CITIES[i % 4],
      score: i
    })))
  })

  describe('a unique index', () => {
    itEmu('refuses to add a document with a value already taken', async () => {
      const before = (await db().collection(people).count()).total
      await expectCode(db().collection(people).add({ name: 'Copy', studentNo: 'S007' }), 'DATABASE_DUPLICATE_WRITE')
      expect((await db().collection(people).count()).total).toBe(before)
      const { data } = await db().collection(people).where({ studentNo: 'S007' }).get()
      expect(data.map((d: any) => d.name)).toEqual(['P7'])
    })

    itEmu('refuses a whole batch when one document collides', async () => {
      const before = (await db().collection(people).count()).total
      await expectCode(
        db().collection(people).add([{ name: 'New1', studentNo: 'U001' }, { name: 'Clash', studentNo: 'S001' }]),
        'DATABASE_DUPLICATE_WRITE'
      )
      expect((await db().collection(people).count()).total).toBe(before)
      expect((await db().collection(people).where({ studentNo: 'U001' }).get()).data).toEqual([])
    })

    itEmu('refuses an update that would take a value already taken, and keeps the document', async () => {
      const { data: [p8] } = await db().collection(people).where({ studentNo: 'S008' }).get()
      await expectCode(db().collection(people).doc(p8._id).update({ studentNo: 'S009' }), 'DATABASE_DUPLICATE_WRITE')
      expect((await db().collection(people).doc(p8._id).get()).data).toEqual([p8])
      // a replacing set() is checked too
      await expectCode(db().collection(people).doc(p8._id).set({ name: 'P8', studentNo: 'S009' }), 'DATABASE_DUPLICATE_WRITE')
      expect((await db().collection(people).doc(p8._id).get()).data).toEqual([p8])
    })

    itEmu('refuses a multi-document update that would make two documents equal, changing none', async () => {
      await expectCode(
        db().collection(people).where({ studentNo: _().in(['S010', 'S011']) }).update({ studentNo: 'S999' }),
        'DATABASE_DUPLICATE_WRITE'
      )
      const { data } = await db().collection(people).where({ studentNo: _().in(['S010', 'S011', 'S999']) }).get()
      expect(data.map((d: any) => d.studentNo).sort()).toEqual(['S010', 'S011'])
    })

    itEmu('allows changing a value to a free one, which frees the old value', async () => {
      const { data: [p12] } = await db().collection(people).where({ studentNo: 'S012' }).get()
      await db().collection(people).doc(p12._id).update({ studentNo: 'S012-new' })
      const { id } = await db().collection(people).add({ name: 'Reuse', studentNo: 'S012' })
      expect((await db().collection(people).where({ studentNo: 'S012' }).get()).data.map((d: any) => d._id)).toEqual([id])
      await db().collection(people).doc(id!).remove()
      await db().collection(people).doc(p12._id).update({ studentNo: 'S012' })
    })

    itEmu('treats a missing value as null: only one document may lack the field', async () => {
      const { id } = await db().collection(people).add({ name: 'NoNumber' })
      await expectCode(db().collection(people).add({ name: 'NoNumberEither' }), 'DATABASE_DUPLICATE_WRITE')
      await db().collection(people).doc(id!).remove()
    })
  })

  describe('indexed queries read only what they need', () => {
    itEmu('an equality on the unique field examines one document', async () => {
      let data: any[] = []
      const n = await examinedBy(async () => {
        data = (await db().collection(people).where({ studentNo: 'S021' }).get()).data
      })
      expect(data.map((d) => d.name)).toEqual(['P21'])
      expect(n).toBe(1)
    })

    itEmu('an equality on the leading key of a compound index examines only the matches', async () => {
      let data: any[] = []
      const n = await examinedBy(async () => {
        data = (await db().collection(people).where({ city: 'Shanghai' }).limit(100).get()).data
      })
      expect(data).toHaveLength(10)
      expect(n).toBe(10)
    })

    itEmu('equality plus range on a compound index examines only the matches', async () => {
      let data: any[] = []
      const n = await examinedBy(async () => {
        data = (await db().collection(people).where({ city: 'Beijing', score: _().gte(20) }).get()).data
      })
      expect(data.map((d) => d.score).sort((a, b) => a - b)).toEqual([20, 24, 28, 32, 36])
      expect(n).toBe(5)
    })

    itEmu('_.in on an indexed field examines only the listed values', async () => {
      let data: any[] = []
      const n = await examinedBy(async () => {
        data = (await db().collection(people).where({ studentNo: _().in(['S001', 'S002', 'S030', 'nope']) }).get()).data
      })
      expect(data.map((d) => d.name).sort()).toEqual(['P1', 'P2', 'P30'])
      expect(n).toBe(3)
    })

    itEmu('a query on an unindexed field examines every document', async () => {
      const total = (await db().collection(people).count()).total
      let data: any[] = []
      const n = await examinedBy(async () => {
        data = (await db().collection(people).where({ name: 'P33' }).get()).data
      })
      expect(data.map((d) => d.studentNo)).toEqual(['S033'])
      expect(n).toBe(total)
    })

    itEmu('a query by _id examines one document', async () => {
      const { data: [p5] } = await db().collection(people).where({ studentNo: 'S005' }).get()
      expect(await examinedBy(() => db().collection(people).doc(p5._id).get())).toBe(1)
    })

    itEmu('GET /_emulator/stats reports the same counter and the plan used', async () => {
      await db().collection(people).where({ studentNo: 'S004' }).get()
      const stats = await (await fetch(`${getEnv().emulator!.url}/_emulator/stats`)).json()
      expect(stats.docsExamined).toBe(getEnv().emulator!.store.stats.docsExamined)
      expect(stats.lastPlan).toBe('IXSCAN studentNo_1')
      expect(stats.actions['database.getDocument']).toBeGreaterThan(0)
      await db().collection(people).where({ name: 'P4' }).get()
      expect((await (await fetch(`${getEnv().emulator!.url}/_emulator/stats`)).json()).lastPlan).toBe('COLLSCAN')
    })
  })
})

describe('an index never changes the answer', () => {
  const WHEN = new Date('2024-05-01T00:00:00.000Z')
  /**
   * Awkward values on the indexed fields x, city, score and profile.age: null vs missing,
   * arrays, mixed types, numbers sent as int32, int64 and double.
   */
  const DOCS = [
    { name: 'n01', x: null, city: 'A', score: 5 },
    { name: 'n02', city: 'B', score: { $numberDouble: '5.0' } },
    { name: 'n03', x: 'v', city: ['A', 'B'], score: 7 },
    { name: 'n04', x: 0, city: 'C', score: '7' },
    { name: 'n05', x: [1, null], city: 'A', score: 2 },
    { name: 'n06', x: false, city: 'B', score: { $numberLong: '5' } },
    { name: 'n07', x: 'w', city: 'C', score: null },
    { name: 'n08', x: 'v' },
    { name: 'n09', x: { y: 1 }, city: 'A', score: WHEN },
    { name: 'n10', city: 'B', score: 10.5, profile: { age: 30 } },
    { name: 'n11', city: 'A', score: -3, profile: { age: 'old' } },
    { name: 'n12', city: 'D', score: true, profile: null },
    { name: 'n13', city: ['C'], score: 8, profile: [{ age: 40 }, { age: 20 }] }
  ]
  let indexed = ''
  let twin = ''

  beforeAll(async () => {
    indexed = await declared('indexed_semantics')
    twin = await getEnv().collection('unindexed_twin')
    await db().collection(indexed).add(DOCS)
    await db().collection(twin).add(DOCS)
  })

  /** Runs a query on both collections; both must give `expected` (names, sorted). */
  async function expectBoth(query: Record<string, unknown>, expected: string[]): Promise<void> {
    const run = async (c: string) => (await db().collection(c).where(query).limit(1000).get()).data.map((d: any) => d.name).sort()
    expect({ indexed: await run(indexed), unindexed: await run(twin) }).toEqual({ indexed: expected, unindexed: expected })
  }

  it('numbers sent as int32, int64 and double are the same number', async () => {
    await expectBoth({ score: 5 }, ['n01', 'n02', 'n06'])
    await expectBoth({ score: { $numberDouble: '5.0' } }, ['n01', 'n02', 'n06'])
    await expectBoth({ score: { $numberLong: '5' } }, ['n01', 'n02', 'n06'])
  })

  it('null matches null, a missing field, and arrays holding null', async () => {
    await expectBoth({ x: null }, ['n01', 'n02', 'n05', 'n10', 'n11', 'n12', 'n13'])
    await expectBoth({ x: _().exists(false) }, ['n02', 'n10', 'n11', 'n12', 'n13'])
    await expectBoth({ city: null }, ['n08'])
    await expectBoth({ score: null }, ['n07', 'n08'])
  })

  it('equality does not cross types: 0 is not false, "7" is not 7', async () => {
    await expectBoth({ x: 0 }, ['n04'])
    await expectBoth({ x: false }, ['n06'])
    await expectBoth({ score: 7 }, ['n03'])
    await expectBoth({ score: '7' }, ['n04'])
    await expectBoth({ score: true }, ['n12'])
    await expectBoth({ score: WHEN }, ['n09'])
  })

  it('NaN equals NaN and nothing else', async () => {
    // kept out of the shared documents: mingo (the unindexed path) cannot sort NaN
    const { id: a } = await db().collection(indexed).add({ name: 'nan', score: NaN })
    const { id: b } = await db().collection(twin).add({ name: 'nan', score: NaN })
    await expectBoth({ score: NaN }, ['nan'])
    await expectBoth({ score: _().in([NaN, 2]) }, ['n05', 'nan'])
    await expectBoth({ score: _().lt(0) }, ['n11'])
    await expectBoth({ score: _().gt(8) }, ['n10'])
    await db().collection(indexed).doc(a!).remove()
    await db().collection(twin).doc(b!).remove()
  })

  it('an array-valued field matches each of its elements', async () => {
    await expectBoth({ city: 'A' }, ['n01', 'n03', 'n05', 'n09', 'n11'])
    await expectBoth({ city: 'B' }, ['n02', 'n03', 'n06', 'n10'])
    await expectBoth({ city: 'C' }, ['n04', 'n07', 'n13'])
    await expectBoth({ x: 1 }, ['n05'])
    await expectBoth({ x: [1, null] }, ['n05'])
    await expectBoth({ x: { y: 1 } }, ['n09'])
  })

  it('_.in on an indexed field matches any listed value, null included', async () => {
    await expectBoth({ score: _().in([5, 8, '7']) }, ['n01', 'n02', 'n04', 'n06', 'n13'])
    await expectBoth({ city: _().in(['C', 'D']) }, ['n04', 'n07', 'n12', 'n13'])
    await expectBoth({ x: _().in([null, 'w']) }, ['n01', 'n02', 'n05', 'n07', 'n10', 'n11', 'n12', 'n13'])
  })

  it('a range only matches values of the bound\'s type', async () => {
    await expectBoth({ score: _().gt(1) }, ['n01', 'n02', 'n03', 'n05', 'n06', 'n10', 'n13'])
    await expectBoth({ score: _().gt(1).and(_().lt(8)) }, ['n01', 'n02', 'n03', 'n05', 'n06'])
    await expectBoth({ score: _().lt('z') }, ['n04'])
    await expectBoth({ score: _().gte(new Date(0)) }, ['n09'])
    await expectBoth({ x: _().gte(0) }, ['n04', 'n05'])
  })

  it('equality and range on a compound index agree with the matcher', async () => {
    await expectBoth({ city: 'A', score: _().gt(1) }, ['n01', 'n03', 'n05'])
    await expectBoth({ city: 'B', score: 5 }, ['n02', 'n06'])
    await expectBoth({ city: 'C', score: _().lte(8) }, ['n13'])
  })

  it('a dotted indexed path through arrays and non-objects agrees with the matcher', async () => {
    await expectBoth({ 'profile.age': _().gt(25) }, ['n10', 'n13'])
    await expectBoth({ 'profile.age': 20 }, ['n13'])
    await expectBoth({ 'profile.age': null }, ['n01', 'n02', 'n03', 'n04', 'n05', 'n06', 'n07', 'n08', 'n09', 'n12'])
  })

  /** The sort key of a document as MongoDB compares it (missing and null are equal). */
  const keyOf = (v: unknown) => (v === undefined ? null : v instanceof Date ? v.toISOString() : v)

  async function orderOf(c: string, field: string, dir: 'asc' | 'desc', limit?: number, where: Record<string, unknown> = {}): Promise<unknown[]> {
    let q = db().collection(c).where(where).orderBy(field, dir)
    if (limit) q = q.limit(limit)
    const { data } = await q.get()
    return data.map((d: any) => keyOf(d[field]))
  }

  async function expectOrder(field: string, dir: 'asc' | 'desc', limit: number | undefined, expected: unknown[], where: Record<string, unknown> = {}): Promise<void> {
    expect({
      indexed: await orderOf(indexed, field, dir, limit, where),
      unindexed: await orderOf(twin, field, dir, limit, where)
    }).toEqual({ indexed: expected, unindexed: expected })
  }

  // BSON order: null/missing < numbers < strings < objects < booleans < dates
  const SCORE_ASC = [null, null, -3, 2, 5, 5, 5, 7, 8, 10.5, '7', true, WHEN.toISOString()]

  it('orderBy an indexed field sorts mixed types in BSON order, without a limit', async () => {
    await expectOrder('score', 'asc', undefined, SCORE_ASC)
    await expectOrder('score', 'desc', undefined, [...SCORE_ASC].reverse())
  })

  it('orderBy an indexed field with a limit returns the first documents of that order', async () => {
    await expectOrder('score', 'asc', 5, SCORE_ASC.slice(0, 5))
    await expectOrder('score', 'desc', 3, [WHEN.toISOString(), true, '7'])
  })

  it('orderBy an indexed field after an equality on an array-valued field', async () => {
    await expectOrder('score', 'asc', undefined, [-3, 2, 5, 7, WHEN.toISOString()], { city: 'A' })
    await expectOrder('score', 'desc', 2, [WHEN.toISOString(), 7], { city: 'A' })
  })

  it('orderBy an array-valued field sorts by its smallest element (ascending)', async () => {
    const run = async (c: string) => (await db().collection(c).orderBy('city', 'asc').get()).data.map((d: any) => d.name)
    // n08 has no city; among ties the order is unspecified, so compare groups
    const groups = (names: string[]) => names.map((n) => ({ n08: 0, n01: 1, n03: 1, n05: 1, n09: 1, n11: 1, n02: 2, n06: 2, n10: 2, n04: 3, n07: 3, n13: 3, n12: 4 } as Record<string, number>)[n])
    const expected = [0, 1, 1, 1, 1, 1, 2, 2, 2, 3, 3, 3, 4]
    expect({ indexed: groups(await run(indexed)), unindexed: groups(await run(twin)) }).toEqual({ indexed: expected, unindexed: expected })
  })

  itEmu('the queries above do take the index paths', async () => {
    const planOf = async (query: Record<string, unknown>, sort?: string, limit?: number) => {
      let q = db().collection(indexed).where(query)
      if (sort) q = q.orderBy(sort, 'asc')
      if (limit) q = q.limit(limit)
      await q.get()
      return getEnv().emulator!.store.stats.lastPlan
    }
    expect(await planOf({ x: null })).toBe('IXSCAN x_1')
    expect(await planOf({ city: 'A' })).toBe('IXSCAN city_1_score_1')
    expect(await planOf({ score: _().gt(1) })).toBe('IXSCAN score_1 (range)')
    expect(await planOf({ score: _().in([5, 8, '7']) })).toBe('IXSCAN score_1')
    expect(await planOf({}, 'score', 5)).toBe('IXSCAN sort score')
    expect(await planOf({}, 'score')).toBe('IXSCAN sort score')
    // the twin has no index at all
    await db().collection(twin).where({ x: null }).get()
    expect(getEnv().emulator!.store.stats.lastPlan).toBe('COLLSCAN')
  })

  it('index keys follow updates and removals', async () => {
    const { data: [n04] } = await db().collection(indexed).where({ name: 'n04' }).get()
    await db().collection(indexed).doc(n04._id).update({ city: ['E', 'C'], score: 9 })
    await db().collection(twin).where({ name: 'n04' }).update({ city: ['E', 'C'], score: 9 })
    await expectBoth({ city: 'E' }, ['n04'])
    await expectBoth({ city: 'C' }, ['n04', 'n07', 'n13'])
    await expectBoth({ score: '7' }, [])
    await expectBoth({ score: _().gt(8.5) }, ['n04', 'n10'])
    await db().collection(indexed).doc(n04._id).remove()
    await db().collection(twin).where({ name: 'n04' }).remove()
    await expectBoth({ city: 'E' }, [])
    await expectBoth({ score: _().gt(8.5) }, ['n10'])
  })

  it('a date on an indexed field keeps its key when another field of its document changes', async () => {
    await db().collection(indexed).where({ name: 'n09' }).update({ tag: 'touched' })
    await db().collection(twin).where({ name: 'n09' }).update({ tag: 'touched' })
    await expectBoth({ score: WHEN }, ['n09'])
    await expectBoth({ score: _().gt(new Date('2024-01-01T00:00:00.000Z')) }, ['n09'])
  })
})
