/**
 * Nothing derived from political status reaches those who may not see statuses. "1+10"
 * circles name Party members as mentors, so in any arrangement of circles a member's
 * mentor is shown only to the liaison, the group's advisors, admins, the member themself
 * and the mentor; everyone else sees no mentor at all (not even "none").
 */
import fc from 'fast-check'
import { buildFixture, loadFixture, OPENID } from './fixture'
import { useHarness } from './harness'

const GROUP_A = 'group-a'

describe('what group members see of each other', () => {
  const h = useHarness({ fixturePerTest: false })

  it('shows a member\'s mentor only to those entitled, for generated circles and callers', async () => {
    const fixture = buildFixture()
    // Every member of group A gets a WeChat account, so each can be the caller.
    const members = fixture.people.filter((p) => p.groupId === GROUP_A)
    for (const p of members) p.openid ??= `o-${p._id}`
    const partyIds = members.filter((p) => p.politicalStatus === 'member' || p.politicalStatus === 'probationary').map((p) => p._id)
    const ordinaryIds = members.filter((p) => !partyIds.includes(p._id)).map((p) => p._id)
    const circlesArb = fc.array(fc.option(fc.constantFrom(...partyIds), { nil: null }), { minLength: ordinaryIds.length, maxLength: ordinaryIds.length })
      .map((mentors) => {
        const circles: Record<string, string[]> = {}
        mentors.forEach((m, i) => { if (m) (circles[m] ??= []).push(ordinaryIds[i]) })
        return circles
      })
    const callers = [...members.map((p) => ({ openid: p.openid!, personId: p._id })),
      { openid: OPENID.advisorA, personId: 'advisor-a' }, { openid: OPENID.admin, personId: 'admin' }, { openid: OPENID.unitContactA, personId: 'contact-a' }]

    await fc.assert(fc.asyncProperty(circlesArb, fc.constantFrom(...callers), async (circles, caller) => {
      fixture.groups.find((g) => g._id === GROUP_A)!.circles = circles
      await loadFixture(h.app, fixture)
      const mentorOf = (id: string) => Object.entries(circles).find(([, mentees]) => mentees.includes(id))?.[0] ?? null
      const entitled = ['liaison-a', 'advisor-a', 'admin'].includes(caller.personId)
      const d = await h.ok(caller.openid, 'group', 'detail', { groupId: GROUP_A })
      for (const m of d.members) {
        const visible = entitled || m.id === caller.personId || mentorOf(m.id) === caller.personId
        if (visible) expect({ id: m.id, mentorId: m.mentorId }).toEqual({ id: m.id, mentorId: mentorOf(m.id) })
        else expect({ id: m.id, hasMentorField: 'mentorId' in m }).toEqual({ id: m.id, hasMentorField: false })
      }
      // The circles themselves: only the liaison, advisors and admins.
      const list = await h.call(caller.openid, 'circle', 'list', { groupId: GROUP_A })
      expect({ caller: caller.personId, ok: list.ok }).toEqual({ caller: caller.personId, ok: entitled })
    }), { numRuns: 25, seed: 6004 })
  })
})
