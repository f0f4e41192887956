/**
 * Deterministic seed data: a realistic internship roster for a medical college
 * (modelled on a 高专 in Luohe, Henan), its advisor teachers and the Party-member
 * clinical supervisors (带教老师党员) of the larger internship units.
 *
 * Pure: no I/O, no clock, no Math.random. The same options always give byte-identical
 * output; the randomness comes from a seeded mulberry32 generator.
 */
import { POLITICAL_STATUS_LABELS, type PoliticalStatus } from '../../types/domain'
import { ROSTER_COLUMNS, type RosterRow } from '../../types/roster'
import {
  ADULT_FEMALE_GIVEN,
  ADULT_MALE_GIVEN,
  CITY_HOSPITAL_SUFFIXES,
  CLINIC_BRANDS,
  COUNTY_HOSPITAL_SUFFIXES,
  FEMALE_FIRST,
  FEMALE_SECOND,
  FEMALE_SINGLE,
  MALE_FIRST,
  MALE_SECOND,
  MALE_SINGLE,
  PRIVATE_HOSPITAL_BRANDS,
  PROVINCES,
  ROADS,
  SURNAMES,
  type CityDef,
  type ProvinceDef
} from './names'

export interface SeedOptions {
  /** default 2026 */
  seed?: number
  /** default 4200 */
  interns?: number
}

export interface SeedTeacher {
  staffNo: string
  name: string
  phone: string
  /** e.g. 讲师 / 副教授 / 辅导员 */
  title: string
}

export interface SeedUnitContact {
  name: string
  phone: string
  unitName: string
  province: string
  city: string
  /** e.g. 带教老师 */
  title: string
}

export interface SeedUnit {
  name: string
  province: string
  city: string
  kind: 'hospital' | 'clinic'
}

export interface SeedDataset {
  roster: RosterRow[]
  teachers: SeedTeacher[]
  unitContacts: SeedUnitContact[]
  /** every unit that takes at least one intern, in province / city order */
  units: SeedUnit[]
}

const DEFAULT_SEED = 2026
const DEFAULT_INTERNS = 4200
/** "Today" for the generated data: probationary members joined within the year before it. */
export const REFERENCE_DATE = '2026-11-29'

// ---------------------------------------------------------------------------------------
// Seeded randomness

/** mulberry32: a small, fast 32-bit PRNG; returns floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

class Rng {
  private readonly next: () => number
  constructor(seed: number) {
    this.next = mulberry32(seed)
  }
  float(): number {
    return this.next()
  }
  /** integer in [min, max], both inclusive */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1))
  }
  chance(p: number): boolean {
    return this.next() < p
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]
  }
  shuffle<T>(items: readonly T[]): T[] {
    const out = items.slice()
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1))
      const tmp = out[i]
      out[i] = out[j]
      out[j] = tmp
    }
    return out
  }
}

/** A weighted choice table (cumulative weights, binary search). */
class Weighted<T> {
  private readonly items: T[]
  private readonly cumulative: number[]
  private readonly total: number
  constructor(pairs: ReadonlyArray<readonly [T, number]>) {
    this.items = pairs.map(([item]) => item)
    this.cumulative = []
    let sum = 0
    for (const [, w] of pairs) {
      sum += w
      this.cumulative.push(sum)
    }
    this.total = sum
  }
  pick(rng: Rng): T {
    const x = rng.float() * this.total
    let lo = 0
    let hi = this.cumulative.length - 1
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if (this.cumulative[mid] > x) hi = mid
      else lo = mid + 1
    }
    return this.items[lo]
  }
}

/** Largest-remainder apportionment of `total` over `weights` (deterministic tie-break by index). */
function apportion(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0)
  if (sum <= 0 || total <= 0) return weights.map(() => 0)
  const exact = weights.map((w) => (total * w) / sum)
  const counts = exact.map(Math.floor)
  let left = total - counts.reduce((a, b) => a + b, 0)
  const order = exact
    .map((x, i) => ({ i, r: x - Math.floor(x) }))
    .sort((a, b) => b.r - a.r || a.i - b.i)
  for (let k = 0; left > 0; k = (k + 1) % order.length, left--) counts[order[k].i]++
  return counts
}

// ---------------------------------------------------------------------------------------
// Dates (UTC day arithmetic; Date is used only as a calendar, never as a clock)

const DAY_MS = 86_400_000
const toDay = (iso: string): number => Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10)) / DAY_MS
const fromDay = (day: number): string => new Date(day * DAY_MS).toISOString().slice(0, 10)
const addMonths = (iso: string, months: number): string => {
  const y = +iso.slice(0, 4)
  const m = +iso.slice(5, 7) - 1 + months
  const d = new Date(Date.UTC(y + Math.floor(m / 12), ((m % 12) + 12) % 12, +iso.slice(8, 10)))
  return d.toISOString().slice(0, 10)
}
const randomDate = (rng: Rng, from: string, to: string): string => fromDay(rng.int(toDay(from), toDay(to)))

// ---------------------------------------------------------------------------------------
// Majors, cohorts and political status

export const MAJORS = [
  { name: '口腔医学', code: '01', female: 0.6, fiveYear: false },
  { name: '口腔医学技术', code: '02', female: 0.5, fiveYear: true },
  { name: '护理', code: '03', female: 0.88, fiveYear: true },
  { name: '助产', code: '04', female: 0.99, fiveYear: true },
  { name: '临床医学', code: '05', female: 0.45, fiveYear: false },
  { name: '医学检验技术', code: '06', female: 0.65, fiveYear: true },
  { name: '医学影像技术', code: '07', female: 0.45, fiveYear: true },
  { name: '康复治疗技术', code: '08', female: 0.55, fiveYear: true },
  { name: '药学', code: '09', female: 0.7, fiveYear: true },
  { name: '中医学', code: '10', female: 0.55, fiveYear: false },
  { name: '针灸推拿', code: '11', female: 0.45, fiveYear: false }
] as const
type MajorName = (typeof MAJORS)[number]['name']
const MAJOR_BY_NAME = new Map<string, (typeof MAJORS)[number]>(MAJORS.map((m) => [m.name, m]))

/** What kind of intern a unit takes, derived from its name. */
type UnitCategory = 'general' | 'dental' | 'maternal' | 'tcm' | 'children' | 'rehab' | 'community'

const MAJORS_BY_CATEGORY: Record<UnitCategory, Weighted<MajorName>> = {
  general: new Weighted<MajorName>([
    ['护理', 34], ['临床医学', 16], ['口腔医学', 12], ['助产', 5], ['医学检验技术', 8],
    ['医学影像技术', 8], ['康复治疗技术', 6], ['药学', 6], ['中医学', 3], ['口腔医学技术', 2]
  ]),
  dental: new Weighted<MajorName>([['口腔医学', 68], ['口腔医学技术', 28], ['护理', 4]]),
  maternal: new Weighted<MajorName>([['护理', 45], ['助产', 40], ['临床医学', 8], ['医学检验技术', 4], ['医学影像技术', 3]]),
  tcm: new Weighted<MajorName>([
    ['中医学', 30], ['针灸推拿', 15], ['护理', 25], ['康复治疗技术', 10], ['药学', 10], ['临床医学', 5], ['医学检验技术', 5]
  ]),
  children: new Weighted<MajorName>([['护理', 60], ['临床医学', 20], ['医学检验技术', 10], ['康复治疗技术', 10]]),
  rehab: new Weighted<MajorName>([['康复治疗技术', 45], ['护理', 35], ['临床医学', 10], ['医学影像技术', 10]]),
  community: new Weighted<MajorName>([['护理', 40], ['临床医学', 25], ['康复治疗技术', 15], ['中医学', 10], ['药学', 10]])
}

function categorize(name: string): UnitCategory {
  if (name.includes('社区卫生服务中心')) return 'community'
  if (name.includes('口腔') || name.includes('齿科')) return 'dental'
  if (name.includes('妇幼')) return 'maternal'
  if (name.includes('中医') || name.includes('中西医')) return 'tcm'
  if (name.includes('儿童')) return 'children'
  if (name.includes('康复') || name.includes('骨科')) return 'rehab'
  return 'general'
}

/**
 * Cohorts interning in the 2026–2027 internship year: 2024级 is the three-year programme's
 * final year (the bulk); 2022级 the five-year (五年一贯制) programme's final year; 2023级
 * students on extended / 3+2 tracks; 2025级 a small two-year track.
 */
const GRADE_YEARS = [2022, 2023, 2024, 2025] as const
type GradeYear = (typeof GRADE_YEARS)[number]

/** Grade mix by political status: full members need two years at college, so come from the older cohorts. */
const GRADE_WEIGHTS: Record<'member' | 'probationary' | 'other', Record<GradeYear, number>> = {
  member: { 2022: 55, 2023: 45, 2024: 0, 2025: 0 },
  probationary: { 2022: 30, 2023: 30, 2024: 40, 2025: 0 },
  other: { 2022: 15, 2023: 12, 2024: 63, 2025: 10 }
}

/** Share of each political status (the rest are 群众). */
const STATUS_SHARES: ReadonlyArray<readonly [PoliticalStatus, number]> = [
  ['member', 0.08],
  ['probationary', 0.07],
  ['activist', 0.12],
  ['applicant', 0.15],
  ['masses', 0.58]
]

/** Exact status counts for n interns; every status present once n >= 5. */
function statusQuotas(n: number): PoliticalStatus[] {
  const counts = apportion(n, STATUS_SHARES.map(([, s]) => s))
  if (n >= STATUS_SHARES.length) {
    for (let i = 0; i < counts.length; i++) {
      if (counts[i] === 0) {
        counts[i] = 1
        counts[counts.length - 1]-- // taken from 群众, always the largest
      }
    }
  }
  const out: PoliticalStatus[] = []
  STATUS_SHARES.forEach(([s], i) => {
    for (let k = 0; k < counts[i]; k++) out.push(s)
  })
  return out
}

// ---------------------------------------------------------------------------------------
// People

const SURNAME_TABLE = new Weighted(SURNAMES)

function studentName(rng: Rng, female: boolean): string {
  const surname = SURNAME_TABLE.pick(rng)
  if (rng.chance(0.12)) return surname + rng.pick(female ? FEMALE_SINGLE : MALE_SINGLE)
  const first = rng.pick(female ? FEMALE_FIRST : MALE_FIRST)
  let second = rng.pick(female ? FEMALE_SECOND : MALE_SECOND)
  while (second === first) second = rng.pick(female ? FEMALE_SECOND : MALE_SECOND)
  return surname + first + second
}

function adultName(rng: Rng, female: boolean): string {
  return SURNAME_TABLE.pick(rng) + rng.pick(female ? ADULT_FEMALE_GIVEN : ADULT_MALE_GIVEN)
}

/** Mainland mobile prefixes (13x / 15x / 17x / 18x / 19x) with rough market weights. */
const PHONE_PREFIXES = new Weighted<string>([
  ...['130', '131', '132', '133', '134', '135', '136', '137', '138', '139'].map((p) => [p, 10] as const),
  ...['150', '151', '152', '153', '155', '156', '157', '158', '159'].map((p) => [p, 9] as const),
  ...['173', '175', '176', '177', '178'].map((p) => [p, 4] as const),
  ...['180', '181', '182', '183', '184', '185', '186', '187', '188', '189'].map((p) => [p, 8] as const),
  ...['191', '193', '195', '198', '199'].map((p) => [p, 5] as const)
])

function uniquePhone(rng: Rng, used: Set<string>): string {
  for (;;) {
    let phone = PHONE_PREFIXES.pick(rng)
    for (let i = 0; i < 8; i++) phone += String(rng.int(0, 9))
    if (!used.has(phone)) {
      used.add(phone)
      return phone
    }
  }
}

// ---------------------------------------------------------------------------------------
// Internship units

type Tier = 'major' | 'municipal' | 'county' | 'private' | 'clinic' | 'community'

interface UnitDraft {
  name: string
  province: string
  city: string
  kind: 'hospital' | 'clinic'
  tier: Tier
  category: UnitCategory
  start: string
  interns: number
}

const CITY_SUFFIX_TABLE = CITY_HOSPITAL_SUFFIXES
const DENTAL_CLINIC_SIZE = new Weighted<number>([[1, 30], [2, 30], [3, 22], [4, 11], [5, 7]])
const COMMUNITY_SIZE = new Weighted<number>([[1, 40], [2, 35], [3, 15], [4, 10]])
const START_DATES = new Weighted<string>([
  ['2026-07-01', 70], ['2026-07-06', 12], ['2026-06-29', 10], ['2026-07-13', 5], ['2026-08-01', 3]
])

function capacity(rng: Rng, tier: Tier): number {
  switch (tier) {
    case 'major':
      return 10 + Math.floor(36 * Math.pow(rng.float(), 1.6))
    case 'municipal':
      return 4 + Math.floor(17 * Math.pow(rng.float(), 1.5))
    case 'county':
      return 2 + Math.floor(9 * Math.pow(rng.float(), 1.3))
    case 'private':
      return 2 + Math.floor(7 * rng.float())
    case 'clinic':
      return DENTAL_CLINIC_SIZE.pick(rng)
    case 'community':
      return COMMUNITY_SIZE.pick(rng)
  }
}

/** City name without its 市 suffix, as used in brand names ("漯河德馨口腔门诊部"). */
const shortCity = (city: string): string => (city.endsWith('市') ? city.slice(0, -1) : city)

/** The hospitals a city offers, best known first, each tier shuffled. */
function cityHospitals(rng: Rng, prov: ProvinceDef, c: CityDef): { name: string; tier: Tier }[] {
  const majors = rng.shuffle(c.major ?? []).map((name) => ({ name, tier: 'major' as Tier }))
  const rest: { name: string; tier: Tier }[] = []
  if (!prov.municipality) {
    const home = prov.province === '河南省'
    const count = home ? rng.int(6, 10) : rng.int(3, 6)
    const table = new Weighted(CITY_SUFFIX_TABLE)
    const chosen = new Set<string>()
    for (let guard = 0; chosen.size < count && guard < 200; guard++) chosen.add(table.pick(rng))
    for (const suffix of chosen) rest.push({ name: c.city + suffix, tier: 'municipal' })
  }
  for (const county of c.counties ?? []) {
    // Districts carry the city's name ("郑州市金水区人民医院"); counties stand alone ("临颍县人民医院").
    const prefix = county.endsWith('区') ? c.city + county : county
    for (const suffix of COUNTY_HOSPITAL_SUFFIXES) {
      if (suffix === '人民医院' || rng.chance(0.45)) rest.push({ name: prefix + suffix, tier: 'county' })
    }
  }
  const privates = rng.int(1, 2)
  for (let i = 0; i < privates; i++) rest.push({ name: shortCity(c.city) + rng.pick(PRIVATE_HOSPITAL_BRANDS) + '医院', tier: 'private' })
  return [...majors, ...rng.shuffle(rest)]
}

/** A private dental clinic or a community health centre, named as such places are. */
function clinicName(rng: Rng, c: CityDef): { name: string; tier: Tier } {
  const short = shortCity(c.city)
  const r = rng.float()
  if (r < 0.18) return { name: `${c.city}${rng.pick(ROADS)}社区卫生服务中心`, tier: 'community' }
  if (r < 0.55) return { name: `${short}${rng.pick(CLINIC_BRANDS)}口腔门诊部`, tier: 'clinic' }
  if (r < 0.72) return { name: `${rng.pick(CLINIC_BRANDS)}口腔诊所`, tier: 'clinic' }
  if (r < 0.86) return { name: `${adultName(rng, rng.chance(0.4))}口腔诊所`, tier: 'clinic' }
  if (r < 0.93) return { name: `${rng.pick(CLINIC_BRANDS)}齿科诊所`, tier: 'clinic' }
  return { name: `${rng.pick(CLINIC_BRANDS)}口腔门诊部（${rng.pick(ROADS)}店）`, tier: 'clinic' }
}

/** Fill a city's intern quota unit by unit: hospitals in order, private clinics mixed in. */
function cityUnits(rng: Rng, prov: ProvinceDef, c: CityDef, quota: number): UnitDraft[] {
  const hospitals = cityHospitals(rng, prov, c)
  const names = new Set<string>()
  const units: UnitDraft[] = []
  let left = quota
  let h = 0
  while (left > 0) {
    let next: { name: string; tier: Tier } | undefined
    if (h < hospitals.length && !(units.length > 0 && rng.chance(0.45))) {
      next = hospitals[h++]
      if (names.has(next.name)) continue
    } else {
      for (let tries = 0; tries < 50 && (!next || names.has(next.name)); tries++) next = clinicName(rng, c)
      if (!next || names.has(next.name)) continue
    }
    names.add(next.name)
    const interns = Math.min(left, capacity(rng, next.tier))
    left -= interns
    const clinicLike = next.tier === 'clinic' || next.tier === 'community'
    units.push({
      name: next.name,
      province: prov.province,
      city: c.city,
      kind: clinicLike ? 'clinic' : 'hospital',
      tier: next.tier,
      category: categorize(next.name),
      start: START_DATES.pick(rng),
      interns
    })
  }
  return units
}

// ---------------------------------------------------------------------------------------
// The dataset

interface InternDraft {
  unit: UnitDraft
  major: MajorName
  female: boolean
  name: string
  status: PoliticalStatus
  grade: GradeYear
  studentNo: string
  phone: string
  end: string
  joinedPartyAt: string
  activistSince: string
}

const LONG_INTERNSHIP_MAJORS = new Set<string>(['口腔医学', '口腔医学技术', '医学检验技术', '医学影像技术'])

const TEACHER_TITLES = new Weighted<string>([
  ['讲师', 30], ['副教授', 18], ['教授', 5], ['助教', 8], ['辅导员', 25], ['实验师', 4], ['副主任医师', 4], ['主治医师', 6]
])
const CONTACT_TITLES: Record<'dental' | 'other', Weighted<string>> = {
  dental: new Weighted<string>([['带教老师', 45], ['主治医师', 20], ['口腔科主任', 10], ['副主任医师', 10], ['护士长', 5], ['院长', 10]]),
  other: new Weighted<string>([['带教老师', 40], ['护士长', 20], ['主治医师', 12], ['主管护师', 12], ['副主任医师', 8], ['科教科科长', 8]])
}

function pickGrade(rng: Rng, status: PoliticalStatus, major: MajorName): GradeYear {
  const key = status === 'member' ? 'member' : status === 'probationary' ? 'probationary' : 'other'
  const fiveYear = MAJOR_BY_NAME.get(major)?.fiveYear ?? true
  const pairs = GRADE_YEARS.map((y) => [y, y === 2022 && !fiveYear ? 0 : GRADE_WEIGHTS[key][y]] as const)
  return new Weighted<GradeYear>(pairs).pick(rng)
}

/** Party dates consistent with the cohort: activist at least 6 months after enrolment, admission at least a year after that. */
function partyDates(rng: Rng, status: PoliticalStatus, grade: GradeYear): { joinedPartyAt: string; activistSince: string } {
  const enrolled = `${grade}-09-01`
  const earliestActivist = addMonths(enrolled, 6)
  const earliestJoin = addMonths(earliestActivist, 12)
  const later = (a: string, b: string): string => (a > b ? a : b)
  if (status === 'member' || status === 'probationary') {
    // Full members joined more than a year before REFERENCE_DATE; probationary ones within it.
    const window = status === 'member' ? (['2024-03-01', '2025-11-15'] as const) : (['2025-12-01', '2026-10-31'] as const)
    const joinedPartyAt = randomDate(rng, later(earliestJoin, window[0]), window[1])
    const activistSince = randomDate(rng, earliestActivist, fromDay(toDay(joinedPartyAt) - 366))
    return { joinedPartyAt, activistSince }
  }
  if (status === 'activist') return { joinedPartyAt: '', activistSince: randomDate(rng, earliestActivist, '2026-10-31') }
  return { joinedPartyAt: '', activistSince: '' }
}

/** 1. Where the interns go: provinces, then cities, then units. */
function placeUnits(rng: Rng, n: number): UnitDraft[] {
  const provinceCounts = apportion(n, PROVINCES.map((p) => p.weight * (0.92 + 0.16 * rng.float())))
  const units: UnitDraft[] = []
  PROVINCES.forEach((prov, pi) => {
    const cityCounts = apportion(provinceCounts[pi], prov.cities.map((c) => c.weight * (0.85 + 0.3 * rng.float())))
    prov.cities.forEach((c, ci) => {
      if (cityCounts[ci] > 0) units.push(...cityUnits(rng, prov, c, cityCounts[ci]))
    })
  })
  return units
}

/** 2. The interns of each unit: major by what the unit takes, gender by major. */
function internsPerUnit(rng: Rng, units: UnitDraft[]): InternDraft[] {
  const interns: InternDraft[] = []
  for (const unit of units) {
    for (let k = 0; k < unit.interns; k++) {
      const major = MAJORS_BY_CATEGORY[unit.category].pick(rng)
      const female = rng.chance(MAJOR_BY_NAME.get(major)?.female ?? 0.5)
      // Dental and technician majors intern until the end of May, the others until April; a few units differ.
      const longer = LONG_INTERNSHIP_MAJORS.has(major) !== rng.chance(0.08)
      const end = longer ? '2027-05-31' : '2027-04-30'
      interns.push({
        unit, major, female, name: studentName(rng, female), status: 'masses', grade: 2024,
        studentNo: '', phone: '', end, joinedPartyAt: '', activistSince: ''
      })
    }
  }
  return interns
}

/** 3. Political status by exact quota, shuffled over the interns. */
function assignStatuses(rng: Rng, interns: InternDraft[]): void {
  const statuses = rng.shuffle(statusQuotas(interns.length))
  interns.forEach((it, i) => (it.status = statuses[i]))
}

/**
 * 4. The thinnest province outside Henan has no Party member: its members swap status
 * with ordinary students elsewhere, so the totals stay exact.
 */
function thinProvinceWithoutPartyMembers(rng: Rng, interns: InternDraft[]): void {
  const perProvince = new Map<string, number>()
  for (const it of interns) perProvince.set(it.unit.province, (perProvince.get(it.unit.province) ?? 0) + 1)
  let thinnest: string | undefined
  for (const [province, count] of perProvince) {
    if (province !== '河南省' && (thinnest === undefined || count < (perProvince.get(thinnest) ?? 0))) thinnest = province
  }
  if (thinnest === undefined || perProvince.size <= 1) return
  const partners = rng.shuffle(
    interns.filter((it) => it.unit.province !== thinnest && (it.status === 'masses' || it.status === 'applicant'))
  )
  for (const it of interns) {
    if (it.unit.province === thinnest && (it.status === 'member' || it.status === 'probationary')) {
      const other = partners.pop()
      if (!other) break
      other.status = it.status
      it.status = 'masses'
    }
  }
}

/** 5. Cohort and Party dates. */
function assignCohortsAndPartyDates(rng: Rng, interns: InternDraft[]): void {
  for (const it of interns) {
    it.grade = pickGrade(rng, it.status, it.major)
    Object.assign(it, partyDates(rng, it.status, it.grade))
  }
}

/** 6. Student numbers: year + major code + class (2 digits) + number in class (2 digits). */
function assignStudentNumbers(rng: Rng, interns: InternDraft[]): void {
  const byClass = new Map<string, InternDraft[]>()
  for (const it of interns) {
    const key = `${it.grade}${MAJOR_BY_NAME.get(it.major)?.code ?? '99'}`
    const list = byClass.get(key) ?? []
    list.push(it)
    byClass.set(key, list)
  }
  for (const key of [...byClass.keys()].sort()) {
    let cls = 1
    let seq = 0
    let size = rng.int(38, 52)
    for (const it of byClass.get(key) ?? []) {
      seq += rng.chance(0.06) ? 2 : 1 // a few numbers left by students who left or deferred
      if (seq > size) {
        cls++
        seq = 1
        size = rng.int(38, 52)
      }
      it.studentNo = `${key}${String(cls).padStart(2, '0')}${String(seq).padStart(2, '0')}`
    }
  }
}

/** 7. Phones, unique across everyone (`phones` holds those already given out). */
function assignPhones(rng: Rng, interns: InternDraft[], phones: Set<string>): void {
  for (const it of interns) it.phone = uniquePhone(rng, phones)
}

/** The interns as roster rows, in student-number order. */
function rosterRows(interns: InternDraft[]): RosterRow[] {
  return interns
    .map((it) => ({
      studentNo: it.studentNo,
      name: it.name,
      grade: `${it.grade}级`,
      major: it.major,
      politicalStatus: POLITICAL_STATUS_LABELS[it.status],
      phone: it.phone,
      unitName: it.unit.name,
      province: it.unit.province,
      city: it.unit.city,
      internshipStart: it.unit.start,
      internshipEnd: it.end,
      joinedPartyAt: it.joinedPartyAt,
      activistSince: it.activistSince
    }))
    .sort((a, b) => (a.studentNo < b.studentNo ? -1 : a.studentNo > b.studentNo ? 1 : 0))
}

/** 8. Advisor teachers: about one per 70 interns (60 at full scale). */
function teachersFor(rng: Rng, n: number, phones: Set<string>): SeedTeacher[] {
  const teacherCount = n === 0 ? 0 : Math.max(3, Math.round(n / 70))
  const teachers: SeedTeacher[] = []
  for (let i = 1; i <= teacherCount; i++) {
    teachers.push({
      staffNo: `T${String(i).padStart(4, '0')}`,
      name: adultName(rng, rng.chance(0.55)),
      phone: uniquePhone(rng, phones),
      title: TEACHER_TITLES.pick(rng)
    })
  }
  return teachers
}

/** 9. Unit contacts: one or two Party-member supervisors for the larger units (≈150 at full scale). */
function unitContactsFor(rng: Rng, units: UnitDraft[], n: number, phones: Set<string>): SeedUnitContact[] {
  const contactTarget = Math.round(n / 28)
  const unitContacts: SeedUnitContact[] = []
  const bySize = units.map((u, i) => ({ u, i })).sort((a, b) => b.u.interns - a.u.interns || a.i - b.i)
  for (const { u } of bySize) {
    if (unitContacts.length >= contactTarget) break
    const count = u.interns >= 15 && rng.chance(0.6) && contactTarget - unitContacts.length >= 2 ? 2 : 1
    const titles = CONTACT_TITLES[u.category === 'dental' ? 'dental' : 'other']
    const taken = new Set<string>()
    for (let k = 0; k < count; k++) {
      let name = adultName(rng, rng.chance(0.6))
      while (taken.has(name)) name = adultName(rng, rng.chance(0.6))
      taken.add(name)
      unitContacts.push({ name, phone: uniquePhone(rng, phones), unitName: u.name, province: u.province, city: u.city, title: titles.pick(rng) })
    }
  }
  return unitContacts
}

/**
 * The demo school for `options` (seed 2026, 4,200 interns by default): the steps above in
 * order, all drawing from one generator, so their order is part of the output.
 */
export function generateDataset(options: SeedOptions = {}): SeedDataset {
  const seed = options.seed ?? DEFAULT_SEED
  const n = options.interns ?? DEFAULT_INTERNS
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`interns must be a non-negative integer, got ${n}`)
  if (!Number.isFinite(seed)) throw new RangeError(`seed must be a finite number, got ${seed}`)
  const rng = new Rng(seed)

  const units = placeUnits(rng, n)
  const interns = internsPerUnit(rng, units)
  assignStatuses(rng, interns)
  thinProvinceWithoutPartyMembers(rng, interns)
  assignCohortsAndPartyDates(rng, interns)
  assignStudentNumbers(rng, interns)
  const phones = new Set<string>()
  assignPhones(rng, interns, phones)
  const roster = rosterRows(interns)
  const teachers = teachersFor(rng, n, phones)
  const unitContacts = unitContactsFor(rng, units, n, phones)

  return {
    roster,
    teachers,
    unitContacts,
    units: units.map((u) => ({ name: u.name, province: u.province, city: u.city, kind: u.kind }))
  }
}

// ---------------------------------------------------------------------------------------
// CSV

const csvCell = (value: string): string => (/[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value)

/** The roster as CSV: the Chinese headers of ROSTER_COLUMNS, RFC 4180 quoting, '\n' line ends. */
export function rosterToCsv(rows: RosterRow[]): string {
  const lines = [ROSTER_COLUMNS.map((c) => csvCell(c.header)).join(',')]
  for (const row of rows) lines.push(ROSTER_COLUMNS.map((c) => csvCell(row[c.key] ?? '')).join(','))
  return lines.join('\n') + '\n'
}
