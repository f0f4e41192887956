import { groupActions } from '../../../types/actions/group'
import { defineAction } from '../../common/dispatcher'
import { assignees, requireKind, updateGroup } from '../roles'

/** The group's contacts at its internship units. Three database requests. */
export const assignUnitContacts = defineAction({
  contract: groupActions.assignUnitContacts,
  group: (input) => input.groupId,
  handler: async (input, ctx) => {
    const ids = [...new Set(input.unitContactIds)]
    requireKind(await assignees(ids), ids, 'unitContact', '实习单位联系人')
    await updateGroup(input.groupId, { unitContactIds: ids }, ctx.now)
    return { unitContactIds: ids }
  }
})
