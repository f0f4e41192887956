/**
 * Update operators (`db.command.*`) and plain-object updates, checked on the whole
 * document read back afterwards.
 */
import { expectCode, rejectionOf, useTestEnv } from './helpers'

const getEnv = useTestEnv()
const db = () => getEnv().app.database()
const _ = () => db().command

let coll = ''
beforeAll(async () => {
  coll = await getEnv().collection('update')
})

/** Adds `doc`, applies `update` to it by id, and returns the stored result without `_id`. */
async function afterUpdate(doc: Record<string, unknown>, update: Record<string, unknown>): Promise<{ updated: number; doc: Record<string, unknown> }> {
  const { id } = await db().collection(coll).add(doc)
  const res = await db().collection(coll).doc(id!).update(update)
  const { data } = await db().collection(coll).doc(id!).get()
  expect(data).toHaveLength(1)
  const { _id, ...rest } = data[0]
  expect(_id).toBe(id)
  return { updated: res.updated, doc: rest }
}

describe('numeric operators', () => {
  it('_.inc adds to a number, and creates a missing field', async () => {
    expect((await afterUpdate({ n: 1 }, { n: _().inc(2) })).doc).toEqual({ n: 3 })
    expect((await afterUpdate({ n: 1 }, { n: _().inc(-5) })).doc).toEqual({ n: -4 })
    expect((await afterUpdate({ a: 1 }, { n: _().inc(7) })).doc).toEqual({ a: 1, n: 7 })
  })

  it('_.inc reaches nested fields', async () => {
    expect((await afterUpdate({ stats: { views: 10, likes: 1 } }, { stats: { views: _().inc(1) } })).doc)
      .toEqual({ stats: { views: 11, likes: 1 } })
  })

  it('_.mul multiplies a number', async () => {
    expect((await afterUpdate({ n: 3 }, { n: _().mul(4) })).doc).toEqual({ n: 12 })
    expect((await afterUpdate({ n: 3 }, { n: _().mul(0.5) })).doc).toEqual({ n: 1.5 })
  })

  it('_.min keeps the smaller value and _.max the larger', async () => {
    expect(await afterUpdate({ n: 5 }, { n: _().min(3) })).toEqual({ updated: 1, doc: { n: 3 } })
    expect(await afterUpdate({ n: 5 }, { n: _().min(10) })).toEqual({ updated: 0, doc: { n: 5 } })
    expect(await afterUpdate({ n: 5 }, { n: _().max(10) })).toEqual({ updated: 1, doc: { n: 10 } })
    expect(await afterUpdate({ n: 5 }, { n: _().max(1) })).toEqual({ updated: 0, doc: { n: 5 } })
  })
})

describe('array operators', () => {
  it('_.push appends one value', async () => {
    expect((await afterUpdate({ arr: [1] }, { arr: _().push(2) })).doc).toEqual({ arr: [1, 2] })
  })

  it('_.push with an array appends every element', async () => {
    expect((await afterUpdate({ arr: [1] }, { arr: _().push([2, 3]) })).doc).toEqual({ arr: [1, 2, 3] })
  })

  it('_.push with each/position inserts at that position', async () => {
    expect((await afterUpdate({ arr: [1, 4] }, { arr: _().push({ each: [2, 3], position: 1 }) })).doc).toEqual({ arr: [1, 2, 3, 4] })
  })

  it('_.push creates the array when the field is missing', async () => {
    expect((await afterUpdate({ a: 1 }, { arr: _().push('x') })).doc).toEqual({ a: 1, arr: ['x'] })
  })

  it('_.pull removes every element equal to the value', async () => {
    expect((await afterUpdate({ arr: [1, 2, 3, 2] }, { arr: _().pull(2) })).doc).toEqual({ arr: [1, 3] })
  })

  it('_.pullAll removes every element equal to any of the values', async () => {
    expect((await afterUpdate({ arr: [1, 2, 3, 1, 4] }, { arr: _().pullAll([1, 3]) })).doc).toEqual({ arr: [2, 4] })
  })

  it('_.addToSet adds a value only when it is not there yet', async () => {
    expect(await afterUpdate({ arr: ['a', 'b'] }, { arr: _().addToSet('c') })).toEqual({ updated: 1, doc: { arr: ['a', 'b', 'c'] } })
    expect(await afterUpdate({ arr: ['a', 'b'] }, { arr: _().addToSet('b') })).toEqual({ updated: 0, doc: { arr: ['a', 'b'] } })
  })

  it('_.pop removes the last element and _.shift the first', async () => {
    expect((await afterUpdate({ arr: [1, 2, 3] }, { arr: _().pop() })).doc).toEqual({ arr: [1, 2] })
    expect((await afterUpdate({ arr: [1, 2, 3] }, { arr: _().shift() })).doc).toEqual({ arr: [2, 3] })
  })

  it('_.unshift prepends values in the given order', async () => {
    expect((await afterUpdate({ arr: [3] }, { arr: _().unshift(1, 2) })).doc).toEqual({ arr: [1, 2, 3] })
    expect((await afterUpdate({ arr: [3] }, { arr: _().unshift([0]) })).doc).toEqual({ arr: [0, 3] })
  })
})

describe('field operators', () => {
  it('_.remove deletes a field', async () => {
    expect((await afterUpdate({ a: 1, b: 2 }, { b: _().remove() })).doc).toEqual({ a: 1 })
    expect((await afterUpdate({ o: { x: 1, y: 2 } }, { o: { y: _().remove() } })).doc).toEqual({ o: { x: 1 } })
  })

  it('_.set replaces a nested object instead of merging into it', async () => {
    expect((await afterUpdate({ o: { a: 1, b: 2 } }, { o: _().set({ c: 3 }) })).doc).toEqual({ o: { c: 3 } })
  })

  it('a plain nested object merges field by field (dot paths)', async () => {
    expect((await afterUpdate({ o: { a: 1, b: 2 } }, { o: { c: 3 } })).doc).toEqual({ o: { a: 1, b: 2, c: 3 } })
    expect((await afterUpdate({ profile: { name: 'x', age: 1, addr: { city: 'A', zip: '1' } } }, { profile: { age: 2, addr: { city: 'B' } } })).doc)
      .toEqual({ profile: { name: 'x', age: 2, addr: { city: 'B', zip: '1' } } })
  })

  it('an explicit dot path sets one nested field and creates missing parents', async () => {
    expect((await afterUpdate({ o: { a: 1 } }, { 'o.b': 2 })).doc).toEqual({ o: { a: 1, b: 2 } })
    expect((await afterUpdate({ k: 1 }, { 'p.q.r': true })).doc).toEqual({ k: 1, p: { q: { r: true } } })
  })

  it('_.rename moves a value to a new field name', async () => {
    expect((await afterUpdate({ old: 'v', other: 1 }, { old: _().rename('fresh') })).doc).toEqual({ fresh: 'v', other: 1 })
  })

  it('several operators apply together in one update', async () => {
    const res = await afterUpdate(
      { n: 1, arr: [1], gone: true, o: { a: 1 } },
      { n: _().inc(1), arr: _().push(2), gone: _().remove(), o: { b: 2 }, added: 'yes' }
    )
    expect(res).toEqual({ updated: 1, doc: { n: 2, arr: [1, 2], o: { a: 1, b: 2 }, added: 'yes' } })
  })
})

describe('_id is immutable', () => {
  it('the SDK refuses an update that names _id', async () => {
    const { id } = await db().collection(coll).add({ v: 1 })
    await expectCode(db().collection(coll).doc(id!).update({ _id: 'other', v: 2 }), 'INVALID_PARAM')
    expect((await db().collection(coll).doc(id!).get()).data).toEqual([{ _id: id, v: 1 }])
  })

  it('the server refuses a raw $set of _id and changes nothing', async () => {
    const { id } = await db().collection(coll).add({ v: 1 })
    const raw = db().collection(coll).options({ raw: true })
    const e = await rejectionOf(raw.where({ _id: id }).update({ $set: { _id: 'hijacked', v: 2 } }))
    expect(['INVALID_PARAM', 'DATABASE_REQUEST_FAILED']).toContain(e.code)
    expect((await db().collection(coll).doc(id!).get()).data).toEqual([{ _id: id, v: 1 }])
    expect((await db().collection(coll).doc('hijacked').get()).data).toEqual([])
  })

  it('the server refuses renaming a field onto _id and changes nothing', async () => {
    const { id } = await db().collection(coll).add({ a: 'other-id', v: 1 })
    await expectCode(db().collection(coll).doc(id!).update({ a: _().rename('_id') }), 'DATABASE_REQUEST_FAILED')
    expect((await db().collection(coll).doc(id!).get()).data).toEqual([{ _id: id, a: 'other-id', v: 1 }])
    expect((await db().collection(coll).doc('other-id').get()).data).toEqual([])
  })
})
