/**
 * Errors come back as CloudBase's codes, which the SDK throws as `error.code`; the server
 * keeps serving after every one of them.
 */
import { describeEmu, expectCode, itEmu, unique, useTestEnv } from './helpers'

const getEnv = useTestEnv()
const db = () => getEnv().app.database()

/** Sends one action through the SDK's own signed database requester, bypassing its API. */
function sendAction(action: string, params: Record<string, unknown> = {}): Promise<any> {
  const database = db() as any
  const Requester = database.constructor.reqClass
  return new Requester(database.config).send(action, params)
}

describe('a collection that does not exist', () => {
  const missing = unique('no_such_collection')

  it('get fails with DATABASE_COLLECTION_NOT_EXIST', async () => {
    await expectCode(db().collection(missing).get(), 'DATABASE_COLLECTION_NOT_EXIST')
    await expectCode(db().collection(missing).doc('x').get(), 'DATABASE_COLLECTION_NOT_EXIST')
  })

  it('add fails with DATABASE_COLLECTION_NOT_EXIST and does not create the collection', async () => {
    await expectCode(db().collection(missing).add({ a: 1 }), 'DATABASE_COLLECTION_NOT_EXIST')
    await expectCode(db().collection(missing).count(), 'DATABASE_COLLECTION_NOT_EXIST')
  })

  it('update fails with DATABASE_COLLECTION_NOT_EXIST', async () => {
    await expectCode(db().collection(missing).doc('x').update({ a: 1 }), 'DATABASE_COLLECTION_NOT_EXIST')
    await expectCode(db().collection(missing).where({ a: 1 }).update({ a: 2 }), 'DATABASE_COLLECTION_NOT_EXIST')
  })

  it('count fails with DATABASE_COLLECTION_NOT_EXIST', async () => {
    await expectCode(db().collection(missing).where({ a: 1 }).count(), 'DATABASE_COLLECTION_NOT_EXIST')
  })

  it('remove fails with DATABASE_COLLECTION_NOT_EXIST', async () => {
    await expectCode(db().collection(missing).where({ a: 1 }).remove(), 'DATABASE_COLLECTION_NOT_EXIST')
  })
})

describe('a malformed query', () => {
  it('an unknown query operator fails with DATABASE_REQUEST_FAILED, and the next query works', async () => {
    const c = await getEnv().collection('errors')
    await db().collection(c).add([{ a: 1 }, { a: 2 }])
    await expectCode(db().collection(c).where({ a: { $foo: 1 } }).get(), 'DATABASE_REQUEST_FAILED')
    await expectCode(db().collection(c).where({ a: { $foo: 1 } }).count(), 'DATABASE_REQUEST_FAILED')
    await expectCode(db().collection(c).where({ a: { $foo: 1 } }).update({ b: 1 }), 'DATABASE_REQUEST_FAILED')
    // nothing was changed, and the server still answers
    const { data } = await db().collection(c).where({ a: 2 }).get()
    expect(data.map((d: any) => [d.a, d.b])).toEqual([[2, undefined]])
  })

  it('an unknown update operator fails and changes nothing', async () => {
    const c = await getEnv().collection('errors')
    const { id } = await db().collection(c).add({ a: 1 })
    const raw = db().collection(c).options({ raw: true })
    await expectCode(raw.where({ _id: id }).update({ $frobnicate: { a: 2 } }), 'DATABASE_REQUEST_FAILED')
    expect((await db().collection(c).doc(id!).get()).data).toEqual([{ _id: id, a: 1 }])
  })

  it('an unknown aggregation operator fails with DATABASE_REQUEST_FAILED', async () => {
    const c = await getEnv().collection('errors')
    await db().collection(c).add({ a: 1 })
    await expectCode(db().collection(c).aggregate().group({ _id: '$a', n: { $nonsense: 1 } }).end(), 'DATABASE_REQUEST_FAILED')
    expect((await db().collection(c).count()).total).toBe(1)
  })
})

describe('an unknown action', () => {
  it('fails with INVALID_ACTION through the SDK requester', async () => {
    await expectCode(sendAction('database.nope', { collectionName: 'x' }), 'INVALID_ACTION')
    await expectCode(sendAction('nope'), 'INVALID_ACTION')
  })

  itEmu('fails with INVALID_ACTION on a raw POST, and the server keeps serving', async () => {
    const post = (body: unknown) => fetch(getEnv().emulator!.adminUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body)
    })
    const res = await post({ action: 'database.nope' })
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({ code: 'INVALID_ACTION', message: expect.any(String), requestId: expect.any(String) })
    expect((await (await post({})).json()).code).toBe('INVALID_ACTION')
    // a body that is not JSON at all
    const bad = await fetch(getEnv().emulator!.adminUrl, { method: 'POST', body: '{not json' })
    expect((await bad.json()).code).toBe('INVALID_PARAM')
    const c = await getEnv().collection('errors')
    expect((await db().collection(c).count()).total).toBe(0)
  })
})

describeEmu('a request body over the size limit', () => {
  const getSmall = useTestEnv({ limits: { maxRequestBytes: 10_000 } })

  it('fails with EXCEED_REQUEST_SIZE_LIMIT, writes nothing, and the next request works', async () => {
    const small = getSmall()
    const c = await small.collection('limits')
    const sdb = small.app.database()
    await expectCode(sdb.collection(c).add({ blob: 'x'.repeat(20_000) }), 'EXCEED_REQUEST_SIZE_LIMIT')
    expect((await sdb.collection(c).count()).total).toBe(0)
    const { id } = await sdb.collection(c).add({ blob: 'x'.repeat(1_000) })
    expect((await sdb.collection(c).doc(id!).get()).data[0].blob).toHaveLength(1_000)
  })

  it('applies to function calls as well', async () => {
    const small = getSmall()
    await expectCode(small.app.callFunction({ name: 'ping', data: { pad: 'y'.repeat(20_000) } }), 'EXCEED_REQUEST_SIZE_LIMIT')
  })
})
