/**
 * Database requests of the journal's actions, measured: each at most 4 with the caller
 * load, the same at 10,000 notes as at 100,000 (written straight into the database), and
 * a search reads the author's notes only.
 */
import { OPENID } from './fixture'
import type { Harness } from './harness'
import { bulkNotes, noteInput, rid, useJournalHarness, writeNote } from './journalWorld'

describe('journal: request budgets', () => {
  const h = useJournalHarness()

  const cost = async (run: () => Promise<unknown>): Promise<{ requests: number; docs: number }> => {
    h.resetCounters()
    const docs = h.emulator!.store.stats.docsExamined
    await run()
    return { requests: h.dbRequests(), docs: h.emulator!.store.stats.docsExamined - docs }
  }

  /** Every action once, as the screens use them. */
  async function screens(h: Harness): Promise<Record<string, { requests: number; docs: number }>> {
    let cursor: string | null = null
    let noteId = ''
    let version = 0
    const out: Record<string, { requests: number; docs: number }> = {
      mineFirst: await cost(async () => { cursor = (await h.ok(OPENID.internA, 'journal', 'mine', { pageSize: 10 })).nextCursor }),
      mineNext: await cost(() => h.ok(OPENID.internA, 'journal', 'mine', { pageSize: 10, cursor: cursor! })),
      mineSearch: await cost(() => h.ok(OPENID.internA, 'journal', 'mine', { pageSize: 10, keyword: '查房' })),
      create: await cost(async () => { ({ id: noteId, version } = await writeNote(h, { visibility: 'group' })) }),
      createRetry: await cost(() => h.ok(OPENID.internA, 'journal', 'save', noteInput({ requestId: 'budget-retry-1', visibility: 'advisor' }))),
      edit: await cost(async () => { version = (await h.ok(OPENID.internA, 'journal', 'save', noteInput({ noteId, baseVersion: version, visibility: 'advisor' }))).version }),
      editConflict: await cost(() => h.call(OPENID.internA, 'journal', 'save', noteInput({ noteId, baseVersion: 1 }))),
      getAuthor: await cost(() => h.ok(OPENID.internA, 'journal', 'get', { noteId })),
      getAdvisor: await cost(() => h.ok(OPENID.advisorA, 'journal', 'get', { noteId })),
      shared: await cost(() => h.ok(OPENID.advisorA, 'journal', 'shared', { pageSize: 10 })),
      group: await cost(() => h.ok(OPENID.liaisonA, 'journal', 'group', { pageSize: 10 })),
      comment: await cost(() => h.ok(OPENID.advisorA, 'journal', 'comment', { requestId: rid(), noteId, body: '很好' })),
      remove: await cost(() => h.ok(OPENID.internA, 'journal', 'remove', { requestId: rid(), noteId }))
    }
    await h.ok(OPENID.internA, 'journal', 'save', noteInput({ requestId: 'budget-retry-1' }))
    return out
  }

  it('answers every action in at most 4 requests, the same at 10,000 notes as at 100,000', async () => {
    await h.ok(OPENID.internA, 'journal', 'subscribe', { accepted: 3 })
    await h.ok(OPENID.internA, 'journal', 'save', noteInput({ requestId: 'budget-retry-1' }))
    await bulkNotes(h, 10_000)
    const small = await screens(h)
    await bulkNotes(h, 90_000, 10_000)
    expect((await h.app.database().collection('notes').count()).total).toBeGreaterThanOrEqual(100_000)
    const large = await screens(h)
    const requests = (c: typeof small) => Object.fromEntries(Object.entries(c).map(([k, v]) => [k, v.requests]))
    expect(requests(large)).toEqual(requests(small))
    for (const n of Object.values(requests(large))) expect(n).toBeLessThanOrEqual(4)
    // Documents read stay those of a page (a search: the author's own notes), whatever the collection holds.
    for (const [action, c] of Object.entries(large)) {
      if (action !== 'mineSearch') expect({ action, within: c.docs <= small[action].docs + 2 }).toEqual({ action, within: true })
    }
    const own = (await h.ok(OPENID.internA, 'journal', 'mine', {})).total!
    expect(large.mineSearch.docs).toBeLessThanOrEqual(2 * own + 2)
  }, 180_000)
})
