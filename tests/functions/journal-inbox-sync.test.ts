/**
 * Advisors assigned to a group after its notes were written find them in their inbox once
 * the `syncInbox` timer ran; advisors taken off a group lose theirs; what a staying advisor
 * read stays read. The groups change through `group.assignAdvisors`, the timer is fired as
 * CloudBase fires it, and a run that dies at any write is finished by the next one.
 */
import fc from 'fast-check'
import type { NoteDoc, InboxDoc } from '../../cloudfunctions/journal/model'
import { inboxKey, sharedWithAdvisors } from '../../cloudfunctions/journal/model'
import { inboxEntriesOf } from '../../cloudfunctions/journal/notes'
import { OPENID } from './fixture'
import { dieAtWrite } from './dying'
import { Harness } from './harness'
import { bulkNote, clearJournal, useJournalHarness } from './journalWorld'

const T0 = new Date('2026-09-01T00:00:00Z')
const GROUPS = ['group-a', 'group-b', 'group-c'] as const
const POOL = ['advisor-a', 'advisor-b', 'advisor-c', 'advisor-d'] as const
const OPENIDS: Record<string, string> = { 'advisor-a': OPENID.advisorA, 'advisor-b': OPENID.advisorB, 'advisor-c': 'o-advisor-c', 'advisor-d': 'o-advisor-d' }

interface NoteSpec {
  visibility: NoteDoc['visibility']
  review: NoteDoc['review']
  removed: boolean
  /** indexes into the group's advisors before the change: who had read it */
  readBy: boolean[]
}

interface Scenario {
  before: string[][]
  after: string[][]
  notes: NoteSpec[][]
}

const advisorSet = fc.subarray([...POOL], { maxLength: 3 })
const noteSpec = fc.record({
  visibility: fc.constantFrom('private', 'advisor', 'group') as fc.Arbitrary<NoteDoc['visibility']>,
  review: fc.constantFrom('pass', 'pass', 'pass', 'review') as fc.Arbitrary<NoteDoc['review']>,
  removed: fc.integer({ min: 0, max: 3 }).map((n) => n === 0),
  readBy: fc.array(fc.boolean(), { minLength: 3, maxLength: 3 })
})
const scenario: fc.Arbitrary<Scenario> = fc.record({
  before: fc.array(advisorSet, { minLength: GROUPS.length, maxLength: GROUPS.length }),
  after: fc.array(advisorSet, { minLength: GROUPS.length, maxLength: GROUPS.length }),
  notes: fc.array(fc.array(noteSpec, { maxLength: 8 }), { minLength: GROUPS.length, maxLength: GROUPS.length })
})

/** Two more teachers with WeChat accounts, and a third group. */
async function widenFixture(h: Harness): Promise<void> {
  const db = h.app.database()
  const { data: [teacher] } = await db.collection('people').doc('advisor-a').get()
  const { data: [group] } = await db.collection('groups').doc('group-a').get()
  const { _id: _t, ...t } = teacher
  const { _id: _g, ...g } = group
  await db.collection('people').add([
    { ...t, _id: 'advisor-c', no: 'T0003', name: 'advisor-c', openid: OPENIDS['advisor-c'] },
    { ...t, _id: 'advisor-d', no: 'T0004', name: 'advisor-d', openid: OPENIDS['advisor-d'] }
  ])
  await db.collection('bindings').add(['advisor-c', 'advisor-d'].map((personId) => ({ _id: OPENIDS[personId], personId, boundAt: T0 })))
  await db.collection('groups').add([{ ...g, _id: 'group-c', key: '2026-2027/河南省/开封市/1', inviteCode: 'CCCCCC', name: '开封市实习党小组', cities: ['开封市'] }])
}

/**
 * The journal as its saves left it under the `before` advisors: the notes, each live one
 * with an entry per advisor of its group then (some read), and the timer's records of
 * that state (one run while the groups had those advisors, long settled).
 */
async function writeBefore(h: Harness, s: Scenario): Promise<NoteDoc[]> {
  const db = h.app.database()
  await clearJournal(h)
  for (const [gi, groupId] of GROUPS.entries()) {
    await db.collection('groups').doc(groupId).update({ advisorIds: s.before[gi], advisorNames: s.before[gi], updatedAt: T0 })
  }
  expect(await fire(h)).toMatchObject({ ok: true })
  const notes: NoteDoc[] = []
  const entries: InboxDoc[] = []
  let i = 0
  for (const [gi, groupId] of GROUPS.entries()) {
    for (const spec of s.notes[gi]) {
      const base = bulkNote(i++, `intern-${groupId}`, groupId, spec.visibility, new Date(T0.getTime() + i * 60_000))
      const note: NoteDoc = { ...base, review: spec.review, removed: spec.removed, owner: spec.removed ? null : base.owner, groupFeed: spec.removed || spec.review !== 'pass' ? null : base.groupFeed }
      notes.push(note)
      if (note.removed) continue
      entries.push(...inboxEntriesOf(note, s.before[gi]).map((e, ai) => (spec.readBy[ai] ? { ...e, read: true, key: inboxKey(true, note.createdAt, note._id) } : e)))
    }
  }
  if (notes.length) await db.collection('notes').add(notes)
  if (entries.length) await db.collection('noteInbox').add(entries)
  return notes
}

/** The entries the inbox should hold after the change: every live note of a group for each of its advisors; read only where a staying advisor had read it. */
function expectedEntries(s: Scenario, notes: NoteDoc[]): Map<string, { shared: boolean; read: boolean }> {
  const out = new Map<string, { shared: boolean; read: boolean }>()
  let n = 0
  for (const [gi] of GROUPS.entries()) {
    for (const spec of s.notes[gi]) {
      const note = notes[n++]
      if (note.removed) continue
      for (const advisorId of s.after[gi]) {
        const before = s.before[gi].indexOf(advisorId)
        out.set(`${advisorId}:${note._id}`, { shared: sharedWithAdvisors(note), read: before >= 0 && spec.readBy[before] })
      }
    }
  }
  return out
}

const fire = async (h: Harness): Promise<any> => h.emulator!.fireTrigger('journal', 'syncInbox')

async function inboxOf(h: Harness): Promise<Map<string, { shared: boolean; read: boolean; key: string }>> {
  const { data } = await h.app.database().collection('noteInbox').limit(1000).get()
  return new Map((data as InboxDoc[]).map((e) => [e._id, { shared: e.shared, read: e.read, key: e.key }]))
}

/** The inbox holds exactly the expected entries; each advisor's `journal.shared` lists exactly their groups' shared notes, unread as expected. */
async function assertSynced(h: Harness, s: Scenario, notes: NoteDoc[], unsure: (entryId: string) => boolean = () => false): Promise<void> {
  const expected = expectedEntries(s, notes)
  const held = await inboxOf(h)
  // An entry whose read state depends on where a run died holds whatever it held.
  for (const [id, e] of expected) if (unsure(id) && held.has(id)) e.read = held.get(id)!.read
  expect(new Map([...held].map(([id, e]) => [id, { shared: e.shared, read: e.read }]))).toEqual(expected)
  for (const e of held.values()) expect(e.key.startsWith(e.read ? '1:' : '0:')).toBe(true)
  for (const advisorId of POOL) {
    const groups = GROUPS.filter((_g, gi) => s.after[gi].includes(advisorId))
    if (!groups.length) continue
    const page = await h.ok(OPENIDS[advisorId], 'journal', 'shared', { pageSize: 100 })
    const listed = new Map(page.items.map((item) => [item.id, item.unread]))
    const want = new Map([...expected].filter(([id, e]) => id.startsWith(`${advisorId}:`) && e.shared).map(([id, e]) => [id.slice(advisorId.length + 1), e.read ? 0 : 1]))
    expect(listed).toEqual(want)
  }
}

async function assignAll(h: Harness, s: Scenario): Promise<void> {
  for (const [gi, groupId] of GROUPS.entries()) await h.ok(OPENID.admin, 'group', 'assignAdvisors', { groupId, advisorIds: s.after[gi] })
}

describe('journal inbox after a group changes advisors', () => {
  const h = useJournalHarness()
  beforeEach(() => widenFixture(h))
  // The emulator reports each write refused on purpose on stderr; keep the rest of its output.
  const write = process.stderr.write.bind(process.stderr)
  beforeAll(() => jest.spyOn(process.stderr, 'write').mockImplementation(((chunk: unknown, ...rest: unknown[]) =>
    String(chunk).includes('the function stopped here') || (write as (...a: unknown[]) => boolean)(chunk, ...rest)) as typeof process.stderr.write))
  afterAll(() => jest.restoreAllMocks())

  it('after the timer, each current advisor lists exactly the group\'s shared notes (new ones unread, read ones kept read), and an advisor taken off keeps no entry', async () => {
    await fc.assert(fc.asyncProperty(scenario, async (s) => {
      const notes = await writeBefore(h, s)
      await assignAll(h, s)
      expect(await fire(h)).toMatchObject({ ok: true })
      await assertSynced(h, s, notes)
      // Another run changes nothing.
      expect(await fire(h)).toMatchObject({ ok: true, data: { added: 0, removed: 0 } })
      await assertSynced(h, s, notes)
    }), { numRuns: 12 })
  })

  it('a run dying at any write, then the next run, leaves the same inbox', async () => {
    await fc.assert(fc.asyncProperty(scenario, fc.integer({ min: 0, max: 10 }), fc.boolean(), async (s, diesAt, lastApplied) => {
      const notes = await writeBefore(h, s)
      await assignAll(h, s)
      const dying = dieAtWrite(h, diesAt, lastApplied)
      await fire(h).catch(() => null).finally(dying.restore)
      expect(await fire(h)).toMatchObject({ ok: true })
      await assertSynced(h, s, notes)
    }), { numRuns: 15 })
  })

  it('a run dying at any write, the advisors changing again, then the next run: the inbox follows the latest advisors', async () => {
    await fc.assert(fc.asyncProperty(scenario, fc.array(advisorSet, { minLength: GROUPS.length, maxLength: GROUPS.length }), fc.integer({ min: 0, max: 10 }), fc.boolean(),
      async (s, again, diesAt, lastApplied) => {
        const notes = await writeBefore(h, s)
        await assignAll(h, s)
        const dying = dieAtWrite(h, diesAt, lastApplied)
        await fire(h).catch(() => null).finally(dying.restore)
        const latest: Scenario = { ...s, after: again }
        await assignAll(h, latest)
        expect(await fire(h)).toMatchObject({ ok: true })
        // Read kept for advisors on the group throughout; one taken off and put back may have lost it or not, by where the run died.
        const gone = (entryId: string) => GROUPS.some((_g, gi) => {
          const advisorId = entryId.split(':')[0]
          return s.before[gi].includes(advisorId) && !s.after[gi].includes(advisorId)
        })
        await assertSynced(h, latest, notes, gone)
      }), { numRuns: 15 })
  })

  it('once a change has settled a run reads two requests and writes nothing; a new advisor opens and comments on a note of the group', async () => {
    const s: Scenario = {
      before: [['advisor-a'], ['advisor-b'], []],
      after: [['advisor-c'], ['advisor-b', 'advisor-d'], ['advisor-a']],
      notes: GROUPS.map(() => [{ visibility: 'advisor', review: 'pass', removed: false, readBy: [true, false, false] }, { visibility: 'group', review: 'pass', removed: false, readBy: [false, false, false] }])
    }
    const notes = await writeBefore(h, s)
    await assignAll(h, s)
    expect(await fire(h)).toMatchObject({ ok: true, data: { groups: 3, left: 0, added: 6, removed: 2 } })
    // The change is now older than a save could still be writing with the old advisors.
    await h.app.database().collection('groups').where({ _id: h.app.database().command.exists(true) }).update({ updatedAt: T0 })
    expect(await fire(h)).toMatchObject({ ok: true, data: { added: 0, removed: 0 } })
    h.resetCounters()
    expect(await fire(h)).toMatchObject({ ok: true, data: { groups: 0, left: 0 } })
    expect(h.dbRequests()).toBe(2)
    await assertSynced(h, s, notes)

    const noteId = notes[0]._id
    const opened = await h.ok(OPENIDS['advisor-c'], 'journal', 'get', { noteId })
    expect(opened.id).toBe(noteId)
    expect((await h.ok(OPENIDS['advisor-c'], 'journal', 'shared', { pageSize: 10 })).items.find((i) => i.id === noteId)?.unread).toBe(0)
    await h.ok(OPENIDS['advisor-c'], 'journal', 'comment', { noteId, requestId: 'r-sync-comment', body: '写得很好，继续保持。' })
    // The advisor taken off group A reads it no more.
    expect(await h.call(OPENID.advisorA, 'journal', 'get', { noteId })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
  })

  it('refuses a timer event sent by a client', async () => {
    const { result } = await h.appAs(OPENID.advisorA).callFunction({ name: 'journal', data: { Type: 'Timer', TriggerName: 'syncInbox' } as any })
    expect(result).toMatchObject({ ok: false, error: { code: 'PERMISSION_DENIED' } })
  })
})
