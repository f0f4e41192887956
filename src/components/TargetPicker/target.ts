/**
 * Who a lesson is for, as the composer picks it: everyone, the groups of some provinces,
 * or some groups (kept with their names, for the chips; a name is null when only the id is
 * known, e.g. a saved lesson opened on another phone).
 */
export type TargetDraft =
  | { kind: 'all' }
  | { kind: 'provinces'; provinces: string[] }
  | { kind: 'groups'; groups: { id: string; name: string | null }[] }

export type TargetKind = TargetDraft['kind']

export const TARGET_KINDS: readonly { kind: TargetKind; label: string }[] = [
  { kind: 'all', label: '全体实习生' },
  { kind: 'provinces', label: '按省份' },
  { kind: 'groups', label: '指定党小组' }
]

/** The target after switching kind; switching back finds what was picked before in `kept`. */
export function switchKind(kind: TargetKind, kept: { provinces: string[]; groups: { id: string; name: string | null }[] }): TargetDraft {
  if (kind === 'provinces') return { kind, provinces: kept.provinces }
  if (kind === 'groups') return { kind, groups: kept.groups }
  return { kind: 'all' }
}

/** Adds or removes a province, keeping the national order of `order`. */
export function toggleProvince(chosen: readonly string[], province: string, order: readonly string[]): string[] {
  const next = chosen.includes(province) ? chosen.filter((p) => p !== province) : [...chosen, province]
  return [...next].sort((a, b) => order.indexOf(a) - order.indexOf(b))
}

/** Adds a group once (a repeated pick changes nothing), or removes it. */
export function toggleGroup(chosen: readonly { id: string; name: string | null }[], group: { id: string; name: string }): { id: string; name: string | null }[] {
  return chosen.some((g) => g.id === group.id) ? chosen.filter((g) => g.id !== group.id) : [...chosen, group]
}

/** A short summary, e.g. "全体实习生", "河南省、湖北省", "3个党小组". */
export function targetSummary(target: TargetDraft): string {
  if (target.kind === 'all') return '全体实习生'
  if (target.kind === 'provinces') {
    if (!target.provinces.length) return '未选择省份'
    return target.provinces.length <= 3 ? target.provinces.join('、') : `${target.provinces.slice(0, 3).join('、')}等${target.provinces.length}个省份`
  }
  return target.groups.length ? `${target.groups.length}个党小组` : '未选择党小组'
}
