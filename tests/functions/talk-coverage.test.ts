/**
 * Talk coverage: for every term, each group's members and members talked with equal a
 * recount over generated talks dated on the terms' edges (30 June / 1 July, 31 December /
 * 1 January) after generated moves between groups (a student who left is no longer
 * counted, one who came is counted only for talks in their new group); the group list's
 * figure is this term's; the branch's groups come a page at a time in list order, each
 * once, only those of the term's year.
 */
import fc from 'fast-check'
import { countMembers } from '../../cloudfunctions/common/people'
import { groupSortKey } from '../../cloudfunctions/group/sortKey'
import type { GroupDoc, PersonDoc } from '../../cloudfunctions/common/model'
import { internshipTermOf } from '../../types/domain'
import { buildFixture, loadFixture, OPENID } from './fixture'
import { allPages, chinaToday, GenTalk, recountCoverage, storeTalks, useTalkHarness } from './talkWorld'

const EDGES = ['2026-06-30', '2026-07-01', '2026-12-31', '2027-01-01', '2027-06-30', '2027-07-01']
const TERMS = ['2025-2026-2', '2026-2027-1', '2026-2027-2', '2027-2028-1']
const STUDENTS = ['liaison-a', 'core-a', 'member-a3', 'intern-a', 'activist-a', 'masses-a6', 'applicant-a7', 'liaison-b', 'intern-b']
/** Students a move may take (not the liaisons, whom a move would leave their group without). */
const MOVABLE = ['core-a', 'member-a3', 'intern-a', 'activist-a', 'masses-a6', 'applicant-a7', 'intern-b']

const someDay = fc.integer({ min: 0, max: 425 }).map((n) => new Date(Date.parse('2026-06-01T00:00:00Z') + n * 86_400_000).toISOString().slice(0, 10))
const talkArb: fc.Arbitrary<GenTalk> = fc.record({
  groupId: fc.constantFrom('group-a', 'group-b'),
  studentId: fc.constantFrom(...STUDENTS),
  recorderId: fc.constantFrom('advisor-a', 'advisor-b', 'admin'),
  date: fc.oneof(fc.constantFrom(...EDGES), someDay)
})

describe('talk: coverage', () => {
  const h = useTalkHarness()

  it('equals a recount for every term, on the terms\' edges, after generated moves between groups', async () => {
    let run = 0
    await fc.assert(fc.asyncProperty(fc.array(talkArb, { maxLength: 30 }), fc.subarray(MOVABLE, { maxLength: 3 }), async (talks, moves) => {
      if (run++) {
        await h.app.database().collection('talks').where({ _id: h.app.database().command.exists(true) }).remove()
        await loadFixture(h.app)
      }
      await storeTalks(h, talks, `c${run}`)
      for (const personId of moves) {
        const toGroupId = personId === 'intern-b' ? 'group-a' : 'group-b'
        await h.ok(OPENID.admin, 'group', 'moveMember', { personId, toGroupId, reason: '更换实习医院' })
      }
      for (const term of TERMS) {
        const branch = await allPages((cursor) => h.ok(OPENID.admin, 'talk', 'coverage', { term, pageSize: 1, ...(cursor ? { cursor } : {}) }))
        // groups live in one internship year: only the terms of 2026-2027 list them
        expect(branch.map((c) => c.groupId).sort()).toEqual(term.startsWith('2026-2027') ? ['group-a', 'group-b'] : [])
        for (const c of branch) {
          const recount = await recountCoverage(h, c.groupId, term)
          expect({ term, groupId: c.groupId, members: c.members, talkedWith: c.talkedWith, ratio: c.ratio })
            .toEqual({ term, groupId: c.groupId, ...recount, ratio: recount.members ? recount.talkedWith / recount.members : 0 })
        }
        const advised = await h.ok(OPENID.advisorA, 'talk', 'coverage', { term })
        expect(advised.items).toEqual(branch.filter((c) => c.groupId === 'group-a'))
      }
      // the group's list carries this term's figure
      const listed = await h.ok(OPENID.advisorA, 'talk', 'list', { groupId: 'group-a' })
      const now = internshipTermOf(chinaToday())
      expect(listed.coverage).toMatchObject({ term: now, ...(await recountCoverage(h, 'group-a', now)) })
    }), { numRuns: 6, seed: 2027 })
  }, 90_000)

  it('pages the branch\'s groups of the term\'s year in list order, each once, with their total', async () => {
    await fc.assert(fc.asyncProperty(fc.integer({ min: 0, max: 9 }), fc.integer({ min: 0, max: 3 }), fc.integer({ min: 1, max: 4 }), async (more, otherYear, pageSize) => {
      const db = h.app.database()
      await db.collection('groups').where({ _id: db.command.nin(['group-a', 'group-b']) }).remove()
      await db.collection('people').where({ _id: db.command.in(Array.from({ length: 20 }, (_, i) => `extra-${i}`)) }).remove()
      const { groups, people } = extraGroups(more, otherYear)
      if (groups.length) await db.collection('groups').add(groups)
      if (people.length) await db.collection('people').add(people)
      const expected = [...buildFixture().groups, ...groups].filter((g) => g.year === '2026-2027').sort((a, b) => (a.sortKey < b.sortKey ? -1 : 1))
      const first = await h.ok(OPENID.admin, 'talk', 'coverage', { term: '2026-2027-1', pageSize })
      expect(first.total).toBe(expected.length)
      const all = await allPages((cursor) => h.ok(OPENID.admin, 'talk', 'coverage', { term: '2026-2027-1', pageSize, ...(cursor ? { cursor } : {}) }))
      expect(all.map((c) => c.groupId)).toEqual(expected.map((g) => g._id))
      for (const c of all) expect(c.members).toBe((await recountCoverage(h, c.groupId, '2026-2027-1')).members)
    }), { numRuns: 6, seed: 9 })
  }, 60_000)

  it('refuses a cursor from another list', async () => {
    await storeTalks(h, Array.from({ length: 3 }, (_, i) => ({ groupId: 'group-a', studentId: 'intern-a', recorderId: 'advisor-a', date: `2026-09-0${i + 1}` })))
    const page = await h.ok(OPENID.advisorA, 'talk', 'list', { groupId: 'group-a', pageSize: 1 })
    expect(page.nextCursor).not.toBeNull()
    expect(await h.call(OPENID.admin, 'talk', 'coverage', { cursor: page.nextCursor! })).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } })
  })
})

/** `more` groups of the fixture's year (each with a member or two) and `otherYear` of the year before, in provinces that sort around Henan's. */
function extraGroups(more: number, otherYear: number): { groups: GroupDoc[]; people: PersonDoc[] } {
  const template = buildFixture().groups[1]
  const provinces = ['安徽省', '河北省', '河南省', '湖北省']
  const groups: GroupDoc[] = []
  const people: PersonDoc[] = []
  const person = buildFixture().people.find((p) => p._id === 'intern-b')!
  for (let i = 0; i < more + otherYear; i++) {
    const year = i < more ? '2026-2027' : '2025-2026'
    const province = provinces[i % provinces.length]
    const members = Array.from({ length: (i % 2) + 1 }, (_, j) => ({ ...person, _id: `extra-${i * 2 + j}`, no: `20239${i}${j}`, openid: null, groupId: `extra-group-${i}` }))
    people.push(...members)
    const g: GroupDoc = {
      ...template, _id: `extra-group-${i}`, key: `${year}/${province}/城${i}/1`, year, province, name: `${province.slice(0, 2)}${i}组`, inviteCode: `X${String(i).padStart(5, '0')}`,
      liaisonId: null, liaisonName: null, advisorIds: [], advisorNames: [], counts: countMembers(members), circles: {}
    }
    groups.push({ ...g, sortKey: groupSortKey(g) })
  }
  return { groups, people }
}
