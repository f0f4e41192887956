/**
 * Multi-request transactions with optimistic concurrency, as CloudBase (MongoDB) offers
 * them: a transaction reads and writes single documents by `_id`; its writes stay
 * private until commit; commit applies them all in one SQLite transaction or none.
 *
 * Isolation: every stored document carries the sequence number of the write that made
 * it. A transaction remembers the sequence number of every document it read or wrote;
 * commit fails with DATABASE_TRANSACTION_CONFLICT if any of them changed meanwhile
 * (first committer wins). A document written by another open transaction is a conflict at
 * once, as MongoDB's WriteConflict is.
 */
import { randomBytes } from 'node:crypto'
import { EmulatorError, invalidParam } from '../errors'
import { Doc } from './codec'
import { docKey, newDocId, Store } from './store'

interface Tx {
  id: string
  startSeq: number
  lastUsed: number
  /** observed sequence number (0 = absent) of every document read or written */
  observed: Map<string, { collection: string; id: unknown; seq: number }>
  /** pending state of written documents (null = deleted) */
  pending: Map<string, Doc | null>
}

export class TransactionManager {
  private readonly open = new Map<string, Tx>()
  /** document key -> id of the open transaction that has written it */
  private readonly writers = new Map<string, string>()

  constructor(private readonly store: Store, private readonly lifetimeMs = 60_000) {}

  start(): string {
    this.expire()
    const id = randomBytes(12).toString('hex')
    this.open.set(id, { id, startSeq: this.store.currentSeq, lastUsed: Date.now(), observed: new Map(), pending: new Map() })
    return id
  }

  private expire(): void {
    const now = Date.now()
    for (const tx of this.open.values()) if (now - tx.lastUsed > this.lifetimeMs) this.release(tx)
  }

  private release(tx: Tx): void {
    this.open.delete(tx.id)
    for (const key of tx.pending.keys()) if (this.writers.get(key) === tx.id) this.writers.delete(key)
  }

  private get(id: unknown): Tx {
    this.expire()
    const tx = typeof id === 'string' ? this.open.get(id) : undefined
    if (!tx) throw new EmulatorError('DATABASE_TRANSACTION_FAIL', `transaction not found, already finished or expired: ${String(id)}`)
    tx.lastUsed = Date.now()
    return tx
  }

  private conflict(tx: Tx, why: string): never {
    this.release(tx)
    throw new EmulatorError('DATABASE_TRANSACTION_CONFLICT', `database transaction conflict: ${why}`)
  }

  /** The transaction's view of one document, recording what it observed. */
  private view(tx: Tx, collection: string, id: unknown): Doc | null {
    const key = docKey(collection, id)
    if (tx.pending.has(key)) return structuredClone(tx.pending.get(key)!) ?? null
    const { seq, doc } = this.store.readDoc(collection, id)
    // A document changed after the transaction began is outside its snapshot.
    if (seq > tx.startSeq) this.conflict(tx, `document ${String(id)} in ${collection} changed after the transaction started`)
    const prior = tx.observed.get(key)
    if (prior && prior.seq !== seq) this.conflict(tx, `document ${String(id)} in ${collection} changed during the transaction`)
    tx.observed.set(key, { collection, id, seq })
    return doc
  }

  private write(tx: Tx, collection: string, id: unknown, doc: Doc | null): void {
    const key = docKey(collection, id)
    const holder = this.writers.get(key)
    if (holder && holder !== tx.id && this.open.has(holder)) {
      this.conflict(tx, `document ${String(id)} in ${collection} is being written by another transaction`)
    }
    this.writers.set(key, tx.id)
    tx.pending.set(key, doc)
  }

  /** `_id` of a by-id query, the only kind of query a transaction accepts. */
  static idOf(query: Doc): unknown {
    const keys = Object.keys(query)
    const id = query._id
    if (keys.length === 1 && (typeof id === 'string' || typeof id === 'number')) return id
    throw invalidParam('事务中只能按 _id 操作单个文档 (transactions support document operations by _id only)')
  }

  getDoc(txId: unknown, collection: string, id: unknown): Doc | null {
    const tx = this.get(txId)
    this.store.indexesOf(collection) // the collection must exist
    return this.view(tx, collection, id)
  }

  insert(txId: unknown, collection: string, docs: Doc[]): unknown[] {
    const tx = this.get(txId)
    this.store.indexesOf(collection)
    return docs.map((d) => {
      if (d._id === undefined) d._id = newDocId()
      if (this.view(tx, collection, d._id)) {
        throw new EmulatorError('DATABASE_DUPLICATE_WRITE', `duplicate key on _id in collection ${collection}: ${String(d._id)}`)
      }
      this.write(tx, collection, d._id, d)
      return d._id
    })
  }

  update(txId: unknown, collection: string, id: unknown, update: Doc, opts: { replace: boolean; upsert: boolean }): { updated: number; upsertId?: unknown } {
    const tx = this.get(txId)
    this.store.indexesOf(collection)
    Store.checkUpdate(update, opts.replace)
    const current = this.view(tx, collection, id)
    if (!current) {
      if (!opts.upsert) return { updated: 0 }
      const created = Store.upsertDoc({ _id: id }, update, opts.replace)
      this.write(tx, collection, id, created)
      return { updated: 0, upsertId: id }
    }
    const next = Store.applyUpdate(current, update, opts.replace)
    if (!next) return { updated: 0 }
    this.write(tx, collection, id, next)
    return { updated: 1 }
  }

  remove(txId: unknown, collection: string, id: unknown): number {
    const tx = this.get(txId)
    this.store.indexesOf(collection)
    if (!this.view(tx, collection, id)) return 0
    this.write(tx, collection, id, null)
    return 1
  }

  commit(txId: unknown): void {
    const tx = this.get(txId)
    try {
      this.store.atomically(() => {
        for (const o of tx.observed.values()) {
          const { seq } = this.store.readDoc(o.collection, o.id)
          if (seq !== o.seq) this.conflict(tx, `document ${String(o.id)} in ${o.collection} changed before commit`)
        }
        for (const [key, doc] of tx.pending) {
          const o = tx.observed.get(key)!
          this.store.putDoc(o.collection, o.id, doc)
        }
      })
    } finally {
      this.release(tx)
    }
  }

  abort(txId: unknown): void {
    this.release(this.get(txId))
  }

  get openCount(): number {
    return this.open.size
  }
}
