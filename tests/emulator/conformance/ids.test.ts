/**
 * Document ids: the generated form, supplied ids, and duplicate ids (which write nothing).
 */
import { expectCode, useTestEnv } from './helpers'

const getEnv = useTestEnv()
const db = () => getEnv().app.database()

describe('generated ids', () => {
  it('are 32 lowercase hexadecimal characters, and distinct', async () => {
    const c = await getEnv().collection('ids')
    const { ids } = await db().collection(c).add(Array.from({ length: 20 }, (_, i) => ({ i })))
    for (const id of ids!) expect(id).toMatch(/^[0-9a-f]{32}$/)
    expect(new Set(ids).size).toBe(20)
    const { data } = await db().collection(c).limit(100).get()
    expect(data.map((d: any) => d._id).sort()).toEqual([...ids!].sort())
  })
})

describe('supplied ids', () => {
  it('are kept as given', async () => {
    const c = await getEnv().collection('ids')
    const { id } = await db().collection(c).add({ _id: 'my-own-id', v: 1 })
    expect(id).toBe('my-own-id')
    expect((await db().collection(c).doc('my-own-id').get()).data).toEqual([{ _id: 'my-own-id', v: 1 }])
  })

  it('work in batches next to generated ones', async () => {
    const c = await getEnv().collection('ids')
    const { ids } = await db().collection(c).add([{ _id: 'first', v: 1 }, { v: 2 }])
    expect(ids![0]).toBe('first')
    expect(ids![1]).toMatch(/^[0-9a-f]{32}$/)
  })
})

describe('duplicate ids', () => {
  it('adding an existing _id fails with DATABASE_DUPLICATE_WRITE and leaves the document alone', async () => {
    const c = await getEnv().collection('ids')
    await db().collection(c).add({ _id: 'dup', v: 'original' })
    await expectCode(db().collection(c).add({ _id: 'dup', v: 'intruder' }), 'DATABASE_DUPLICATE_WRITE')
    expect((await db().collection(c).doc('dup').get()).data).toEqual([{ _id: 'dup', v: 'original' }])
    expect((await db().collection(c).count()).total).toBe(1)
  })

  it('a batch with one duplicate writes none of its documents', async () => {
    const c = await getEnv().collection('ids')
    await db().collection(c).add({ _id: 'dup', v: 'original' })
    await expectCode(
      db().collection(c).add([{ _id: 'new-1', v: 1 }, { _id: 'dup', v: 2 }, { _id: 'new-2', v: 3 }]),
      'DATABASE_DUPLICATE_WRITE'
    )
    expect((await db().collection(c).count()).total).toBe(1)
    expect((await db().collection(c).doc('new-1').get()).data).toEqual([])
    expect((await db().collection(c).doc('new-2').get()).data).toEqual([])
    expect((await db().collection(c).doc('dup').get()).data).toEqual([{ _id: 'dup', v: 'original' }])
  })

  it('a batch that repeats an id within itself writes nothing', async () => {
    const c = await getEnv().collection('ids')
    await expectCode(db().collection(c).add([{ _id: 'twice', v: 1 }, { _id: 'twice', v: 2 }]), 'DATABASE_DUPLICATE_WRITE')
    expect((await db().collection(c).count()).total).toBe(0)
  })

  it('the collection stays writable after a duplicate', async () => {
    const c = await getEnv().collection('ids')
    await db().collection(c).add({ _id: 'dup' })
    await expectCode(db().collection(c).add({ _id: 'dup' }), 'DATABASE_DUPLICATE_WRITE')
    const { id } = await db().collection(c).add({ _id: 'fine' })
    expect(id).toBe('fine')
    expect((await db().collection(c).count()).total).toBe(2)
  })
})
