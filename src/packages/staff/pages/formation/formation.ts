/**
 * What the formation page shows of `group.previewFormation` and `group.applyFormation`:
 * the preview's groups under their province and region, each group's members as bar
 * segments, and the words of the confirmation and the result. Pure, so tests check them
 * against generated contract-valid previews.
 */
import type { ActionOutput } from '../../../../../types/contract'
import { formatYear } from '../../../../services/dates'

export type Preview = ActionOutput<'group', 'previewFormation'>
export type PreviewGroup = Preview['groups'][number]
export type PreviewRegion = Preview['regions'][number]
export type Applied = ActionOutput<'group', 'applyFormation'>
type Counts = PreviewGroup['counts']

/** The default of the contract's `targetGroupSize`. */
export const DEFAULT_TARGET_SIZE = 30

/** A bar's parts in drawing order; full members are the Party members who are not probationary. */
export const SEGMENTS = [
  { key: 'members', label: '正式党员', count: (c: Counts) => c.partyMembers - c.probationary },
  { key: 'probationary', label: '预备党员', count: (c: Counts) => c.probationary },
  { key: 'activists', label: '积极分子', count: (c: Counts) => c.activists },
  { key: 'others', label: '其他', count: (c: Counts) => c.others }
] as const

export type SegmentKey = (typeof SEGMENTS)[number]['key']

export interface Segment {
  key: SegmentKey
  label: string
  count: number
  /** width in percent of the bar's full length, which stands for `scale` people */
  percent: number
}

/** A group's bar: every segment's width proportional to its count, `scale` people filling the bar. */
export function barSegments(counts: Counts, scale: number): Segment[] {
  return SEGMENTS.map((s) => {
    const count = Math.max(0, s.count(counts))
    return { key: s.key, label: s.label, count, percent: scale > 0 ? (count / scale) * 100 : 0 }
  })
}

/** The largest group's size: every bar of a preview is drawn on this one scale, so sizes compare. */
export const barScale = (preview: Preview): number => preview.groups.reduce((m, g) => Math.max(m, g.counts.total), 0)

export interface RegionSection {
  key: string
  name: string
  cities: string[]
  /** absent for groups no region of the preview names */
  region: PreviewRegion | null
  groups: PreviewGroup[]
}

export interface ProvinceSection {
  province: string
  /** students this formation places in the province */
  placing: number
  regions: RegionSection[]
}

/** "2026-2027/河南省/郑州市/2" -> "2026-2027/河南省/郑州市": a group's key names its region. */
const regionKeyOf = (groupKey: string): string => groupKey.replace(/\/\d+$/, '')

/** The preview's groups under their province and region, in the function's order. */
export function sectionsOf(preview: Preview): ProvinceSection[] {
  const provinces = new Map<string, ProvinceSection>()
  const regions = new Map<string, RegionSection>()
  const provinceOf = (name: string): ProvinceSection => {
    let p = provinces.get(name)
    if (!p) provinces.set(name, (p = { province: name, placing: 0, regions: [] }))
    return p
  }
  for (const r of preview.regions) {
    const section: RegionSection = { key: r.key, name: r.name, cities: r.cities, region: r, groups: [] }
    regions.set(r.key, section)
    provinceOf(r.province).regions.push(section)
  }
  for (const g of preview.groups) {
    let section = regions.get(regionKeyOf(g.key))
    if (!section || section.region?.province !== g.province) {
      // A group whose key names no region of the preview: shown under its province on its own.
      const key = `${g.province}/…`
      section = regions.get(key)
      if (!section) {
        regions.set(key, (section = { key, name: '其他小组', cities: [], region: null, groups: [] }))
        provinceOf(g.province).regions.push(section)
      }
    }
    section.groups.push(g)
    provinceOf(g.province).placing += g.joining
  }
  return [...provinces.values()].map((p) => ({ ...p, regions: p.regions.filter((r) => r.groups.length) })).filter((p) => p.regions.length)
}

/** What an apply of this preview will create. */
export interface FormationPlanSummary {
  newGroups: number
  /** provinces that get new groups */
  provinces: number
  /** students placed in new groups */
  placedNew: number
  existingGroups: number
  /** students joining existing groups */
  placedExisting: number
}

export function summaryOf(preview: Preview): FormationPlanSummary {
  const fresh = preview.groups.filter((g) => !g.existing)
  const joined = preview.groups.filter((g) => g.existing)
  return {
    newGroups: fresh.length,
    provinces: new Set(fresh.map((g) => g.province)).size,
    placedNew: fresh.reduce((n, g) => n + g.joining, 0),
    existingGroups: joined.length,
    placedExisting: joined.reduce((n, g) => n + g.joining, 0)
  }
}

/** The confirmation before apply: exactly what will be created and who is placed. */
export function confirmText(preview: Preview): string {
  const s = summaryOf(preview)
  const parts: string[] = []
  if (s.newGroups) parts.push(`将在${s.provinces}个省份新建${s.newGroups}个党小组，编入${s.placedNew}名学生`)
  if (s.existingGroups) parts.push(`将${s.placedExisting}名新增学生编入${s.existingGroups}个已有党小组`)
  return `${formatYear(preview.year ?? '')}：${parts.join('；')}。确认后立即生效，不能在此撤销。`
}

/** The result as the function answered it. */
export function resultText(r: Applied): string {
  const parts: string[] = []
  if (r.groups) parts.push(`新建${r.groups}个党小组`)
  if (r.existingGroups) parts.push(`向${r.existingGroups}个已有党小组编入新增学生`)
  return `${formatYear(r.year)}：${parts.join('，') || '没有新建或编入党小组'}，共编入${r.placed}名学生。`
}

/** The internship years a refusal names ("2个实习年度都有待编组的学生：2025-2026（3人）、…"), for choosing one. */
export const yearsIn = (message: string): string[] => [...new Set(message.match(/\d{4}-\d{4}/g) ?? [])]
