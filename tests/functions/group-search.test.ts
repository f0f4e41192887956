/**
 * `group.list` with a keyword, over generated groups (cities and names where one is a
 * prefix of another, several years) with generated keywords (a city, a city without 市,
 * the beginning of a name, a province, stray text), callers, year and province filters
 * and page sizes: walking the pages returns exactly the groups that hold the city or whose name
 * begins with the keyword, among those the caller may see, once each and in list order;
 * each page reads only the matching groups (the branch) or the caller's own (teachers,
 * unit contacts), never the whole collection.
 */
import fc from 'fast-check'
import type { GroupDoc } from '../../cloudfunctions/common/model'
import { countMembers } from '../../cloudfunctions/common/people'
import { groupSortKey } from '../../cloudfunctions/group/sortKey'
import { mulberry32 } from '../../scripts/seed/data'
import type { ActionInput } from '../../types/contract'
import { OPENID } from './fixture'
import { Caller, staffDoc, staffWorld } from './staffWorld'
import { useHarness } from './harness'

const PLACES: [string, string[]][] = [
  ['河南省', ['郑州市', '郑州', '洛阳市', '开封市']],
  ['河南', ['郑州市', '新郑市']],
  ['湖北省', ['武汉市', '宜昌市']],
  ['吉林省', ['延边朝鲜族自治州', '延吉市']],
  ['北京市', ['北京市']]
]
const YEARS = ['2025-2026', '2026-2027']
const STAFF = 3
const world = staffWorld('gs', STAFF)
const { callerArb, openidOf, reaches } = world
const T0 = new Date('2026-09-01T00:00:00Z')

/** Names as formation makes them: a city, "city等地", "province其他地区" or a province, numbered or not. */
function nameFor(rnd: () => number, province: string, cities: string[], i: number): string {
  const labels = [cities[0], `${cities[0]}等地`, `${province}其他地区`, province]
  const label = labels[Math.floor(rnd() * labels.length)]
  return rnd() < 0.5 ? `${label}实习党小组` : `${label}第${1 + (i % 3)}实习党小组`
}

function generateGroups(seed: number, size: number): GroupDoc[] {
  const rnd = mulberry32(seed)
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]
  const some = (prefix: string): string[] => Array.from({ length: STAFF }, (_, i) => `${prefix}-${i}`).filter(() => rnd() < 0.3)
  return Array.from({ length: size }, (_, i) => {
    const [province, all] = pick(PLACES)
    const cities = all.filter((c, k) => k === 0 || rnd() < 0.3)
    const year = pick(YEARS)
    const advisorIds = some('gs-teacher')
    const g: GroupDoc = {
      _id: `gs-${seed}-${i}`, key: `${year}/${province}/${cities[0]}/${seed}-${i}`, year, name: nameFor(rnd, province, cities, i), province, sortKey: '',
      cities, inviteCode: `GS${seed}${i}`, liaisonId: null, liaisonName: null, coreMemberIds: [], advisorIds, advisorNames: advisorIds,
      unitContactIds: some('gs-contact'), flagIssued: false, counts: countMembers([]), circles: {}, circlesVersion: 0, createdAt: T0, updatedAt: T0
    }
    return { ...g, sortKey: groupSortKey(g) }
  })
}



/** The rule, stated again: a city the group holds (郑州 standing also for 郑州市), or the beginning of its name. */
const holdsCity = (g: GroupDoc, keyword: string): boolean =>
  g.cities.includes(keyword) || (!/[市州县区盟旗]$/.test(keyword) && g.cities.includes(`${keyword}市`))
const matches = (g: GroupDoc, keyword: string): boolean => holdsCity(g, keyword) || g.name.startsWith(keyword)

const byListOrder = (a: GroupDoc, b: GroupDoc): number => {
  for (const k of ['province', 'name', 'key'] as const) if (a[k] !== b[k]) return a[k] < b[k] ? -1 : 1
  return 0
}

/** Keywords a teacher would type, and some they would not. */
const keywordArb = (groups: GroupDoc[]): fc.Arbitrary<string> => {
  const cities = [...new Set(PLACES.flatMap(([, cs]) => cs))]
  const names = groups.length ? [...new Set(groups.map((g) => g.name))] : ['郑州市实习党小组']
  return fc.oneof(
    fc.constantFrom(...cities),
    fc.constantFrom(...cities).map((c) => c.replace(/市$/, '')),
    fc.tuple(fc.constantFrom(...names), fc.integer({ min: 1, max: 12 })).map(([n, len]) => n.slice(0, len)),
    fc.constantFrom(...PLACES.map(([p]) => p)),
    fc.stringMatching(/^[郑州市洛阳河南省第一二地区实习党小组A]{1,4}$/)
  )
}

describe('group.list with a keyword', () => {
  const h = useHarness()
  const examined = (): number => h.emulator!.store.stats.docsExamined

  const writeGroups = (groups: GroupDoc[]): Promise<void> => world.write(h.app, groups)

  /**
   * What one page may read: the branch, the caller, the groups holding the city and (without
   * a province) those whose name begins with the keyword, or (with one) a page and one more;
   * a teacher or unit contact, themself and their own groups three times (the caller load,
   * and the two queries of the page).
   */
  function pageBudget(c: Caller, groups: GroupDoc[], keyword: string, province: string | undefined, pageSize: number): number {
    if (c.kind !== 'admin') return 1 + 3 * groups.filter((g) => reaches(c, g)).length
    const byName = province ? pageSize + 1 : groups.filter((g) => g.name.startsWith(keyword)).length
    return 1 + groups.filter((g) => holdsCity(g, keyword)).length + byName
  }

  it('walks every page: exactly the matching groups the caller may see, once each, in order, reading only the matches', async () => {
    // The walks must have met each case at least once (checked at the end).
    const seen = new Set<string>()
    await fc.assert(fc.asyncProperty(
      fc.integer(), fc.noBias(fc.integer({ min: 20, max: 200 })).chain((size) => fc.constant(size)),
      async (seed, size) => {
        const groups = generateGroups(seed, size)
        await writeGroups(groups)
        const walks = fc.sample(fc.tuple(callerArb, keywordArb(groups), fc.option(fc.constantFrom(...PLACES.map(([p]) => p)), { nil: undefined }),
          fc.option(fc.constantFrom(...YEARS), { nil: undefined }), fc.integer({ min: 1, max: 15 })), { numRuns: 8, seed })
        for (const [caller, keyword, province, year, pageSize] of walks) {
          const want = groups.filter((g) => reaches(caller, g) && (!province || g.province === province) && (!year || g.year === year) && matches(g, keyword))
            .sort(byListOrder).map((g) => g._id)
          if (want.length) seen.add(caller.kind === 'admin' ? 'the branch finds groups' : 'a teacher finds groups')
          const found = groups.filter((g) => want.includes(g._id))
          if (found.some((g) => !holdsCity(g, keyword))) seen.add('by name only')
          if (found.some((g) => !g.cities.includes(keyword) && holdsCity(g, keyword))) seen.add('郑州 for 郑州市')
          if (province && want.length) seen.add('within a province')
          if (year && want.length) seen.add('within a year')
          if (year && groups.some((g) => g.year !== year && reaches(caller, g) && matches(g, keyword))) seen.add('another year\'s groups left out')
          if (want.length > pageSize) seen.add('several pages')
          const walked: string[] = []
          let cursor: string | undefined
          for (let pages = 0; ; pages++) {
            expect(pages).toBeLessThan(200)
            const before = examined()
            const input: ActionInput<'group', 'list'> = { keyword, province, year, pageSize, cursor }
            const p = await h.ok(openidOf(caller), 'group', 'list', input)
            const docs = examined() - before
            expect({ keyword, province, docs: docs <= pageBudget(caller, groups, keyword, province, pageSize) }).toEqual({ keyword, province, docs: true })
            expect(p.total).toBeNull()
            expect(p.items.length).toBeLessThanOrEqual(pageSize)
            walked.push(...p.items.map((g) => g.id))
            if (p.nextCursor === null) break
            cursor = p.nextCursor
          }
          expect({ caller, keyword, province, year, walked }).toEqual({ caller, keyword, province, year, walked: want })
        }
      }
    ), { numRuns: 6, seed: 20270301 })
    expect([...seen].sort()).toEqual(['a teacher finds groups', 'another year\'s groups left out', 'by name only', 'several pages', 'the branch finds groups', 'within a province', 'within a year', '郑州 for 郑州市'].sort())
  })

  it('reads no group for a teacher or unit contact who looks after none, with or without a keyword', async () => {
    await writeGroups(generateGroups(7, 150))
    const db = h.app.database()
    await db.collection('people').add([staffDoc('gs-new-teacher', 'teacher', 'o-gs-new-teacher'), staffDoc('gs-new-contact', 'unitContact', 'o-gs-new-contact')])
    await fc.assert(fc.asyncProperty(fc.constantFrom('o-gs-new-teacher', 'o-gs-new-contact'), fc.option(fc.constantFrom('郑州', '洛阳市', '河南省其他'), { nil: undefined }),
      fc.option(fc.constantFrom(...PLACES.map(([p]) => p)), { nil: undefined }), async (openid, keyword, province) => {
        const before = examined()
        const p = await h.ok(openid, 'group', 'list', { keyword, province })
        expect({ items: p.items, nextCursor: p.nextCursor, docs: examined() - before }).toEqual({ items: [], nextCursor: null, docs: 1 })
      }), { numRuns: 10, seed: 20270302 })
  })

  it('refuses a keyword that matches too many names to read at once, unless a province narrows it', async () => {
    const many = generateGroups(11, 501).map((g, i) => {
      const named = { ...g, name: `A组${i}`, province: '河南省', cities: ['郑州市'] }
      return { ...named, sortKey: groupSortKey(named) }
    })
    await writeGroups(many)
    const refused = await h.call(OPENID.admin, 'group', 'list', { keyword: 'A' })
    expect(refused).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT', message: expect.stringContaining('请输入更完整的城市或小组名称') } })
    const before = examined()
    const page = await h.ok(OPENID.admin, 'group', 'list', { keyword: 'A', province: '河南省', pageSize: 10 })
    expect(page.items).toHaveLength(10)
    expect(examined() - before).toBeLessThanOrEqual(1 + 11)
  })

  it('refuses malformed cursors and keywords with INVALID_ARGUMENT', async () => {
    await writeGroups(generateGroups(5, 30))
    await fc.assert(fc.asyncProperty(
      fc.oneof(
        fc.record({ keyword: fc.constant('郑州'), cursor: fc.string({ minLength: 1, maxLength: 40 }) }),
        fc.record({ keyword: fc.oneof(fc.string({ minLength: 21, maxLength: 40 }).filter((k) => k.trim().length > 20), fc.constantFrom('郑\u0000州', '\u0001', '郑州\uffff')) })
      ),
      async (input) => {
        const r = await h.call(OPENID.admin, 'group', 'list', input)
        expect(r).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } })
      }
    ), { numRuns: 30, seed: 20270303 })
  })
})
