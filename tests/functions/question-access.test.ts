/**
 * Who reads and answers a question, as a matrix generated over every state a question can
 * be in (private or shared with the group, open or answered, asked of either of group A's
 * advisors) and every relation of a caller to it: the asker, a peer, the group's liaison,
 * another group's member, the advisor asked, the group's other advisor, another group's
 * advisor, a unit contact and the branch. get, mine, inbox, answer and groupFeed each
 * give exactly what the rules give, and a refused answer changes nothing.
 */
import { OPENID } from './fixture'
import type { Harness } from './harness'
import { ADVISOR_A2, answer, ask, questionsIn, rid, useQuestionHarness } from './questionWorld'

type Visibility = 'private' | 'group'
type Advisor = 'advisor-a' | 'advisor-a2'
interface State { visibility: Visibility; answered: boolean; askedOf: Advisor }

const RELATIONS = ['asker', 'peer', 'liaison', 'otherGroupMember', 'advisorAsked', 'groupOtherAdvisor', 'otherGroupAdvisor', 'unitContact', 'admin'] as const
type Relation = (typeof RELATIONS)[number]

const ADVISOR_OPENID: Record<Advisor, string> = { 'advisor-a': OPENID.advisorA, 'advisor-a2': ADVISOR_A2.openid }

function openidOf(relation: Relation, s: State): string {
  switch (relation) {
    case 'asker': return OPENID.internA
    case 'peer': return OPENID.coreA
    case 'liaison': return OPENID.liaisonA
    case 'otherGroupMember': return OPENID.internB
    case 'advisorAsked': return ADVISOR_OPENID[s.askedOf]
    case 'groupOtherAdvisor': return ADVISOR_OPENID[s.askedOf === 'advisor-a' ? 'advisor-a2' : 'advisor-a']
    case 'otherGroupAdvisor': return OPENID.advisorB
    case 'unitContact': return OPENID.unitContactA
    case 'admin': return OPENID.admin
  }
}

/** What a relation gets from each read, by the rules: 'full', 'shared', true/false (listed or not), or the refusal's code. */
interface Outcome { get: string; mine: boolean | string; inbox: boolean | string; groupFeed: boolean | string }

function expected(relation: Relation, s: State): Outcome {
  const sharedNow = s.visibility === 'group' && s.answered
  const student = ['asker', 'peer', 'liaison', 'otherGroupMember'].includes(relation)
  const teacher = ['advisorAsked', 'groupOtherAdvisor', 'otherGroupAdvisor'].includes(relation)
  const ofGroupA = ['asker', 'peer', 'liaison', 'advisorAsked', 'groupOtherAdvisor', 'admin'].includes(relation)
  return {
    get: relation === 'unitContact' ? 'PERMISSION_DENIED'
      : ['asker', 'advisorAsked', 'admin'].includes(relation) ? 'full'
        : sharedNow && ofGroupA ? 'shared' : 'NOT_FOUND',
    mine: student ? relation === 'asker' : 'PERMISSION_DENIED',
    inbox: teacher ? relation === 'advisorAsked' : 'PERMISSION_DENIED',
    groupFeed: ofGroupA ? sharedNow : 'PERMISSION_DENIED'
  }
}

/** What an answer by each relation gets, by the rules. */
function expectedAnswer(relation: Relation, s: State): string {
  if (!['advisorAsked', 'groupOtherAdvisor', 'otherGroupAdvisor', 'admin'].includes(relation)) return 'PERMISSION_DENIED'
  if (relation === 'advisorAsked' || relation === 'admin') return s.answered ? 'CONFLICT' : 'OK'
  if (relation === 'groupOtherAdvisor' && s.visibility === 'group' && s.answered) return 'PERMISSION_DENIED'
  return 'NOT_FOUND'
}

async function observed(h: Harness, openid: string, questionId: string): Promise<Outcome> {
  const [get, mine, inbox, groupFeed] = await Promise.all([
    h.call(openid, 'question', 'get', { questionId }),
    h.call(openid, 'question', 'mine', {}),
    h.call(openid, 'question', 'inbox', {}),
    h.call(openid, 'question', 'groupFeed', { groupId: 'group-a' })
  ])
  const listed = (r: typeof mine | typeof inbox | typeof groupFeed): boolean | string => (r.ok ? (r.data.items as { id: string }[]).some((i) => i.id === questionId) : r.error.code)
  return { get: get.ok ? get.data.view : get.error.code, mine: listed(mine), inbox: listed(inbox), groupFeed: listed(groupFeed) }
}

/** A question in state `s`, asked by intern A. */
async function questionIn(h: Harness, s: State): Promise<string> {
  const q = await ask(h, { visibility: s.visibility, advisorId: s.askedOf, kind: s.visibility === 'group' ? 'ideological' : 'professional' })
  if (s.answered) await answer(h, q.id, ADVISOR_OPENID[s.askedOf])
  return q.id
}

const STATES: State[] = (['private', 'group'] as const).flatMap((visibility) => [false, true].flatMap((answered) =>
  (['advisor-a', 'advisor-a2'] as const).map((askedOf) => ({ visibility, answered, askedOf }))))

const label = (s: State): string => `${s.visibility}, ${s.answered ? 'answered' : 'open'}, asked of ${s.askedOf}`

describe('question: who reads and answers it', () => {
  const h = useQuestionHarness()

  it.each(STATES.map((s) => [label(s), s] as const))('%s: every relation reads exactly what the rules give', async (_label, s) => {
    const questionId = await questionIn(h, s)
    for (const relation of RELATIONS) {
      expect({ relation, ...(await observed(h, openidOf(relation, s), questionId)) }).toEqual({ relation, ...expected(relation, s) })
    }
  })

  it.each(STATES.map((s) => [label(s), s] as const))('%s: only the advisor asked or the branch answers an open one; a refusal changes nothing', async (_label, s) => {
    for (const relation of RELATIONS) {
      const questionId = await questionIn(h, s)
      const before = JSON.stringify(await questionsIn(h))
      const r = await h.call(openidOf(relation, s), 'question', 'answer', { requestId: rid(), questionId, body: '按照科室的规范流程处理，有疑问及时请教带教老师。' })
      const code = r.ok ? 'OK' : r.error.code
      expect({ relation, code }).toEqual({ relation, code: expectedAnswer(relation, s) })
      if (!r.ok) expect(JSON.stringify(await questionsIn(h))).toBe(before)
      else expect(r.data).toMatchObject({ id: questionId, status: 'answered', canAnswer: false, answer: { byRole: relation === 'admin' ? '党总支' : '指导教师' } })
    }
  })

  it('shows the asker and the advisor asked whether they may answer: the advisor while open, never the asker', async () => {
    const q = await ask(h, { advisorId: 'advisor-a2' })
    expect(q).toMatchObject({ mine: true, canAnswer: false, status: 'open', advisor: { id: 'advisor-a2', name: ADVISOR_A2.name } })
    const seen = await h.ok(ADVISOR_A2.openid, 'question', 'get', { questionId: q.id })
    expect(seen).toMatchObject({ view: 'full', canAnswer: true, mine: false, asker: { id: 'intern-a', name: '赵同学' } })
    await answer(h, q.id, ADVISOR_A2.openid)
    expect(await h.ok(ADVISOR_A2.openid, 'question', 'get', { questionId: q.id })).toMatchObject({ view: 'full', canAnswer: false })
  })

  it('a member who left the group no longer reads its shared answers; the asker still reads theirs whole', async () => {
    const q = await questionIn(h, { visibility: 'group', answered: true, askedOf: 'advisor-a' })
    const db = h.app.database()
    await db.collection('people').where({ _id: 'core-a' }).update({ groupId: 'group-b' })
    await db.collection('people').where({ _id: 'intern-a' }).update({ groupId: 'group-b' })
    expect(await h.call(OPENID.coreA, 'question', 'get', { questionId: q })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    expect(await h.call(OPENID.coreA, 'question', 'groupFeed', { groupId: 'group-a' })).toMatchObject({ ok: false, error: { code: 'PERMISSION_DENIED' } })
    expect(await h.ok(OPENID.internA, 'question', 'get', { questionId: q })).toMatchObject({ view: 'full', mine: true })
  })
})
