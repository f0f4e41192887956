import fc from 'fast-check'
import {
  DEFAULT_FORMATION_OPTIONS,
  formGroupsByRegion,
  placeLateStarters,
  type ExistingGroup,
  type FormationIntern,
  type FormationOptions,
  type LateStarterResult
} from '../../cloudfunctions/group/formation'
import { countMembers } from '../../cloudfunctions/common/people'
import type { GroupCounts } from '../../types/actions/group'
import type { PoliticalStatus } from '../../types/domain'
import { optionsArb, rosterArb, shapedRosterArb } from './generators'

const RUNS = 100

function ensure(condition: boolean, message: () => string): void {
  if (!condition) throw new Error(message())
}
const show = (x: unknown): string => JSON.stringify(x)
const spread = (xs: number[]): number => (xs.length === 0 ? 0 : Math.max(...xs) - Math.min(...xs))
const countsOf = (xs: FormationIntern[]): GroupCounts => countMembers(xs.map((x) => ({ politicalStatus: x.politicalStatus })))

/** How a group changed after it was formed: students who joined later or left (invite codes, moves). */
interface Drift { others: number; party: number; left: number }

/** The groups a first formation made, as the year's existing groups, drifted: some grown to the size bound or beyond. */
function existingFrom(interns: FormationIntern[], options: FormationOptions, drift: Drift[]): ExistingGroup[] {
  const max = Math.floor((options.targetGroupSize ?? DEFAULT_FORMATION_OPTIONS.targetGroupSize) * 1.5)
  return formGroupsByRegion(interns, options).groups.map((g, i) => {
    const d = drift.length ? drift[i % drift.length] : { others: 0, party: 0, left: 0 }
    const others = d.others === 0 ? 0 : Math.max(0, max - g.counts.total + d.others - 2)
    const left = Math.min(d.left, g.counts.others)
    const counts = {
      ...g.counts,
      total: g.counts.total + others + d.party - left,
      partyMembers: g.counts.partyMembers + d.party,
      others: g.counts.others + others - left
    }
    return { id: `g${i}`, key: g.key, name: g.name, province: g.province, cities: g.cities, counts }
  })
}

const driftArb: fc.Arbitrary<Drift> = fc.record({
  others: fc.oneof({ arbitrary: fc.constant(0), weight: 3 }, { arbitrary: fc.integer({ min: 1, max: 4 }), weight: 1 }),
  party: fc.oneof({ arbitrary: fc.constant(0), weight: 2 }, { arbitrary: fc.integer({ min: 1, max: 4 }), weight: 1 }),
  left: fc.oneof({ arbitrary: fc.constant(0), weight: 2 }, { arbitrary: fc.integer({ min: 1, max: 8 }), weight: 1 })
})

/** A year's roster split into those formed first and the late starters, with options. */
const lateArb = fc.tuple(
  fc.oneof(rosterArb(400), shapedRosterArb(4)),
  fc.double({ min: 0.02, max: 0.6, noNaN: true }),
  fc.option(optionsArb, { nil: undefined }),
  fc.array(driftArb, { maxLength: 5 }),
  fc.integer({ min: 1, max: 2 ** 31 - 1 })
).map(([roster, share, options, drift, seed]) => {
  // Late starters: a deterministic sample, so cities and provinces of their own occur too.
  const late: FormationIntern[] = []
  const first: FormationIntern[] = []
  roster.forEach((x, i) => ((((i + 1) * seed) % 1000) / 1000 < share ? late : first).push(x))
  return { existing: existingFrom(first, options ?? {}, drift), late, options: options ?? {} }
})

const regionOf = (key: string): string => key.replace(/\/\d+$/, '')

/** Checks a late-starter plan against its input, with oracles written apart from the implementation. */
function checkLateStarters(late: FormationIntern[], existing: ExistingGroup[], options: FormationOptions, result: LateStarterResult): void {
  const opts = { ...DEFAULT_FORMATION_OPTIONS, ...options }
  const max = Math.floor(opts.targetGroupSize * 1.5)
  const byId = new Map(late.map((x) => [x.id, x]))
  const groupById = new Map(existing.map((g) => [g.id, g]))

  // Everyone placed exactly once, in a join or a new group.
  const placed = [...result.joins.flatMap((j) => j.memberIds), ...result.groups.flatMap((g) => g.memberIds)]
  ensure(placed.length === late.length && new Set(placed).size === placed.length, () => `placed ${placed.length} of ${late.length}`)
  for (const id of placed) ensure(byId.has(id), () => `unknown ${id}`)

  // Joins: existing groups only, counts truthful, never past the size bound.
  const regionGroups = new Map<string, ExistingGroup[]>()
  for (const g of existing) regionGroups.set(regionOf(g.key), [...(regionGroups.get(regionOf(g.key)) ?? []), g])
  const joinOf = new Map(result.joins.map((j) => [j.groupId, j]))
  for (const j of result.joins) {
    const g = groupById.get(j.groupId)
    ensure(!!g && g.key === j.key && g.name === j.name, () => `join of an unknown group ${show(j)}`)
    const members = j.memberIds.map((id) => byId.get(id)!)
    ensure(members.length > 0, () => `${j.key}: empty join`)
    ensure(show(j.joining) === show(countsOf(members)), () => `${j.key}: joining counts`)
    const after = Object.fromEntries(Object.entries(g!.counts).map(([k, v]) => [k, v + (j.joining as any)[k]]))
    ensure(show(j.counts) === show(after), () => `${j.key}: counts ${show(j.counts)} != ${show(after)}`)
    ensure(j.counts.total <= max, () => `${j.key}: ${j.counts.total} members after joining, more than ${max}`)
    for (const m of members) ensure(m.province.trim() === g!.province, () => `${m.id} joins a group of another province`)
  }

  // A late starter of a city some group already holds joins that city's region (or a new group in it).
  const regionOfCity = new Map<string, string>()
  for (const g of [...existing].sort((a, b) => (regionOf(a.key) < regionOf(b.key) ? -1 : regionOf(a.key) > regionOf(b.key) ? 1 : 0))) {
    for (const c of g.cities) if (!regionOfCity.has(`${g.province}|${c}`)) regionOfCity.set(`${g.province}|${c}`, regionOf(g.key))
  }
  const regionOfIntern = new Map<string, string>()
  for (const j of result.joins) for (const id of j.memberIds) regionOfIntern.set(id, regionOf(j.key))
  for (const g of result.groups) for (const id of g.memberIds) regionOfIntern.set(id, g.regionKey)
  for (const x of late) {
    const known = regionOfCity.get(`${x.province}|${x.city}`)
    if (known) ensure(regionOfIntern.get(x.id) === known, () => `${x.id} of ${x.city} placed in ${regionOfIntern.get(x.id)}, not ${known}`)
  }

  // New groups: keys unique and new, within the size bound; in a known region only when its groups are full.
  const keys = new Set(existing.map((g) => g.key))
  for (const g of result.groups) {
    ensure(!keys.has(g.key), () => `new group key ${g.key} taken`)
    keys.add(g.key)
    ensure(g.counts.total <= max && g.counts.total > 0, () => `${g.key}: ${g.counts.total} members`)
    const own = regionGroups.get(g.regionKey)
    if (own) {
      const totals = own.map((e) => joinOf.get(e.id)?.counts.total ?? e.counts.total)
      ensure(totals.every((t) => t >= max), () => `${g.key}: a new group while ${g.regionKey} has room ${show(totals)}`)
    }
  }

  // Balance within each region that kept room everywhere: Party members evened out; with no
  // Party member joining, group sizes too.
  for (const [region, own] of regionGroups) {
    const before = own.map((g) => g.counts)
    const after = own.map((g) => joinOf.get(g.id)?.counts ?? g.counts)
    if (after.some((c) => c.total >= max) || !own.some((g) => joinOf.has(g.id))) continue
    const pmBefore = spread(before.map((c) => c.partyMembers))
    ensure(spread(after.map((c) => c.partyMembers)) <= Math.max(pmBefore, 1), () => `${region}: Party members ${show(before.map((c) => c.partyMembers))} -> ${show(after.map((c) => c.partyMembers))}`)
    const partyJoined = own.some((g) => (joinOf.get(g.id)?.joining.partyMembers ?? 0) > 0)
    if (!partyJoined) {
      ensure(spread(after.map((c) => c.total)) <= Math.max(spread(before.map((c) => c.total)), 1), () => `${region}: sizes ${show(before.map((c) => c.total))} -> ${show(after.map((c) => c.total))}`)
    }
  }
}

describe('placeLateStarters — properties', () => {
  it('places every late starter once, in their city\'s region, balanced, within the size bound; new groups only where the region is full or has none', () => {
    fc.assert(
      fc.property(lateArb, ({ existing, late, options }) => {
        checkLateStarters(late, existing, options, placeLateStarters(late, existing, options))
      }),
      { numRuns: RUNS }
    )
  })

  it('forms groups as formGroupsByRegion does when the year has none', () => {
    fc.assert(
      fc.property(rosterArb(300), fc.option(optionsArb, { nil: undefined }), (interns, options) => {
        expect(placeLateStarters(interns, [], options)).toEqual({ ...formGroupsByRegion(interns, options), joins: [] })
      }),
      { numRuns: 50 }
    )
  })

  it('is deterministic: any order of the late starters and of the groups gives the same plan', () => {
    const arb = lateArb.chain((x) => fc.tuple(fc.constant(x), fc.shuffledSubarray(x.late, { minLength: x.late.length }), fc.shuffledSubarray(x.existing, { minLength: x.existing.length })))
    fc.assert(
      fc.property(arb, ([{ existing, late, options }, lateShuffled, existingShuffled]) => {
        expect(placeLateStarters(lateShuffled, existingShuffled, options)).toEqual(placeLateStarters(late, existing, options))
      }),
      { numRuns: 50 }
    )
  })
})

describe('placeLateStarters — examples', () => {
  let serial = 0
  const people = (province: string, city: string, counts: Partial<Record<PoliticalStatus, number>>): FormationIntern[] =>
    (['member', 'probationary', 'activist', 'applicant', 'masses'] as PoliticalStatus[]).flatMap((status) =>
      Array.from({ length: counts[status] ?? 0 }, () => {
        serial++
        return { id: `l${serial}`, studentNo: String(2025000000 + serial), name: `新生${serial}`, politicalStatus: status, province, city }
      }))
  const group = (id: string, key: string, name: string, cities: string[], c: Partial<GroupCounts>): ExistingGroup =>
    ({ id, key, name, province: '河南省', cities, counts: { total: 0, partyMembers: 0, probationary: 0, activists: 0, others: 0, ...c } })

  it('puts late starters into the smallest groups of their region, a Party member where Party members are fewest', () => {
    const existing = [
      group('a', '河南省/郑州市/1', '郑州市第1实习党小组', ['郑州市'], { total: 30, partyMembers: 4, others: 26 }),
      group('b', '河南省/郑州市/2', '郑州市第2实习党小组', ['郑州市'], { total: 28, partyMembers: 3, others: 25 }),
      group('c', '河南省/其他地区/1', '河南省其他地区实习党小组', ['洛阳市', '开封市'], { total: 20, partyMembers: 3, others: 17 })
    ]
    const late = [...people('河南省', '郑州市', { member: 1, masses: 3 }), ...people('河南省', '开封市', { masses: 1 })]
    const result = placeLateStarters(late, existing)
    expect(result.joins.map((j) => [j.groupId, j.joining.total, j.joining.partyMembers, j.counts.total])).toEqual([
      ['c', 1, 0, 21], ['a', 1, 0, 31], ['b', 3, 1, 31]
    ])
    expect(result.groups).toEqual([])
    expect(result.warnings).toEqual([])
    expect(result.regions.map((r) => [r.key, r.interns, r.groups])).toEqual([['河南省/其他地区', 1, 1], ['河南省/郑州市', 4, 2]])
  })

  it('puts a Party member into the group with the fewest Party members even when it is not the smallest', () => {
    const existing = [
      group('a', '河南省/郑州市/1', '郑州市第1实习党小组', ['郑州市'], { total: 26, partyMembers: 5, others: 21 }),
      group('b', '河南省/郑州市/2', '郑州市第2实习党小组', ['郑州市'], { total: 28, partyMembers: 2, others: 26 })
    ]
    const result = placeLateStarters(people('河南省', '郑州市', { probationary: 1, masses: 3 }), existing)
    expect(result.joins.map((j) => [j.groupId, j.joining.partyMembers, j.joining.total, j.counts.total])).toEqual([['a', 0, 3, 29], ['b', 1, 1, 29]])
  })

  it('sends a small new city to the province remainder, a large one and a new province to new groups', () => {
    const existing = [
      group('a', '河南省/郑州市/1', '郑州市实习党小组', ['郑州市'], { total: 30, partyMembers: 4, others: 26 }),
      group('c', '河南省/其他地区/1', '河南省其他地区实习党小组', ['洛阳市'], { total: 20, partyMembers: 3, others: 17 })
    ]
    const late = [
      ...people('河南省', '南阳市', { masses: 3 }), // thin: joins the remainder
      ...people('河南省', '信阳市', { member: 2, masses: 10 }), // a region of its own
      ...people('湖北省', '武汉市', { member: 1, masses: 4 }) // a province without groups
    ]
    const result = placeLateStarters(late, existing)
    expect(result.joins.map((j) => [j.groupId, j.joining.total, j.cities])).toEqual([['c', 3, ['南阳市', '洛阳市']]])
    expect(result.groups.map((g) => [g.key, g.name, g.counts.total])).toEqual([
      ['河南省/信阳市/1', '信阳市实习党小组', 12], ['湖北省/武汉市/1', '武汉市实习党小组', 5]
    ])
  })

  it('opens a new group, numbered after the region\'s groups, only when they are full, and warns', () => {
    const existing = [
      group('a', '河南省/郑州市/1', '郑州市第1实习党小组', ['郑州市'], { total: 45, partyMembers: 3, others: 42 }),
      group('b', '河南省/郑州市/2', '郑州市第2实习党小组', ['郑州市'], { total: 44, partyMembers: 3, others: 41 })
    ]
    const late = people('河南省', '郑州市', { masses: 6 })
    const result = placeLateStarters(late, existing)
    expect(result.joins.map((j) => [j.groupId, j.joining.total])).toEqual([['b', 1]])
    expect(result.groups.map((g) => [g.key, g.name, g.counts.total, g.counts.partyMembers])).toEqual([['河南省/郑州市/3', '郑州市第3实习党小组', 5, 0]])
    expect(result.warnings).toEqual([
      '郑州市已有的2个实习党小组均已达到45人，5名新增学生另建1个实习党小组。',
      '郑州市的5名实习生中没有学生党员（含预备党员），已编为1个实习党小组，请系党总支指定教师党员联系指导。'
    ])
  })

  it('rejects duplicate existing groups', () => {
    const g = group('a', '河南省/郑州市/1', '郑州市实习党小组', ['郑州市'], { total: 3 })
    expect(() => placeLateStarters([], [g, { ...g }])).toThrow('已有党小组重复')
  })
})
