import { volunteerActions } from '../../../types/actions/volunteer'
import { database } from '../../common/app'
import { readAll } from '../../common/db'
import { ActionContext, defineAction } from '../../common/dispatcher'
import { denied, invalid } from '../../common/errors'
import { chinaDay, TotalsDoc, totalsId, V } from '../model'
import { readRecountMark } from '../recount'
import { verifierGroups } from '../records'
import { internshipYearOf } from '../../../types/domain'

interface Row { key: string; name: string; verified: number; unverified: number; records: number }

const rowOf = (d: TotalsDoc): Row => ({ key: d.key, name: d.name, verified: d.verified, unverified: d.unverified, records: d.records })
const sum = (rows: Row[]): Omit<Row, 'key' | 'name'> => rows.reduce((t, r) => ({ verified: t.verified + r.verified, unverified: t.unverified + r.unverified, records: t.records + r.records }), { verified: 0, unverified: 0, records: 0 })
const byName = (a: Row, b: Row): number => a.name.localeCompare(b.name, 'zh-CN') || (a.key < b.key ? -1 : 1)

/** The groups the caller sees totals of: every group (the branch), or those they advise or are liaison of. */
const reachable = (ctx: ActionContext): string[] | 'all' => (ctx.caller.roles.includes('admin') ? 'all' : verifierGroups(ctx))

/** The people of one group, with the group's own counter as the total. Two requests. */
async function groupPeople(groupId: string, year: string): Promise<{ total: Omit<Row, 'key' | 'name'>; rows: Row[] }> {
  const [people, group] = await Promise.all([
    readAll<TotalsDoc>(V.totals, { kind: 'person', year, groupId }),
    database().collection(V.totals).doc(totalsId('group', year, groupId)).get()
  ])
  const counter = group.data[0] as TotalsDoc | undefined
  return { total: counter ? rowOf(counter) : { verified: 0, unverified: 0, records: 0 }, rows: people.map(rowOf).sort(byName) }
}

/** Group or province counters of the year, those of `groups` only unless 'all'. One request per 1000 counters. */
async function counters(kind: 'group' | 'province', year: string, groups: string[] | 'all'): Promise<Row[]> {
  const _ = database().command
  if (groups !== 'all' && !groups.length) return []
  const where = kind === 'group' && groups !== 'all' ? { kind, year, key: _.in(groups) } : { kind, year }
  return (await readAll<TotalsDoc>(V.totals, where)).map(rowOf).sort(byName)
}

/**
 * Hours of volunteer service in a year, verified and unverified apart: per group (the
 * groups the caller advises or is liaison of; every group for the branch), per person of
 * one group, or per province. Read from the counters: a person's kept as their records are
 * logged and verified, a group's and province's recounted every minute (recount.ts), as of
 * `asOf`. Three or four requests with the caller, one more per 1000 rows.
 */
export const totals = defineAction({
  contract: volunteerActions.totals,
  handler: async (input, ctx) => {
    const year = input.year ?? ctx.person().year ?? internshipYearOf(chinaDay(ctx.now))
    const groups = reachable(ctx)
    if (input.by === 'province' && input.groupId) throw invalid('按省份统计时不需要指定党小组')
    if (input.groupId && groups !== 'all' && !groups.includes(input.groupId)) throw denied('只能查看你负责或指导的党小组的统计')
    const [figures, mark] = await Promise.all([figuresOf(input, year, groups), readRecountMark()])
    return { year, ...figures, asOf: mark ? new Date(mark.ranAt).toISOString() : null }
  }
})

/** The rows asked for and their total (the input checked). */
async function figuresOf(input: { by: 'group' | 'province'; groupId?: string }, year: string, groups: string[] | 'all'): Promise<{ total: Omit<Row, 'key' | 'name'>; rows: Row[] }> {
  if (input.groupId) return groupPeople(input.groupId, year)
  const rows = await counters(input.by, year, input.by === 'province' ? 'all' : groups)
  return { total: sum(rows), rows }
}
