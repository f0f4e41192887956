import { groupActions } from '../../../types/actions/group'
import { database } from '../../common/app'
import { KeysetFilter, keysetPage } from '../../common/db'
import { defineAction } from '../../common/dispatcher'
import { C, GroupDoc } from '../../common/model'
import { groupSummaryOf } from '../../common/views'
import { groupKeyset } from '../sortKey'

const SUMMARY_FIELDS = { name: true, year: true, province: true, cities: true, counts: true, liaisonName: true, advisorNames: true, flagIssued: true }

/** Most groups a name prefix may match across every year (a few dozen in practice; within one read). */
const NAME_MATCHES_MAX = 500

/** The cities a keyword names: itself, and `郑州` also as `郑州市`. */
function cityForms(keyword: string): string[] {
  return /[市州县区盟旗]$/.test(keyword) ? [keyword] : [keyword, `${keyword}市`]
}

type ListFilter = { year?: string; province?: string; keyword?: string }

/**
 * The branch's search: the groups holding the city (multikey index `cities_1_sortKey_1`),
 * merged with those whose name begins with the keyword — a range on `sortKey` within the
 * province (and year) when one is chosen, else the name's own range (`name_1`), read
 * whole. Two indexed queries rather than an `$or` no index serves.
 */
function branchSearch(keyword: string, { year, province }: ListFilter): KeysetFilter<GroupDoc>[] {
  const _ = database().command
  // The province and year are checked on the city's and the name's few groups: in those
  // queries they would make their own indexes look better than the city's or the name's.
  const ofYear = year ? { accept: (g: GroupDoc) => g.year === year } : {}
  const byCity: KeysetFilter<GroupDoc> = {
    where: { cities: _.in(cityForms(keyword)) },
    ...(province || year ? { accept: (g: GroupDoc) => (!province || g.province === province) && (!year || g.year === year) } : {})
  }
  const byName: KeysetFilter<GroupDoc> = province
    ? { where: { ...(year ? { year } : {}), province }, keyPrefix: `${province}\u0000${keyword}` }
    : {
        where: { name: _.gte(keyword).and(_.lt(`${keyword}\uffff`)) },
        whole: { max: NAME_MATCHES_MAX, tooMany: '符合关键词的党小组过多，请输入更完整的城市或小组名称，或先选择省份' },
        ...ofYear
      }
  return [byCity, byName]
}

/** A teacher's or unit contact's search, among their own groups (read by id). */
function ownSearch(keyword: string, scope: Record<string, unknown>): KeysetFilter<GroupDoc>[] {
  const _ = database().command
  return [
    { where: { ...scope, cities: _.in(cityForms(keyword)) } },
    { where: { ...scope, name: _.gte(keyword).and(_.lt(`${keyword}\uffff`)) } }
  ]
}

/** The conditions of the year and province asked for. */
const narrowing = ({ year, province }: ListFilter): Record<string, string> => ({ ...(year ? { year } : {}), ...(province ? { province } : {}) })

/** Which groups the caller may list, and the queries that find those the input asks for. */
function filtersOf(input: ListFilter, everything: boolean, mine: string[]): KeysetFilter<GroupDoc>[] {
  // (An empty `_.in` narrows no query plan: a teacher without groups reads nothing.)
  if (!everything && !mine.length) return []
  const where: Record<string, unknown> = { ...(everything ? {} : { _id: database().command.in(mine) }), ...narrowing(input) }
  if (!input.keyword) return [{ where }]
  return everything ? branchSearch(input.keyword, input) : ownSearch(input.keyword, where)
}

/**
 * Groups by province and name, a page at a time, of one internship year or all: all of
 * them for the branch, and for teachers and unit contacts the groups they look after, with
 * the member counts kept on each group. The branch's page is an index range
 * (`province_1_sortKey_1`, `sortKey_1`, and with a year `year_1_province_1_sortKey_1`,
 * `year_1_sortKey_1`) and its total an index count; a teacher's page reads their own
 * groups by id. A keyword search reads the groups that hold the city or whose name begins
 * with it. At most three database requests: caller, page (one or two queries), total.
 */
export const list = defineAction({
  contract: groupActions.list,
  handler: async (input, ctx) => {
    const db = database()
    const everything = ctx.caller.roles.includes('admin')
    const mine = [...new Set([...ctx.caller.advisorOf, ...ctx.caller.contactOf])]
    const page = keysetPage<GroupDoc>(groupKeyset, input, filtersOf(input, everything, mine), SUMMARY_FIELDS)
    const total = input.keyword ? null
      : !everything ? (input.province || input.year ? null : mine.length)
        : db.collection(C.groups).where(narrowing(input)).count().then((r) => r.total)
    const [{ docs, nextCursor }, counted] = await Promise.all([page, total])
    return { items: docs.map((g) => groupSummaryOf(g)), nextCursor, total: counted }
  }
})
