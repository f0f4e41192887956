/**
 * Forming internship Party groups by internship region (按实习区域均衡建立党小组), and
 * placing late starters into the groups formed earlier.
 *
 * Pure: no I/O, no database, no clock, no randomness. The same interns in any order and
 * the same options always give the same result.
 *
 * Forming (`formGroupsByRegion`)
 * 1. Validate and normalise (trim province/city), sort interns by studentNo (then id).
 * 2. Regions, per province: every city that has at least `minRegionSize` interns and at
 *    least one Party member is a region of its own. The other ("thin") cities are pooled
 *    into one province remainder. If the remainder is itself thin it is merged into the
 *    province's largest region (most interns; ties: smallest city name); if the province
 *    has no other region the remainder is the whole province.
 * 3. Group count per region: about interns / targetGroupSize, and never so few that a
 *    group exceeds 1.5 times the target. Within that bound, fewer groups where the Party
 *    members are too few for `minPartyMembersPerGroup` in each: the fewer the groups, the
 *    more Party members each gets.
 * 4. Dealing: the region's interns are ordered by political status (member, probationary,
 *    activist, applicant, masses), then studentNo, and dealt round-robin to the groups as
 *    one continuous sequence. Each status is a contiguous run of that sequence, so within
 *    a region the per-group counts of every status (hence of Party members, activists and
 *    "others") differ by at most one, and so do the group totals.
 * 5. Warnings (Chinese) for every region where a group gets no Party member, or fewer
 *    than `minPartyMembersPerGroup`, or where Party members kept the groups large.
 *
 * Late starters (`placeLateStarters`): students of a year whose groups exist join the
 * groups of their region, one at a time in dealing order, each into the group with room
 * (below 1.5 times the target) that keeps the region balanced: a Party member into the
 * group with the fewest Party members, anyone else into the smallest group. A region gets
 * new groups only for those who no longer fit; students of a province without groups, or
 * of a new city large enough to be a region of its own, are formed as above.
 *
 * Names are compared by UTF-16 code units (not localeCompare) so the order does not
 * depend on the runtime's ICU data.
 */
import type { FormationGroup, FormationRegion, GroupCounts } from '../../types/actions/group'
import { compareText, isPartyMember, POLITICAL_STATUSES, type PoliticalStatus } from '../../types/domain'
import { invalid } from '../common/errors'
import { countMembers } from '../common/people'


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
  /** desired interns per group; default 30. No planned group is larger than 1.5 times this. */
  targetGroupSize?: number
  /** a city with fewer interns than this, or with no Party member, is "thin"; default 8 */
  minRegionSize?: number
  /** Party members each group should have where the region has enough within the size bound; default 3 */
  minPartyMembersPerGroup?: number
}

export interface PlannedGroup extends FormationGroup {
  /** key of the FormationRegion the group belongs to */
  regionKey: string
  /** intern ids, sorted by studentNo (then id) */
  memberIds: string[]
}

export interface FormationResult {
  /** new groups: sorted by province, then region (city regions by city name, remainder last), then index */
  groups: PlannedGroup[]
  /** same order as the groups */
  regions: FormationRegion[]
  /** Chinese, for the Party branch secretary */
  warnings: string[]
}

/** A group formed earlier, as late starters find it. */
export interface ExistingGroup {
  id: string
  /** its formation key without the year: "<region key>/<index>", e.g. "河南省/郑州市/2" */
  key: string
  name: string
  province: string
  cities: string[]
  counts: GroupCounts
}

/** Late starters joining an existing group; `counts` and `cities` as the group will be. */
export interface GroupJoin extends FormationGroup {
  groupId: string
  regionKey: string
  /** the late starters who join, sorted by studentNo (then id) */
  memberIds: string[]
  /** the late starters who join, by political status */
  joining: GroupCounts
}

export interface LateStarterResult extends FormationResult {
  /** existing groups that late starters join, by region, then group index */
  joins: GroupJoin[]
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

const partyMembersOf = (interns: readonly NormalIntern[]): number => interns.reduce((n, x) => n + (isPartyMember(x.status) ? 1 : 0), 0)

const countsOf = (interns: readonly NormalIntern[]): GroupCounts => countMembers(interns.map((x) => ({ politicalStatus: x.status })))

const sortedCities = (cities: Iterable<string>): string[] => [...new Set(cities)].sort(compareText)

/** The largest group a formation plans: 1.5 times the target. */
const maxGroupSize = (opts: Required<FormationOptions>): number => Math.floor(opts.targetGroupSize * 1.5)

// ---------------------------------------------------------------------------------------
// Input

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

// ---------------------------------------------------------------------------------------
// Group count, dealing, warnings (shared by forming and by late starters)

interface GroupCount {
  groups: number
  /** by size alone */
  wanted: number
}

/**
 * The number of groups for `interns` with `partyMembers` among them: about interns /
 * targetGroupSize; at least enough that none exceeds 1.5 times the target; within that,
 * no more than keep `minPartyMembersPerGroup` Party members in every group.
 */
function groupCount(interns: number, partyMembers: number, opts: Required<FormationOptions>): GroupCount {
  const wanted = Math.max(1, Math.round(interns / opts.targetGroupSize))
  const fewest = Math.max(1, Math.ceil(interns / maxGroupSize(opts)))
  const withPartyFloor = Math.max(1, Math.floor(partyMembers / opts.minPartyMembersPerGroup))
  return { groups: Math.max(fewest, Math.min(wanted, withPartyFloor)), wanted }
}

/** Deals interns (in dealing order) round-robin into `n` groups. */
function deal(interns: readonly NormalIntern[], n: number): NormalIntern[][] {
  const dealt: NormalIntern[][] = Array.from({ length: n }, () => [])
  interns.forEach((x, i) => dealt[i % n].push(x))
  return dealt
}

function plannedGroup(key: string, name: string, regionKey: string, province: string, members: NormalIntern[]): PlannedGroup {
  const sorted = [...members].sort(compareByStudentNo)
  return {
    key,
    name,
    regionKey,
    province,
    cities: sortedCities(sorted.map((m) => m.city)),
    memberIds: sorted.map((m) => m.id),
    counts: countsOf(sorted)
  }
}

/** What the branch should know about the Party members of `n` groups formed from `interns`. */
function partyWarnings(label: string, interns: number, partyMembers: number, count: GroupCount, opts: Required<FormationOptions>): string[] {
  const n = count.groups
  const max = maxGroupSize(opts)
  const min = opts.minPartyMembersPerGroup
  if (partyMembers === 0) {
    return [`${label}的${interns}名实习生中没有学生党员（含预备党员），已编为${n}个实习党小组，请系党总支指定教师党员联系指导。`]
  }
  if (partyMembers < n) {
    return [`${label}有${interns}名实习生，仅${partyMembers}名学生党员；为使每组不超过${max}人编为${n}个实习党小组，其中${n - partyMembers}个小组没有学生党员，请系党总支为其指定教师党员联系指导。`]
  }
  if (partyMembers < min * n) {
    return [n === 1
      ? `${label}仅有${partyMembers}名学生党员，少于每个党小组${min}名的要求，已编为1个实习党小组。`
      : `${label}有${interns}名实习生、${partyMembers}名学生党员；为使每组不超过${max}人编为${n}个实习党小组，部分小组的学生党员少于${min}名。`]
  }
  if (n < count.wanted) {
    return [`${label}有${interns}名实习生但只有${partyMembers}名学生党员，为保证每组至少${min}名党员只建${n}个实习党小组（按规模应建${count.wanted}个），每组约${Math.ceil(interns / n)}人。`]
  }
  return []
}

// ---------------------------------------------------------------------------------------
// Forming: regions, then groups per region

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

const isThin = (interns: number, partyMembers: number, opts: Required<FormationOptions>): boolean =>
  interns < opts.minRegionSize || partyMembers === 0

function formRegions(province: string, cities: CityBucket[], opts: Required<FormationOptions>): RegionDraft[] {
  const solid: RegionDraft[] = []
  const thin: CityBucket[] = []
  for (const bucket of cities) {
    if (isThin(bucket.interns.length, bucket.partyMembers, opts)) thin.push(bucket)
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
  if (!isThin(interns, partyMembers, opts)) {
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
 * Labels that tell regions apart across provinces: two provinces may have a city
 * (district) of the same name, e.g. 北京市/通州区 and 江苏省/通州区.
 */
function distinctLabels(drafts: RegionDraft[]): string[] {
  const labels = drafts.map(regionLabel)
  const use = new Map<string, number>()
  for (const l of labels) use.set(l, (use.get(l) ?? 0) + 1)
  return labels.map((l, i) => (use.get(l)! > 1 && !l.startsWith(drafts[i].province) ? `${drafts[i].province}${l}` : l))
}

/** One region's groups, its summary and its warnings. */
function planRegion(draft: RegionDraft, label: string, opts: Required<FormationOptions>): FormationResult {
  const key = regionKey(draft)
  const members = draft.buckets.flatMap((b) => b.interns).sort(compareForDealing)
  const count = groupCount(draft.interns, draft.partyMembers, opts)
  const n = count.groups
  const groups = deal(members, n).map((list, i) =>
    plannedGroup(`${key}/${i + 1}`, n === 1 ? `${label}实习党小组` : `${label}第${i + 1}实习党小组`, key, draft.province, list))
  const region: FormationRegion = {
    key,
    name: label,
    province: draft.province,
    cities: draft.buckets.map((b) => b.city),
    interns: draft.interns,
    partyMembers: draft.partyMembers,
    activists: members.reduce((c, m) => c + (m.status === 'activist' ? 1 : 0), 0),
    groups: n
  }
  return { groups, regions: [region], warnings: partyWarnings(label, draft.interns, draft.partyMembers, count, opts) }
}

/** Forms groups from interns sorted by studentNo. */
function formSorted(sorted: NormalIntern[], opts: Required<FormationOptions>): FormationResult {
  const drafts = bucketByProvince(sorted).flatMap(({ province, cities }) => formRegions(province, cities, opts))
  const labels = distinctLabels(drafts)
  const result: FormationResult = { groups: [], regions: [], warnings: [] }
  drafts.forEach((draft, i) => {
    const r = planRegion(draft, labels[i], opts)
    result.groups.push(...r.groups)
    result.regions.push(...r.regions)
    result.warnings.push(...r.warnings)
  })
  return result
}

/**
 * Plans internship Party groups by region. Throws an AppError (INVALID_ARGUMENT, Chinese message) for a
 * duplicate intern id, an empty province or city, an unknown political status, or an
 * invalid option.
 */
export function formGroupsByRegion(interns: readonly FormationIntern[], options: FormationOptions = {}): FormationResult {
  const opts = resolveOptions(options)
  return formSorted(normalise(interns).sort(compareByStudentNo), opts)
}

// ---------------------------------------------------------------------------------------
// Late starters: the regions of the existing groups, then balanced joining

interface GroupSlot {
  group: ExistingGroup
  index: number
  /** as the group will be */
  counts: GroupCounts
  joining: NormalIntern[]
}

interface KnownRegion {
  key: string
  label: string
  province: string
  cities: Set<string>
  /** by index */
  slots: GroupSlot[]
  members: number
}

/** "<region key>/<index>"; a key of another shape is a region of one group. */
function splitGroupKey(key: string): { regionKey: string; index: number } {
  const m = /^(.+)\/(\d+)$/.exec(key)
  return m ? { regionKey: m[1], index: Number(m[2]) } : { regionKey: key, index: 0 }
}

/** A region's label from its groups' names ("郑州市第2实习党小组" -> "郑州市"), else from its key. */
function labelOfRegion(regionKey: string, province: string, names: string[]): string {
  for (const name of names) {
    const label = name.replace(/(第\d+)?实习党小组$/, '')
    if (label && label !== name) return label
  }
  const last = regionKey.slice(regionKey.lastIndexOf('/') + 1)
  return last === REMAINDER_LABEL ? `${province}${REMAINDER_LABEL}` : last
}

function checkExisting(existing: readonly ExistingGroup[]): void {
  if (!Array.isArray(existing)) throw invalid('已有党小组无效：existing 必须是数组')
  const ids = new Set<string>()
  const keys = new Set<string>()
  for (const g of existing) {
    if (!g || typeof g.id !== 'string' || typeof g.key !== 'string' || typeof g.province !== 'string' || !g.counts) {
      throw invalid('已有党小组记录不完整')
    }
    if (ids.has(g.id) || keys.has(g.key)) throw invalid(`已有党小组重复：${g.key}`)
    ids.add(g.id)
    keys.add(g.key)
  }
}

/** The regions of the existing groups, in key order, their groups by index. */
function knownRegions(existing: readonly ExistingGroup[]): KnownRegion[] {
  const regions = new Map<string, KnownRegion>()
  for (const group of existing) {
    const { regionKey, index } = splitGroupKey(group.key)
    let r = regions.get(regionKey)
    if (!r) regions.set(regionKey, (r = { key: regionKey, label: '', province: group.province.trim(), cities: new Set(), slots: [], members: 0 }))
    for (const c of group.cities) r.cities.add(c.trim())
    r.slots.push({ group, index, counts: { ...group.counts }, joining: [] })
    r.members += group.counts.total
  }
  const sorted = [...regions.values()].sort((a, b) => compareText(a.key, b.key))
  for (const r of sorted) {
    r.slots.sort((a, b) => a.index - b.index || compareText(a.group.key, b.group.key))
    r.label = labelOfRegion(r.key, r.province, r.slots.map((s) => s.group.name))
  }
  return sorted
}

/** Where a thin new city of a province with groups goes: its remainder, the province's region, or its largest region. */
function fallbackRegion(province: string, own: KnownRegion[]): KnownRegion {
  const named = own.find((r) => r.key === `${province}/${REMAINDER_LABEL}`) ?? own.find((r) => r.key === province)
  if (named) return named
  return own.reduce((best, r) => (r.members > best.members ? r : best))
}

/**
 * Each late starter's region: the one holding their city; for a city no group has yet,
 * its own new region when it is large enough (`fresh`), else the province's fallback
 * region; everyone of a province without groups is `fresh`.
 */
function assignRegions(sorted: NormalIntern[], regions: KnownRegion[], opts: Required<FormationOptions>) {
  const byCity = new Map<string, KnownRegion>()
  const byProvince = new Map<string, KnownRegion[]>()
  for (const r of regions) {
    for (const c of r.cities) if (!byCity.has(`${r.province}\u0000${c}`)) byCity.set(`${r.province}\u0000${c}`, r)
    push(byProvince, r.province, r)
  }
  const joining = new Map<KnownRegion, NormalIntern[]>()
  const newCities = new Map<string, NormalIntern[]>()
  for (const x of sorted) {
    const r = byCity.get(`${x.province}\u0000${x.city}`)
    if (r) push(joining, r, x)
    else push(newCities, `${x.province}\u0000${x.city}`, x)
  }
  const fresh: NormalIntern[] = []
  for (const xs of newCities.values()) {
    const own = byProvince.get(xs[0].province)
    if (!own || !isThin(xs.length, partyMembersOf(xs), opts)) fresh.push(...xs)
    else push(joining, fallbackRegion(xs[0].province, own), ...xs)
  }
  for (const xs of joining.values()) xs.sort(compareForDealing)
  return { joining, fresh: fresh.sort(compareByStudentNo) }
}

function push<K, V>(map: Map<K, V[]>, key: K, ...values: V[]): void {
  const list = map.get(key)
  if (list) list.push(...values)
  else map.set(key, values)
}

/** Balance keys, smallest first: a Party member goes where Party members are fewest, anyone else to the smallest group. */
function balanceKey(c: GroupCounts, status: PoliticalStatus): [number, number] {
  if (isPartyMember(status)) return [c.partyMembers, c.total]
  return [c.total, status === 'activist' ? c.activists : c.others]
}

/** The group with room (below `max`) that keeps the region most balanced, or none. */
function chooseSlot(slots: GroupSlot[], status: PoliticalStatus, max: number): GroupSlot | undefined {
  let best: GroupSlot | undefined
  let bestKey: [number, number] = [Infinity, Infinity]
  for (const s of slots) {
    if (s.counts.total >= max) continue
    const k = balanceKey(s.counts, status)
    if (k[0] < bestKey[0] || (k[0] === bestKey[0] && k[1] < bestKey[1])) {
      best = s
      bestKey = k
    }
  }
  return best
}

/** Late starters (in dealing order) join the region's groups; returns those who no longer fit. */
function joinRegion(region: KnownRegion, interns: NormalIntern[], max: number): NormalIntern[] {
  const overflow: NormalIntern[] = []
  for (const x of interns) {
    const slot = chooseSlot(region.slots, x.status, max)
    if (!slot) {
      overflow.push(x)
      continue
    }
    slot.joining.push(x)
    const add = countsOf([x])
    for (const k of Object.keys(add) as (keyof GroupCounts)[]) slot.counts[k] += add[k]
  }
  return overflow
}

/** New groups of a region whose existing groups are full, numbered after them. */
function overflowGroups(region: KnownRegion, overflow: NormalIntern[], opts: Required<FormationOptions>): FormationResult & { count: number } {
  const pm = partyMembersOf(overflow)
  const count = groupCount(overflow.length, pm, opts)
  const last = region.slots.reduce((m, s) => Math.max(m, s.index), 0)
  const groups = deal(overflow, count.groups).map((list, i) =>
    plannedGroup(`${region.key}/${last + i + 1}`, `${region.label}第${last + i + 1}实习党小组`, region.key, region.province, list))
  const warnings = [
    `${region.label}已有的${region.slots.length}个实习党小组均已达到${maxGroupSize(opts)}人，${overflow.length}名新增学生另建${count.groups}个实习党小组。`,
    ...partyWarnings(region.label, overflow.length, pm, count, opts)
  ]
  return { groups, regions: [], warnings, count: count.groups }
}

function joinsOf(region: KnownRegion): GroupJoin[] {
  return region.slots.filter((s) => s.joining.length).map((s) => {
    const sorted = [...s.joining].sort(compareByStudentNo)
    return {
      groupId: s.group.id,
      key: s.group.key,
      name: s.group.name,
      regionKey: region.key,
      province: s.group.province,
      cities: sortedCities([...s.group.cities, ...sorted.map((x) => x.city)]),
      counts: s.counts,
      memberIds: sorted.map((x) => x.id),
      joining: countsOf(sorted)
    }
  })
}

/**
 * Plans where late starters go: students of a year whose groups (`existing`) were formed
 * earlier join the groups of their region, balanced, within 1.5 times the target size;
 * new groups only where a region has none or its groups are full. Never moves anyone
 * already in a group. With no existing groups this is `formGroupsByRegion`. Throws an
 * AppError (INVALID_ARGUMENT) as `formGroupsByRegion` does, and for duplicate groups.
 */
export function placeLateStarters(interns: readonly FormationIntern[], existing: readonly ExistingGroup[], options: FormationOptions = {}): LateStarterResult {
  const opts = resolveOptions(options)
  checkExisting(existing)
  const sorted = normalise(interns).sort(compareForDealing)
  const regions = knownRegions(existing)
  const { joining, fresh } = assignRegions(sorted, regions, opts)
  const result: LateStarterResult = { joins: [], groups: [], regions: [], warnings: [] }
  for (const region of regions) {
    const late = joining.get(region)
    if (!late) continue
    const overflow = joinRegion(region, late, maxGroupSize(opts))
    const extra = overflow.length ? overflowGroups(region, overflow, opts) : null
    const joins = joinsOf(region)
    result.joins.push(...joins)
    if (extra) {
      result.groups.push(...extra.groups)
      result.warnings.push(...extra.warnings)
    }
    result.regions.push({
      key: region.key,
      name: region.label,
      province: region.province,
      cities: sortedCities([...region.cities, ...late.map((x) => x.city)]),
      interns: late.length,
      partyMembers: partyMembersOf(late),
      activists: late.filter((x) => x.status === 'activist').length,
      groups: joins.length + (extra?.count ?? 0)
    })
  }
  const formed = formSorted(fresh, opts)
  result.groups.push(...formed.groups)
  result.regions.push(...formed.regions)
  result.warnings.push(...formed.warnings)
  return result
}
