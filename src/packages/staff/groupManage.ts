/**
 * What a change on the group management page will do, said in Chinese before it is made
 * ("联络员：张三 → 李四") and again after, and the confirmation that asks for it.
 */
import Taro from '@tarojs/taro'

/** A person by id, for the names in a change's description. */
export type Names = ReadonlyMap<string, string>

const nameOf = (names: Names, id: string | null): string => (id ? names.get(id) ?? id : '无')
const listOf = (names: Names, ids: readonly string[]): string => ids.map((id) => nameOf(names, id)).join('、')

/** "增加 甲、乙；移除 丙" for a set of people, or null when it stays the same. */
export function setChange(label: string, before: readonly string[], after: readonly string[], names: Names): string | null {
  const added = after.filter((id) => !before.includes(id))
  const removed = before.filter((id) => !after.includes(id))
  const parts = [added.length ? `增加 ${listOf(names, added)}` : '', removed.length ? `移除 ${listOf(names, removed)}` : ''].filter(Boolean)
  return parts.length ? `${label}：${parts.join('；')}` : null
}

/** The liaison's and core members' changes, one line each; empty when nothing changes. */
export function rolesChange(before: { liaisonId: string | null; coreMemberIds: readonly string[] }, after: { liaisonId: string | null; coreMemberIds: readonly string[] }, names: Names): string[] {
  const lines: string[] = []
  if (before.liaisonId !== after.liaisonId) lines.push(`联络员：${nameOf(names, before.liaisonId)} → ${nameOf(names, after.liaisonId)}`)
  const core = setChange('骨干', before.coreMemberIds, after.coreMemberIds, names)
  if (core) lines.push(core)
  return lines
}

export const flagChange = (issued: boolean): string => `党旗：${issued ? '未发放 → 已发放' : '已发放 → 未发放'}`

export function moveChange(name: string, from: string | null, to: string, reason: string, date: string): string {
  return `${name}：${from ?? '未编组'} → ${to}（${date} 起，原因：${reason}）`
}

export function mentorChange(student: string, from: string | null, to: string | null): string {
  return `${student}的联系党员：${from ?? '无'} → ${to ?? '无'}`
}

/** Asks for a change with exactly what it will do; true when confirmed. */
export async function confirmChange(title: string, lines: readonly string[]): Promise<boolean> {
  const r = await Taro.showModal({ title, content: lines.join('\n'), confirmText: '确认', cancelText: '取消' })
  return !!r.confirm
}

/** Percent with no decimals, e.g. 0.667 → "67%". */
export const percent = (ratio: number): string => `${Math.round(ratio * 100)}%`
