/**
 * Who verifies a record in the app (its group's liaison or advisors, never their own),
 * the lists of pending and own records, the year's totals — always equal to the sum of
 * the records after any sequence of logs, verifications and rejections (a group's and
 * province's once the recount timer ran) — and the database requests of every action.
 */
import fc from 'fast-check'
import { recordId, recordKey, totalsId, VolunteerDoc } from '../../cloudfunctions/volunteer/model'
import { OPENID } from './fixture'
import type { Harness } from './harness'
import { clearVolunteer, logHours, logInput, recordsIn, recountNow, useVolunteerHarness, volunteerState } from './volunteerWorld'

/** Interns who log, with their person id and group in the fixture. */
const OWNERS = {
  internA: { openid: OPENID.internA, id: 'intern-a', group: 'group-a' },
  liaisonA: { openid: OPENID.liaisonA, id: 'liaison-a', group: 'group-a' },
  coreA: { openid: OPENID.coreA, id: 'core-a', group: 'group-a' },
  internB: { openid: OPENID.internB, id: 'intern-b', group: 'group-b' },
  liaisonB: { openid: OPENID.liaisonB, id: 'liaison-b', group: 'group-b' },
  loner: { openid: OPENID.loner, id: 'loner', group: null }
} as const
type Owner = keyof typeof OWNERS

/** Callers of verify, with the group each verifies for (null: none) and their person id. */
const VERIFIERS = {
  liaisonA: { verifies: 'group-a', id: 'liaison-a' },
  advisorA: { verifies: 'group-a', id: 'advisor-a' },
  liaisonB: { verifies: 'group-b', id: 'liaison-b' },
  advisorB: { verifies: 'group-b', id: 'advisor-b' },
  coreA: { verifies: null, id: 'core-a' },
  internA: { verifies: null, id: 'intern-a' },
  admin: { verifies: null, id: 'admin' },
  unitContactA: { verifies: null, id: 'contact-a' }
} as const
type Verifier = keyof typeof VERIFIERS

describe('volunteer.verify: who verifies', () => {
  const h = useVolunteerHarness()

  it('lets the group\'s liaison or advisor verify or return a record, never their own; anyone else is refused and nothing changes', async () => {
    await fc.assert(fc.asyncProperty(
      fc.constantFrom(...(Object.keys(OWNERS) as Owner[])), fc.constantFrom(...(Object.keys(VERIFIERS) as Verifier[])), fc.boolean(),
      async (owner, caller, approve) => {
        await clearVolunteer(h)
        const record = await logHours(h, {}, OWNERS[owner].openid)
        const v = VERIFIERS[caller]
        const allowed = v.verifies !== null && v.verifies === OWNERS[owner].group && v.id !== OWNERS[owner].id
        const before = await volunteerState(h)
        const r = await h.call(OPENID[caller], 'volunteer', 'verify', { recordId: record.id, approve, ...(approve ? {} : { reason: '照片与地点不符' }) })
        if (allowed) {
          expect(r).toMatchObject({ ok: true, data: { state: approve ? 'verified' : 'rejected', verifiedBy: { via: 'app', role: caller.startsWith('advisor') ? '指导教师' : '联络员' } } })
        } else {
          expect(r).toMatchObject({ ok: false, error: { code: 'PERMISSION_DENIED' } })
          expect(await volunteerState(h)).toBe(before)
        }
      }), { numRuns: 40 })
  })

  it('verifies a record once: a second verification is told it was settled and changes nothing; a return needs a reason', async () => {
    const record = await logHours(h)
    expect(await h.call(OPENID.advisorA, 'volunteer', 'verify', { recordId: record.id, approve: false })).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } })
    const results = await Promise.all([OPENID.advisorA, OPENID.liaisonA, OPENID.advisorA].map((o, i) => h.call(o, 'volunteer', 'verify', { recordId: record.id, approve: i !== 1, reason: '不符' })))
    expect(results.filter((r) => r.ok)).toHaveLength(1)
    const before = await volunteerState(h)
    expect(await h.call(OPENID.liaisonA, 'volunteer', 'verify', { recordId: record.id, approve: true })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
    expect(await h.call(OPENID.liaisonA, 'volunteer', 'verify', { recordId: 'volunteer-none', approve: true })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    expect(await volunteerState(h)).toBe(before)
  })

  it('lists a group\'s pending records a page at a time, newest service first, until each is settled', async () => {
    const logged = []
    for (let d = 1; d <= 7; d++) logged.push(await logHours(h, { date: `2026-11-0${d}` }, d % 2 ? OPENID.internA : OPENID.coreA))
    await logHours(h, {}, OPENID.internB)
    const seen: string[] = []
    let cursor: string | undefined
    do {
      const page = await h.ok(OPENID.liaisonA, 'volunteer', 'pending', { groupId: 'group-a', pageSize: 3, ...(cursor ? { cursor } : {}) })
      expect(page.total).toBe(7)
      seen.push(...page.items.map((i) => i.date))
      cursor = page.nextCursor ?? undefined
    } while (cursor)
    expect(seen).toEqual(['2026-11-07', '2026-11-06', '2026-11-05', '2026-11-04', '2026-11-03', '2026-11-02', '2026-11-01'])
    await h.ok(OPENID.advisorA, 'volunteer', 'verify', { recordId: logged[6].id, approve: true })
    const after = await h.ok(OPENID.admin, 'volunteer', 'pending', { groupId: 'group-a' })
    expect(after.items.map((i) => i.id)).not.toContain(logged[6].id)
    expect(after.total).toBe(6)
    expect(await h.call(OPENID.liaisonB, 'volunteer', 'pending', { groupId: 'group-a' })).toMatchObject({ ok: false, error: { code: 'PERMISSION_DENIED' } })
  })
})

type Op = { kind: 'log'; owner: Owner; day: number; hours: number } | { kind: 'settle'; pick: number; approve: boolean; byLink: boolean }

const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('log' as const), owner: fc.constantFrom(...(Object.keys(OWNERS) as Owner[])), day: fc.integer({ min: 1, max: 4 }), hours: fc.integer({ min: 1, max: 20 }).map((n) => n / 2) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('settle' as const), pick: fc.nat(), approve: fc.boolean(), byLink: fc.boolean() }) }
)

/** Who verifies a record of `owner` in the app. */
const appVerifier = (owner: Owner): string | null => (OWNERS[owner].group === 'group-a' ? OPENID.advisorA : OWNERS[owner].group === 'group-b' ? (owner === 'liaisonB' ? OPENID.advisorB : OPENID.liaisonB) : null)

async function run(h: Harness, ops: Op[]): Promise<void> {
  const logged: { id: string; owner: Owner }[] = []
  for (const o of ops) {
    if (o.kind === 'log') {
      const r = await h.call(OWNERS[o.owner].openid, 'volunteer', 'log', logInput({ date: `2026-09-0${o.day}`, hours: o.hours }))
      if (r.ok) logged.push({ id: r.data.id, owner: o.owner })
      continue
    }
    if (!logged.length) continue
    const { id, owner } = logged[o.pick % logged.length]
    const verifier = appVerifier(owner)
    const reason = o.approve ? {} : { reason: '时长与实际不符' }
    if (o.byLink || !verifier) {
      const made = await h.call(OWNERS[owner].openid, 'volunteer', 'createLink', { recordId: id })
      if (made.ok) await h.ok(null, 'volunteer', 'verifyByLink', { token: made.data.token, verifierName: '刘带教', approve: o.approve, ...reason })
    } else {
      await h.call(verifier, 'volunteer', 'verify', { recordId: id, approve: o.approve, ...reason })
    }
  }
}

type Sums = { verified: number; unverified: number; records: number }
function sums(records: VolunteerDoc[], keyOf: (r: VolunteerDoc) => string | null): Map<string, Sums> {
  const out = new Map<string, Sums>()
  for (const r of records) {
    const key = keyOf(r)
    if (key === null || r.state === 'rejected') continue
    const s = out.get(key) ?? { verified: 0, unverified: 0, records: 0 }
    s.records += 1
    if (r.state === 'verified') s.verified += r.hours
    else s.unverified += r.hours
    out.set(key, s)
  }
  return out
}
const asMap = (rows: (Sums & { key: string })[]) => new Map(rows.filter((r) => r.records > 0).map(({ key, verified, unverified, records }) => [key, { verified, unverified, records }]))

describe('volunteer.totals: equal to the sum of the records', () => {
  const h = useVolunteerHarness()

  it('per group, per person of a group, per province and on each intern\'s own list, after generated sequences of logs, verifications and returns', async () => {
    await fc.assert(fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 14 }), async (ops) => {
      await clearVolunteer(h)
      await run(h, ops)
      const records = await recordsIn(h)
      // An intern's own figures are current at once; a group's and province's once the recount ran.
      for (const owner of Object.keys(OWNERS) as Owner[]) {
        const mine = await h.ok(OWNERS[owner].openid, 'volunteer', 'mine', { pageSize: 100 })
        expect(mine.totals).toEqual(sums(records, (r) => r.personId).get(OWNERS[owner].id) ?? { verified: 0, unverified: 0, records: 0 })
        expect(mine.items.map((i) => i.id).sort()).toEqual(records.filter((r) => r.personId === OWNERS[owner].id).map((r) => r._id).sort())
      }
      const ran = new Date()
      expect(await recountNow(h)).toMatchObject({ ok: true })
      const byGroup = await h.ok(OPENID.admin, 'volunteer', 'totals', { by: 'group' })
      expect(new Date(byGroup.asOf!).getTime()).toBeGreaterThanOrEqual(ran.getTime() - 1000)
      expect(asMap(byGroup.rows)).toEqual(sums(records, (r) => r.groupId))
      const byProvince = await h.ok(OPENID.admin, 'volunteer', 'totals', { by: 'province', year: '2026-2027' })
      expect(asMap(byProvince.rows)).toEqual(sums(records, (r) => r.province))
      const all = sums(records, () => 'all').get('all') ?? { verified: 0, unverified: 0, records: 0 }
      expect(byProvince.total).toEqual(all)
      const people = await h.ok(OPENID.advisorA, 'volunteer', 'totals', { by: 'group', groupId: 'group-a' })
      expect(asMap(people.rows)).toEqual(sums(records.filter((r) => r.groupId === 'group-a'), (r) => r.personId))
      expect(people.total).toEqual(sums(records, (r) => r.groupId).get('group-a') ?? { verified: 0, unverified: 0, records: 0 })
      // The liaison sees their own group only.
      expect((await h.ok(OPENID.liaisonB, 'volunteer', 'totals', { by: 'group' })).rows.map((r) => r.key)).toEqual(byGroup.rows.some((r) => r.key === 'group-b') ? ['group-b'] : [])
    }), { numRuns: 12 })
  })

  it('refuses a group the caller does not look after, and a province view narrowed to a group', async () => {
    expect(await h.call(OPENID.liaisonB, 'volunteer', 'totals', { by: 'group', groupId: 'group-a' })).toMatchObject({ ok: false, error: { code: 'PERMISSION_DENIED' } })
    expect(await h.call(OPENID.advisorB, 'volunteer', 'totals', { by: 'group', groupId: 'group-a' })).toMatchObject({ ok: false, error: { code: 'PERMISSION_DENIED' } })
    expect(await h.call(OPENID.admin, 'volunteer', 'totals', { by: 'province', groupId: 'group-a' })).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } })
    expect(await h.call(OPENID.internA, 'volunteer', 'totals', { by: 'group' })).toMatchObject({ ok: false, error: { code: 'PERMISSION_DENIED' } })
  })
})

/** `n` records of group A straight into the database, with their counters as the function keeps them. */
async function bulkRecords(h: Harness, n: number): Promise<void> {
  const db = h.app.database()
  const at = new Date('2026-10-01T00:00:00Z')
  const docs: VolunteerDoc[] = Array.from({ length: n }, (_, i) => {
    const personId = i % 10 === 0 ? 'intern-a' : `bulk-${i % 300}`
    const date = `2026-0${7 + (i % 3)}-${String(1 + (i % 28)).padStart(2, '0')}`
    const _id = recordId(personId, `bulk-${i}`)
    const state = (['pending', 'verified', 'verified'] as const)[i % 3]
    return {
      _id, personId, personName: personId, groupId: 'group-a', province: '河南省', year: '2026-2027', date, hours: 0.5, place: '社区', category: 'other',
      amount: null, description: '义诊', photos: [], review: 'pass', state, verifiedBy: null, verifiedAt: null, rejectReason: null, usedLinks: [],
      pendingGroup: state === 'pending' ? 'group-a' : null, key: recordKey(date, at, _id), requestId: `bulk-${i}`, createdAt: at, updatedAt: at
    }
  })
  for (let i = 0; i < docs.length; i += 500) await db.collection('volunteerRecords').add(docs.slice(i, i + 500))
}

describe('volunteer: database requests', () => {
  const h = useVolunteerHarness()

  const measure = async (fn: () => Promise<unknown>): Promise<number> => {
    h.resetCounters()
    await fn()
    return h.dbRequests()
  }

  it('every action stays within 4 requests, the same with thousands of records', async () => {
    await bulkRecords(h, 3000)
    const counts: Record<string, number> = {}
    // The intern's first log of the year adds their counter.
    counts.logFirstOfYear = await measure(() => logHours(h, { date: '2026-11-01', hours: 1 }))
    counts.log = await measure(() => logHours(h, { date: '2026-11-02', hours: 1 }))
    const record = await logHours(h, { date: '2026-11-03', hours: 1 })
    // The environment's first link makes the signing secret (two more requests, once).
    await h.ok(OPENID.internA, 'volunteer', 'createLink', { recordId: record.id })
    const retry = logInput({ date: '2026-11-04' })
    await h.ok(OPENID.internA, 'volunteer', 'log', retry)
    counts.logRetried = await measure(() => h.ok(OPENID.internA, 'volunteer', 'log', retry))
    counts.logRefusedDayFull = await measure(() => h.call(OPENID.internA, 'volunteer', 'log', logInput({ date: '2026-11-04', hours: 23 })))
    counts.mine = await measure(() => h.ok(OPENID.internA, 'volunteer', 'mine', { pageSize: 20 }))
    counts.pending = await measure(() => h.ok(OPENID.liaisonA, 'volunteer', 'pending', { groupId: 'group-a', pageSize: 20 }))
    counts.totalsGroups = await measure(() => h.ok(OPENID.admin, 'volunteer', 'totals', { by: 'group' }))
    counts.totalsProvince = await measure(() => h.ok(OPENID.advisorA, 'volunteer', 'totals', { by: 'province' }))
    counts.totalsPeople = await measure(() => h.ok(OPENID.advisorA, 'volunteer', 'totals', { by: 'group', groupId: 'group-a' }))
    counts.verify = await measure(() => h.ok(OPENID.advisorA, 'volunteer', 'verify', { recordId: record.id, approve: true }))
    const other = await logHours(h, { date: '2026-11-05', hours: 1 })
    counts.reject = await measure(() => h.ok(OPENID.liaisonA, 'volunteer', 'verify', { recordId: other.id, approve: false, reason: '不符' }))
    const linked = await logHours(h, { date: '2026-11-06', hours: 1 })
    let token = ''
    counts.createLink = await measure(async () => { token = (await h.ok(OPENID.internA, 'volunteer', 'createLink', { recordId: linked.id })).token })
    counts.openLink = await measure(() => h.ok(null, 'volunteer', 'openLink', { token }))
    counts.openLinkSignedIn = await measure(() => h.ok(OPENID.unitContactA, 'volunteer', 'openLink', { token }))
    counts.verifyByLinkReject = await measure(() => h.ok(null, 'volunteer', 'verifyByLink', { token, verifierName: '刘带教', approve: false, reason: '未见到' }))
    counts.uploadTicket = await measure(() => h.ok(OPENID.internA, 'volunteer', 'uploadTicket', { name: 'a.png', contentType: 'image/png', bytes: 10 }))
    console.log(`volunteer requests: ${JSON.stringify(counts)}`)
    // A retry after a lost answer reads the record it answers with: one more.
    for (const [action, n] of Object.entries(counts)) expect([action, n <= (action === 'logRetried' ? 5 : 4)]).toEqual([action, true])
    expect(counts.log).toBe(3)
    expect(counts.logRetried).toBe(5)
    expect(counts.logRefusedDayFull).toBe(4)
    expect(counts.mine).toBe(4)
    expect(counts.pending).toBe(3)
    // The verification, the counters, and the record marked settled once they moved.
    expect(counts.verify).toBe(4)
    expect(counts.reject).toBe(4)
    // Six logged by the function, two of them returned: the counter holds the other four, not the bulk records.
    const { data } = await h.app.database().collection('volunteerTotals').doc(totalsId('person', '2026-2027', 'intern-a')).get()
    expect(data[0]).toMatchObject({ records: 4, verified: 1, unverified: 4 })
  })
})
