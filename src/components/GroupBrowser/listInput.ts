/**
 * The staff list's filters as `group.list` input: an internship year, a province, and a
 * keyword (a city, or the beginning of a group's name).
 */
import type { ActionInput } from '../../../types/contract'

type GroupListInput = ActionInput<'group', 'list'>

export interface GroupFilter {
  /** e.g. "2026-2027"; all years when not given */
  year?: string
  province?: string
  keyword?: string
}

const GROUP_PAGE_SIZE = 20

/** The input of one page of the list under `filter`. */
export function groupListInput(filter: GroupFilter, cursor: string | undefined): GroupListInput {
  const input: GroupListInput = { pageSize: GROUP_PAGE_SIZE }
  if (cursor) input.cursor = cursor
  if (filter.year) input.year = filter.year
  if (filter.province) input.province = filter.province
  const keyword = filter.keyword?.trim()
  if (keyword) input.keyword = keyword
  return input
}

/**
 * The 34 province-level divisions, in the national code order (GB/T 2260), as the roster
 * spells them. A fixed list rather than one gathered from loaded groups: the list is read
 * a page at a time, so loaded groups name only the first provinces.
 */
export const PROVINCES = [
  '北京市', '天津市', '河北省', '山西省', '内蒙古自治区', '辽宁省', '吉林省', '黑龙江省',
  '上海市', '江苏省', '浙江省', '安徽省', '福建省', '江西省', '山东省', '河南省',
  '湖北省', '湖南省', '广东省', '广西壮族自治区', '海南省', '重庆市', '四川省', '贵州省',
  '云南省', '西藏自治区', '陕西省', '甘肃省', '青海省', '宁夏回族自治区', '新疆维吾尔自治区',
  '台湾省', '香港特别行政区', '澳门特别行政区'
] as const
