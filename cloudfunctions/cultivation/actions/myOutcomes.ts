import { cultivationActions } from '../../../types/actions/cultivation'
import { defineAction } from '../../common/dispatcher'
import { dueOf, isCultivated, nextReviewOf, reviewsOf } from '../file'
import { loadPeople } from '../load'

/**
 * 我的培养考察: the caller's own reviews — kind, the day each was due and held, the outcome
 * — and the review due next. Never what their contacts observed, nor the branch's notes.
 * Two requests with the caller.
 */
export const myOutcomes = defineAction({
  contract: cultivationActions.myOutcomes,
  handler: async (_input, ctx) => {
    const me = ctx.person()
    const l = (await loadPeople([me._id])).get(me._id)
    const under = !!l && isCultivated(l)
    return {
      politicalStatus: me.politicalStatus,
      underCultivation: under,
      nextReview: l && under ? nextReviewOf(dueOf(l), ctx.now) : null,
      outcomes: reviewsOf(l?.cultivation ?? null).map((r) => ({ kind: r.kind, dueOn: r.dueOn, outcome: r.outcome, reviewedOn: r.reviewedOn, extendedTo: r.extendedTo ?? null }))
    }
  }
})
