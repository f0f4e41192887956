import { rosterActions } from '../../../types/actions/roster'
import { database } from '../../common/app'
import { Keyset, KeysetFilter, keysetPage } from '../../common/db'
import { defineAction } from '../../common/dispatcher'
import { C, GroupDoc, PersonDoc } from '../../common/model'

/** Students a page at a time, in student-number order. */
const rosterKeyset: Keyset = { list: 'roster', collection: C.people, field: 'no', key: /^[A-Za-z0-9]{1,20}$/ }

const ENTRY_FIELDS = {
  no: true, name: true, grade: true, major: true, politicalStatus: true, phone: true, unitName: true,
  province: true, city: true, groupId: true, openid: true
}

type Filters = { year?: string; province?: string; groupId?: string; unassigned?: boolean; politicalStatus?: string }

/**
 * The filters as equality conditions; indexes `kind_1_no_1`, `kind_1_groupId_1_no_1`,
 * `kind_1_province_1_no_1`, `kind_1_province_1_groupId_1_no_1`, each of them with
 * `politicalStatus` before `no`, and each of those with `year` after `kind` (a group
 * implies its year, so `year` comes with no group or with "unassigned" only).
 */
function filterOf(input: Filters): Record<string, unknown> {
  const where: Record<string, unknown> = { kind: 'student' }
  if (input.year) where.year = input.year
  if (input.province) where.province = input.province
  if (input.groupId) where.groupId = input.groupId
  else if (input.unassigned) where.groupId = null
  if (input.politicalStatus) where.politicalStatus = input.politicalStatus
  return where
}

/**
 * A keyword is a student-number prefix (a range on the key) or an exact name: two indexed
 * queries merged, rather than an `$or` no index serves. The name query reads by
 * `kind_1_name_1_no_1` and checks the other filters on the few namesakes it reads.
 */
function keywordFilters(keyword: string, input: Filters): KeysetFilter<PersonDoc>[] {
  const where = filterOf(input)
  const byName: KeysetFilter<PersonDoc> = {
    where: { kind: 'student', name: keyword },
    accept: (p) => (!input.year || p.year === input.year) && (!input.province || p.province === input.province) &&
      (!input.politicalStatus || p.politicalStatus === input.politicalStatus) &&
      (input.groupId ? p.groupId === input.groupId : !input.unassigned || (p.groupId ?? null) === null)
  }
  return rosterKeyset.key.test(keyword) ? [{ where, keyPrefix: keyword }, byName] : [byName]
}

/** Group names of a page's students, one request. */
async function groupNames(people: PersonDoc[]): Promise<Map<string, string>> {
  const ids = [...new Set(people.map((p) => p.groupId).filter((g): g is string => !!g))]
  if (!ids.length) return new Map()
  const db = database()
  const { data } = await db.collection(C.groups).where({ _id: db.command.in(ids) }).field({ name: true }).limit(ids.length).get()
  return new Map((data as GroupDoc[]).map((g) => [g._id, g.name]))
}

/**
 * The roster, a page at a time, with filters. Each page reads its own students from an
 * index (pageSize + 1 per query) and the groups they are in; `total` is an index count,
 * offered without a keyword. At most four database requests.
 */
export const listRoster = defineAction({
  contract: rosterActions.list,
  handler: async (input) => {
    const keyword = input.keyword || undefined
    const where = filterOf(input)
    const filters = keyword === undefined ? [{ where }] : keywordFilters(keyword, input)
    const page = keysetPage<PersonDoc>(rosterKeyset, input, filters, ENTRY_FIELDS)
    const total = keyword === undefined ? database().collection(C.people).where(where).count().then((r) => r.total) : null
    const [{ docs, nextCursor }, counted] = await Promise.all([page, total])
    const groups = await groupNames(docs)
    return {
      items: docs.map((p) => ({
        id: p._id, studentNo: p.no, name: p.name, grade: p.grade ?? '', major: p.major ?? '',
        politicalStatus: p.politicalStatus!, phone: p.phone ?? '', unitName: p.unitName ?? '',
        province: p.province ?? '', city: p.city ?? '', groupId: p.groupId ?? null,
        groupName: p.groupId ? groups.get(p.groupId) ?? null : null, bound: !!p.openid
      })),
      nextCursor,
      total: counted
    }
  }
})
