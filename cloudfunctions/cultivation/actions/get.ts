import { cultivationActions } from '../../../types/actions/cultivation'
import { Keyset, keysetPage } from '../../common/db'
import { defineAction } from '../../common/dispatcher'
import { contactSideOf, dueOf, fileFor, isCultivated, observationViewOf, reviewsOf, reviewViewOf, rowOf } from '../file'
import { reviewMonthsOf } from '../due'
import { loadPeople } from '../load'
import { CV, OBSERVATION_KEY, ObservationDoc } from '../model'

/** A person's observations, both sides, newest first (index `personId_1_key_1`). */
const observationsKeyset: Keyset = { list: 'observations', collection: CV.observations, field: 'key', key: OBSERVATION_KEY }

/**
 * A person's cultivation file: their contacts, both sides' observations newest first (a
 * page at a time: `cursor` continues them), the branch's reviews and the review due next.
 * For the person's two contacts, their group's advisors and admins only; anyone else is
 * answered NOT_FOUND, as for someone with no file. The branch also gets the group's
 * advisors and unit contacts to choose contacts from. Three requests with the caller.
 */
export const get = defineAction({
  contract: cultivationActions.get,
  handler: async (input, ctx) => {
    const admin = ctx.caller.roles.includes('admin')
    const l = fileFor(ctx, (await loadPeople([input.personId], { unitContacts: admin })).get(input.personId))
    const page = await keysetPage<ObservationDoc>(observationsKeyset, input, [{ where: { personId: l.person._id } }])
    const due = isCultivated(l) ? dueOf(l) : null
    return {
      ...rowOf(l, ctx.now),
      activistSince: l.person.activistSince,
      joinedPartyAt: l.person.joinedPartyAt,
      probationEndsAt: l.person.probationEndsAt,
      reviewMonths: reviewMonthsOf(l.cadences),
      reviews: reviewsOf(l.cultivation).map(reviewViewOf),
      observations: { items: page.docs.map(observationViewOf), nextCursor: page.nextCursor, total: null },
      canObserve: contactSideOf(ctx, l.cultivation),
      canReview: admin && due !== null,
      suggestions: admin ? {
        teachers: (l.group?.advisorIds ?? []).map((id, i) => ({ id, name: l.group?.advisorNames[i] ?? '', unitName: null })),
        unitContacts: l.groupUnitContacts.map((p) => ({ id: p._id, name: p.name, unitName: p.unitName ?? null }))
      } : null
    }
  }
})
