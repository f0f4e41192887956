/**
 * Document CRUD through the SDK: add, get, set, update, remove, updateAndReturn, count,
 * createCollection.
 */
import { expectCode, useTestEnv } from './helpers'

const getEnv = useTestEnv()
const db = () => getEnv().app.database()

describe('add', () => {
  it('adds one document and returns its id; the document reads back unchanged', async () => {
    const c = await getEnv().collection('crud')
    const res = await db().collection(c).add({ name: 'Ann', age: 30, tags: ['a', 'b'], profile: { city: 'Shanghai' } })
    expect(typeof res.id).toBe('string')
    const { data } = await db().collection(c).doc(res.id!).get()
    expect(data).toEqual([{ _id: res.id, name: 'Ann', age: 30, tags: ['a', 'b'], profile: { city: 'Shanghai' } }])
  })

  it('adds an array of documents in one call and returns every id in order', async () => {
    const c = await getEnv().collection('crud')
    const res = await db().collection(c).add([{ n: 1 }, { n: 2 }, { n: 3 }])
    expect(res.ids).toHaveLength(3)
    expect(new Set(res.ids).size).toBe(3)
    for (const [i, id] of res.ids!.entries()) {
      const { data } = await db().collection(c).doc(id).get()
      expect(data).toEqual([{ _id: id, n: i + 1 }])
    }
    expect((await db().collection(c).count()).total).toBe(3)
  })
})

describe('doc().get', () => {
  it('returns an empty list for an id that does not exist', async () => {
    const c = await getEnv().collection('crud')
    await db().collection(c).add({ n: 1 })
    const { data } = await db().collection(c).doc('no-such-id').get()
    expect(data).toEqual([])
  })
})

describe('doc().set', () => {
  it('replaces the whole document: fields not given are gone', async () => {
    const c = await getEnv().collection('crud')
    const { id } = await db().collection(c).add({ a: 1, b: 2, nested: { x: 1, y: 2 } })
    const res = await db().collection(c).doc(id!).set({ c: 3, nested: { z: 3 } })
    expect(res.updated).toBe(1)
    const { data } = await db().collection(c).doc(id!).get()
    expect(data).toEqual([{ _id: id, c: 3, nested: { z: 3 } }])
  })

  it('creates the document with the given id when it does not exist (upsert)', async () => {
    const c = await getEnv().collection('crud')
    const res = await db().collection(c).doc('set-created').set({ v: 'new' })
    expect(res.updated).toBe(0)
    expect(res.upsertedId).toBe('set-created')
    const { data } = await db().collection(c).doc('set-created').get()
    expect(data).toEqual([{ _id: 'set-created', v: 'new' }])
    expect((await db().collection(c).count()).total).toBe(1)
  })
})

describe('doc().update', () => {
  it('changes only the given fields and reports one update', async () => {
    const c = await getEnv().collection('crud')
    const { id } = await db().collection(c).add({ a: 1, b: 2 })
    const res = await db().collection(c).doc(id!).update({ b: 20, c: 30 })
    expect(res.updated).toBe(1)
    const { data } = await db().collection(c).doc(id!).get()
    expect(data).toEqual([{ _id: id, a: 1, b: 20, c: 30 }])
  })

  it('updates nothing (and creates nothing) when the id does not exist', async () => {
    const c = await getEnv().collection('crud')
    await db().collection(c).add({ a: 1 })
    const res = await db().collection(c).doc('missing').update({ a: 2 })
    expect(res.updated).toBe(0)
    expect((await db().collection(c).doc('missing').get()).data).toEqual([])
    expect((await db().collection(c).count()).total).toBe(1)
  })
})

describe('doc().remove', () => {
  it('removes exactly that document', async () => {
    const c = await getEnv().collection('crud')
    const { ids } = await db().collection(c).add([{ n: 1 }, { n: 2 }])
    const res = await db().collection(c).doc(ids![0]).remove()
    expect(res.deleted).toBe(1)
    expect((await db().collection(c).doc(ids![0]).get()).data).toEqual([])
    expect((await db().collection(c).doc(ids![1]).get()).data).toEqual([{ _id: ids![1], n: 2 }])
  })

  it('reports zero deletions for an id that does not exist', async () => {
    const c = await getEnv().collection('crud')
    await db().collection(c).add({ n: 1 })
    expect((await db().collection(c).doc('missing').remove()).deleted).toBe(0)
    expect((await db().collection(c).count()).total).toBe(1)
  })
})

describe('where().update and where().remove', () => {
  it('update changes every matching document and none of the others', async () => {
    const c = await getEnv().collection('crud')
    await db().collection(c).add([{ g: 'x', n: 1 }, { g: 'x', n: 2 }, { g: 'y', n: 3 }, { g: 'x', n: 4 }])
    const res = await db().collection(c).where({ g: 'x' }).update({ flag: true })
    expect(res.updated).toBe(3)
    const { data } = await db().collection(c).orderBy('n', 'asc').get()
    expect(data.map((d: any) => [d.n, d.flag])).toEqual([[1, true], [2, true], [3, undefined], [4, true]])
  })

  it('update counts only documents that really changed', async () => {
    const c = await getEnv().collection('crud')
    await db().collection(c).add([{ g: 'x', v: 1 }, { g: 'x', v: 2 }])
    const res = await db().collection(c).where({ g: 'x' }).update({ v: 1 })
    expect(res.updated).toBe(1)
  })

  it('remove deletes every matching document and none of the others', async () => {
    const c = await getEnv().collection('crud')
    await db().collection(c).add([{ g: 'x' }, { g: 'y' }, { g: 'x' }, { g: 'z' }])
    const res = await db().collection(c).where({ g: 'x' }).remove()
    expect(res.deleted).toBe(2)
    const { data } = await db().collection(c).get()
    expect(data.map((d: any) => d.g).sort()).toEqual(['y', 'z'])
  })
})

describe('updateAndReturn', () => {
  it('returns the document as it is after the update', async () => {
    const c = await getEnv().collection('crud')
    const _ = db().command
    const { id } = await db().collection(c).add({ name: 'counter', n: 1, keep: 'me' })
    const res = await db().collection(c).where({ name: 'counter' }).updateAndReturn({ n: _.inc(5), extra: 'yes' })
    expect(res.updated).toBe(1)
    expect(res.doc).toEqual({ _id: id, name: 'counter', n: 6, keep: 'me', extra: 'yes' })
    expect((await db().collection(c).doc(id!).get()).data[0]).toEqual(res.doc)
  })

  it('returns no document when nothing matches', async () => {
    const c = await getEnv().collection('crud')
    await db().collection(c).add({ name: 'other' })
    const res = await db().collection(c).where({ name: 'nobody' }).updateAndReturn({ n: 1 })
    expect(res.updated).toBe(0)
    expect(res.doc).toBeNull()
  })
})

describe('count', () => {
  it('counts all documents or only the matching ones', async () => {
    const c = await getEnv().collection('crud')
    await db().collection(c).add([{ k: 1 }, { k: 2 }, { k: 2 }, { k: 3 }, { k: 2 }])
    expect((await db().collection(c).count()).total).toBe(5)
    expect((await db().collection(c).where({ k: 2 }).count()).total).toBe(3)
    expect((await db().collection(c).where({ k: 9 }).count()).total).toBe(0)
  })
})

describe('createCollection', () => {
  it('creates an empty collection that can be used at once', async () => {
    const c = await getEnv().collection('crud')
    expect((await db().collection(c).count()).total).toBe(0)
    expect((await db().collection(c).get()).data).toEqual([])
  })

  it('refuses to create a collection that already exists', async () => {
    const c = await getEnv().collection('crud')
    await db().collection(c).add({ keep: 1 })
    await expectCode(db().createCollection(c), 'DATABASE_COLLECTION_ALREADY_EXIST')
    // the existing collection is untouched
    expect((await db().collection(c).count()).total).toBe(1)
  })
})
