/**
 * Who reads a note, generated over its visibility (and whether it passed the content
 * check) and every relation of the caller to its author: get, the group's list and the
 * advisor's inbox agree, and an intern of another group or another group's advisor never
 * reads a private or advisor-only note. A generated sequence of edits moves the note
 * between visibilities; after each, the readers are exactly those of its visibility.
 */
import fc from 'fast-check'
import { OPENID } from './fixture'
import { noteInput, useJournalHarness, writeNote } from './journalWorld'
import type { Harness } from './harness'

type Visibility = 'private' | 'advisor' | 'group'
const RELATIONS = {
  author: OPENID.internA,
  sameGroupMember: OPENID.liaisonA,
  sameGroupAdvisor: OPENID.advisorA,
  otherGroupIntern: OPENID.internB,
  otherGroupAdvisor: OPENID.advisorB,
  unitContact: OPENID.unitContactA,
  admin: OPENID.admin
} as const
type Relation = keyof typeof RELATIONS

/** What each relation gets, by the rules: true (sees it), false (does not), or the refusal's code. */
function expected(relation: Relation, visibility: Visibility, passed: boolean): Record<'get' | 'group' | 'shared', boolean | string> {
  const toAdvisors = passed && visibility !== 'private'
  const toGroup = passed && visibility === 'group'
  switch (relation) {
    case 'author': return { get: true, group: toGroup, shared: 'PERMISSION_DENIED' }
    case 'sameGroupMember': return { get: toGroup, group: toGroup, shared: 'PERMISSION_DENIED' }
    case 'sameGroupAdvisor': return { get: toAdvisors, group: toGroup, shared: toAdvisors }
    case 'otherGroupIntern': return { get: false, group: 'PERMISSION_DENIED', shared: 'PERMISSION_DENIED' }
    case 'otherGroupAdvisor': return { get: false, group: 'PERMISSION_DENIED', shared: false }
    default: return { get: 'PERMISSION_DENIED', group: 'PERMISSION_DENIED', shared: 'PERMISSION_DENIED' }
  }
}

/** What each relation actually gets. */
async function observed(h: Harness, openid: string, noteId: string): Promise<Record<'get' | 'group' | 'shared', boolean | string>> {
  const get = await h.call(openid, 'journal', 'get', { noteId })
  const group = await h.call(openid, 'journal', 'group', { groupId: 'group-a' })
  const shared = await h.call(openid, 'journal', 'shared', {})
  const seen = (r: typeof group | typeof shared): boolean | string => (r.ok ? r.data.items.some((i) => i.id === noteId) : r.error.code)
  return {
    // Not readable is always NOT_FOUND (the note is not revealed), or refused by role.
    get: get.ok ? get.data.id === noteId : get.error.code === 'NOT_FOUND' ? false : get.error.code,
    group: seen(group),
    shared: seen(shared)
  }
}

describe('journal: who reads a note', () => {
  const h = useJournalHarness()

  const cases = (['private', 'advisor', 'group'] as const).flatMap((v) => [true, false].map((passed) => [v, passed] as const))
  it.each(cases)('a %s note (passed the check: %s): every relation gets what the rules give', async (visibility, passed) => {
    const note = await writeNote(h, { visibility, body: passed ? '今天学习了党的纪律。' : '今天了解了传销的危害。' })
    expect(note.review).toBe(passed ? 'pass' : 'review')
    for (const [relation, openid] of Object.entries(RELATIONS) as [Relation, string][]) {
      expect({ relation, ...(await observed(h, openid, note.id)) }).toEqual({ relation, ...expected(relation, visibility, passed) })
    }
  })

  it('follows the note through generated edits of its visibility', async () => {
    await fc.assert(fc.asyncProperty(fc.array(fc.constantFrom<Visibility>('private', 'advisor', 'group'), { minLength: 1, maxLength: 4 }), async (visibilities) => {
      let note = await writeNote(h, { visibility: visibilities[0] })
      for (const [i, visibility] of visibilities.entries()) {
        if (i > 0) note = await h.ok(OPENID.internA, 'journal', 'save', noteInput({ noteId: note.id, baseVersion: note.version, visibility }))
        for (const relation of ['sameGroupMember', 'sameGroupAdvisor', 'otherGroupIntern', 'otherGroupAdvisor'] as Relation[]) {
          expect({ relation, visibility, ...(await observed(h, RELATIONS[relation], note.id)) }).toEqual({ relation, visibility, ...expected(relation, visibility, true) })
        }
      }
    }), { numRuns: 4 })
  })

  it('the group list and the inbox refuse another group, and an advisor reads only the groups they advise', async () => {
    expect(await h.call(OPENID.internA, 'journal', 'group', { groupId: 'group-b' })).toMatchObject({ ok: false, error: { code: 'PERMISSION_DENIED' } })
    expect(await h.call(OPENID.advisorA, 'journal', 'group', { groupId: 'group-b' })).toMatchObject({ ok: false, error: { code: 'PERMISSION_DENIED' } })
    expect(await h.call(OPENID.advisorA, 'journal', 'shared', { groupId: 'group-b' })).toMatchObject({ ok: false, error: { code: 'PERMISSION_DENIED' } })
    expect(await h.call(OPENID.loner, 'journal', 'group', {})).toMatchObject({ ok: false, error: { code: 'FAILED_PRECONDITION' } })
  })
})
