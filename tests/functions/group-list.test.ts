/**
 * `group.list` over generated sets of groups (written straight into the database) with
 * generated callers, year and province filters and page sizes: walking the pages returns exactly
 * the groups the caller may see once each, by province then name, even while groups are
 * added and removed between pages; each page reads only its own documents (the branch)
 * or the caller's own groups (teachers, unit contacts); `total` is the matching count; a
 * bad cursor is refused and changes nothing.
 */
import fc from 'fast-check'
import type { GroupDoc } from '../../cloudfunctions/common/model'
import { countMembers } from '../../cloudfunctions/common/people'
import { groupSortKey } from '../../cloudfunctions/group/sortKey'
import { mulberry32 } from '../../scripts/seed/data'
import type { ActionInput, ActionOutput } from '../../types/contract'
import { OPENID } from './fixture'
import { Caller, staffWorld } from './staffWorld'
import { useHarness } from './harness'

type ListInput = ActionInput<'group', 'list'>
type ListPage = ActionOutput<'group', 'list'>

/** Provinces and names where one is a prefix of another, and names repeated across years. */
const PROVINCES = ['河南省', '河南', '湖北省', '北京市']
const NAMES = ['郑州市实习党小组', '郑州市实习党小组2', '洛阳市实习党小组', '其他地区实习党小组', 'A组']
const YEARS = ['2025-2026', '2026-2027']
const STAFF = 4
const world = staffWorld('gl', STAFF)
const { callerArb, openidOf, reaches } = world
const T0 = new Date('2026-09-01T00:00:00Z')

function generateGroups(seed: number, size: number, idPrefix = 'gl'): GroupDoc[] {
  const rnd = mulberry32(seed)
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]
  const some = (prefix: string): string[] => Array.from({ length: STAFF }, (_, i) => `${prefix}-${i}`).filter(() => rnd() < 0.3)
  return Array.from({ length: size }, (_, i) => {
    const province = pick(PROVINCES)
    const name = pick(NAMES)
    const key = `${pick(YEARS)}/${province}/${name}/${idPrefix}-${seed}-${i}`
    const advisorIds = some('gl-teacher')
    const g: GroupDoc = {
      _id: `${idPrefix}-${seed}-${i}`, key, year: key.slice(0, 9), name, province, sortKey: '', cities: [], inviteCode: `${idPrefix}${seed}${i}`,
      liaisonId: null, liaisonName: null, coreMemberIds: [], advisorIds, advisorNames: advisorIds, unitContactIds: some('gl-contact'),
      flagIssued: false, counts: countMembers([]), circles: {}, circlesVersion: 0, createdAt: T0, updatedAt: T0
    }
    return { ...g, sortKey: groupSortKey(g) }
  })
}




/** By province, then name, then formation key: compared field by field, not through sortKey. */
const byProvinceThenName = (a: GroupDoc, b: GroupDoc): number => {
  for (const k of ['province', 'name', 'key'] as const) if (a[k] !== b[k]) return a[k] < b[k] ? -1 : 1
  return 0
}

function expected(groups: GroupDoc[], c: Caller, province?: string, year?: string): string[] {
  return groups.filter((g) => reaches(c, g) && (!province || g.province === province) && (!year || g.year === year)).sort(byProvinceThenName).map((g) => g._id)
}

describe('group.list', () => {
  const h = useHarness()
  const examined = (): number => h.emulator!.store.stats.docsExamined

  const writeGroups = (groups: GroupDoc[]): Promise<void> => world.write(h.app, groups)

  async function page(c: Caller, input: ListInput): Promise<{ page: ListPage; docs: number }> {
    const before = examined()
    const result = await h.ok(openidOf(c), 'group', 'list', input)
    return { page: result, docs: examined() - before }
  }

  /**
   * What one page may examine: the branch, the caller and pageSize + 1 groups; a teacher
   * or unit contact, themself and their own groups twice (loading the caller, and the page).
   */
  const pageBudget = (c: Caller, groups: GroupDoc[], pageSize: number): number =>
    c.kind === 'admin' ? 1 + pageSize + 1 : 1 + 2 * groups.filter((g) => reaches(c, g)).length

  it('walks every page: exactly the groups the caller may see once each, in order, each page reading only its own documents', async () => {
    await fc.assert(fc.asyncProperty(
      fc.integer(), fc.noBias(fc.integer({ min: 50, max: 300 })),
      fc.array(fc.tuple(callerArb, fc.option(fc.constantFrom(...PROVINCES), { nil: undefined }), fc.option(fc.constantFrom(...YEARS), { nil: undefined }),
        fc.noBias(fc.integer({ min: 1, max: 100 }))), { minLength: 6, maxLength: 6 }),
      async (seed, size, walks) => {
        const groups = generateGroups(seed, size)
        await writeGroups(groups)
        for (const [caller, province, year, generatedSize] of walks) {
          const want = expected(groups, caller, province, year)
          const pageSize = Math.max(generatedSize, Math.ceil(want.length / 40))
          const seen: string[] = []
          let cursor: string | undefined
          do {
            const { page: p, docs } = await page(caller, { province, year, pageSize, cursor })
            if (p.nextCursor !== null) expect(p.items).toHaveLength(pageSize)
            expect(p.total).toBe(caller.kind !== 'admin' && (province || year) ? null : want.length)
            expect(docs).toBeLessThanOrEqual(pageBudget(caller, groups, pageSize))
            seen.push(...p.items.map((g) => g.id))
            cursor = p.nextCursor ?? undefined
          } while (cursor !== undefined)
          expect(seen).toEqual(want)
        }
      }
    ), { numRuns: 3, seed: 20261211 })
  })

  it('neither skips nor repeats a group while groups are added and removed between pages', async () => {
    await fc.assert(fc.asyncProperty(
      fc.integer(), fc.noBias(fc.integer({ min: 50, max: 200 })), callerArb, fc.noBias(fc.integer({ min: 3, max: 20 })), fc.integer(),
      async (seed, size, caller, pageSize, changeSeed) => {
        const groups = generateGroups(seed, size)
        await writeGroups(groups)
        const db = h.app.database()
        const rnd = mulberry32(changeSeed)
        const untouched = new Map(groups.map((g) => [g._id, g]))
        const added: GroupDoc[] = []
        const seen: string[] = []
        const sortKeys: string[] = []
        let cursor: string | undefined
        for (let step = 0; ; step++) {
          const { page: p } = await page(caller, { pageSize, cursor })
          seen.push(...p.items.map((g) => g.id))
          sortKeys.push(...p.items.map((g) => [...groups, ...added].find((x) => x._id === g.id)!.sortKey))
          if (p.nextCursor === null) break
          cursor = p.nextCursor
          const fresh = generateGroups(changeSeed + step, 2, `new${step}`)
          await db.collection('groups').add(fresh)
          added.push(...fresh)
          for (const victim of [...untouched.values()].filter(() => rnd() < 0.05)) {
            await db.collection('groups').doc(victim._id).remove()
            untouched.delete(victim._id)
          }
        }
        // (A teacher's own groups come with the caller: groups added meanwhile may show.)
        expect(new Set(seen).size).toBe(seen.length)
        expect(sortKeys).toEqual([...sortKeys].sort())
        for (const id of expected([...untouched.values()], caller)) expect(seen).toContain(id)
        for (const id of seen) expect(groups.some((g) => g._id === id && reaches(caller, g)) || added.some((g) => g._id === id && reaches(caller, g))).toBe(true)
      }
    ), { numRuns: 3, seed: 20261212 })
  })

  it('refuses malformed and forged cursors with INVALID_ARGUMENT and changes nothing', async () => {
    await writeGroups(generateGroups(3, 30))
    const rosterCursor = (await h.ok(OPENID.admin, 'roster', 'list', { pageSize: 1 })).nextCursor!
    const encode = (v: unknown): string => Buffer.from(JSON.stringify(v) ?? 'undefined').toString('base64url')
    const bad = fc.oneof(
      fc.string({ minLength: 1, maxLength: 60 }),
      fc.jsonValue().map(encode),
      fc.oneof(fc.constant({ $gt: '' }), fc.constant({ $regex: '.*' }), fc.constant(['河南省', '郑州']), fc.integer(), fc.constant(null),
        fc.string({ maxLength: 30 }).filter((s) => s.split('\u0000').length !== 3), fc.constant('\u0000\u0000'))
        .map((key) => encode(['groups', key])),
      fc.constantFrom(rosterCursor, encode(['roster', '河南省\u0000A组\u0000k']), encode(['groups']), encode({ groups: 'x' }))
    )
    for (const c of [{ kind: 'admin' as const }, { kind: 'teacher' as const, index: 0 }]) {
      const before = h.snapshot()
      await fc.assert(fc.asyncProperty(bad, async (cursor) => {
        const r = await h.call(openidOf(c), 'group', 'list', { pageSize: 5, cursor })
        expect(r).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } })
      }), { numRuns: 40, seed: 20261213 })
      expect(h.snapshot()).toBe(before)
    }
  })
})
