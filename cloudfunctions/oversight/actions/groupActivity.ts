import { oversightActions } from '../../../types/actions/oversight'
import { internshipYearOf } from '../../../types/domain'
import { database } from '../../common/app'
import { chinaDay } from '../../common/chinaTime'
import { KeysetFilter, keysetPage } from '../../common/db'
import { defineAction } from '../../common/dispatcher'
import { monthsSoFar, termFor } from '../calendar'
import { GRID_FIELDS, GridGroup, gridKeyset, gridRows } from '../grid'

/** Most groups one advisor advises in a year (read whole, then paged here). */
const ADVISED_MAX = 500

/**
 * A page of the activity grid. The branch pages the year's groups (one index range,
 * `year_1_sortKey_1` or `year_1_province_1_sortKey_1`); an advisor their own groups of the
 * year, read by id. Then four aggregations over the page's groups. At most six requests:
 * caller, page, check-ins, lessons, hours, talks. `total`: an advisor's groups of the year
 * (for the branch, the dashboard's totals say it: null here).
 */
export const groupActivity = defineAction({
  contract: oversightActions.groupActivity,
  handler: async (input, ctx) => {
    const today = chinaDay(ctx.now)
    const year = input.year ?? internshipYearOf(today)
    const months = monthsSoFar(year, today)
    const term = termFor(year, today)
    const branch = ctx.caller.roles.includes('admin')
    const me = ctx.person()._id
    const advised = branch ? [] : ctx.caller.lookedAfter.filter((g) => g.year === year && g.advisorIds.includes(me) && (!input.province || g.province === input.province))
    const filter: KeysetFilter<GridGroup>[] = branch
      ? [{ where: { year }, ...(input.province ? { keyPrefix: `${input.province}\u0000` } : {}) }]
      : advised.length
        ? [{ where: { _id: database().command.in(advised.map((g) => g._id)) }, whole: { max: ADVISED_MAX, tooMany: '所带党小组过多，请按省份查看' } }]
        : []
    const { docs, nextCursor } = await keysetPage<GridGroup>(gridKeyset, input, filter, GRID_FIELDS)
    return {
      items: await gridRows(docs, year, months, term, ctx.now),
      nextCursor,
      total: branch ? null : advised.length,
      year,
      months,
      term: term.label
    }
  }
})
