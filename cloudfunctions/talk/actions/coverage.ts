import { talkActions } from '../../../types/actions/talk'
import { database } from '../../common/app'
import type { Caller } from '../../common/caller'
import { Keyset, KeysetFilter, keysetPage } from '../../common/db'
import { defineAction } from '../../common/dispatcher'
import { denied } from '../../common/errors'
import { C, GroupDoc } from '../../common/model'
import { coverageOf } from '../coverage'
import { termNow } from '../talks'

/** Groups in list order (province, name, key), as `group.list` pages them. */
const groupsKeyset: Keyset = {
  list: 'talk.coverage',
  collection: C.groups,
  field: 'sortKey',
  key: /^[^\u0000]{1,100}\u0000[^\u0000]{1,100}\u0000[^\u0000]{1,200}$/
}

type Scope = 'advised' | 'branch'
type GroupKey = Pick<GroupDoc, '_id' | 'sortKey'>

function scopeOf(caller: Caller, asked: Scope | undefined): Scope {
  const admin = caller.roles.includes('admin')
  const scope = asked ?? (admin ? 'branch' : 'advised')
  if (scope === 'branch' && !admin) throw denied('只有党总支可以查看全部党小组的谈心覆盖率')
  return scope
}

/**
 * The groups of the term's year the scope covers: every one (index year, sortKey) or the
 * caller's advised ones (by id); their number (advised: from the caller, no request).
 */
function groupsOf(caller: Caller, scope: Scope, year: string): { filters: KeysetFilter<GroupKey>[]; total: Promise<number> | number } {
  if (scope === 'branch') return { filters: [{ where: { year } }], total: database().collection(C.groups).where({ year }).count().then((r) => r.total) }
  const advised = caller.lookedAfter.filter((g) => caller.advisorOf.includes(g._id) && g.year === year).map((g) => g._id)
  // (An empty `_.in` narrows no query plan: an advisor without groups that year reads nothing.)
  return { filters: advised.length ? [{ where: { _id: database().command.in(advised), year } }] : [], total: advised.length }
}

/**
 * Talk coverage per group for a term (this term by default): its members now, how many of
 * them were talked with in the group that term, and the share — for an advisor's groups,
 * or for the branch every group of the year, a page at a time in list order. Four requests
 * with the caller (the page of groups, the count, their coverage), whatever the number of
 * groups and talks; three for an advisor.
 */
export const coverage = defineAction({
  contract: talkActions.coverage,
  handler: async (input, ctx) => {
    const term = input.term ?? termNow(ctx.now)
    const { filters, total } = groupsOf(ctx.caller, scopeOf(ctx.caller, input.scope), term.slice(0, 9))
    const [page, counted] = await Promise.all([keysetPage<GroupKey>(groupsKeyset, input, filters, { sortKey: true }), total])
    const byId = await coverageOf(page.docs.map((g) => g._id), term)
    const items = page.docs.flatMap((g) => byId.get(g._id) ?? [])
    return { items, nextCursor: page.nextCursor, total: counted, term }
  }
})
