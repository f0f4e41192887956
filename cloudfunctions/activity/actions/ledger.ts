import { activityActions } from '../../../types/actions/activity'
import { defineAction } from '../../common/dispatcher'
import { compileMonth, ledgerGroup } from '../ledger/compile'
import { readSources } from '../ledger/sources'

/**
 * A group's work ledger for one month, compiled from its records when asked: check-ins,
 * lessons with its read figures, shared notes, volunteer hours. For its liaison, core
 * members, advisors and the branch. Five requests with the caller (six for the branch,
 * whose group is read), whatever the number of records (one more per 1000 check-ins).
 */
export const ledger = defineAction({
  contract: activityActions.ledger,
  group: (input) => input.groupId,
  handler: async (input, ctx) => {
    const [group, sources] = await Promise.all([ledgerGroup(ctx, input.groupId), readSources(input.groupId, [input.month], ctx.now)])
    return compileMonth(group, input.month, sources)
  }
})
