/**
 * The group and province counters, recomputed from the records by the `recountTotals`
 * timer: after generated concurrent bursts of logs, verifications, returns and link
 * verifications (and records of other years and provinces), one run makes every counter
 * equal a full recount of the records; a run that dies at any of its writes, followed by
 * another, gives the same; a record whose write lands while a run is reading is counted by
 * the next run.
 */
import { readFileSync } from 'node:fs'
import path from 'node:path'
import fc from 'fast-check'
import { RECOUNT_MARGIN_MS } from '../../cloudfunctions/volunteer/recount'
import { recordId, recordKey, VolunteerDoc } from '../../cloudfunctions/volunteer/model'
import { dieAtWrite } from './dying'
import { OPENID } from './fixture'
import type { Harness } from './harness'
import { clearVolunteer, countersIn, expectCountersExact, logInput, recordsIn, recountNow, useVolunteerHarness } from './volunteerWorld'

/** Interns who log, with the group whose liaison or advisor verifies them in the app (null: by link only). */
const OWNERS = {
  internA: { openid: OPENID.internA, verifier: OPENID.advisorA },
  coreA: { openid: OPENID.coreA, verifier: OPENID.liaisonA },
  internB: { openid: OPENID.internB, verifier: OPENID.liaisonB },
  liaisonB: { openid: OPENID.liaisonB, verifier: OPENID.advisorB },
  loner: { openid: OPENID.loner, verifier: null }
} as const
type Owner = keyof typeof OWNERS

const logArb = fc.record({ owner: fc.constantFrom(...(Object.keys(OWNERS) as Owner[])), day: fc.integer({ min: 1, max: 3 }), hours: fc.integer({ min: 1, max: 24 }).map((n) => n / 2) })
const settleArb = fc.record({ pick: fc.nat(), approve: fc.boolean(), byLink: fc.boolean() })
/** Records of other years, provinces and groups than the fixture's interns log, as the seed writes them. */
const foreignArb = fc.record({
  year: fc.constantFrom('2025-2026', '2026-2027'), province: fc.constantFrom('湖北省', '河南省', null), groupId: fc.constantFrom('group-a', 'group-x', null),
  state: fc.constantFrom('pending', 'verified', 'rejected') as fc.Arbitrary<VolunteerDoc['state']>, hours: fc.integer({ min: 1, max: 16 }).map((n) => n / 2)
})
type LogStep = { owner: Owner; day: number; hours: number }
type SettleStep = { pick: number; approve: boolean; byLink: boolean }
type Foreign = { year: string; province: string | null; groupId: string | null; state: VolunteerDoc['state']; hours: number }

let foreignCount = 0
/** A record straight into the database (no counter moved), changed at `updatedAt`. */
function foreignRecord(f: Foreign, updatedAt: Date): VolunteerDoc {
  const requestId = `foreign-${++foreignCount}`
  const personId = `foreign-person-${foreignCount % 3}`
  const _id = recordId(personId, requestId)
  const date = `${f.year.slice(0, 4)}-10-01`
  return {
    _id, personId, personName: personId, groupId: f.groupId, province: f.province, year: f.year, date, hours: f.hours, place: '社区', category: 'other',
    amount: null, description: '义诊', photos: [], review: 'pass', state: f.state, verifiedBy: null, verifiedAt: null, rejectReason: null, usedLinks: [],
    pendingGroup: f.state === 'pending' ? f.groupId : null, key: recordKey(date, updatedAt, _id), requestId, createdAt: updatedAt, updatedAt
  }
}

/** The foreign records are someone else's: the person counters left out, the shared ones checked. */
async function expectExact(h: Harness): Promise<void> {
  const db = h.app.database()
  // Records written straight into the database have no person counter: give them theirs, as their logs would have.
  const foreign = (await recordsIn(h)).filter((r) => r.personId.startsWith('foreign-'))
  const persons = new Map<string, { verified: number; unverified: number; records: number; days: Record<string, number> }>()
  for (const r of foreign) {
    const id = `person:${r.year}:${r.personId}`
    const p = persons.get(id) ?? { verified: 0, unverified: 0, records: 0, days: {} }
    if (r.state !== 'rejected') {
      p.records += 1
      if (r.state === 'verified') p.verified += r.hours
      else p.unverified += r.hours
      p.days[r.date] = (p.days[r.date] ?? 0) + r.hours
    }
    persons.set(id, p)
  }
  for (const [id, p] of persons) {
    const [, year, key] = id.split(':')
    await db.collection('volunteerTotals').doc(id).set({ kind: 'person', year, key, name: key, groupId: null, ...p, requestIds: [], updatedAt: new Date() })
  }
  await expectCountersExact(h)
}

/** Logs at once, then verifications and returns (in the app or by link) at once. */
async function burst(h: Harness, logs: LogStep[], settles: SettleStep[]): Promise<void> {
  const made = await Promise.all(logs.map((l) => h.call(OWNERS[l.owner].openid, 'volunteer', 'log', logInput({ date: `2026-10-0${l.day}`, hours: l.hours }))))
  const logged = made.flatMap((r, i) => (r.ok ? [{ id: r.data.id, owner: logs[i].owner }] : []))
  if (!logged.length) return
  const picked = settles.map((s) => ({ ...s, ...logged[s.pick % logged.length] }))
  const links = await Promise.all(picked.map((s) => (s.byLink || !OWNERS[s.owner].verifier ? h.ok(OWNERS[s.owner].openid, 'volunteer', 'createLink', { recordId: s.id }) : null)))
  await Promise.all(picked.map((s, i) => {
    const reason = s.approve ? {} : { reason: '时长与实际不符' }
    const link = links[i]
    return link
      ? h.call(null, 'volunteer', 'verifyByLink', { token: link.token, verifierName: '刘带教', approve: s.approve, ...reason })
      : h.call(OWNERS[s.owner].verifier!, 'volunteer', 'verify', { recordId: s.id, approve: s.approve, ...reason })
  }))
}

async function addForeign(h: Harness, foreign: Foreign[]): Promise<void> {
  if (foreign.length) await h.app.database().collection('volunteerRecords').add(foreign.map((f) => foreignRecord(f, new Date())))
}

describe('volunteer: group and province counters recounted from the records', () => {
  const h = useVolunteerHarness()

  it('equal a full recount of the records after generated concurrent logs, verifications and returns and one run; a run with nothing new changes nothing', async () => {
    const scenario = fc.record({
      logs: fc.array(logArb, { minLength: 1, maxLength: 10 }), settles: fc.array(settleArb, { maxLength: 6 }),
      later: fc.array(logArb, { maxLength: 4 }), laterSettles: fc.array(settleArb, { maxLength: 4 }), foreign: fc.array(foreignArb, { maxLength: 5 })
    })
    await fc.assert(fc.asyncProperty(scenario, async (s) => {
      await clearVolunteer(h)
      await burst(h, s.logs, s.settles)
      await addForeign(h, s.foreign)
      expect(await recountNow(h)).toMatchObject({ ok: true })
      await expectExact(h)
      // A group's counter is named as the group is now (a group no longer stored, by its id); a province's by itself.
      const names: Record<string, string> = { 'group-a': '郑州市实习党小组', 'group-b': '洛阳市实习党小组', 'group-x': 'group-x' }
      for (const c of await countersIn(h)) if (c.kind !== 'person') expect(c.name).toBe(c.kind === 'group' ? names[c.key] : c.key)
      // Another burst: only what it changed is read again, and the counters follow.
      await burst(h, s.later, s.laterSettles)
      expect(await recountNow(h)).toMatchObject({ ok: true })
      await expectExact(h)
      const shared = async () => JSON.stringify((await countersIn(h)).filter((c) => c.kind === 'group' || c.kind === 'province').map(({ updatedAt: _u, ...c }) => c).sort((a, b) => (a._id < b._id ? -1 : 1)))
      const before = await shared()
      await recountNow(h)
      expect(await shared()).toBe(before)
    }), { numRuns: 6, seed: 4242 })
  })

  it('a run that dies at any of its writes, followed by another run, leaves every counter equal to the recount', async () => {
    const scenario = fc.record({ logs: fc.array(logArb, { minLength: 1, maxLength: 6 }), settles: fc.array(settleArb, { maxLength: 4 }), foreign: fc.array(foreignArb, { maxLength: 3 }), lastApplied: fc.boolean() })
    await fc.assert(fc.asyncProperty(scenario, async (s) => {
      await clearVolunteer(h)
      await burst(h, s.logs.slice(0, 2), [])
      await recountNow(h)
      await burst(h, s.logs.slice(2), s.settles)
      await addForeign(h, s.foreign)
      const db = h.app.database()
      // The changes are older than a run's margin, and the last complete run older still: only the mark brings them back.
      await db.collection('volunteerRecords').where({ _id: db.command.exists(true) }).update({ updatedAt: new Date(Date.now() - 5 * RECOUNT_MARGIN_MS) })
      await db.collection('volunteerTotals').doc('recount').update({ since: new Date(Date.now() - 10 * RECOUNT_MARGIN_MS) })
      // The counters and the mark as the last complete run left them.
      const { data: stale } = await db.collection('volunteerTotals').limit(1000).get()
      const restore = async () => {
        await db.collection('volunteerTotals').where({ _id: db.command.exists(true) }).remove()
        await db.collection('volunteerTotals').add(stale)
      }
      const counting = dieAtWrite(h, Number.MAX_SAFE_INTEGER, false)
      await recountNow(h)
      const writes = counting.writes()
      counting.restore()
      expect(writes).toBeGreaterThan(1)
      for (let n = 0; n < writes; n++) {
        await restore()
        const dying = dieAtWrite(h, n, s.lastApplied)
        await recountNow(h)
        dying.restore()
        await recountNow(h)
        await expectExact(h)
      }
    }), { numRuns: 4, seed: 77 })
  })

  it('counts at the next run a record whose write lands while a run reads, though its call began before the run', async () => {
    // A call's updatedAt is when it began: at most the function's timeout before its write.
    const rc = JSON.parse(readFileSync(path.resolve(__dirname, '../../cloudbaserc.json'), 'utf8')) as { functions: { name: string; timeout: number }[] }
    const timeoutMs = rc.functions.find((f) => f.name === 'volunteer')!.timeout * 1000
    expect(RECOUNT_MARGIN_MS).toBeGreaterThan(2 * timeoutMs)
    await fc.assert(fc.asyncProperty(fc.array(logArb, { minLength: 1, maxLength: 4 }), foreignArb, async (logs, late) => {
      await clearVolunteer(h)
      await burst(h, logs, [])
      await recountNow(h)
      await burst(h, logs, [])
      // The write lands just after the run read which records changed.
      const store = h.emulator!.store as unknown as { aggregate: (c: string, p: unknown[]) => unknown; insert: (c: string, d: unknown[]) => unknown }
      const aggregate = store.aggregate
      let landed = false
      store.aggregate = function (this: unknown, collection: string, pipeline: unknown[]) {
        const out = aggregate.call(this, collection, pipeline)
        if (!landed && collection === 'volunteerRecords') {
          landed = true
          store.insert('volunteerRecords', [foreignRecord(late, new Date(Date.now() - timeoutMs + 500))])
        }
        return out
      }
      try {
        expect(await recountNow(h)).toMatchObject({ ok: true })
      } finally {
        store.aggregate = aggregate
      }
      expect(landed).toBe(true)
      expect(await recountNow(h)).toMatchObject({ ok: true })
      await expectExact(h)
    }), { numRuns: 6, seed: 9 })
  })
})
