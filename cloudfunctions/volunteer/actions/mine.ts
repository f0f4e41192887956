import { volunteerActions } from '../../../types/actions/volunteer'
import { database } from '../../common/app'
import { Keyset, keysetPage } from '../../common/db'
import { defineAction } from '../../common/dispatcher'
import { chinaDay, RECORD_KEY, TotalsDoc, totalsId, V, VolunteerDoc } from '../model'
import { photoUrlsFor } from '../records'
import { volunteerViewOf } from '../views'
import { internshipYearOf } from '../../../types/domain'

const mineKeyset: Keyset = { list: 'volunteer.mine', collection: V.records, field: 'key', key: RECORD_KEY }

/**
 * The caller's records of a year (theirs by default), latest service first, a page at a
 * time, with the year's hours from their counter: verified, and unverified shown apart.
 * Four requests with the caller (the page, the count, the counter).
 */
export const mine = defineAction({
  contract: volunteerActions.mine,
  handler: async (input, ctx) => {
    const me = ctx.person()
    const year = input.year ?? me.year ?? internshipYearOf(chinaDay(ctx.now))
    const db = database()
    const where = { personId: me._id, year }
    const [page, counted, counter] = await Promise.all([
      keysetPage<VolunteerDoc>(mineKeyset, input, [{ where }]),
      db.collection(V.records).where(where).count(),
      db.collection(V.totals).doc(totalsId('person', year, me._id)).get()
    ])
    const totals = counter.data[0] as TotalsDoc | undefined
    const urls = await photoUrlsFor(page.docs, me._id)
    return {
      items: page.docs.map((r) => volunteerViewOf(r, urls)),
      nextCursor: page.nextCursor,
      total: counted.total,
      totals: { verified: totals?.verified ?? 0, unverified: totals?.unverified ?? 0, records: totals?.records ?? 0 }
    }
  }
})
