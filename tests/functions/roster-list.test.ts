/**
 * `roster.list` over generated rosters (a few hundred to two thousand people, written
 * straight into the database) with generated filters and page sizes: walking the pages
 * returns exactly the matching students once each, in student-number order, even while
 * students are added, removed and moved between pages (and between internship years); each page reads only its own
 * documents; `total` is the matching count; a bad cursor is refused and changes nothing.
 */
import fc from 'fast-check'
import type { PersonDoc } from '../../cloudfunctions/common/model'
import { mulberry32 } from '../../scripts/seed/data'
import type { ActionInput, ActionOutput } from '../../types/contract'
import { POLITICAL_STATUSES } from '../../types/domain'
import { OPENID } from './fixture'
import { useHarness } from './harness'

type ListInput = ActionInput<'roster', 'list'>
type ListPage = ActionOutput<'roster', 'list'>
type Filters = Omit<ListInput, 'cursor' | 'pageSize'>

const PROVINCES = ['河南省', '湖北省', '山东省', '北京市']
/** people of two years, and a few with none (never imported from a roster of a year) */
const YEARS = ['2025-2026', '2026-2027']
/** group-a and group-b exist (fixture); group-x does not */
const GROUP_IDS = ['group-a', 'group-b', 'group-x']
/** namesakes, a Latin name, and a name that is also a student-number prefix */
const NAMES = ['张伟', '王芳', '李娜', '刘洋', '张伟伟', 'Ali', '2023']
const T0 = new Date('2026-09-01T00:00:00Z')

/** A generated roster: students (and a few teachers, whom the roster never lists). */
function generatePeople(seed: number, size: number, idPrefix = 'gen'): PersonDoc[] {
  const rnd = mulberry32(seed)
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]
  const digits = (n: number, width: number): string => String(n).padStart(width, '0')
  const nos = new Set<string>()
  while (nos.size < size) {
    nos.add(`${pick(['', '', 'K'])}${2022 + Math.floor(rnd() * 4)}${pick(['01', '02', '03'])}${digits(1 + Math.floor(rnd() * 9), 2)}${digits(1 + Math.floor(rnd() * 99), 2)}`)
  }
  return [...nos].map((no, i) => personDoc(`${idPrefix}-${seed}-${i}`, no, {
    kind: rnd() < 0.95 ? 'student' : 'teacher',
    name: pick(NAMES),
    province: pick(PROVINCES),
    groupId: pick([...GROUP_IDS, null, null]),
    politicalStatus: pick(POLITICAL_STATUSES),
    year: rnd() < 0.05 ? null : pick(YEARS)
  }))
}

function personDoc(id: string, no: string, fields: Partial<PersonDoc>): PersonDoc {
  return {
    _id: id, no, kind: 'student', name: '某同学', phone: '13800000000', grade: '2023级', major: '护理', politicalStatus: 'masses',
    joinedPartyAt: null, probationEndsAt: null, activistSince: null, unitId: null, unitName: '某医院', province: '河南省', city: '郑州市',
    internshipStart: '2026-07-01', internshipEnd: '2027-04-30', groupId: null, admin: false, year: '2026-2027', history: [],
    openid: null, boundAt: null, createdAt: T0, updatedAt: T0, ...fields
  }
}

/** What the list should show, by the documented rules, in student-number order. */
function expected(people: PersonDoc[], f: Filters): string[] {
  const keyword = f.keyword || undefined
  return people
    .filter((p) => p.kind === 'student' &&
      (!f.year || p.year === f.year) &&
      (!f.province || p.province === f.province) &&
      (!f.politicalStatus || p.politicalStatus === f.politicalStatus) &&
      (f.groupId ? p.groupId === f.groupId : !f.unassigned || p.groupId === null) &&
      (keyword === undefined || p.name === keyword || (/^[A-Za-z0-9]+$/.test(keyword) && p.no.startsWith(keyword))))
    .map((p) => p.no)
    .sort()
}

/** Each filter present about a third of the time; keywords that are number prefixes, names, or neither. */
const sometimes = <T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> =>
  fc.oneof({ arbitrary: fc.constant(undefined), weight: 2 }, { arbitrary: arb, weight: 1 })
const filtersArb: fc.Arbitrary<Filters> = fc.record({
  year: sometimes(fc.constantFrom(...YEARS, '2027-2028')),
  province: sometimes(fc.constantFrom(...PROVINCES, '西藏自治区')),
  groupId: sometimes(fc.constantFrom(...GROUP_IDS)),
  unassigned: sometimes(fc.boolean()),
  politicalStatus: sometimes(fc.constantFrom(...POLITICAL_STATUSES)),
  keyword: sometimes(fc.oneof(
    fc.constantFrom(...NAMES),
    fc.constantFrom('2', '20', '202', '2023', '20240', '202501', 'K', 'K2', 'K2022', '张'),
    fc.stringMatching(/^[0-9]{1,5}$/)
  ))
})
  // a group implies its year: the two are not asked for together
  .map((f) => (f.groupId ? { ...f, year: undefined } : f))
  .map((f) => Object.fromEntries(Object.entries(f).filter(([, v]) => v !== undefined)) as Filters)

describe('roster.list', () => {
  const h = useHarness()
  const examined = (): number => h.emulator!.store.stats.docsExamined

  /** Replaces everyone but the admin with `people`. */
  async function writeRoster(people: PersonDoc[]): Promise<void> {
    const db = h.app.database()
    await db.collection('people').where({ _id: db.command.neq('admin') }).remove()
    for (let i = 0; i < people.length; i += 1000) await db.collection('people').add(people.slice(i, i + 1000))
  }

  /** One page as the admin, with the documents the call examined. */
  async function page(input: ListInput): Promise<{ page: ListPage; docs: number }> {
    const before = examined()
    const result = await h.ok(OPENID.admin, 'roster', 'list', input)
    return { page: result, docs: examined() - before }
  }

  /**
   * What one page may examine: the caller, pageSize + 1 documents per indexed query (two
   * for an alphanumeric keyword: number prefix and name) and each distinct group it shows.
   */
  const pageBudget = (f: Filters, pageSize: number, shown: ListPage): number => {
    const queries = f.keyword ? (/^[A-Za-z0-9]+$/.test(f.keyword) ? 2 : 1) : 1
    return 1 + queries * (pageSize + 1) + new Set(shown.items.map((i) => i.groupId).filter(Boolean)).size
  }

  it('walks every page: exactly the matching students once each, in order, each page reading only its own documents', async () => {
    await fc.assert(fc.asyncProperty(
      fc.integer(), fc.noBias(fc.integer({ min: 200, max: 2000 })), fc.array(fc.tuple(filtersArb, fc.noBias(fc.integer({ min: 1, max: 100 }))), { minLength: 3, maxLength: 3 }),
      async (seed, size, walks) => {
        const people = generatePeople(seed, size)
        await writeRoster(people)
        for (const [filters, generatedSize] of walks) {
          const want = expected(people, filters)
          // Long walks are slow, not more telling: at most about 40 pages.
          const pageSize = Math.max(generatedSize, Math.ceil(want.length / 40))
          const seen: string[] = []
          let cursor: string | undefined
          do {
            const { page: p, docs } = await page({ ...filters, pageSize, cursor })
            expect(p.items.length).toBeLessThanOrEqual(pageSize)
            if (!filters.keyword && p.nextCursor !== null) expect(p.items).toHaveLength(pageSize)
            expect(p.total).toBe(filters.keyword ? null : want.length)
            expect(docs).toBeLessThanOrEqual(pageBudget(filters, pageSize, p))
            seen.push(...p.items.map((i) => i.studentNo))
            cursor = p.nextCursor ?? undefined
          } while (cursor !== undefined)
          expect(seen).toEqual(want)
        }
      }
    ), { numRuns: 3, seed: 20261201 })
  })

  it('neither skips nor repeats anyone while students are added, removed and moved between pages', async () => {
    await fc.assert(fc.asyncProperty(
      fc.integer(), fc.noBias(fc.integer({ min: 200, max: 600 })), filtersArb, fc.noBias(fc.integer({ min: 10, max: 40 })), fc.integer(),
      async (seed, size, filters, pageSize, changeSeed) => {
        const people = generatePeople(seed, size)
        await writeRoster(people)
        const db = h.app.database()
        const rnd = mulberry32(changeSeed)
        const untouched = new Map(people.map((p) => [p._id, p]))
        const everMatching = new Set(expected(people, filters))
        const seen: string[] = []
        let cursor: string | undefined
        for (let step = 0; ; step++) {
          const { page: p } = await page({ ...filters, pageSize, cursor })
          seen.push(...p.items.map((i) => i.studentNo))
          if (p.nextCursor === null) break
          cursor = p.nextCursor
          // Between pages: a few students added (before and after the cursor), removed and moved.
          const added = generatePeople(changeSeed + step, 3, `new${step}`).map((x) => ({ ...x, kind: 'student' as const }))
          const victims = [...untouched.values()].filter(() => rnd() < 0.02)
          const moved = [...untouched.values()].filter(() => rnd() < 0.02)
          const fresh = added.filter((x) => !people.some((q) => q.no === x.no))
          if (fresh.length) await db.collection('people').add(fresh)
          for (const v of victims) {
            await db.collection('people').doc(v._id).remove()
            untouched.delete(v._id)
          }
          for (const m of moved) {
            const change = { groupId: GROUP_IDS[Math.floor(rnd() * 3)], province: PROVINCES[Math.floor(rnd() * PROVINCES.length)], year: YEARS[Math.floor(rnd() * YEARS.length)] }
            await db.collection('people').doc(m._id).update(change)
            untouched.delete(m._id)
            if (expected([{ ...m, ...change }], filters).length) everMatching.add(m.no)
          }
          people.push(...fresh)
          for (const no of expected(fresh, filters)) everMatching.add(no)
        }
        // In order and never twice; everyone untouched throughout is there; nobody else but those changed.
        expect(seen).toEqual([...new Set(seen)].sort())
        for (const no of expected([...untouched.values()], filters)) expect(seen).toContain(no)
        for (const no of seen) expect(everMatching.has(no)).toBe(true)
      }
    ), { numRuns: 3, seed: 20261202 })
  })

  it('refuses a group and a year together, and a malformed year, with INVALID_ARGUMENT and changes nothing', async () => {
    await writeRoster(generatePeople(11, 50))
    const before = h.snapshot()
    for (const input of [{ groupId: 'group-a', year: '2026-2027' }, { year: '2026' }, { year: '2026-2028' }, { year: '２０２６-２０２７' }]) {
      const r = await h.call(OPENID.admin, 'roster', 'list', { pageSize: 5, ...input })
      expect(r).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } })
    }
    expect(h.snapshot()).toBe(before)
  })

  it('refuses malformed and forged cursors with INVALID_ARGUMENT and changes nothing', async () => {
    await writeRoster(generatePeople(7, 50))
    const { page: first } = await page({ pageSize: 5 })
    const groupCursor = (await h.ok(OPENID.admin, 'group', 'list', { pageSize: 1 })).nextCursor!
    const encode = (v: unknown): string => Buffer.from(JSON.stringify(v) ?? 'undefined').toString('base64url')
    const bad = fc.oneof(
      fc.string({ minLength: 1, maxLength: 60 }),
      fc.jsonValue().map(encode),
      // the shape of a real cursor, with something other than a student number in it
      fc.oneof(fc.constant({ $gt: '' }), fc.constant({ $ne: null }), fc.constant(['$where']), fc.integer(), fc.constant(null),
        fc.string({ maxLength: 30 }).filter((s) => !/^[A-Za-z0-9]{1,20}$/.test(s)), fc.constant('2023\u0000'), fc.constant('a'.repeat(21)))
        .map((key) => encode(['roster', key])),
      fc.constantFrom(groupCursor, encode(['groups', '2023010001']), encode(['roster']), encode(['roster', '2023', 'x']), `${first.nextCursor}=`, `${first.nextCursor}!`)
    )
    const before = h.snapshot()
    await fc.assert(fc.asyncProperty(bad, async (cursor) => {
      const r = await h.call(OPENID.admin, 'roster', 'list', { pageSize: 5, cursor })
      expect(r).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } })
    }), { numRuns: 60, seed: 20261203 })
    expect(h.snapshot()).toBe(before)
    // A well-formed cursor only says where to resume, whoever wrote it.
    const resumed = await h.ok(OPENID.admin, 'roster', 'list', { pageSize: 5, cursor: encode(['roster', '2024']) })
    expect(resumed.items.every((i) => i.studentNo > '2024')).toBe(true)
  })
})
