/**
 * What talks cost: every action of `talk` answers within 4 database requests with the
 * caller, the same number in the fixture and in a school of 60 more groups and 3,000 more
 * talks; a page of a group's talks reads its own documents only, whatever the number of
 * talks elsewhere.
 */
import { countMembers } from '../../cloudfunctions/common/people'
import type { GroupDoc, PersonDoc } from '../../cloudfunctions/common/model'
import { groupSortKey } from '../../cloudfunctions/group/sortKey'
import { buildFixture, OPENID } from './fixture'
import type { Harness } from './harness'
import { GenTalk, recordableDays, storeTalks, talkInput, useTalkHarness } from './talkWorld'

type Measured = Record<string, { requests: number; docs: number }>

/** Each action as each kind of caller makes it, with its requests and documents read. */
async function measure(h: Harness, talkIdOfA: string): Promise<Measured> {
  const out: Measured = {}
  const run = async (name: string, call: () => Promise<unknown>): Promise<void> => {
    h.resetCounters()
    const docsBefore = h.emulator!.store.stats.docsExamined
    await call()
    out[name] = { requests: h.dbRequests(), docs: h.emulator!.store.stats.docsExamined - docsBefore }
  }
  const input = talkInput({ date: recordableDays()[5] })
  await run('record (advisor)', () => h.ok(OPENID.advisorA, 'talk', 'record', input))
  await run('record retried', () => h.ok(OPENID.advisorA, 'talk', 'record', input))
  await run('record (branch)', () => h.ok(OPENID.admin, 'talk', 'record', talkInput({ studentId: 'member-a3' })))
  await run('list (advisor, first page)', () => h.ok(OPENID.advisorA, 'talk', 'list', { groupId: 'group-a', pageSize: 20 }))
  await run('list (branch, first page)', () => h.ok(OPENID.admin, 'talk', 'list', { groupId: 'group-a', pageSize: 20 }))
  await run('list (liaison)', () => h.ok(OPENID.liaisonA, 'talk', 'list', { groupId: 'group-a', pageSize: 20 }))
  await run('forStudent (advisor)', () => h.ok(OPENID.advisorA, 'talk', 'forStudent', { groupId: 'group-a', studentId: 'intern-a', pageSize: 20 }))
  await run('forStudent (liaison)', () => h.ok(OPENID.liaisonA, 'talk', 'forStudent', { groupId: 'group-a', studentId: 'intern-a', pageSize: 20 }))
  await run('get', () => h.ok(OPENID.advisorA, 'talk', 'get', { talkId: talkIdOfA }))
  await run('setFollowUpDone', () => h.ok(OPENID.advisorA, 'talk', 'setFollowUpDone', { talkId: talkIdOfA, done: true }))
  await run('coverage (advisor)', () => h.ok(OPENID.advisorA, 'talk', 'coverage', { term: '2026-2027-1' }))
  await run('coverage (branch, page of 20)', () => h.ok(OPENID.admin, 'talk', 'coverage', { term: '2026-2027-1', pageSize: 20 }))
  return out
}

/** `n` more groups of the year, each with `size` students, and `talks` talks spread over them (none in group A). */
async function growSchool(h: Harness, n: number, size: number, talks: number): Promise<void> {
  const template = buildFixture().groups[1]
  const student = buildFixture().people.find((p) => p._id === 'intern-b')!
  const groups: GroupDoc[] = []
  const people: PersonDoc[] = []
  for (let i = 0; i < n; i++) {
    const members = Array.from({ length: size }, (_, j) => ({ ...student, _id: `big-${i}-${j}`, no: `29${String(i).padStart(3, '0')}${String(j).padStart(3, '0')}`, openid: null, groupId: `big-group-${i}` }))
    people.push(...members)
    const g: GroupDoc = { ...template, _id: `big-group-${i}`, key: `2026-2027/河南省/城${i}/1`, name: `城${i}组`, inviteCode: `B${String(i).padStart(5, '0')}`, advisorIds: ['advisor-b'], counts: countMembers(members), circles: {} }
    groups.push({ ...g, sortKey: groupSortKey(g) })
  }
  const db = h.app.database()
  await db.collection('groups').add(groups)
  for (let i = 0; i < people.length; i += 500) await db.collection('people').add(people.slice(i, i + 500))
  const days = recordableDays()
  const gen: GenTalk[] = Array.from({ length: talks }, (_, k) => {
    const g = k % n
    return { groupId: `big-group-${g}`, studentId: `big-${g}-${k % size}`, recorderId: 'advisor-b', date: days[k % days.length], followUp: k % 3 === 0 }
  })
  await storeTalks(h, gen, 'big')
}

describe('talk: request budgets', () => {
  const h = useTalkHarness()

  it('answers every action within 4 requests with the caller, the same in a school sixty groups and 3,000 talks larger', async () => {
    const seedTalks = async (): Promise<string> => {
      const [withFollowUp] = await storeTalks(h, Array.from({ length: 30 }, (_, i) => ({ groupId: 'group-a', studentId: i % 2 ? 'intern-a' : 'activist-a', recorderId: i % 3 ? 'advisor-a' : 'liaison-a', recorderRole: i % 3 ? 'advisor' : 'liaison', date: recordableDays()[i % 20], followUp: true })), 'a')
      return withFollowUp._id
    }
    const small = await measure(h, await seedTalks())
    await h.app.database().collection('talks').where({ _id: h.app.database().command.exists(true) }).remove()
    await growSchool(h, 60, 25, 3000)
    const large = await measure(h, await seedTalks())
    console.log(`talk requests (docs read), fixture -> 60 more groups and 3,000 more talks:\n${Object.keys(small).map((k) => `  ${k}: ${small[k].requests} (${small[k].docs}) -> ${large[k].requests} (${large[k].docs})`).join('\n')}`)
    for (const k of Object.keys(small)) {
      expect({ action: k, requests: large[k].requests }).toEqual({ action: k, requests: small[k].requests })
      expect({ action: k, within: large[k].requests <= 4 }).toEqual({ action: k, within: true })
    }
    expect(small['record (advisor)'].requests).toBe(3)
    // a group's page and a student's page read their own documents, not the school's
    for (const k of ['list (advisor, first page)', 'list (liaison)', 'forStudent (advisor)', 'forStudent (liaison)', 'get']) {
      expect({ action: k, docs: large[k].docs }).toEqual({ action: k, docs: small[k].docs })
    }
  }, 120_000)
})
