/**
 * Who may do what with a check-in, generated over the caller's relation to it: leaders of
 * its group, its members listed or not, its advisors, admins, people of another group or
 * none, roles the actions do not admit. A check-in one may not read does not exist for
 * them (NOT_FOUND); an action one's role may not take is refused.
 */
import fc from 'fast-check'
import { OPENID } from './fixture'
import { recordCheckin, useActivityHarness } from './activityWorld'

type Outcome = 'ok' | 'NOT_FOUND' | 'PERMISSION_DENIED' | 'FAILED_PRECONDITION' | 'NOT_BOUND'

/** The callers and who they are (person id; leader / member of group A; advisor of A; admin). */
const CALLERS: Record<string, { openid: string; person: string | null; relation: 'leader' | 'member' | 'advisor' | 'admin' | 'outsider' | 'intern-elsewhere' | 'contact' | 'unbound' }> = {
  liaisonA: { openid: OPENID.liaisonA, person: 'liaison-a', relation: 'leader' },
  coreA: { openid: OPENID.coreA, person: 'core-a', relation: 'leader' },
  internA: { openid: OPENID.internA, person: 'intern-a', relation: 'member' },
  advisorA: { openid: OPENID.advisorA, person: 'advisor-a', relation: 'advisor' },
  admin: { openid: OPENID.admin, person: 'admin', relation: 'admin' },
  advisorB: { openid: OPENID.advisorB, person: 'advisor-b', relation: 'outsider' },
  liaisonB: { openid: OPENID.liaisonB, person: 'liaison-b', relation: 'intern-elsewhere' },
  internB: { openid: OPENID.internB, person: 'intern-b', relation: 'intern-elsewhere' },
  loner: { openid: OPENID.loner, person: 'loner', relation: 'intern-elsewhere' },
  unitContactA: { openid: OPENID.unitContactA, person: 'contact-a', relation: 'contact' },
  unbound: { openid: OPENID.unbound, person: null, relation: 'unbound' }
}
const ACTIONS = ['get', 'list', 'record', 'confirm', 'requestJoin', 'decide'] as const
type Action = (typeof ACTIONS)[number]

/** What `caller` gets from `action`, given whether they are listed on the check-in (and confirmed already as its recorder). */
function expected(caller: keyof typeof CALLERS, action: Action, listed: boolean): Outcome {
  const { relation } = CALLERS[caller]
  if (relation === 'unbound') return 'NOT_BOUND'
  const student = relation === 'leader' || relation === 'member' || relation === 'intern-elsewhere'
  switch (action) {
    case 'get':
      if (relation === 'contact') return 'PERMISSION_DENIED'
      return relation === 'leader' || relation === 'member' || relation === 'advisor' || relation === 'admin' ? 'ok' : 'NOT_FOUND'
    case 'list':
      return relation === 'leader' || relation === 'member' || relation === 'advisor' || relation === 'admin' ? 'ok' : 'PERMISSION_DENIED'
    case 'record':
      return relation === 'leader' ? 'ok' : 'PERMISSION_DENIED'
    case 'confirm':
      if (!student) return 'PERMISSION_DENIED'
      if (listed) return 'ok'
      return relation === 'intern-elsewhere' ? 'NOT_FOUND' : 'FAILED_PRECONDITION'
    case 'requestJoin':
      if (!student) return 'PERMISSION_DENIED'
      if (relation === 'intern-elsewhere') return 'NOT_FOUND'
      // (a listed member has just confirmed: asking is answered with their confirmed state)
      return 'ok'
    case 'decide':
      if (relation === 'leader') return 'ok'
      return caller === 'liaisonB' ? 'NOT_FOUND' : 'PERMISSION_DENIED'
  }
}

describe('activity: who may do what', () => {
  const h = useActivityHarness()

  it('answers every caller and action as their relation to the check-in says, over generated attendee lists and recorders', async () => {
    await fc.assert(fc.asyncProperty(
      fc.subarray(['liaison-a', 'core-a', 'intern-a', 'member-a3', 'activist-a'], { minLength: 1 }), fc.constantFrom(OPENID.liaisonA, OPENID.coreA),
      async (attendeeIds, recorder) => {
        const checkin = await recordCheckin(h, { attendeeIds }, recorder)
        // A request to decide: masses-a6 has no account, so one is written as requestJoin writes it.
        await h.app.database().collection('checkins').doc(checkin.id).update({
          'attendance.masses-a6': { name: '孙同学', state: 'requested' }, attendeeIds: h.app.database().command.push(['masses-a6']), 'counts.requested': 1
        })
        for (const caller of Object.keys(CALLERS) as (keyof typeof CALLERS)[]) {
          const { openid, person } = CALLERS[caller]
          const listed = !!person && attendeeIds.includes(person)
          const inputs: Record<Action, Record<string, unknown>> = {
            get: { checkinId: checkin.id },
            list: { groupId: 'group-a', pageSize: 5 },
            record: { requestId: `r-access-${caller}`, groupId: 'group-a', type: 'themeDay', heldAt: new Date().toISOString(), place: '会议室', content: '主题党日活动', attendeeIds: ['member-a3'] },
            confirm: { checkinId: checkin.id },
            requestJoin: { checkinId: checkin.id },
            decide: { checkinId: checkin.id, personId: 'masses-a6', approve: false }
          }
          for (const action of ACTIONS) {
            const res = await h.call(openid, 'activity', action, inputs[action])
            const got = res.ok ? 'ok' : res.error.code
            expect({ caller, action, got }).toEqual({ caller, action, got: expected(caller, action, listed) })
          }
        }
      }), { numRuns: 3 })
  }, 60_000)

  it('lists a group\'s check-ins to its readers only with the caller\'s own attendance; mine holds exactly the check-ins one is on', async () => {
    const a = await recordCheckin(h, { attendeeIds: ['liaison-a', 'intern-a'] })
    const b = await recordCheckin(h, { attendeeIds: ['member-a3'] })
    await h.ok(OPENID.internA, 'activity', 'requestJoin', { checkinId: b.id })
    const c = await recordCheckin(h, { groupId: 'group-b', attendeeIds: ['intern-b'] }, OPENID.liaisonB)
    const list = await h.ok(OPENID.internA, 'activity', 'list', { groupId: 'group-a', pageSize: 10 })
    expect(list.items.map((i) => [i.id, i.mine])).toEqual(expect.arrayContaining([[a.id, 'listed'], [b.id, 'requested']]))
    expect(list.total).toBe(2)
    const mine = await h.ok(OPENID.internA, 'activity', 'mine', { pageSize: 10 })
    expect(mine.items.map((i) => i.id).sort()).toEqual([a.id, b.id].sort())
    expect((await h.ok(OPENID.internB, 'activity', 'mine', { pageSize: 10 })).items.map((i) => i.id)).toEqual([c.id])
  })
})
