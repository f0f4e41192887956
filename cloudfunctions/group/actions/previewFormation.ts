import { groupActions } from '../../../types/actions/group'
import { defineAction } from '../../common/dispatcher'
import { rankCandidates } from '../candidates'
import { fingerprintOf, planByYear, ungroupedStudents } from '../formationPlan'

/** The groups the ungrouped students would form, with the fingerprint apply needs. */
export const previewFormation = defineAction({
  contract: groupActions.previewFormation,
  handler: async (input) => {
    const students = await ungroupedStudents()
    const plan = planByYear(students, input.targetGroupSize)
    const byId = new Map(students.map((s) => [s._id, s]))
    if (!students.length) plan.warnings.push('没有待编组的学生：请先导入名单，或所有学生均已编入党小组')
    return {
      fingerprint: fingerprintOf(students, input.targetGroupSize),
      interns: students.length,
      groups: plan.groups.map((g) => ({
        key: g.key,
        name: g.name,
        province: g.province,
        cities: g.cities,
        counts: g.counts,
        suggestedLiaisons: rankCandidates(g.memberIds.map((id) => byId.get(id)!)).slice(0, 3).map((c) => ({ id: c._id, name: c.name }))
      })),
      regions: plan.regions,
      warnings: plan.warnings
    }
  }
})
