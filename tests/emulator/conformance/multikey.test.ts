/**
 * Multikey indexes: a document holding an array on an indexed field is indexed under each
 * element, so an equality query on that field reads only the documents that hold the
 * value, and a unique index refuses an element another document already holds.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describeEmu, expectCode, useTestEnv } from './helpers'

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cb-multikey-'))
const collectionsFile = path.join(dir, 'collections.json')
fs.writeFileSync(collectionsFile, JSON.stringify({
  collections: [
    { name: 'teams', createIndexes: [{ name: 'memberIds_1', keys: [{ name: 'memberIds', direction: '1' }] }, { name: 'people_tag_1', keys: [{ name: 'people.tag', direction: '1' }] }] },
    { name: 'badges', createIndexes: [{ name: 'codes_1', unique: true, keys: [{ name: 'codes', direction: '1' }] }] }
  ]
}))

describeEmu('multikey indexes', () => {
  const getEnv = useTestEnv({ collectionsFile })
  const db = () => getEnv().app.database()
  const examinedBy = async (fn: () => Promise<unknown>): Promise<number> => {
    const stats = getEnv().emulator!.store.stats
    const before = stats.docsExamined
    await fn()
    return stats.docsExamined - before
  }
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }))

  it('finds documents by one element of an array, reading only those documents', async () => {
    await db().collection('teams').add(Array.from({ length: 200 }, (_, i) => ({
      _id: `t${i}`, memberIds: [`m${i}`, `m${i + 1}`, 'everyone'], people: [{ tag: `x${i % 10}` }]
    })))
    await db().collection('teams').add({ _id: 'scalar', memberIds: 'm5' })
    let ids: string[] = []
    const examined = await examinedBy(async () => {
      ids = (await db().collection('teams').where({ memberIds: 'm5' }).get()).data.map((d: any) => d._id).sort()
    })
    expect(ids).toEqual(['scalar', 't4', 't5'])
    expect(examined).toBe(3)
    const viaPath = await examinedBy(async () => {
      expect((await db().collection('teams').where({ 'people.tag': 'x3' }).count()).total).toBe(20)
    })
    expect(viaPath).toBe(20)
    expect((await db().collection('teams').where({ memberIds: db().command.in(['m0', 'm200']) }).get()).data.map((d: any) => d._id).sort()).toEqual(['t0', 't199'])
  })

  it('keeps element keys in step with updates and removals', async () => {
    await db().collection('teams').doc('t7').update({ memberIds: ['solo'] })
    expect((await db().collection('teams').where({ memberIds: 'm8' }).get()).data.map((d: any) => d._id)).toEqual(['t8'])
    expect((await db().collection('teams').where({ memberIds: 'solo' }).get()).data.map((d: any) => d._id)).toEqual(['t7'])
    await db().collection('teams').doc('t7').remove()
    expect((await db().collection('teams').where({ memberIds: 'solo' }).count()).total).toBe(0)
  })

  it('refuses a unique element that another document holds, scalar or in an array', async () => {
    await db().collection('badges').add({ _id: 'a', codes: ['A1', 'A2'] })
    await expectCode(db().collection('badges').add({ _id: 'b', codes: ['B1', 'A2'] }), 'DATABASE_DUPLICATE_WRITE')
    await expectCode(db().collection('badges').add({ _id: 'c', codes: 'A1' }), 'DATABASE_DUPLICATE_WRITE')
    await db().collection('badges').add({ _id: 'd', codes: ['D1'] })
    await expectCode(db().collection('badges').doc('d').update({ codes: ['D1', 'A1'] }), 'DATABASE_DUPLICATE_WRITE')
    expect((await db().collection('badges').doc('d').get()).data[0].codes).toEqual(['D1'])
    expect((await db().collection('badges').count()).total).toBe(2)
  })
})

const countDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cb-count-'))
const countCollections = path.join(countDir, 'collections.json')
fs.writeFileSync(countCollections, JSON.stringify({
  collections: [
    { name: 'rows', createIndexes: [{ name: 'kind_1_n_1', keys: [{ name: 'kind', direction: '1' }, { name: 'n', direction: '1' }] }] },
    { name: 'twin', createIndexes: [] }
  ]
}))

describeEmu('counting through an index', () => {
  const getEnv = useTestEnv({ collectionsFile: countCollections })
  const db = () => getEnv().app.database()
  afterAll(() => fs.rmSync(countDir, { recursive: true, force: true }))

  it('counts exactly what the matcher counts, reading no document when the index decides', async () => {
    const docs = Array.from({ length: 120 }, (_, i) => ({
      _id: `r${i}`,
      ...(i % 7 === 0 ? {} : { kind: i % 3 === 0 ? 'a' : i % 3 === 1 ? null : 'b' }),
      n: i % 11 === 0 ? String(i) : i
    }))
    await db().collection('rows').add(docs)
    await db().collection('twin').add(docs)
    const _ = db().command
    const queries = [
      {}, { kind: 'a' }, { kind: null }, { kind: _.in(['a', 'b']) }, { kind: 'a', n: _.gt(50) },
      { kind: 'b', n: _.gte(10).and(_.lt(40)) }, { kind: 'a', n: 33 }, { kind: _.eq('b') }, { kind: 'a', n: _.gt('5') },
      { kind: 'a', n: _.neq(3) }, { kind: _.exists(false) }
    ]
    for (const q of queries) {
      const stats = getEnv().emulator!.store.stats
      const before = stats.docsExamined
      const indexed = (await db().collection('rows').where(q).count()).total
      const examined = stats.docsExamined - before
      const plain = (await db().collection('twin').where(q).count()).total
      expect({ q: JSON.stringify(q), indexed }).toEqual({ q: JSON.stringify(q), indexed: plain })
      // Conditions the index holds exactly are counted in SQL alone.
      if (!('n' in q && JSON.stringify(q).includes('$ne')) && !JSON.stringify(q).includes('$exists')) expect({ q: JSON.stringify(q), examined }).toEqual({ q: JSON.stringify(q), examined: 0 })
    }
  })
})
