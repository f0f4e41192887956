import { groupActions } from '../../../types/actions/group'
import { defineAction } from '../../common/dispatcher'
import { invalid } from '../../common/errors'
import { assignees, requireKind, updateGroup } from '../roles'

/** The group's liaison and core members, from its own students. Three database requests. */
export const assignRoles = defineAction({
  contract: groupActions.assignRoles,
  group: (input) => input.groupId,
  handler: async (input, ctx) => {
    const core = [...new Set(input.coreMemberIds)]
    if (input.liaisonId && core.includes(input.liaisonId)) throw invalid('联络员不必再列为骨干')
    const ids = [...(input.liaisonId ? [input.liaisonId] : []), ...core]
    const found = await assignees(ids)
    for (const p of requireKind(found, ids, 'student', '本组学生')) {
      if (p.groupId !== input.groupId) throw invalid(`${p.name}不在本党小组`)
    }
    const liaison = input.liaisonId ? found.get(input.liaisonId)! : null
    await updateGroup(input.groupId, { liaisonId: liaison?._id ?? null, liaisonName: liaison?.name ?? null, coreMemberIds: core }, ctx.now)
    return { liaisonId: liaison?._id ?? null, coreMemberIds: core }
  }
})
