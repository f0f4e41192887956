/**
 * Database requests and documents read by each cultivation action, measured as the screens
 * use them on the small world and again with 4,000 more people under cultivation (half
 * with a file whose school contact is 何老师) and 6,000 more observations, 300 of them on
 * the person whose file is read: the same requests at both sizes, at most 4 (5 for a review
 * that changes the person's status: the person and their group's counts are two more
 * documents), and documents read those of a page.
 */
import type { PersonDoc } from '../../cloudfunctions/common/model'
import type { CultivationDoc, ObservationDoc } from '../../cloudfunctions/cultivation/model'
import { observationKey } from '../../cloudfunctions/cultivation/model'
import { OPENID } from './fixture'
import type { Harness } from './harness'
import { assignAll, cultivationFixture, CV_OPENID, observeInput, useCultivationHarness } from './cultivationWorld'

const base = cultivationFixture().people.find((p) => p._id === 'activist-a')!
const student = (id: string, i: number, fields: Partial<PersonDoc>): PersonDoc =>
  ({ ...base, _id: id, no: `2029${String(i).padStart(6, '0')}`, name: `学生${i}`, openid: null, history: [], ...fields })

/** Probationary members whose probation ended: two for each size's screens. */
const probation = (id: string, i: number, groupId: string) =>
  student(id, i, { groupId, politicalStatus: 'probationary', joinedPartyAt: '2025-10-01', probationEndsAt: '2026-10-01' })

async function addInBatches(h: Harness, collection: string, docs: object[]): Promise<void> {
  for (let i = 0; i < docs.length; i += 500) await h.app.database().collection(collection).add(docs.slice(i, i + 500))
}

/** 4,000 more people under cultivation in groups A and B, half with a file, and 6,000 observations. */
async function growWorld(h: Harness): Promise<void> {
  const at = new Date('2026-10-01T00:00:00Z')
  const people = Array.from({ length: 4000 }, (_, i) => student(`bulk-${i}`, 1000 + i, { groupId: i % 2 ? 'group-a' : 'group-b', politicalStatus: i % 3 ? 'activist' : 'probationary', probationEndsAt: i % 3 ? null : '2027-09-01' }))
  await addInBatches(h, 'people', people)
  const files: CultivationDoc[] = people.filter((_, i) => i % 2 === 0).map((p) => ({
    _id: p._id, personId: p._id, name: p.name, no: p.no, year: p.year, groupId: p.groupId, schoolContactId: 'teacher-c', schoolContactName: '何老师',
    unitContactId: null, unitContactName: null, reviews: [], lastReviewOn: null, counts: { school: 0, unit: 0 }, counted: [], createdAt: at, updatedAt: at
  }))
  await addInBatches(h, 'cultivations', files)
  const observations: ObservationDoc[] = Array.from({ length: 6000 }, (_, i) => {
    const personId = i < 300 ? 'activist-a' : `bulk-${i % 4000}`
    const date = `2026-${String(7 + (i % 4)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`
    const _id = `${String(i).padStart(32, '0')}`
    return { _id, requestIds: [`bulk-${i}-req`], personId, year: '2026-2027', side: i % 2 ? 'school' : 'unit', authorId: 'teacher-c', authorName: '何老师', date, aspect: 'work', body: '按时到岗。', key: observationKey(date, at, _id), createdAt: at }
  })
  await addInBatches(h, 'observations', observations)
}

describe('cultivation: request budgets', () => {
  const h = useCultivationHarness()

  const cost = async (run: () => Promise<unknown>): Promise<{ requests: number; docs: number }> => {
    h.resetCounters()
    const docs = h.emulator!.store.stats.docsExamined
    await run()
    return { requests: h.dbRequests(), docs: h.emulator!.store.stats.docsExamined - docs }
  }

  /** Every action once as the screens use them; reviews of `who`'s people. */
  async function screens(who: { activist: string; dueOn: string; confirm: string; extend: string; assign: string }) {
    let cursor: string | null = null
    let observationsCursor: string | null = null
    const obs = observeInput('activist-a')
    const out = {
      listYear: await cost(async () => { cursor = (await h.ok(OPENID.admin, 'cultivation', 'list', { pageSize: 4 })).nextCursor }),
      listYearNext: await cost(() => h.ok(OPENID.admin, 'cultivation', 'list', { pageSize: 4, cursor: cursor! })),
      listWithoutContacts: await cost(() => h.ok(OPENID.admin, 'cultivation', 'list', { pageSize: 20, withoutContacts: true })),
      listGroup: await cost(() => h.ok(OPENID.admin, 'cultivation', 'list', { pageSize: 20, groupId: 'group-a', status: 'activist' })),
      listAdvisor: await cost(() => h.ok(OPENID.advisorA, 'cultivation', 'list', { pageSize: 20 })),
      listContact: await cost(() => h.ok(CV_OPENID.teacherC, 'cultivation', 'list', { pageSize: 20 })),
      get: await cost(async () => { observationsCursor = (await h.ok(OPENID.admin, 'cultivation', 'get', { personId: 'activist-a' })).observations.nextCursor }),
      getNext: await cost(() => h.ok(OPENID.admin, 'cultivation', 'get', { personId: 'activist-a', cursor: observationsCursor! })),
      getContact: await cost(() => h.ok(OPENID.unitContactA, 'cultivation', 'get', { personId: 'activist-a' })),
      getRefused: await cost(() => h.call(CV_OPENID.contactB, 'cultivation', 'get', { personId: 'activist-a' })),
      observe: await cost(() => h.ok(CV_OPENID.teacherC, 'cultivation', 'observe', obs)),
      observeAgain: await cost(() => h.ok(CV_OPENID.teacherC, 'cultivation', 'observe', obs)),
      assignContacts: await cost(() => h.ok(OPENID.admin, 'cultivation', 'assignContacts', { personId: who.assign, schoolContactId: 'teacher-c', unitContactId: 'contact-a' })),
      reviewSixMonth: await cost(() => h.ok(OPENID.admin, 'cultivation', 'recordReview', { personId: who.activist, kind: 'sixMonth', dueOn: who.dueOn, outcome: 'qualified' })),
      reviewExtend: await cost(() => h.ok(OPENID.admin, 'cultivation', 'recordReview', { personId: who.extend, kind: 'probationEnd', dueOn: '2026-10-01', outcome: 'extended', extendedTo: '2027-04-01' })),
      reviewConfirm: await cost(() => h.ok(OPENID.admin, 'cultivation', 'recordReview', { personId: who.confirm, kind: 'probationEnd', dueOn: '2026-10-01', outcome: 'confirmed' })),
      reviewConfirmAgain: await cost(() => h.ok(OPENID.admin, 'cultivation', 'recordReview', { personId: who.confirm, kind: 'probationEnd', dueOn: '2026-10-01', outcome: 'confirmed' })),
      myOutcomes: await cost(() => h.ok(CV_OPENID.activistA, 'cultivation', 'myOutcomes', {}))
    }
    return out
  }

  it('answers each action in the same requests with 4,000 more people and 6,000 more observations, at most 4 (5 for a status change), reading a page\'s documents', async () => {
    await assignAll(h)
    await addInBatches(h, 'people', [probation('prob-s1', 1, 'group-a'), probation('prob-s2', 2, 'group-a'), probation('prob-l1', 3, 'group-b'), probation('prob-l2', 4, 'group-b')])
    // a page's worth of observations on the file before the small screens, too
    for (let i = 0; i < 21; i++) await h.ok(OPENID.unitContactA, 'cultivation', 'observe', observeInput('activist-a', { date: '2026-06-01' }))
    const small = await screens({ activist: 'activist-a', dueOn: '2026-04-01', confirm: 'prob-s1', extend: 'prob-s2', assign: 'unbound-1' })
    await growWorld(h)
    const large = await screens({ activist: 'activist-b', dueOn: '2026-07-15', confirm: 'prob-l1', extend: 'prob-l2', assign: 'bulk-1' })
    const requests = (c: typeof small) => Object.fromEntries(Object.entries(c).map(([k, v]) => [k, v.requests]))
    // eslint-disable-next-line no-console
    console.log(Object.entries(large).map(([k, v]) => `${k}: ${v.requests} requests, ${small[k as keyof typeof small].docs} → ${v.docs} documents`).join('\n'))
    expect(requests(large)).toEqual(requests(small))
    expect(requests(large)).toEqual({
      listYear: 4, listYearNext: 4, listWithoutContacts: 4, listGroup: 4, listAdvisor: 4, listContact: 4,
      get: 3, getNext: 3, getContact: 3, getRefused: 2,
      observe: 3, observeAgain: 3,
      assignContacts: 4,
      reviewSixMonth: 3, reviewExtend: 4, reviewConfirm: 5, reviewConfirmAgain: 4,
      myOutcomes: 2
    })
    // Documents read: a page and what it shows, whatever the collections hold (counts of a year or group read no document).
    for (const [action, c] of Object.entries(large)) expect({ action, within: c.docs <= 120 }).toEqual({ action, within: true })
  })
})
