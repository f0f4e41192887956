import fc from 'fast-check'
import {
  DEFAULT_FORMATION_OPTIONS,
  formGroupsByRegion,
  type FormationIntern,
  type FormationOptions,
  type FormationResult,
  type PlannedGroup
} from '../../cloudfunctions/group/formation'
import { isPartyMember, type PoliticalStatus } from '../../types/domain'
import { largeRoster, optionsArb, rosterArb, shapedRosterArb } from './generators'

const RUNS = 100

const spread = (xs: number[]): number => (xs.length === 0 ? 0 : Math.max(...xs) - Math.min(...xs))
const byCode = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0)

/** Plain assertion: much cheaper than `expect` inside loops, which matters when shrinking. */
function ensure(condition: boolean, message: () => string): void {
  if (!condition) throw new Error(message())
}
const show = (x: unknown): string => JSON.stringify(x)

/**
 * Checks every acceptance property of a formation result against its input, with oracles
 * written independently of the implementation.
 */
function checkInvariants(interns: FormationIntern[], options: FormationOptions, result: FormationResult): void {
  const opts = { ...DEFAULT_FORMATION_OPTIONS, ...options }
  const byId = new Map(interns.map((x) => [x.id, x]))
  const { groups, regions, warnings } = result

  // 2. everyone placed exactly once
  const placed = groups.flatMap((g) => g.memberIds)
  ensure(placed.length === interns.length, () => `placed ${placed.length} of ${interns.length}`)
  ensure(new Set(placed).size === placed.length, () => 'an intern is placed twice')
  for (const id of placed) ensure(byId.has(id), () => `unknown id ${id}`)

  // keys and names unique
  ensure(new Set(groups.map((g) => g.key)).size === groups.length, () => 'duplicate group key')
  ensure(new Set(groups.map((g) => g.name)).size === groups.length, () => `duplicate group name in ${show(groups.map((g) => g.name))}`)
  ensure(new Set(regions.map((r) => r.key)).size === regions.length, () => 'duplicate region key')

  // regions partition the cities; groups describe their members truthfully
  const regionOfCity = new Map<string, string>()
  for (const r of regions) {
    ensure(show([...r.cities].sort(byCode)) === show(r.cities), () => `region cities unsorted ${show(r.cities)}`)
    for (const c of r.cities) {
      const k = `${r.province}\u0000${c}`
      ensure(!regionOfCity.has(k), () => `city ${k} in two regions`)
      regionOfCity.set(k, r.key)
    }
  }
  const groupsOfRegion = new Map<string, PlannedGroup[]>()
  for (const g of groups) {
    if (!groupsOfRegion.has(g.regionKey)) groupsOfRegion.set(g.regionKey, [])
    groupsOfRegion.get(g.regionKey)!.push(g)
    const members = g.memberIds.map((id) => byId.get(id)!)
    ensure(members.length > 0, () => `empty group ${g.key}`)
    for (let i = 1; i < members.length; i++) {
      ensure(members[i - 1].studentNo <= members[i].studentNo, () => `${g.key} not sorted by studentNo`)
    }
    const count = (pred: (s: PoliticalStatus) => boolean) => members.filter((m) => pred(m.politicalStatus)).length
    const counts = {
      total: members.length,
      partyMembers: count(isPartyMember),
      probationary: count((s) => s === 'probationary'),
      activists: count((s) => s === 'activist'),
      others: count((s) => s === 'applicant' || s === 'masses')
    }
    ensure(show(g.counts) === show(counts), () => `${g.key} counts ${show(g.counts)} != ${show(counts)}`)
    const cities = [...new Set(members.map((m) => m.city))].sort(byCode)
    ensure(show(g.cities) === show(cities), () => `${g.key} cities ${show(g.cities)} != ${show(cities)}`)
    for (const m of members) {
      ensure(m.province === g.province, () => `${m.id} in a group of another province`)
      ensure(regionOfCity.get(`${m.province}\u0000${m.city}`) === g.regionKey, () => `${m.id} outside its region`)
    }
    ensure(g.key.startsWith(`${g.regionKey}/`), () => `group key ${g.key} not under ${g.regionKey}`)
  }

  // 1. regions: recompute the expected structure per province
  const provinces = new Map<string, Map<string, { n: number; pm: number }>>()
  for (const x of interns) {
    if (!provinces.has(x.province)) provinces.set(x.province, new Map())
    const cities = provinces.get(x.province)!
    const c = cities.get(x.city) ?? { n: 0, pm: 0 }
    c.n++
    if (isPartyMember(x.politicalStatus)) c.pm++
    cities.set(x.city, c)
  }
  const isThin = (c: { n: number; pm: number }) => c.n < opts.minRegionSize || c.pm === 0
  ensure(new Set(regions.map((r) => r.province)).size === provinces.size, () => 'a province has no region')
  for (const [province, cities] of provinces) {
    const own = regions.filter((r) => r.province === province)
    const solid = [...cities.values()].filter((c) => !isThin(c)).length
    const pool = [...cities.values()].filter(isThin).reduce((a, c) => ({ n: a.n + c.n, pm: a.pm + c.pm }), { n: 0, pm: 0 })
    const expectedRegions = solid === 0 ? 1 : solid + (pool.n > 0 && !isThin(pool) ? 1 : 0)
    ensure(own.length === expectedRegions, () => `${province}: ${own.length} regions, expected ${expectedRegions}`)
    for (const r of own) {
      // no two solid cities share a region; a thin region only when it is the whole province
      ensure(r.cities.filter((c) => !isThin(cities.get(c)!)).length <= 1, () => `${r.key} joins two solid cities`)
      if (own.length > 1) ensure(!isThin({ n: r.interns, pm: r.partyMembers }), () => `${r.key} is thin`)
    }
  }

  // 3 + 4. group counts, size bound, Party members and balance per region
  const max = Math.floor(opts.targetGroupSize * 1.5)
  const startsWith = (name: string) => (w: string) => w.startsWith(`${name}有`) || w.startsWith(`${name}仅`) || w.startsWith(`${name}的`)
  for (const r of regions) {
    const own = groupsOfRegion.get(r.key) ?? []
    const sum = (f: (g: PlannedGroup) => number) => own.reduce((a, g) => a + f(g), 0)
    ensure(own.length === r.groups, () => `${r.key}: ${own.length} groups, region says ${r.groups}`)
    ensure(sum((g) => g.counts.total) === r.interns, () => `${r.key}: interns mismatch`)
    ensure(sum((g) => g.counts.partyMembers) === r.partyMembers, () => `${r.key}: Party members mismatch`)
    ensure(sum((g) => g.counts.activists) === r.activists, () => `${r.key}: activists mismatch`)
    ensure(r.groups >= 1, () => `${r.key} has no group`)
    // Size: no group beyond 1.5 times the target, and no more groups than the size asks for.
    for (const g of own) ensure(g.counts.total <= max, () => `${g.key} has ${g.counts.total} members, more than ${max}`)
    const wanted = Math.max(1, Math.round(r.interns / opts.targetGroupSize))
    const fewest = Math.max(1, Math.ceil(r.interns / max))
    ensure(r.groups <= Math.max(wanted, fewest), () => `${r.key}: ${r.groups} groups for ${r.interns} interns`)
    // Fewer groups than the size asks for only to keep the Party-member floor, and only down to the size bound.
    const pmFloor = opts.minPartyMembersPerGroup
    if (r.groups < wanted) {
      ensure(r.groups === fewest || r.partyMembers < pmFloor * (r.groups + 1), () => `${r.key}: ${r.groups} groups, ${wanted} wanted, ${r.partyMembers} Party members`)
    }
    const minPm = Math.min(...own.map((g) => g.counts.partyMembers))
    if (r.partyMembers >= fewest) ensure(minPm >= 1, () => `${r.key}: a group without Party member though ${r.partyMembers} >= ${fewest}`)
    if (r.partyMembers >= pmFloor * fewest) ensure(minPm >= pmFloor, () => `${r.key}: a group with ${minPm} Party members though ${r.partyMembers} >= ${pmFloor} x ${fewest}`)
    if (r.groups > fewest) ensure(minPm >= pmFloor, () => `${r.key}: more groups than the size bound needs, yet one has ${minPm} Party members`)
    for (const field of ['total', 'partyMembers', 'probationary', 'activists', 'others'] as const) {
      const values = own.map((g) => g.counts[field])
      ensure(spread(values) <= 1, () => `${r.key}: ${field} per group ${show(values)} differ by more than one`)
    }
    // Warnings: every region with a group lacking Party members is named, in Chinese.
    const about = warnings.filter(startsWith(r.name))
    const without = own.filter((g) => g.counts.partyMembers === 0).length
    ensure(about.some((w) => w.includes('没有学生党员')) === (without > 0), () => `${r.key}: ${without} groups without Party member, warnings ${show(about)}`)
    if (minPm < pmFloor) ensure(about.length > 0, () => `${r.key}: a group with ${minPm} Party members and no warning`)
  }
}

/** A compact roster builder for the example tests. */
let serial = 0
function people(province: string, city: string, counts: Partial<Record<PoliticalStatus, number>>): FormationIntern[] {
  const out: FormationIntern[] = []
  for (const status of ['member', 'probationary', 'activist', 'applicant', 'masses'] as PoliticalStatus[]) {
    for (let i = 0; i < (counts[status] ?? 0); i++) {
      serial++
      out.push({
        id: `x${serial}`,
        studentNo: String(2023000000 + serial),
        name: `学生${serial}`,
        politicalStatus: status,
        province,
        city
      })
    }
  }
  return out
}

describe('formGroupsByRegion — properties', () => {
  it('places everyone once, balances each region, respects the Party-member floor (default options)', () => {
    fc.assert(
      fc.property(rosterArb(800), (interns) => {
        checkInvariants(interns, {}, formGroupsByRegion(interns))
      }),
      { numRuns: RUNS }
    )
  })

  it('holds the same properties under random options', () => {
    fc.assert(
      fc.property(rosterArb(), optionsArb, (interns, options) => {
        checkInvariants(interns, options, formGroupsByRegion(interns, options))
      }),
      { numRuns: RUNS }
    )
  })

  it('keeps groups within 1.5 times the target in regions of every shape: few or no Party members, tiny and huge cities, many thin cities', () => {
    fc.assert(
      fc.property(shapedRosterArb(), fc.option(optionsArb, { nil: undefined }), (interns, options) => {
        checkInvariants(interns, options ?? {}, formGroupsByRegion(interns, options))
      }),
      { numRuns: RUNS }
    )
  })

  it('is deterministic: any order of the same input gives the same output', () => {
    const arb = rosterArb(250).chain((interns) =>
      fc.tuple(fc.constant(interns), fc.shuffledSubarray(interns, { minLength: interns.length }), optionsArb)
    )
    fc.assert(
      fc.property(arb, ([interns, shuffled, options]) => {
        // also reorder the keys of each record: output must not depend on key order
        const rekeyed = shuffled.map((x) => ({ city: x.city, province: x.province, politicalStatus: x.politicalStatus, name: x.name, studentNo: x.studentNo, id: x.id }))
        expect(formGroupsByRegion(rekeyed, options)).toEqual(formGroupsByRegion(interns, options))
      }),
      { numRuns: RUNS }
    )
  })

  it('targetGroupSize drives the group count: larger target, never more groups per region', () => {
    fc.assert(
      fc.property(rosterArb(), fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 40 }), (interns, a, b) => {
        const [small, large] = a <= b ? [a, b] : [b, a]
        const rs = formGroupsByRegion(interns, { targetGroupSize: small }).regions
        const rl = formGroupsByRegion(interns, { targetGroupSize: large }).regions
        // regions do not depend on the target
        expect(rl.map((r) => r.key)).toEqual(rs.map((r) => r.key))
        rs.forEach((r, i) => expect(rl[i].groups).toBeLessThanOrEqual(r.groups))
        // extremes: one group per region when the target exceeds everyone; one intern per
        // group when the target is 1 (the size bound outranks the Party-member floor)
        const huge = formGroupsByRegion(interns, { targetGroupSize: interns.length + 1 })
        for (const r of huge.regions) expect(r.groups).toBe(1)
        const tiny = formGroupsByRegion(interns, { targetGroupSize: 1 })
        for (const r of tiny.regions) expect(r.groups).toBe(r.interns)
      }),
      { numRuns: RUNS }
    )
  })

  it('forms 10,000 generated interns (500 units, 25 provinces) with every property holding', () => {
    const interns = largeRoster(10_000)
    const result = formGroupsByRegion(interns)
    checkInvariants(interns, {}, result)
    expect(new Set(interns.map((x) => x.province)).size).toBeGreaterThanOrEqual(20)
    expect(result.groups.length).toBeGreaterThan(100)
  })
})

describe('formGroupsByRegion — examples', () => {
  it('splits a 60-intern city with 9 Party members at target 30 into 2 groups of 30 with 5/4 Party members', () => {
    const interns = people('河南省', '郑州市', { member: 6, probationary: 3, activist: 7, applicant: 10, masses: 34 })
    const result = formGroupsByRegion(interns, { targetGroupSize: 30 })
    expect(result.regions).toEqual([
      { key: '河南省/郑州市', name: '郑州市', province: '河南省', cities: ['郑州市'], interns: 60, partyMembers: 9, activists: 7, groups: 2 }
    ])
    expect(result.groups.map((g) => [g.key, g.name, g.counts])).toEqual([
      ['河南省/郑州市/1', '郑州市第1实习党小组', { total: 30, partyMembers: 5, probationary: 2, activists: 3, others: 22 }],
      ['河南省/郑州市/2', '郑州市第2实习党小组', { total: 30, partyMembers: 4, probationary: 1, activists: 4, others: 22 }]
    ])
    expect(result.warnings).toEqual([])
    checkInvariants(interns, { targetGroupSize: 30 }, result)
  })

  it('pools thin cities into the province remainder region', () => {
    const interns = [
      ...people('河南省', '郑州市', { member: 4, masses: 16 }), // solid
      ...people('河南省', '洛阳市', { member: 1, masses: 4 }), // thin: 5 < 8
      ...people('河南省', '开封市', { masses: 9 }) // thin: no Party member
    ]
    const result = formGroupsByRegion(interns)
    expect(result.regions.map((r) => [r.key, r.name, r.cities, r.interns, r.partyMembers, r.groups])).toEqual([
      ['河南省/郑州市', '郑州市', ['郑州市'], 20, 4, 1],
      ['河南省/其他地区', '河南省其他地区', ['开封市', '洛阳市'], 14, 1, 1]
    ])
    expect(result.groups.map((g) => g.name)).toEqual(['郑州市实习党小组', '河南省其他地区实习党小组'])
    expect(result.warnings).toEqual(['河南省其他地区仅有1名学生党员，少于每个党小组3名的要求，已编为1个实习党小组。'])
    checkInvariants(interns, {}, result)
  })

  it('merges a remainder that is still thin into the largest region (ties by name)', () => {
    const interns = [
      ...people('河南省', '郑州市', { member: 3, masses: 9 }),
      ...people('河南省', '新乡市', { member: 3, masses: 9 }), // same size as 郑州市; 新 (U+65B0) < 郑 (U+90D1)
      ...people('河南省', '洛阳市', { member: 1, masses: 2 }) // thin remainder of 3 interns
    ]
    const result = formGroupsByRegion(interns)
    expect(result.regions.map((r) => [r.key, r.name, r.cities, r.interns])).toEqual([
      ['河南省/新乡市', '新乡市等地', ['新乡市', '洛阳市'], 15],
      ['河南省/郑州市', '郑州市', ['郑州市'], 12]
    ])
    expect(result.groups.map((g) => g.name)).toEqual(['新乡市等地实习党小组', '郑州市实习党小组'])
    checkInvariants(interns, {}, result)
  })

  it('keeps a small province without Party members as one group and warns', () => {
    const interns = [
      ...people('湖北省', '武汉市', { activist: 2, masses: 10 }),
      ...people('湖北省', '宜昌市', { applicant: 3 }),
      ...people('河南省', '郑州市', { member: 3, masses: 10 })
    ]
    const result = formGroupsByRegion(interns)
    const hubei = result.groups.filter((g) => g.province === '湖北省')
    expect(hubei.map((g) => [g.key, g.name, g.cities, g.counts.total, g.counts.partyMembers])).toEqual([
      ['湖北省/1', '湖北省实习党小组', ['宜昌市', '武汉市'], 15, 0]
    ])
    expect(result.warnings).toEqual(['湖北省的15名实习生中没有学生党员（含预备党员），已编为1个实习党小组，请系党总支指定教师党员联系指导。'])
    checkInvariants(interns, {}, result)
  })

  it('splits a region of 95 interns with one Party member into 3 groups of about 32, and says two have no Party member', () => {
    const interns = people('山西省', '太原市', { member: 1, activist: 10, masses: 84 })
    const result = formGroupsByRegion(interns)
    expect(result.groups.map((g) => [g.name, g.counts.total, g.counts.partyMembers])).toEqual([
      ['太原市第1实习党小组', 32, 1], ['太原市第2实习党小组', 32, 0], ['太原市第3实习党小组', 31, 0]
    ])
    expect(result.warnings).toEqual([
      '太原市有95名实习生，仅1名学生党员；为使每组不超过45人编为3个实习党小组，其中2个小组没有学生党员，请系党总支为其指定教师党员联系指导。'
    ])
    checkInvariants(interns, {}, result)
  })

  it('gives fewer groups to keep 3 Party members in each only down to the size bound, and warns', () => {
    const interns = [
      ...people('广东省', '广州市', { member: 9, masses: 111 }), // 4 wanted; 3 keep 3 Party members each, 40 interns
      ...people('广东省', '深圳市', { member: 4, masses: 96 }), // 3 wanted and 3 needed for 45 at most: 2/1/1 Party members
      ...people('广东省', '佛山市', { member: 2, masses: 38 }) // one group: fewer than 3 Party members
    ]
    const result = formGroupsByRegion(interns)
    expect(result.regions.map((r) => [r.name, r.groups])).toEqual([['佛山市', 1], ['广州市', 3], ['深圳市', 3]])
    expect(result.groups.map((g) => [g.name, g.counts.total, g.counts.partyMembers])).toEqual([
      ['佛山市实习党小组', 40, 2],
      ['广州市第1实习党小组', 40, 3], ['广州市第2实习党小组', 40, 3], ['广州市第3实习党小组', 40, 3],
      ['深圳市第1实习党小组', 34, 2], ['深圳市第2实习党小组', 33, 1], ['深圳市第3实习党小组', 33, 1]
    ])
    expect(result.warnings).toEqual([
      '佛山市仅有2名学生党员，少于每个党小组3名的要求，已编为1个实习党小组。',
      '广州市有120名实习生但只有9名学生党员，为保证每组至少3名党员只建3个实习党小组（按规模应建4个），每组约40人。',
      '深圳市有100名实习生、4名学生党员；为使每组不超过45人编为3个实习党小组，部分小组的学生党员少于3名。'
    ])
    checkInvariants(interns, {}, result)
  })

  it('prefixes the province when two provinces have a city of the same name', () => {
    const interns = [...people('北京市', '通州区', { member: 3, masses: 7 }), ...people('江苏省', '通州区', { member: 3, masses: 7 })]
    expect(formGroupsByRegion(interns).groups.map((g) => g.name)).toEqual(['北京市通州区实习党小组', '江苏省通州区实习党小组'])
  })

  it('returns nothing for an empty roster', () => {
    expect(formGroupsByRegion([])).toEqual({ groups: [], regions: [], warnings: [] })
  })
})

describe('formGroupsByRegion — validation', () => {
  const base = (): FormationIntern[] => people('河南省', '郑州市', { member: 3, masses: 5 })

  it('rejects duplicate ids', () => {
    const interns = base()
    interns[4] = { ...interns[4], id: interns[1].id }
    expect(() => formGroupsByRegion(interns)).toThrow(`实习生 id 重复：${interns[1].id}`)
  })

  it('rejects an empty or blank province or city', () => {
    const a = base()
    a[2] = { ...a[2], province: '' }
    expect(() => formGroupsByRegion(a)).toThrow('缺少实习省份')
    const b = base()
    b[3] = { ...b[3], city: '   ' }
    expect(() => formGroupsByRegion(b)).toThrow('缺少实习城市')
  })

  it('rejects an unknown political status and invalid options', () => {
    const a = base()
    a[0] = { ...a[0], politicalStatus: 'party' as PoliticalStatus }
    expect(() => formGroupsByRegion(a)).toThrow('政治面貌无效')
    expect(() => formGroupsByRegion(base(), { targetGroupSize: 0 })).toThrow('targetGroupSize')
    expect(() => formGroupsByRegion(base(), { minPartyMembersPerGroup: 1.5 })).toThrow('minPartyMembersPerGroup')
  })

  it('trims province and city names', () => {
    const interns = base().map((x, i) => (i % 2 ? { ...x, city: ' 郑州市 ', province: '河南省 ' } : x))
    const result = formGroupsByRegion(interns)
    expect(result.regions.map((r) => r.key)).toEqual(['河南省/郑州市'])
  })
})
