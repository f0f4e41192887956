import { activityActions } from '../../../types/actions/activity'
import { defineAction } from '../../common/dispatcher'
import { compileMonth } from '../ledger/compile'
import { groupWithTalks, readSources, sourcesOfMonth } from '../ledger/sources'

/**
 * A group's work ledger for one month, compiled from its records when asked: check-ins,
 * lessons with its read figures, shared notes, volunteer hours and talks. For its liaison,
 * core members, advisors and the branch. Six requests with the caller (the group with its
 * talks, and four sources), whatever the number of records (one more per 1000 check-ins).
 */
export const ledger = defineAction({
  contract: activityActions.ledger,
  group: (input) => input.groupId,
  handler: async (input, ctx) => {
    const [{ group, talks }, sources] = await Promise.all([groupWithTalks(input.groupId), readSources(input.groupId, [input.month], ctx.now)])
    return compileMonth(group, input.month, sourcesOfMonth({ ...sources, talks }, input.month))
  }
})
