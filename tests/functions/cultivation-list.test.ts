/**
 * Naming contacts and listing the people under cultivation: the branch names a teacher
 * as school contact and a unit contact as unit contact of an activist or probationary
 * member (anything else is refused and changes nothing); over generated sequences of
 * assignments, the lists — the branch's year with its filters (status, group, still
 * without both contacts), an advisor's groups, each contact's own people — hold exactly the
 * people the model says, each once across generated page sizes, in student-number order.
 */
import fc from 'fast-check'
import type { ActionInput } from '../../types/contract'
import { OPENID } from './fixture'
import type { Harness } from './harness'
import { cultivationFixture, cultivationOf, cultivationState, CV_OPENID, personOf, useCultivationHarness } from './cultivationWorld'

const fixture = cultivationFixture()
/** The year's people under cultivation, in student-number order. */
const CULTIVATED = fixture.people
  .filter((p) => p.kind === 'student' && p.year === '2026-2027' && (p.politicalStatus === 'activist' || p.politicalStatus === 'probationary'))
  .sort((a, b) => (a.no < b.no ? -1 : 1))
const TEACHERS = ['teacher-c', 'advisor-a', 'advisor-b'] as const
const UNIT_CONTACTS = ['contact-a', 'contact-b'] as const
const OPENID_OF: Record<string, string> = { 'teacher-c': CV_OPENID.teacherC, 'advisor-a': OPENID.advisorA, 'advisor-b': OPENID.advisorB, 'contact-a': OPENID.unitContactA, 'contact-b': CV_OPENID.contactB }

type ListInput = ActionInput<'cultivation', 'list'>

/** Every person a list holds, page after page, checking each page's order and the total. */
async function listAll(h: Harness, openid: string, input: ListInput): Promise<string[]> {
  const ids: string[] = []
  let cursor: string | undefined
  for (let i = 0; i < 50; i++) {
    const page = await h.ok(openid, 'cultivation', 'list', { ...input, ...(cursor ? { cursor } : {}) })
    ids.push(...page.items.map((r) => r.personId))
    if (!page.nextCursor) {
      expect(page.total).toBe(ids.length)
      const nos = ids.map((id) => fixture.people.find((p) => p._id === id)!.no)
      expect(nos).toEqual([...nos].sort())
      return ids
    }
    cursor = page.nextCursor
  }
  throw new Error('too many pages')
}

describe('cultivation.assignContacts and list', () => {
  const h = useCultivationHarness()

  it('names the contacts, makes the file on the first assignment, and shows them in the file and the list', async () => {
    expect(await cultivationOf(h, 'activist-a')).toBeNull()
    const r = await h.ok(OPENID.admin, 'cultivation', 'assignContacts', { personId: 'activist-a', schoolContactId: 'teacher-c', unitContactId: 'contact-a' })
    expect(r).toEqual({ personId: 'activist-a', contacts: { school: { id: 'teacher-c', name: '何老师' }, unit: { id: 'contact-a', name: 'contact-a' } } })
    expect(await cultivationOf(h, 'activist-a')).toMatchObject({ personId: 'activist-a', name: '钱积极', no: '2023010005', groupId: 'group-a', year: '2026-2027', schoolContactId: 'teacher-c', unitContactId: 'contact-a', reviews: [], counts: { school: 0, unit: 0 } })
    expect((await personOf(h, 'activist-a')).contactsAssigned).toBe(true)
    const file = await h.ok(OPENID.admin, 'cultivation', 'get', { personId: 'activist-a' })
    expect(file.contacts).toEqual(r.contacts)
    // The branch chooses from the group's advisors and unit contacts.
    expect(file.suggestions).toEqual({ teachers: [{ id: 'advisor-a', name: 'advisor-a', unitName: null }], unitContacts: [{ id: 'contact-a', name: 'contact-a', unitName: '郑州市第一人民医院' }, { id: 'contact-b', name: '郭带教', unitName: '洛阳市中心医院' }] })
    expect((await h.ok(OPENID.advisorA, 'cultivation', 'get', { personId: 'activist-a' })).suggestions).toBeNull()
    await h.ok(OPENID.admin, 'cultivation', 'assignContacts', { personId: 'activist-a', schoolContactId: 'teacher-c', unitContactId: null })
    expect((await personOf(h, 'activist-a')).contactsAssigned).toBeNull()
    expect(await listAll(h, OPENID.admin, { withoutContacts: true, pageSize: 10 })).toContain('activist-a')
  })

  it('refuses contacts of the wrong kind, people not under cultivation and nobody, changing nothing', async () => {
    const state = await cultivationState(h)
    const cases: [ActionInput<'cultivation', 'assignContacts'>, string][] = [
      [{ personId: 'activist-a', schoolContactId: 'contact-a', unitContactId: null }, 'INVALID_ARGUMENT'],
      [{ personId: 'activist-a', schoolContactId: null, unitContactId: 'teacher-c' }, 'INVALID_ARGUMENT'],
      [{ personId: 'activist-a', schoolContactId: 'intern-a', unitContactId: null }, 'INVALID_ARGUMENT'],
      [{ personId: 'activist-a', schoolContactId: 'teacher-none', unitContactId: null }, 'NOT_FOUND'],
      [{ personId: 'intern-a', schoolContactId: 'teacher-c', unitContactId: 'contact-a' }, 'FAILED_PRECONDITION'],
      [{ personId: 'member-a3', schoolContactId: 'teacher-c', unitContactId: 'contact-a' }, 'FAILED_PRECONDITION'],
      [{ personId: 'teacher-c', schoolContactId: 'teacher-c', unitContactId: 'contact-a' }, 'NOT_FOUND'],
      [{ personId: 'person-none', schoolContactId: 'teacher-c', unitContactId: 'contact-a' }, 'NOT_FOUND']
    ]
    for (const [input, code] of cases) expect(await h.call(OPENID.admin, 'cultivation', 'assignContacts', input)).toMatchObject({ ok: false, error: { code } })
    expect(await cultivationState(h)).toBe(state)
  })

  it('over generated assignments, every list holds exactly the people the model says, each once, whatever the page size', async () => {
    const assignment = fc.record({
      person: fc.constantFrom(...CULTIVATED.map((p) => p._id)),
      school: fc.constantFrom(null, ...TEACHERS),
      unit: fc.constantFrom(null, ...UNIT_CONTACTS)
    })
    await fc.assert(fc.asyncProperty(fc.array(assignment, { maxLength: 8 }), fc.integer({ min: 1, max: 4 }), async (assignments, pageSize) => {
      const db = h.app.database()
      await db.collection('cultivations').where({ _id: db.command.exists(true) }).remove()
      await db.collection('people').where({ contactsAssigned: true }).update({ contactsAssigned: null })
      const model = new Map<string, { school: string | null; unit: string | null }>()
      for (const a of assignments) {
        await h.ok(OPENID.admin, 'cultivation', 'assignContacts', { personId: a.person, schoolContactId: a.school, unitContactId: a.unit })
        model.set(a.person, { school: a.school, unit: a.unit })
      }
      const ids = (pred: (p: (typeof CULTIVATED)[number]) => boolean) => CULTIVATED.filter(pred).map((p) => p._id)
      expect(await listAll(h, OPENID.admin, { pageSize })).toEqual(ids(() => true))
      expect(await listAll(h, OPENID.admin, { pageSize, withoutContacts: true })).toEqual(ids((p) => !model.get(p._id)?.school || !model.get(p._id)?.unit))
      expect(await listAll(h, OPENID.admin, { pageSize, status: 'probationary' })).toEqual(ids((p) => p.politicalStatus === 'probationary'))
      expect(await listAll(h, OPENID.admin, { pageSize, groupId: 'group-a', withoutContacts: true })).toEqual(ids((p) => p.groupId === 'group-a' && (!model.get(p._id)?.school || !model.get(p._id)?.unit)))
      expect(await listAll(h, OPENID.advisorB, { pageSize, scope: 'groups' })).toEqual(ids((p) => p.groupId === 'group-b'))
      for (const contact of [...TEACHERS, ...UNIT_CONTACTS]) {
        const side = contact.startsWith('contact') ? 'unit' : 'school'
        expect(await listAll(h, OPENID_OF[contact], { pageSize, scope: 'contacts' })).toEqual(ids((p) => model.get(p._id)?.[side] === contact))
      }
      // Each row shows the contacts the file holds.
      const rows = (await h.ok(OPENID.admin, 'cultivation', 'list', { pageSize: 100 })).items
      for (const row of rows) {
        const m = model.get(row.personId)
        expect([row.contacts.school?.id ?? null, row.contacts.unit?.id ?? null]).toEqual([m?.school ?? null, m?.unit ?? null])
      }
    }), { numRuns: 8, seed: 4 })
  })

  it('offers each caller their own lists, and refuses another\'s', async () => {
    expect(await h.ok(OPENID.admin, 'cultivation', 'list', {})).toMatchObject({ scope: 'all', scopes: ['all'], year: expect.stringMatching(/^\d{4}-\d{4}$/) })
    expect(await h.ok(OPENID.advisorA, 'cultivation', 'list', {})).toMatchObject({ scope: 'groups', scopes: ['groups', 'contacts'], year: null })
    expect(await h.ok(CV_OPENID.teacherC, 'cultivation', 'list', {})).toMatchObject({ scope: 'contacts', scopes: ['contacts'] })
    expect(await h.ok(OPENID.unitContactA, 'cultivation', 'list', {})).toMatchObject({ scope: 'contacts', scopes: ['contacts'] })
    expect(await h.call(OPENID.unitContactA, 'cultivation', 'list', { scope: 'all' })).toMatchObject({ ok: false, error: { code: 'PERMISSION_DENIED' } })
    expect(await h.call(CV_OPENID.teacherC, 'cultivation', 'list', { scope: 'groups' })).toMatchObject({ ok: false, error: { code: 'PERMISSION_DENIED' } })
    expect(await h.call(OPENID.advisorA, 'cultivation', 'list', { groupId: 'group-b' })).toMatchObject({ ok: false, error: { code: 'PERMISSION_DENIED' } })
    expect(await h.call(OPENID.advisorA, 'cultivation', 'list', { scope: 'contacts', status: 'activist' })).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } })
    // Another year's list is that year's, empty here.
    expect(await h.ok(OPENID.admin, 'cultivation', 'list', { year: '2025-2026' })).toMatchObject({ items: [], total: 0, year: '2025-2026' })
  })
})
