/**
 * Roster generators for the formation tests: fast-check arbitraries for property tests and
 * a seeded generator for one large roster.
 */
import fc from 'fast-check'
import type { PoliticalStatus } from '../../types/domain'
import type { FormationIntern } from '../../cloudfunctions/group/formation'
import { mulberry32 } from '../../scripts/seed/data'

/** A small pool so cities collide; 通州区 appears in two provinces on purpose. */
export const REGION_POOL: { province: string; cities: string[] }[] = [
  { province: '河南省', cities: ['郑州市', '洛阳市', '开封市', '新乡市', '南阳市', '漯河市'] },
  { province: '湖北省', cities: ['武汉市', '宜昌市', '襄阳市'] },
  { province: '广东省', cities: ['广州市', '深圳市', '东莞市', '佛山市'] },
  { province: '北京市', cities: ['通州区', '海淀区', '朝阳区'] },
  { province: '江苏省', cities: ['南京市', '苏州市', '通州区'] },
  { province: '上海市', cities: ['上海市'] }
]

/** Realistic skew: few Party members, more activists and applicants, mostly masses. */
export const statusArb: fc.Arbitrary<PoliticalStatus> = fc.oneof(
  { arbitrary: fc.constant<PoliticalStatus>('member'), weight: 2 },
  { arbitrary: fc.constant<PoliticalStatus>('probationary'), weight: 1 },
  { arbitrary: fc.constant<PoliticalStatus>('activist'), weight: 3 },
  { arbitrary: fc.constant<PoliticalStatus>('applicant'), weight: 4 },
  { arbitrary: fc.constant<PoliticalStatus>('masses'), weight: 10 }
)

const NON_PARTY: Record<PoliticalStatus, PoliticalStatus> = {
  member: 'activist',
  probationary: 'applicant',
  activist: 'activist',
  applicant: 'applicant',
  masses: 'masses'
}

interface Slot { p: number; c: number; status: PoliticalStatus }

/** The first city of each province is large, the rest are drawn less often (tiny cities). */
const slotArb: fc.Arbitrary<Slot> = fc
  .integer({ min: 0, max: REGION_POOL.length - 1 })
  .chain((p) =>
    fc.record({
      p: fc.constant(p),
      c: fc.oneof(
        { arbitrary: fc.constant(0), weight: 3 },
        { arbitrary: fc.integer({ min: 0, max: REGION_POOL[p].cities.length - 1 }), weight: 2 }
      ),
      status: statusArb
    })
  )

function toInterns(slots: Slot[], noPartyProvinces: number[]): FormationIntern[] {
  const noParty = new Set(noPartyProvinces)
  return slots.map((s, i) => {
    const { province, cities } = REGION_POOL[s.p]
    const status = noParty.has(s.p) ? NON_PARTY[s.status] : s.status
    // studentNo not in index order, with occasional duplicates (ties broken by id)
    const no = String(2021000000 + ((i * 7919) % 100003) - (i % 37 === 5 ? 1 : 0))
    return {
      id: `i${i}`,
      studentNo: no,
      name: `学生${i}`,
      politicalStatus: status,
      province,
      city: cities[s.c],
      unitId: `u${(i * 31) % 17}`
    }
  })
}

/** A roster of 0..maxLength interns; some provinces forced to have no Party member. */
export const rosterArb = (maxLength = 400): fc.Arbitrary<FormationIntern[]> =>
  fc
    .tuple(
      // fast-check's default size would cap arrays at ~10 elements; mostly draw the full range
      fc.oneof(
        { arbitrary: fc.array(slotArb, { maxLength: Math.min(maxLength, 20) }), weight: 1 },
        { arbitrary: fc.array(slotArb, { maxLength, size: 'max' }), weight: 4 }
      ),
      fc.subarray(REGION_POOL.map((_, i) => i), { maxLength: 2 })
    )
    .map(([slots, noParty]) => toInterns(slots, noParty))

/** How a city's interns are made up: its size and how many Party members it has. */
interface CityShape {
  size: number
  party: 'none' | 'one' | 'few' | 'normal' | 'rich'
  /** 0..1, drawn once per city: the share of activists among the non-Party interns */
  activists: number
}

/** City sizes from a single intern to several hundred; Party members from none to most. */
const cityShapeArb: fc.Arbitrary<CityShape> = fc.record({
  size: fc.oneof(
    { arbitrary: fc.integer({ min: 1, max: 7 }), weight: 4 },
    { arbitrary: fc.integer({ min: 8, max: 40 }), weight: 3 },
    { arbitrary: fc.integer({ min: 41, max: 150 }), weight: 2 },
    { arbitrary: fc.integer({ min: 151, max: 400 }), weight: 1 }
  ),
  party: fc.constantFrom('none', 'one', 'few', 'normal', 'rich'),
  activists: fc.double({ min: 0, max: 0.5, noNaN: true })
})

/**
 * A province: a few cities of any shape, or many thin cities (a long tail of one to five
 * interns each); sometimes a city named like one of another province.
 */
const provinceShapeArb = fc.oneof(
  { arbitrary: fc.array(cityShapeArb, { minLength: 1, maxLength: 6 }), weight: 3 },
  {
    arbitrary: fc.array(fc.record({ size: fc.integer({ min: 1, max: 5 }), party: fc.constantFrom('none', 'one', 'normal'), activists: fc.constant(0.2) }), { minLength: 8, maxLength: 30 }) as fc.Arbitrary<CityShape[]>,
    weight: 1
  }
)

function partyCount(shape: CityShape, pick: (n: number) => number): number {
  switch (shape.party) {
    case 'none': return 0
    case 'one': return 1
    case 'few': return Math.min(shape.size, 1 + pick(4))
    case 'normal': return Math.round(shape.size * 0.15)
    case 'rich': return Math.max(1, Math.round(shape.size * (0.4 + pick(6) / 10)))
  }
}

/**
 * Rosters built from region shapes rather than from single interns: huge cities with one
 * Party member or none, tiny cities, provinces of many thin cities, Party-rich cities.
 * Up to `maxProvinces` provinces.
 */
export const shapedRosterArb = (maxProvinces = 5): fc.Arbitrary<FormationIntern[]> =>
  fc.tuple(fc.array(provinceShapeArb, { minLength: 1, maxLength: maxProvinces }), fc.integer({ min: 1, max: 2 ** 31 - 1 }))
    .map(([provinces, seed]) => {
      const rnd = prng(seed)
      const pick = (n: number) => Math.floor(rnd() * n)
      const interns: FormationIntern[] = []
      provinces.forEach((cities, p) => {
        const province = `省${p}`
        cities.forEach((shape, c) => {
          // City 0 of every province shares its name, like 通州区 in 北京市 and 江苏省.
          const city = c === 0 ? '新区' : `市${p}-${c}`
          const party = Math.min(shape.size, partyCount(shape, pick))
          for (let i = 0; i < shape.size; i++) {
            const n = interns.length
            const status: PoliticalStatus = i < party
              ? (pick(3) === 0 ? 'probationary' : 'member')
              : rnd() < shape.activists ? 'activist' : pick(3) === 0 ? 'applicant' : 'masses'
            interns.push({ id: `x${n}`, studentNo: String(2020000000 + ((n * 7919) % 1000003)), name: `学生${n}`, politicalStatus: status, province, city })
          }
        })
      })
      return interns
    })

export const optionsArb = fc.record({
  targetGroupSize: fc.integer({ min: 1, max: 60 }),
  minRegionSize: fc.integer({ min: 0, max: 15 }),
  minPartyMembersPerGroup: fc.integer({ min: 1, max: 5 })
})

/** A seeded PRNG, so the large roster is the same every run. */
const prng = mulberry32

/**
 * A large realistic roster: `count` interns at ~`units` units in 25 provinces with 2..12
 * cities each; city sizes are skewed (a few big cities, a long tail of tiny ones); three
 * provinces have no Party member.
 */
export function largeRoster(count: number, units = 500, seed = 20240601): FormationIntern[] {
  const rnd = prng(seed)
  const provinces = Array.from({ length: 25 }, (_, p) => ({
    province: `省份${String(p).padStart(2, '0')}`,
    cities: Array.from({ length: 2 + Math.floor(rnd() * 11) }, (_, c) => `城市${p}-${c}`),
    noParty: p % 9 === 4
  }))
  const unitList = Array.from({ length: units }, (_, u) => {
    const p = Math.floor(rnd() ** 1.5 * provinces.length)
    const cities = provinces[p].cities
    return { id: `unit${u}`, p, city: cities[Math.floor(rnd() ** 2 * cities.length)] }
  })
  const interns: FormationIntern[] = []
  for (let i = 0; i < count; i++) {
    const unit = unitList[Math.floor(rnd() ** 1.3 * unitList.length)]
    const r = rnd()
    let status: PoliticalStatus = r < 0.07 ? 'member' : r < 0.1 ? 'probationary' : r < 0.25 ? 'activist' : r < 0.45 ? 'applicant' : 'masses'
    if (provinces[unit.p].noParty && (status === 'member' || status === 'probationary')) status = 'activist'
    interns.push({
      id: `s${i}`,
      studentNo: String(2022000000 + i),
      name: `学生${i}`,
      politicalStatus: status,
      province: provinces[unit.p].province,
      city: unit.city,
      unitId: unit.id
    })
  }
  return interns
}
