/**
 * Who reads a talk, as a matrix over every caller's relation to generated talks: the
 * recorder (an advisor, the liaison, the branch), the student, a peer, the liaison who did
 * or did not record it, the group's advisor, another group's advisor, a unit contact, the
 * branch, and people with no relation. Only the recorder, the group's advisors and the
 * branch ever read one — through get, list, forStudent — and nobody else learns that one
 * exists: a hidden talk is answered exactly as a talk that does not exist. Coverage gives
 * figures to advisors (their groups) and the branch only, and the ledger's figures name no
 * one; marking a follow-up done changes nothing for anyone who does not read the talk.
 */
import fc from 'fast-check'
import type { TalkDoc } from '../../cloudfunctions/talk/model'
import { OPENID } from './fixture'
import { allPages, GenTalk, recountCoverage, storeTalks, useTalkHarness } from './talkWorld'

/** Callers by their person id (null: not bound, or no account at all). */
const CALLERS = {
  admin: { openid: OPENID.admin, person: 'admin' },
  advisorA: { openid: OPENID.advisorA, person: 'advisor-a' },
  advisorB: { openid: OPENID.advisorB, person: 'advisor-b' },
  unitContactA: { openid: OPENID.unitContactA, person: 'contact-a' },
  liaisonA: { openid: OPENID.liaisonA, person: 'liaison-a' },
  liaisonB: { openid: OPENID.liaisonB, person: 'liaison-b' },
  coreA: { openid: OPENID.coreA, person: 'core-a' },
  internA: { openid: OPENID.internA, person: 'intern-a' },
  internB: { openid: OPENID.internB, person: 'intern-b' },
  loner: { openid: OPENID.loner, person: 'loner' },
  unbound: { openid: OPENID.unbound, person: null },
  anonymous: { openid: null, person: null }
} as const
type CallerName = keyof typeof CALLERS

const GROUP_OF: Record<string, string> = { 'advisor-a': 'group-a', 'advisor-b': 'group-b', 'liaison-a': 'group-a', 'liaison-b': 'group-b' }
const ADVISED: Record<string, string[]> = { 'advisor-a': ['group-a'], 'advisor-b': ['group-b'] }

/**
 * The caller's relation to a talk, in the words of the privacy rule; only the first three
 * read it.
 */
function relationOf(caller: CallerName, talk: TalkDoc): string {
  const me = CALLERS[caller].person
  if (caller === 'admin') return 'admin'
  if (me === talk.recorderId) return 'recorder'
  if (me && ADVISED[me]?.includes(talk.groupId)) return "the group's advisor"
  if (me === talk.studentId) return 'the student'
  if (me && ADVISED[me]) return "another group's advisor"
  if (caller === 'unitContactA') return 'unit contact'
  if (me && GROUP_OF[me] === talk.groupId) return 'the liaison, who did not record it'
  if (caller === 'coreA' || caller === 'internA') return talk.groupId === 'group-a' ? 'a peer' : 'a student of another group'
  if (caller === 'internB') return talk.groupId === 'group-b' ? 'a peer' : 'a student of another group'
  return 'no relation'
}
const READERS = new Set(['admin', 'recorder', "the group's advisor"])
const reads = (caller: CallerName, talk: TalkDoc): boolean => READERS.has(relationOf(caller, talk))

const STUDENTS: Record<string, string[]> = {
  'group-a': ['liaison-a', 'core-a', 'member-a3', 'intern-a', 'activist-a', 'masses-a6', 'applicant-a7'],
  'group-b': ['liaison-b', 'intern-b']
}
const RECORDERS: Record<string, [string, TalkDoc['recorderRole']][]> = {
  'group-a': [['advisor-a', 'advisor'], ['liaison-a', 'liaison'], ['admin', 'admin']],
  'group-b': [['advisor-b', 'advisor'], ['liaison-b', 'liaison'], ['admin', 'admin']]
}

const day = fc.integer({ min: 0, max: 120 }).map((n) => new Date(Date.parse('2026-07-01T00:00:00Z') + n * 86_400_000).toISOString().slice(0, 10))
const talkArb: fc.Arbitrary<GenTalk> = fc.constantFrom('group-a', 'group-a', 'group-b').chain((groupId) =>
  fc.record({ recorder: fc.constantFrom(...RECORDERS[groupId]), studentId: fc.constantFrom(...STUDENTS[groupId]), date: day, followUp: fc.boolean() })
    .filter((t) => t.recorder[0] !== t.studentId)
    .map((t) => ({ groupId, studentId: t.studentId, recorderId: t.recorder[0], recorderRole: t.recorder[1], date: t.date, followUp: t.followUp })))

const ids = (xs: { id: string }[]): string[] => xs.map((x) => x.id).sort()

describe('talk: who reads a talk', () => {
  const h = useTalkHarness()

  const seen = new Set<string>()
  it.each(Object.keys(CALLERS) as CallerName[])('lets only the recorder, the group\'s advisors and the branch read a talk, through get, list and forStudent; anyone else is answered as if it did not exist: as %s', async (caller) => {
    let run = 0
    await fc.assert(fc.asyncProperty(fc.array(talkArb, { minLength: 1, maxLength: 8 }), async (gen) => {
      await h.app.database().collection('talks').where({ _id: h.app.database().command.exists(true) }).remove()
      const talks = await storeTalks(h, gen, `${caller}-${run++}`)
      const { openid } = CALLERS[caller]
      // get: a talk the caller does not read is answered exactly as a talk that does not exist
      const absent = await h.call(openid, 'talk', 'get', { talkId: '0123456789abcdef01234567' })
      expect(absent.ok).toBe(false)
      for (const t of talks) {
        seen.add(relationOf(caller, t))
        const r = await h.call(openid, 'talk', 'get', { talkId: t._id })
        if (reads(caller, t)) expect({ relation: relationOf(caller, t), id: r.ok ? r.data.id : r.error }).toEqual({ relation: relationOf(caller, t), id: t._id })
        else expect({ relation: relationOf(caller, t), answer: r.ok ? 'read it' : r.error }).toEqual({ relation: relationOf(caller, t), answer: absent.ok ? null : absent.error })
      }
      // list and forStudent of each group: exactly the talks the caller reads there, or a refusal when they read none of the group's
      for (const groupId of ['group-a', 'group-b']) {
        const visible = talks.filter((t) => t.groupId === groupId && reads(caller, t)).map((t) => t._id).sort()
        const listed = await h.call(openid, 'talk', 'list', { groupId, pageSize: 3 })
        if (listed.ok) {
          const items = await allPages((cursor) => h.ok(openid, 'talk', 'list', { groupId, pageSize: 3, ...(cursor ? { cursor } : {}) }))
          expect({ caller, groupId, items: ids(items) }).toEqual({ caller, groupId, items: visible })
          expect(listed.data.total).toBe(visible.length)
        } else {
          expect({ caller, groupId, visible }).toEqual({ caller, groupId, visible: [] })
          expect(['PERMISSION_DENIED', 'NOT_BOUND', 'UNAUTHENTICATED']).toContain(listed.error.code)
        }
        for (const studentId of STUDENTS[groupId]) {
          const mine = talks.filter((t) => t.groupId === groupId && t.studentId === studentId && reads(caller, t)).map((t) => t._id).sort()
          const r = await h.call(openid, 'talk', 'forStudent', { groupId, studentId, pageSize: 100 })
          if (r.ok) expect({ caller, studentId, items: ids(r.data.items) }).toEqual({ caller, studentId, items: mine })
          else expect({ caller, studentId, mine, refused: ['PERMISSION_DENIED', 'NOT_BOUND', 'UNAUTHENTICATED'].includes(r.error.code) }).toEqual({ caller, studentId, mine: [], refused: true })
        }
      }
    }), { numRuns: 2, seed: 1212 })
  }, 60_000)

  it('tried every relation the privacy rule names', () => {
    for (const relation of ['admin', 'recorder', "the group's advisor", 'the student', 'a peer', 'the liaison, who did not record it', "another group's advisor", 'unit contact', 'no relation']) expect(seen).toContain(relation)
  })

  it('shows the talks a liaison recorded to that liaison, and no other talk of the group', async () => {
    const talks = await storeTalks(h, [
      { groupId: 'group-a', studentId: 'intern-a', recorderId: 'liaison-a', recorderRole: 'liaison', date: '2026-09-01' },
      { groupId: 'group-a', studentId: 'intern-a', recorderId: 'advisor-a', date: '2026-09-02' },
      { groupId: 'group-a', studentId: 'liaison-a', recorderId: 'advisor-a', date: '2026-09-03' }
    ])
    const listed = await h.ok(OPENID.liaisonA, 'talk', 'list', { groupId: 'group-a' })
    expect(ids(listed.items)).toEqual([talks[0]._id])
    expect(listed.coverage).toBeNull()
    // the liaison is a student too: a talk with them is not theirs to read
    expect((await h.ok(OPENID.liaisonA, 'talk', 'forStudent', { groupId: 'group-a', studentId: 'liaison-a' })).items).toEqual([])
    expect(await h.call(OPENID.liaisonA, 'talk', 'get', { talkId: talks[2]._id })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
  })

  it('gives coverage to advisors for their own groups and to the branch for every group, equal to a recount; to no one else', async () => {
    await fc.assert(fc.asyncProperty(fc.array(talkArb, { maxLength: 12 }), async (gen) => {
      await h.app.database().collection('talks').where({ _id: h.app.database().command.exists(true) }).remove()
      await storeTalks(h, gen, 'cov')
      const term = '2026-2027-1'
      for (const caller of Object.keys(CALLERS) as CallerName[]) {
        const r = await h.call(CALLERS[caller].openid, 'talk', 'coverage', { term })
        const groups = caller === 'admin' ? ['group-a', 'group-b'] : caller === 'advisorA' ? ['group-a'] : caller === 'advisorB' ? ['group-b'] : null
        if (!groups) {
          expect({ caller, code: r.ok ? 'OK' : r.error.code }).toEqual({ caller, code: expect.stringMatching(/^(PERMISSION_DENIED|NOT_BOUND|UNAUTHENTICATED)$/) })
          continue
        }
        expect(r.ok).toBe(true)
        if (!r.ok) continue
        expect(r.data.items.map((c) => c.groupId).sort()).toEqual(groups)
        for (const c of r.data.items) expect({ groupId: c.groupId, members: c.members, talkedWith: c.talkedWith }).toEqual({ groupId: c.groupId, ...(await recountCoverage(h, c.groupId, term)) })
      }
    }), { numRuns: 4, seed: 77 })
  }, 60_000)

  it('refuses the whole branch\'s coverage to an advisor', async () => {
    expect(await h.call(OPENID.advisorA, 'talk', 'coverage', { scope: 'branch' })).toMatchObject({ ok: false, error: { code: 'PERMISSION_DENIED' } })
  })

  it('marks a follow-up done only for those who read the talk; for anyone else nothing changes and the answer is that of a missing talk', async () => {
    const talks = await storeTalks(h, [
      { groupId: 'group-a', studentId: 'intern-a', recorderId: 'liaison-a', recorderRole: 'liaison', date: '2026-09-01', followUp: true },
      { groupId: 'group-a', studentId: 'member-a3', recorderId: 'advisor-a', date: '2026-09-02', followUp: true },
      { groupId: 'group-b', studentId: 'intern-b', recorderId: 'advisor-b', date: '2026-09-03', followUp: true }
    ])
    for (const caller of Object.keys(CALLERS) as CallerName[]) {
      for (const t of talks) {
        const before = h.snapshot()
        const r = await h.call(CALLERS[caller].openid, 'talk', 'setFollowUpDone', { talkId: t._id, done: true })
        if (reads(caller, t)) {
          expect({ caller, done: r.ok && r.data.followUpDone }).toEqual({ caller, done: true })
          await h.ok(OPENID.admin, 'talk', 'setFollowUpDone', { talkId: t._id, done: false })
        } else {
          const absent = await h.call(CALLERS[caller].openid, 'talk', 'setFollowUpDone', { talkId: '0123456789abcdef01234567', done: true })
          expect({ caller, talk: t._id, answer: r.ok ? 'changed' : r.error }).toEqual({ caller, talk: t._id, answer: absent.ok ? null : absent.error })
          expect(h.snapshot()).toBe(before)
        }
      }
    }
  }, 60_000)

  it('lets the ledger\'s readers see the month\'s talks as figures only: no student, topic or summary', async () => {
    const talks = await storeTalks(h, [
      { groupId: 'group-a', studentId: 'intern-a', recorderId: 'advisor-a', date: '2026-10-08', form: 'call' },
      { groupId: 'group-a', studentId: 'activist-a', recorderId: 'liaison-a', recorderRole: 'liaison', date: '2026-10-09', followUp: true }
    ])
    for (const openid of [OPENID.liaisonA, OPENID.coreA, OPENID.advisorA, OPENID.admin]) {
      const ledger = await h.ok(openid, 'activity', 'ledger', { groupId: 'group-a', month: '2026-10' })
      expect(ledger.talks).toEqual({ count: 2, students: 2, forms: { inPerson: 1, call: 1, video: 0 } })
      const text = JSON.stringify(ledger)
      for (const t of talks) for (const secret of [t._id, t.studentId, t.studentName, t.topic, t.summary, t.followUp ?? t.topic]) expect(text).not.toContain(secret)
    }
  })
})
