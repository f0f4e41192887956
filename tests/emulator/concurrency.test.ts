/**
 * Concurrent writers: atomic increments are exact, and transactions that read and write
 * the same documents are isolated (a lost update is impossible).
 */
import { openTestEnv, TestEnv } from '../helpers/cloudbase'

describe('concurrency', () => {
  let env: TestEnv
  beforeAll(async () => {
    env = await openTestEnv()
  })
  afterAll(() => env.close())

  it('applies 400 concurrent _.inc updates from 8 clients exactly', async () => {
    const coll = await env.collection('counters')
    const db = env.app.database()
    const _ = db.command
    const { id } = await db.collection(coll).add({ n: 0, byClient: {} })
    const clients = Array.from({ length: 8 }, (_, i) => env.appAs(`client${i}`).database())
    await Promise.all(Array.from({ length: 400 }, (_x, i) =>
      clients[i % 8].collection(coll).doc(id as string).update({ n: _.inc(1), [`byClient.c${i % 8}`]: _.inc(1) })))
    const { data } = await db.collection(coll).doc(id as string).get()
    expect(data[0].n).toBe(400)
    expect(Object.values(data[0].byClient)).toEqual(Array(8).fill(50))
  })

  it('lets only one of two transactions writing the same document commit', async () => {
    const coll = await env.collection('txconflict')
    const db = env.app.database()
    await db.collection(coll).add({ _id: 'acct', balance: 100 })
    const t1 = await db.startTransaction()
    const t2 = await db.startTransaction()
    const r1 = (await t1.collection(coll).doc('acct').get()).data
    const r2 = (await t2.collection(coll).doc('acct').get()).data
    await t1.collection(coll).doc('acct').update({ balance: r1.balance - 30 })
    const second = t2.collection(coll).doc('acct').update({ balance: r2.balance - 50 }).then(() => t2.commit())
    await expect(second).rejects.toMatchObject({ code: 'DATABASE_TRANSACTION_CONFLICT' })
    await t1.commit()
    const { data } = await db.collection(coll).doc('acct').get()
    expect(data[0].balance).toBe(70)
  })

  it('keeps read-modify-write transactions exact under contention', async () => {
    const coll = await env.collection('txcounter')
    const db = env.app.database()
    await db.collection(coll).add({ _id: 'c', value: 0 })
    let committed = 0
    const failures: string[] = []
    await Promise.all(Array.from({ length: 30 }, async () => {
      try {
        await db.runTransaction(async (tx: any) => {
          const { data } = await tx.collection(coll).doc('c').get()
          await tx.collection(coll).doc('c').update({ value: data.value + 1 })
        }, 10)
        committed++
      } catch (e: any) {
        failures.push(e.code)
      }
    }))
    const { data } = await db.collection(coll).doc('c').get()
    // Every committed transaction counted once; a transaction that gave up changed nothing.
    expect(data[0].value).toBe(committed)
    expect(committed).toBeGreaterThan(0)
    expect(failures.every((c) => c === 'DATABASE_TRANSACTION_CONFLICT')).toBe(true)
  })

  it('conserves the total over concurrent transfers between accounts', async () => {
    const coll = await env.collection('accounts')
    const db = env.app.database()
    await db.collection(coll).add(Array.from({ length: 5 }, (_, i) => ({ _id: `a${i}`, balance: 1000 })))
    await Promise.all(Array.from({ length: 40 }, async (_x, i) => {
      const from = `a${i % 5}`
      const to = `a${(i * 3 + 1) % 5}`
      if (from === to) return
      try {
        await db.runTransaction(async (tx: any) => {
          const a = (await tx.collection(coll).doc(from).get()).data
          const b = (await tx.collection(coll).doc(to).get()).data
          await tx.collection(coll).doc(from).update({ balance: a.balance - 7 })
          await tx.collection(coll).doc(to).update({ balance: b.balance + 7 })
        }, 10)
      } catch (e: any) {
        expect(e.code).toBe('DATABASE_TRANSACTION_CONFLICT')
      }
    }))
    const { data } = await db.collection(coll).limit(10).get()
    expect(data.reduce((s: number, d: any) => s + d.balance, 0)).toBe(5000)
  })
})
