/**
 * Transactions: `db.runTransaction` and `db.startTransaction`. Writes stay private until
 * commit, commit applies all of them or none, and of two transactions writing the same
 * document only one can commit (the other gets DATABASE_TRANSACTION_CONFLICT).
 */
import { rejectionOf, useTestEnv } from './helpers'

const getEnv = useTestEnv()
const db = () => getEnv().app.database()
const _ = () => db().command

/** A fresh collection with two accounts: A holds 100, B holds 0. */
async function accounts(): Promise<string> {
  const c = await getEnv().collection('tx')
  await db().collection(c).add([{ _id: 'A', balance: 100 }, { _id: 'B', balance: 0 }])
  return c
}

async function balance(c: string, id: string): Promise<number | undefined> {
  const { data } = await db().collection(c).doc(id).get()
  return data[0]?.balance
}

/** Settles a promise into what happened: the value, or the error's code. */
function outcome<T>(p: Promise<T>): Promise<{ ok: T } | { code: string }> {
  return p.then((ok) => ({ ok }), (e: any) => ({ code: e?.code ?? String(e) }))
}

describe('runTransaction', () => {
  it('commits every write of the callback and returns its result', async () => {
    const c = await accounts()
    const result = await db().runTransaction(async (tx: any) => {
      const a = (await tx.collection(c).doc('A').get()).data
      const b = (await tx.collection(c).doc('B').get()).data
      await tx.collection(c).doc('A').update({ balance: a.balance - 30 })
      await tx.collection(c).doc('B').update({ balance: _().inc(30) })
      await tx.collection(c).doc('log-1').set({ amount: 30, from: 'A', to: 'B' })
      return { before: [a.balance, b.balance] }
    })
    expect(result).toEqual({ before: [100, 0] })
    expect(await balance(c, 'A')).toBe(70)
    expect(await balance(c, 'B')).toBe(30)
    expect((await db().collection(c).doc('log-1').get()).data).toEqual([{ _id: 'log-1', amount: 30, from: 'A', to: 'B' }])
  })

  it('rolls back every write when the callback throws, and rethrows the error', async () => {
    const c = await accounts()
    const e = await rejectionOf(db().runTransaction(async (tx: any) => {
      await tx.collection(c).doc('A').update({ balance: 0 })
      await tx.collection(c).doc('B').remove()
      await tx.collection(c).add({ _id: 'ghost', v: 1 })
      throw new Error('boom')
    }))
    expect(e).toBeInstanceOf(Error)
    expect(e.message).toBe('boom')
    expect(await balance(c, 'A')).toBe(100)
    expect(await balance(c, 'B')).toBe(0)
    expect((await db().collection(c).doc('ghost').get()).data).toEqual([])
    expect((await db().collection(c).count()).total).toBe(2)
  })
})

describe('runTransaction with an explicit rollback', () => {
  it('discards the writes and rejects with the reason given to rollback', async () => {
    const c = await accounts()
    const e = await db().runTransaction(async (tx: any) => {
      await tx.collection(c).doc('A').update({ balance: 0 })
      await tx.rollback('not enough money')
    }).then(() => 'resolved', (reason: unknown) => reason)
    expect(e).toBe('not enough money')
    expect(await balance(c, 'A')).toBe(100)
  })
})

describe('startTransaction', () => {
  it('rollback discards the writes', async () => {
    const c = await accounts()
    const tx = await db().startTransaction()
    await tx.collection(c).doc('A').update({ balance: 1 })
    await tx.collection(c).doc('B').remove()
    await tx.rollback()
    expect(await balance(c, 'A')).toBe(100)
    expect(await balance(c, 'B')).toBe(0)
  })

  it('reads its own writes, which stay invisible outside until commit', async () => {
    const c = await accounts()
    const tx = await db().startTransaction()
    await tx.collection(c).doc('A').update({ balance: 55, note: 'inside' })
    await tx.collection(c).doc('B').remove()
    expect((await tx.collection(c).doc('A').get()).data).toEqual({ _id: 'A', balance: 55, note: 'inside' })
    expect((await tx.collection(c).doc('B').get()).data).toBeNull()
    // outside the transaction nothing has happened yet
    expect((await db().collection(c).doc('A').get()).data).toEqual([{ _id: 'A', balance: 100 }])
    expect(await balance(c, 'B')).toBe(0)
    await tx.commit()
    expect((await db().collection(c).doc('A').get()).data).toEqual([{ _id: 'A', balance: 55, note: 'inside' }])
    expect((await db().collection(c).doc('B').get()).data).toEqual([])
  })

  it('a document added in a transaction appears only after commit', async () => {
    const c = await accounts()
    const tx = await db().startTransaction()
    const res = await tx.collection(c).add({ _id: 'C', balance: 7 })
    expect(res.id).toBe('C')
    expect((await tx.collection(c).doc('C').get()).data).toEqual({ _id: 'C', balance: 7 })
    expect((await db().collection(c).doc('C').get()).data).toEqual([])
    expect((await db().collection(c).count()).total).toBe(2)
    await tx.commit()
    expect((await db().collection(c).doc('C').get()).data).toEqual([{ _id: 'C', balance: 7 }])
    expect((await db().collection(c).count()).total).toBe(3)
  })

  it('a document added and rolled back never appears', async () => {
    const c = await accounts()
    const tx = await db().startTransaction()
    const { id } = await tx.collection(c).add({ balance: 7 })
    expect(id).toMatch(/^[0-9a-f]{32}$/)
    await tx.rollback()
    expect((await db().collection(c).doc(id).get()).data).toEqual([])
    expect((await db().collection(c).count()).total).toBe(2)
  })
})

describe('isolation', () => {
  it('a transaction does not see a write made outside after it started (or it fails with a conflict)', async () => {
    const c = await accounts()
    const tx = await db().startTransaction()
    // the first read fixes the snapshot
    expect((await tx.collection(c).doc('B').get()).data).toEqual({ _id: 'B', balance: 0 })
    await db().collection(c).doc('A').update({ balance: 999 })
    const read = await outcome(tx.collection(c).doc('A').get().then((r: any) => r.data.balance))
    expect([{ ok: 100 }, { code: 'DATABASE_TRANSACTION_CONFLICT' }]).toContainEqual(read)
    await tx.rollback().catch(() => undefined)
    expect(await balance(c, 'A')).toBe(999)
  })

  it('of two transactions updating the same document only one commits', async () => {
    const c = await accounts()
    const tx1 = await db().startTransaction()
    const tx2 = await db().startTransaction()
    await tx1.collection(c).doc('A').update({ balance: _().inc(1) })
    // tx2 may be refused at once (write conflict) or at commit
    const second = await outcome(tx2.collection(c).doc('A').update({ balance: _().inc(10) }).then(() => tx2.commit()))
    const first = await outcome(tx1.commit())
    const codes = [first, second].map((o) => ('code' in o ? o.code : 'committed')).sort()
    expect(codes).toEqual(['DATABASE_TRANSACTION_CONFLICT', 'committed'])
    // exactly the winner's increment landed
    expect(await balance(c, 'A')).toBe('code' in second ? 101 : 110)
  })

  it('a transaction whose read was overwritten by a committed transaction cannot commit its write', async () => {
    const c = await accounts()
    const tx1 = await db().startTransaction()
    const tx2 = await db().startTransaction()
    const seen1 = (await tx1.collection(c).doc('A').get()).data.balance
    const seen2 = (await tx2.collection(c).doc('A').get()).data.balance
    expect([seen1, seen2]).toEqual([100, 100])
    await tx1.collection(c).doc('A').update({ balance: seen1 - 60 })
    await tx1.commit()
    const late = await outcome(tx2.collection(c).doc('A').update({ balance: seen2 - 70 }).then(() => tx2.commit()))
    expect(late).toEqual({ code: 'DATABASE_TRANSACTION_CONFLICT' })
    expect(await balance(c, 'A')).toBe(40)
  })

  it('runTransaction retries a conflicting callback, so concurrent increments all land', async () => {
    const c = await accounts()
    const increment = () => db().runTransaction(async (tx: any) => {
      const { data } = await tx.collection(c).doc('B').get()
      await tx.collection(c).doc('B').update({ balance: data.balance + 1 })
    }, 10)
    const results = await Promise.all([increment(), increment(), increment()].map(outcome))
    expect(results).toEqual([{ ok: undefined }, { ok: undefined }, { ok: undefined }])
    expect(await balance(c, 'B')).toBe(3)
  })
})
