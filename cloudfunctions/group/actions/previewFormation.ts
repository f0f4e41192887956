import { groupActions } from '../../../types/actions/group'
import { defineAction } from '../../common/dispatcher'
import { rankCandidates } from '../candidates'
import { chooseYear, fingerprintOf, loadYear, PendingYear, pendingYears, planYear, Student } from '../formationPlan'

/** Warnings about the students no formation can take: those without an internship year. */
function withoutYear(pending: PendingYear[]): string[] {
  const n = pending.find((p) => p.year === null)?.interns ?? 0
  return n ? [`${n}名学生没有实习年度（名单缺少实习开始日期），不参与编组：请补全后重新导入名单`] : []
}

/**
 * The groups one internship year's ungrouped students would form, or join when the year's
 * groups exist, with the fingerprint apply needs. Lists groups, never their members.
 */
export const previewFormation = defineAction({
  contract: groupActions.previewFormation,
  handler: async (input) => {
    const pending = await pendingYears()
    const year = chooseYear(input.year, pending)
    const yearInput = year ? await loadYear(year) : { year: '', students: [], groups: [] }
    const plan = planYear(yearInput, input.targetGroupSize)
    const byId = new Map<string, Student>(yearInput.students.map((s) => [s._id, s]))
    const warnings = [...plan.warnings, ...withoutYear(pending)]
    if (!yearInput.students.length) {
      warnings.push(!year ? '没有待编组的学生：请先导入名单，或所有学生均已编入党小组'
        : yearInput.groups.length ? `${year}年度没有待编组的学生：所有学生均已编入党小组` : `${year}年度没有学生：请先导入该年度的名单`)
    }
    return {
      fingerprint: fingerprintOf(yearInput, input.targetGroupSize),
      year,
      interns: yearInput.students.length,
      groups: [
        ...plan.joins.map((j) => ({
          key: j.key, name: j.name, province: j.province, cities: j.cities, counts: j.counts,
          existing: true, joining: j.joining.total, suggestedLiaisons: []
        })),
        ...plan.groups.map((g) => ({
          key: g.key, name: g.name, province: g.province, cities: g.cities, counts: g.counts,
          existing: false, joining: g.counts.total,
          suggestedLiaisons: rankCandidates(g.memberIds.map((id) => byId.get(id)!)).slice(0, 3).map((c) => ({ id: c._id, name: c.name }))
        }))
      ],
      regions: plan.regions.map((r) => ({ ...r, year: year! })),
      warnings
    }
  }
})
