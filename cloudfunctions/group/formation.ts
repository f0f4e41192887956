/**
 * Forming internship Party groups by internship region (按实习区域均衡建立党小组).
 *
 * Pure: no I/O, no database, no clock, no randomness. The same interns in any order and
 * the same options always give the same result.
 *
 * Algorithm
 * 1. Validate and normalise (trim province/city), sort interns by studentNo (then id).
 * 2. Regions, per province: every city that has at least `minRegionSize` interns and at
 *    least one Party member is a region of its own. The other ("thin") cities are pooled
 *    into one province remainder. If the remainder is itself thin it is merged into the
 *    province's largest region (most interns; ties: smallest city name); if the province
 *    has no other region the remainder is the whole province (with a warning when it has
 *    no Party member).
 * 3. Group count per region: max(1, round(interns / targetGroupSize)), capped at
 *    floor(partyMembers / minPartyMembersPerGroup); exactly 1 when the region has fewer
 *    than minPartyMembersPerGroup Party members.
 * 4. Dealing: the region's interns are ordered by political status (member, probationary,
 *    activist, applicant, masses), then studentNo, and dealt round-robin to the groups as
 *    one continuous sequence. Each status is a contiguous run of that sequence, so within
 *    a region the per-group counts of every status (hence of Party members, activists and
 *    "others") differ by at most one, and so do the group totals.
 *
 * Names are compared by UTF-16 code units (not localeCompare) so the order does not
 * depend on the runtime's ICU data.
 */
import type { FormationRegion, GroupCounts } from '../../types/actions/group'
import { compareText, isPartyMember, POLITICAL_STATUSES, type PoliticalStatus } from '../../types/domain'
import { invalid } from '../common/errors'
import { countMembers } from '../common/people'

export type { FormationRegion, GroupCounts }

export interface FormationIntern {
  id: string
  studentNo: string
  name: string
  politicalStatus: PoliticalStatus
  province: string
  city: string
  unitId?: string
}

export interface FormationOptions {
  /** desired interns per group; default 30 */
  targetGroupSize?: number
  /** a city with fewer interns than this, or with no Party member, is "thin"; default 8 */
  minRegionSize?: number
  /** a region is split only so far that every group keeps this many Party members; default 3 */
  minPartyMembersPerGroup?: number
}

export interface PlannedGroup {
  /** stable id: region key + 1-based index, e.g. "河南省/郑州市/1" */
  key: string
  /** e.g. "郑州市实习党小组", "郑州市第2实习党小组", "河南省其他地区实习党小组" */
  name: string
  /** key of the FormationRegion the group belongs to */
  regionKey: string
  province: string
  /** cities of the group's members, sorted */
  cities: string[]
  /** intern ids, sorted by studentNo (then id) */
  memberIds: string[]
  counts: GroupCounts
}

export interface FormationResult {
  /** sorted by province, then region (city regions by city name, remainder last), then index */
  groups: PlannedGroup[]
  /** same order as the groups */
  regions: FormationRegion[]
  /** Chinese, for the Party branch secretary */
  warnings: string[]
}

export const DEFAULT_FORMATION_OPTIONS: Readonly<Required<FormationOptions>> = Object.freeze({
  targetGroupSize: 30,
  minRegionSize: 8,
  minPartyMembersPerGroup: 3
})

const REMAINDER_LABEL = '其他地区'

const STATUS_RANK: Record<PoliticalStatus, number> = {
  member: 0,
  probationary: 1,
  activist: 2,
  applicant: 3,
  masses: 4
}

interface NormalIntern {
  id: string
  studentNo: string
  status: PoliticalStatus
  province: string
  city: string
}

const compareByStudentNo = (a: NormalIntern, b: NormalIntern): number =>
  compareText(a.studentNo, b.studentNo) || compareText(a.id, b.id)

const compareForDealing = (a: NormalIntern, b: NormalIntern): number =>
  STATUS_RANK[a.status] - STATUS_RANK[b.status] || compareByStudentNo(a, b)

interface CityBucket {
  city: string
  /** sorted by studentNo */
  interns: NormalIntern[]
  partyMembers: number
}

type RegionKind = 'city' | 'cityWithMerged' | 'remainder' | 'province'

interface RegionDraft {
  kind: RegionKind
  province: string
  /** the city a 'city' / 'cityWithMerged' region is named after */
  anchorCity: string
  buckets: CityBucket[]
  interns: number
  partyMembers: number
}

function resolveOptions(options: FormationOptions | undefined): Required<FormationOptions> {
  const resolved = { ...DEFAULT_FORMATION_OPTIONS }
  if (options === undefined || options === null) return resolved
  if (typeof options !== 'object') throw invalid('分组参数无效：options 必须是对象')
  const check = (name: keyof FormationOptions, min: number): void => {
    const value = options[name]
    if (value === undefined) return
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min) {
      throw invalid(`分组参数无效：${name} 必须是不小于 ${min} 的整数（收到 ${String(value)}）`)
    }
    resolved[name] = value
  }
  check('targetGroupSize', 1)
  check('minRegionSize', 0)
  check('minPartyMembersPerGroup', 1)
  return resolved
}

function normalise(interns: readonly FormationIntern[]): NormalIntern[] {
  if (!Array.isArray(interns)) throw invalid('实习生名单无效：interns 必须是数组')
  const seen = new Set<string>()
  const out: NormalIntern[] = new Array(interns.length)
  for (let i = 0; i < interns.length; i++) {
    const x = interns[i]
    const where = `第 ${i + 1} 条实习生记录`
    if (x === null || typeof x !== 'object') throw invalid(`${where}不是对象`)
    if (typeof x.id !== 'string' || x.id.length === 0) throw invalid(`${where}缺少 id`)
    const label = `${where}（id=${x.id}）`
    if (seen.has(x.id)) throw invalid(`实习生 id 重复：${x.id}（${where}）`)
    seen.add(x.id)
    if (typeof x.studentNo !== 'string') throw invalid(`${label}的学号无效`)
    if (!POLITICAL_STATUSES.includes(x.politicalStatus)) {
      throw invalid(`${label}的政治面貌无效：${String(x.politicalStatus)}`)
    }
    const province = typeof x.province === 'string' ? x.province.trim() : ''
    if (province.length === 0) throw invalid(`${label}缺少实习省份`)
    const city = typeof x.city === 'string' ? x.city.trim() : ''
    if (city.length === 0) throw invalid(`${label}缺少实习城市`)
    out[i] = { id: x.id, studentNo: x.studentNo, status: x.politicalStatus, province, city }
  }
  return out
}

/** province -> sorted city buckets; provinces sorted. Interns must already be sorted. */
function bucketByProvince(sorted: NormalIntern[]): { province: string; cities: CityBucket[] }[] {
  const provinces = new Map<string, Map<string, CityBucket>>()
  for (const intern of sorted) {
    let cities = provinces.get(intern.province)
    if (!cities) provinces.set(intern.province, (cities = new Map()))
    let bucket = cities.get(intern.city)
    if (!bucket) cities.set(intern.city, (bucket = { city: intern.city, interns: [], partyMembers: 0 }))
    bucket.interns.push(intern)
    if (isPartyMember(intern.status)) bucket.partyMembers++
  }
  return [...provinces.keys()].sort(compareText).map((province) => {
    const cities = provinces.get(province)!
    return { province, cities: [...cities.keys()].sort(compareText).map((c) => cities.get(c)!) }
  })
}

function formRegions(province: string, cities: CityBucket[], minRegionSize: number): RegionDraft[] {
  const isThin = (interns: number, partyMembers: number): boolean => interns < minRegionSize || partyMembers === 0
  const solid: RegionDraft[] = []
  const thin: CityBucket[] = []
  for (const bucket of cities) {
    if (isThin(bucket.interns.length, bucket.partyMembers)) thin.push(bucket)
    else {
      solid.push({
        kind: 'city',
        province,
        anchorCity: bucket.city,
        buckets: [bucket],
        interns: bucket.interns.length,
        partyMembers: bucket.partyMembers
      })
    }
  }
  if (thin.length === 0) return solid
  const interns = thin.reduce((n, b) => n + b.interns.length, 0)
  const partyMembers = thin.reduce((n, b) => n + b.partyMembers, 0)
  if (solid.length === 0) {
    // The whole province is one region, named after its city when it has only one.
    return [{
      kind: thin.length === 1 ? 'city' : 'province',
      province,
      anchorCity: thin.length === 1 ? thin[0].city : '',
      buckets: thin,
      interns,
      partyMembers
    }]
  }
  if (!isThin(interns, partyMembers)) {
    return [...solid, { kind: 'remainder', province, anchorCity: '', buckets: thin, interns, partyMembers }]
  }
  // Merge the still-thin remainder into the largest region (ties: smallest city name;
  // `solid` is in city-name order, so the first maximum wins).
  let largest = solid[0]
  for (const r of solid) if (r.interns > largest.interns) largest = r
  largest.kind = 'cityWithMerged'
  largest.buckets = [...largest.buckets, ...thin].sort((a, b) => compareText(a.city, b.city))
  largest.interns += interns
  largest.partyMembers += partyMembers
  return solid
}

function regionKey(r: RegionDraft): string {
  switch (r.kind) {
    case 'city':
    case 'cityWithMerged':
      return `${r.province}/${r.anchorCity}`
    case 'remainder':
      return `${r.province}/${REMAINDER_LABEL}`
    case 'province':
      return r.province
  }
}

function regionLabel(r: RegionDraft): string {
  switch (r.kind) {
    case 'city':
      return r.anchorCity
    case 'cityWithMerged':
      return `${r.anchorCity}等地`
    case 'remainder':
      return `${r.province}${REMAINDER_LABEL}`
    case 'province':
      return r.province
  }
}

/**
 * The number of groups for a region: about interns / targetGroupSize, at least one, and no
 * more than keep `minPartyMembersPerGroup` Party members in every group.
 */
export function plannedGroupCount(
  interns: number,
  partyMembers: number,
  options: FormationOptions = {}
): { groups: number; wanted: number } {
  const { targetGroupSize, minPartyMembersPerGroup } = resolveOptions(options)
  const wanted = Math.max(1, Math.round(interns / targetGroupSize))
  if (partyMembers < minPartyMembersPerGroup) return { groups: 1, wanted }
  return { groups: Math.min(wanted, Math.floor(partyMembers / minPartyMembersPerGroup)), wanted }
}

/**
 * Plans internship Party groups by region. Throws an AppError (INVALID_ARGUMENT, Chinese message) for a
 * duplicate intern id, an empty province or city, an unknown political status, or an
 * invalid option.
 */
export function formGroupsByRegion(interns: readonly FormationIntern[], options: FormationOptions = {}): FormationResult {
  const opts = resolveOptions(options)
  const sorted = normalise(interns).sort(compareByStudentNo)
  const warnings: string[] = []

  const drafts: RegionDraft[] = []
  for (const { province, cities } of bucketByProvince(sorted)) {
    const regions = formRegions(province, cities, opts.minRegionSize)
    drafts.push(...regions)
    const total = regions.reduce((n, r) => n + r.interns, 0)
    if (regions.every((r) => r.partyMembers === 0)) {
      warnings.push(
        `${province}的${total}名实习生中没有学生党员（含预备党员），已编为1个实习党小组，请系党总支指定教师党员联系指导。`
      )
    }
  }

  // Labels must tell groups apart across provinces: two provinces may have a city
  // (district) of the same name, e.g. 北京市/通州区 and 江苏省/通州区.
  const labels = drafts.map(regionLabel)
  const labelUse = new Map<string, number>()
  for (const l of labels) labelUse.set(l, (labelUse.get(l) ?? 0) + 1)
  for (let i = 0; i < drafts.length; i++) {
    const province = drafts[i].province
    if (labelUse.get(labels[i])! > 1 && !labels[i].startsWith(province)) labels[i] = `${province}${labels[i]}`
  }

  const groups: PlannedGroup[] = []
  const regions: FormationRegion[] = []
  drafts.forEach((draft, index) => {
    const key = regionKey(draft)
    const label = labels[index]
    const members = draft.buckets.flatMap((b) => b.interns).sort(compareForDealing)
    const { groups: n, wanted } = plannedGroupCount(draft.interns, draft.partyMembers, opts)

    const dealt: NormalIntern[][] = Array.from({ length: n }, () => [])
    members.forEach((m, i) => dealt[i % n].push(m))

    const activists = members.reduce((c, m) => c + (m.status === 'activist' ? 1 : 0), 0)
    regions.push({
      key,
      name: label,
      province: draft.province,
      cities: draft.buckets.map((b) => b.city),
      interns: draft.interns,
      partyMembers: draft.partyMembers,
      activists,
      groups: n
    })
    dealt.forEach((list, i) => {
      list.sort(compareByStudentNo)
      groups.push({
        key: `${key}/${i + 1}`,
        name: n === 1 ? `${label}实习党小组` : `${label}第${i + 1}实习党小组`,
        regionKey: key,
        province: draft.province,
        cities: [...new Set(list.map((m) => m.city))].sort(compareText),
        memberIds: list.map((m) => m.id),
        counts: countMembers(list.map((m) => ({ politicalStatus: m.status })))
      })
    })

    if (draft.partyMembers > 0 && draft.partyMembers < opts.minPartyMembersPerGroup) {
      warnings.push(
        `${label}仅有${draft.partyMembers}名学生党员，少于每个党小组${opts.minPartyMembersPerGroup}名的要求，已编为1个实习党小组。`
      )
    } else if (draft.partyMembers >= opts.minPartyMembersPerGroup && n < wanted) {
      warnings.push(
        `${label}有${draft.interns}名实习生但只有${draft.partyMembers}名学生党员，为保证每组至少${opts.minPartyMembersPerGroup}名党员只建${n}个实习党小组（按规模应建${wanted}个），每组约${Math.ceil(draft.interns / n)}人。`
      )
    }
  })

  return { groups, regions, warnings }
}
