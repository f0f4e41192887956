/**
 * The group's shared answers (groupFeed, and get of a shared question by a peer): over
 * generated askers — generated ids, names and WeChat accounts — asking generated mixes of
 * private and shared questions, some answered, no reply to any reader of the group ever
 * holds an asker's id, name or account anywhere in its JSON; the feed holds exactly the
 * answered shared questions, latest answer first, paged without gaps or repeats.
 */
import fc from 'fast-check'
import type { PersonDoc } from '../../cloudfunctions/common/model'
import { buildFixture, OPENID } from './fixture'
import type { Harness } from './harness'
import { ADVISOR_A2, answer, askInput, useQuestionHarness } from './questionWorld'

/** Characters of generated names: none of them appears in any other text the replies carry. */
const NAME_CHARS = [...'甄贾缑亓鄢郗阚蒯詹禚邝芮琚璩綦笪']

interface Asker { id: string; name: string; openid: string }

const hex = (minLength: number, maxLength: number) => fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength, maxLength })

const askerArb: fc.Arbitrary<Asker[]> = fc.uniqueArray(
  fc.record({
    id: hex(6, 12).map((x) => `s-${x}`),
    name: fc.array(fc.constantFrom(...NAME_CHARS), { minLength: 2, maxLength: 3 }).map((cs) => cs.join('')),
    openid: hex(8, 16).map((x) => `o-gen-${x}`)
  }),
  { minLength: 1, maxLength: 4, selector: (a) => a.name }
).filter((as) => new Set(as.map((a) => a.id)).size === as.length && new Set(as.map((a) => a.openid)).size === as.length)

/** Questions asked: by which generated asker, shared or not, answered or not, of which of group A's advisors. */
const askedArb = fc.array(fc.record({ by: fc.nat(), shared: fc.boolean(), answered: fc.boolean(), advisor: fc.constantFrom<'a' | 'a2'>('a', 'a2') }), { minLength: 1, maxLength: 8 })

/** Writes generated askers into group A as bound students. */
async function addAskers(h: Harness, askers: Asker[]): Promise<void> {
  const template = buildFixture().people.find((p) => p._id === 'intern-a')!
  const people: PersonDoc[] = askers.map((a, i) => ({ ...template, _id: a.id, no: `2023099${String(i).padStart(3, '0')}`, name: a.name, openid: a.openid, phone: null }))
  await h.app.database().collection('people').add(people)
}

/** Every reader of group A's shared answers, and who reads them otherwise (the askers read their own whole, elsewhere). */
const READERS = [OPENID.internA, OPENID.coreA, OPENID.liaisonA, OPENID.advisorA, ADVISOR_A2.openid, OPENID.admin]

/** The whole feed as `openid` pages through it, each page's reply kept whole. */
async function feedPages(h: Harness, openid: string, pageSize: number): Promise<{ replies: unknown[]; ids: string[] }> {
  const replies: unknown[] = []
  const ids: string[] = []
  let cursor: string | undefined
  for (let i = 0; i < 50; i++) {
    const r = await h.call(openid, 'question', 'groupFeed', { groupId: 'group-a', pageSize, ...(cursor ? { cursor } : {}) })
    replies.push(r)
    if (!r.ok) throw new Error(JSON.stringify(r.error))
    ids.push(...r.data.items.map((x) => x.id))
    if (!r.data.nextCursor) break
    cursor = r.data.nextCursor
  }
  return { replies, ids }
}

describe('question: the group reads shared answers without the asker', () => {
  const h = useQuestionHarness()

  it('no reply to the group holds an asker\'s id, name or account, over generated askers and questions', async () => {
    let added: string[] = []
    await fc.assert(fc.asyncProperty(askerArb, askedArb, fc.integer({ min: 1, max: 4 }), async (askers, asked, pageSize) => {
      const db = h.app.database()
      await db.collection('questions').where({ _id: db.command.exists(true) }).remove()
      if (added.length) await db.collection('people').where({ _id: db.command.in(added) }).remove()
      added = askers.map((a) => a.id)
      await addAskers(h, askers)
      const sharedAnswered: string[] = []
      const all: string[] = []
      for (const q of asked) {
        const asker = askers[q.by % askers.length]
        const advisorId = q.advisor === 'a' ? 'advisor-a' : ADVISOR_A2.id
        const made = await h.ok(asker.openid, 'question', 'ask', askInput({ advisorId, visibility: q.shared ? 'group' : 'private', kind: q.shared ? 'ideological' : 'professional' }))
        all.push(made.id)
        if (q.answered) {
          await answer(h, made.id, q.advisor === 'a' ? OPENID.advisorA : ADVISOR_A2.openid)
          if (q.shared) sharedAnswered.unshift(made.id)
        }
      }
      const secrets = askers.flatMap((a) => [a.id, a.name, a.openid])
      for (const reader of READERS) {
        const { replies, ids } = await feedPages(h, reader, pageSize)
        // exactly the answered shared questions, latest answer first, each once
        expect({ reader, ids }).toEqual({ reader, ids: sharedAnswered })
        const gets = await Promise.all(sharedAnswered.map((questionId) => h.call(reader, 'question', 'get', { questionId })))
        const seenAs = reader === OPENID.advisorA || reader === ADVISOR_A2.openid || reader === OPENID.admin ? null : 'shared'
        if (seenAs) expect(gets.map((g) => (g.ok ? g.data.view : g.error.code))).toEqual(sharedAnswered.map(() => 'shared'))
        const text = JSON.stringify([...replies, ...(seenAs ? gets : [])])
        expect({ reader, leaked: secrets.filter((s) => text.includes(s)) }).toEqual({ reader, leaked: [] })
      }
      // The asker reads their own whole, the others none of theirs (the secrets are there to be found).
      const own = await h.ok(askers[asked[0].by % askers.length].openid, 'question', 'get', { questionId: all[0] })
      expect(own).toMatchObject({ view: 'full', mine: true, asker: { id: askers[asked[0].by % askers.length].id } })
    }), { numRuns: 8, seed: 20261212 })
  })

  it('a peer opening a shared answer gets the group\'s view: the question, the advisor and the answer, nothing of the asker', async () => {
    const q = await h.ok(OPENID.internA, 'question', 'ask', askInput({ visibility: 'group', kind: 'ideological', body: '入党积极分子在实习期间怎样参加组织生活？' }))
    await answer(h, q.id, OPENID.advisorA, '随实习党小组参加组织生活，按时提交思想汇报。')
    const r = await h.call(OPENID.coreA, 'question', 'get', { questionId: q.id })
    expect(r).toEqual({
      ok: true,
      data: {
        view: 'shared', id: q.id, kind: 'ideological', body: '入党积极分子在实习期间怎样参加组织生活？', advisorName: '王老师',
        answer: { body: '随实习党小组参加组织生活，按时提交思想汇报。', answeredAt: expect.any(String), byName: '王老师', byRole: '指导教师' }
      }
    })
    expect(JSON.stringify(r)).not.toMatch(/intern-a|赵同学|o-intern-a|askedAt|asker/)
  })
})
