import { volunteerActions } from '../../../types/actions/volunteer'
import { database } from '../../common/app'
import { Keyset, keysetPage } from '../../common/db'
import { defineAction } from '../../common/dispatcher'
import { RECORD_KEY, V, VolunteerDoc } from '../model'
import { photoUrlsFor } from '../records'
import { volunteerViewOf } from '../views'

const pendingKeyset: Keyset = { list: 'volunteer.pending', collection: V.records, field: 'key', key: RECORD_KEY }

/**
 * A group's records waiting for verification, latest service first, for its liaison,
 * advisors and the branch: one index range on (pendingGroup, key). Three requests with
 * the caller (the page and the count). Photos still being checked are shown to their author only.
 */
export const pending = defineAction({
  contract: volunteerActions.pending,
  group: (input) => input.groupId,
  handler: async (input, ctx) => {
    const where = { pendingGroup: input.groupId }
    const [page, counted] = await Promise.all([
      keysetPage<VolunteerDoc>(pendingKeyset, input, [{ where }]),
      database().collection(V.records).where(where).count()
    ])
    const urls = await photoUrlsFor(page.docs, ctx.caller.person?._id ?? null)
    return { items: page.docs.map((r) => volunteerViewOf(r, urls)), nextCursor: page.nextCursor, total: counted.total }
  }
})
