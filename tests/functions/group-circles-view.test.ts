/**
 * The group page's "1+10" section draws exactly what the function's reply carries. For
 * generated circles and every kind of caller, the circles derived from a real
 * `group.detail` reply are the whole group's for the liaison, advisors and admins, the
 * caller's own place (their mentor, their mentees) for a member, and nothing for a unit
 * contact: never a link between two other people the caller may not see.
 */
import fc from 'fast-check'
import { isPartyMember } from '../../types/domain'
import { circleViewOf, CircleView } from '../../src/components/GroupDetail/circles'
import { buildFixture, loadFixture, OPENID } from './fixture'
import { useHarness } from './harness'

const GROUP_A = 'group-a'
const ids = (people: { id: string }[]): string[] => people.map((p) => p.id).sort()

/** What a view says, in plain ids, for comparing with the truth. */
function said(view: CircleView): unknown {
  if (view.kind === 'all') {
    return {
      kind: 'all',
      circles: Object.fromEntries(view.circles.map((c) => [c.mentorId, ids(c.mentees)]).sort(([a], [b]) => (a < b ? -1 : 1))),
      withoutMentor: ids(view.withoutMentor)
    }
  }
  if (view.kind === 'mine') return { kind: 'mine', mentor: view.myMentor === undefined ? undefined : view.myMentor?.id ?? null, mentees: ids(view.myMentees) }
  return { kind: 'mine', mentor: undefined, mentees: [] }
}

describe('the "1+10" circles a group page shows', () => {
  const h = useHarness({ fixturePerTest: false })

  it('are all of them for those who see them, and only the caller\'s own place for anyone else', async () => {
    const fixture = buildFixture()
    const members = fixture.people.filter((p) => p.groupId === GROUP_A)
    for (const p of members) p.openid ??= `o-${p._id}`
    const partyIds = members.filter((p) => isPartyMember(p.politicalStatus)).map((p) => p._id)
    const ordinaryIds = members.filter((p) => !partyIds.includes(p._id)).map((p) => p._id)
    const circlesArb = fc.array(fc.option(fc.constantFrom(...partyIds), { nil: null }), { minLength: ordinaryIds.length, maxLength: ordinaryIds.length })
      .map((mentors) => {
        const circles: Record<string, string[]> = {}
        mentors.forEach((m, i) => { if (m) (circles[m] ??= []).push(ordinaryIds[i]) })
        return circles
      })
    const callers = [...members.map((p) => ({ openid: p.openid!, personId: p._id })),
      { openid: OPENID.advisorA, personId: 'advisor-a' }, { openid: OPENID.admin, personId: 'admin' }, { openid: OPENID.unitContactA, personId: 'contact-a' }]

    await loadFixture(h.app, fixture)
    const db = h.app.database()
    await fc.assert(fc.asyncProperty(circlesArb, fc.constantFrom(...callers), async (circles, caller) => {
      await db.collection('groups').doc(GROUP_A).update({ circles: db.command.set(circles) })
      const mentorOf = (id: string) => Object.entries(circles).find(([, mentees]) => mentees.includes(id))?.[0] ?? null
      const d = await h.ok(caller.openid, 'group', 'detail', { groupId: GROUP_A })
      const view = said(circleViewOf(d.members, caller.personId))

      let expected: unknown
      if (['liaison-a', 'advisor-a', 'admin'].includes(caller.personId)) {
        const whole = Object.entries(circles).filter(([, m]) => m.length).sort(([a], [b]) => (a < b ? -1 : 1))
        expected = { kind: 'all', circles: Object.fromEntries(whole.map(([m, mentees]) => [m, [...mentees].sort()])), withoutMentor: ordinaryIds.filter((id) => !mentorOf(id)).sort() }
      } else if (members.some((p) => p._id === caller.personId)) {
        const party = partyIds.includes(caller.personId)
        expected = { kind: 'mine', mentor: party ? undefined : mentorOf(caller.personId), mentees: [...(circles[caller.personId] ?? [])].sort() }
      } else {
        expected = { kind: 'mine', mentor: undefined, mentees: [] }
      }
      expect({ caller: caller.personId, view }).toEqual({ caller: caller.personId, view: expected })
    }), { numRuns: 40, seed: 7101 })
  })
})
