/**
 * Who a lesson is for, resolved to feed keys when it goes out: every group of its year
 * (and the year's interns without a group), the groups of some provinces, or the listed
 * groups. Each comes with what its figures show: name, province and members then.
 */
import { database } from '../common/app'
import { readAll, readByIds } from '../common/db'
import { invalid } from '../common/errors'
import { C, GroupDoc } from '../common/model'
import type { LessonTarget } from './model'
import { noGroupKey } from './model'

export const NO_GROUP_NAME = '未分组的实习生'

export interface AudienceGroup {
  key: string
  name: string
  province: string
  /** members when the lesson went out */
  targeted: number
}

const GROUP_FIELDS = { name: true, province: true, year: true, 'counts.total': true }
type GroupRow = Pick<GroupDoc, '_id' | 'name' | 'province' | 'year'> & { counts?: { total?: number } }

const audienceOf = (g: GroupRow): AudienceGroup => ({ key: g._id, name: g.name, province: g.province, targeted: g.counts?.total ?? 0 })

/** The listed groups, refused unless each exists and belongs to the year. One request. */
export async function targetGroups(groupIds: string[], year: string): Promise<GroupRow[]> {
  const found = await readByIds<GroupRow>(C.groups, groupIds, GROUP_FIELDS)
  const byId = new Map(found.map((g) => [g._id, g]))
  const missing = groupIds.filter((id) => !byId.has(id))
  if (missing.length) throw invalid(`党小组不存在：${missing.slice(0, 3).join('、')}${missing.length > 3 ? '等' : ''}`)
  const otherYear = found.filter((g) => g.year !== year)
  if (otherYear.length) throw invalid(`${otherYear[0].name}不是${year}年度的党小组`)
  return [...new Set(groupIds)].map((id) => byId.get(id)!)
}

/** The latest internship year that has groups, or null before any group exists. One request. */
export async function latestYear(): Promise<string | null> {
  const { data } = await database().collection(C.groups).orderBy('year', 'desc').limit(1).field({ year: true }).get()
  return (data[0] as Pick<GroupDoc, 'year'> | undefined)?.year ?? null
}

/**
 * The lesson's audience now: its groups (by province and name), and for a lesson for
 * everyone the year's interns without a group. Refused when it reaches nobody.
 * One request per 1000 groups (plus one index count).
 */
export async function resolveAudience(target: LessonTarget, year: string): Promise<AudienceGroup[]> {
  const db = database()
  const _ = db.command
  let groups: GroupRow[]
  let loners = 0
  if (target.kind === 'groups') {
    groups = await targetGroups(target.groupIds, year)
  } else if (target.kind === 'provinces') {
    groups = await readAll<GroupRow>(C.groups, { year, province: _.in(target.provinces) }, GROUP_FIELDS)
    if (!groups.length) throw invalid(`所选省份没有${year}年度的党小组`)
  } else {
    const [all, count] = await Promise.all([
      readAll<GroupRow>(C.groups, { year }, GROUP_FIELDS),
      db.collection(C.people).where({ year, kind: 'student', groupId: null }).count()
    ])
    groups = all
    loners = count.total
    if (!groups.length && !loners) throw invalid(`${year}年度还没有实习生`)
  }
  const rows = groups.map(audienceOf).sort((a, b) => (a.province === b.province ? (a.name < b.name ? -1 : 1) : a.province < b.province ? -1 : 1))
  // Always for everyone: interns imported later without a group read it too.
  if (target.kind === 'all') rows.push({ key: noGroupKey(year), name: NO_GROUP_NAME, province: '', targeted: loners })
  return rows
}
