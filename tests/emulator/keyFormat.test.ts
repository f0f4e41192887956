/**
 * A data folder written before the current key format (string keys and ids in SQLite's
 * UTF-8 order, numeric ids as decimal text, the `object` field flag) is re-keyed once when
 * opened: its indexed ranges, sorts, id ranges and covered counts then answer as the
 * matcher does, and as a collection without indexes does.
 */
import Database from 'better-sqlite3'
import fc from 'fast-check'
import fs from 'node:fs'
import path from 'node:path'
import { Store } from '../../emulator/database/store'
import { tempDir } from '../helpers/cloudbase'

const CHARS = ['a', 'z', '\u00e9', '\ud7ff', '\ue000', '\uffff', '\u{1f600}', '\u{10000}']
const text = fc.string({ unit: fc.constantFrom(...CHARS), minLength: 1, maxLength: 3 })
const idsArb = fc.uniqueArray(fc.oneof(fc.integer({ min: -30, max: 30 }), text), { minLength: 1, maxLength: 15, comparator: 'SameValueZero' })

/** Rewrites a store file the way the previous key format wrote it. */
function writeOlderFormat(file: string): void {
  const db = new Database(file)
  for (const c of db.prepare('SELECT tbl, fields FROM __collections').all() as { tbl: string; fields: string }[]) {
    const fields = JSON.parse(c.fields) as { col: number; unordered: boolean }[]
    db.prepare('UPDATE __collections SET fields = ? WHERE tbl = ?')
      .run(JSON.stringify(fields.map(({ unordered, ...f }) => ({ ...f, object: unordered }))), c.tbl)
    for (const row of db.prepare(`SELECT rowid, body FROM "${c.tbl}"`).all() as { rowid: number; body: string }[]) {
      const doc = JSON.parse(row.body)
      db.prepare(`UPDATE "${c.tbl}" SET id = ? WHERE rowid = ?`).run(typeof doc._id === 'string' ? doc._id : `\u0000n:${doc._id}`, row.rowid)
      for (const f of fields) {
        if (typeof doc.s === 'string') db.prepare(`UPDATE "${c.tbl}" SET k${f.col}_v = ? WHERE rowid = ?`).run(doc.s, row.rowid)
      }
    }
  }
  db.pragma('user_version = 0')
  db.close()
}

describe('the key format', () => {
  const dirs: string[] = []
  afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })))

  it('of an older file is rebuilt when the file is opened', () => {
    fc.assert(fc.property(idsArb, fc.array(text, { minLength: 15, maxLength: 15 }), text, (ids, values, bound) => {
      const dir = tempDir('cb-keys-')
      dirs.push(dir)
      const file = path.join(dir, 'emulator.sqlite')
      const docs = ids.map((_id, i) => ({ _id, s: values[i] }))
      const before = new Store(file)
      before.createCollection('indexed')
      before.ensureIndexes('indexed', [{ name: 's_1', unique: false, keys: [{ field: 's', direction: 1 }] }])
      before.createCollection('plain')
      before.insert('indexed', structuredClone(docs))
      before.insert('plain', structuredClone(docs))
      before.close()
      writeOlderFormat(file)

      const store = new Store(file)
      try {
        const ask = (c: string) => ({
          range: store.find(c, { s: { $lt: bound } }).map((d) => d._id),
          count: store.count(c, { s: { $gte: bound } }),
          sorted: store.find(c, {}, { sort: [['s', 1]] }).map((d) => d.s),
          byId: store.find(c, {}, { sort: [['_id', 1]], limit: 5 }).map((d) => d._id),
          idRange: store.find(c, { _id: { $gt: bound } }).map((d) => d._id)
        })
        const expected = {
          range: docs.filter((d) => d.s < bound).map((d) => d._id),
          count: docs.filter((d) => d.s >= bound).length,
          sorted: docs.map((d) => d.s).sort(),
          // numbers before strings; strings in UTF-16 order, as JavaScript compares them
          byId: [...ids.filter((i) => typeof i === 'number').sort((a, b) => (a as number) - (b as number)), ...ids.filter((i) => typeof i === 'string').sort()].slice(0, 5),
          idRange: ids.filter((i) => typeof i === 'string' && i > bound)
        }
        expect(ask('indexed')).toEqual(expected)
        expect(ask('plain')).toEqual(expected)
      } finally {
        store.close()
      }
    }), { numRuns: 25 })
  })
})
