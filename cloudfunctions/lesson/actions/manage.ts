import { lessonActions } from '../../../types/actions/lesson'
import { database } from '../../common/app'
import { Keyset, KeysetFilter, keysetPage, readByIds } from '../../common/db'
import { defineAction } from '../../common/dispatcher'
import { L, LessonDoc, LessonState, StatsDoc, statsId, TIME_KEY, TOTAL_ROW } from '../model'
import { manageItemOf } from '../views'

const manageKeyset: Keyset = { list: 'lesson.manage', collection: L.lessons, field: 'key', key: TIME_KEY }
const LISTED = { title: true, state: true, review: true, publishAt: true, editedAt: true, authorName: true, target: true, key: true }

/**
 * Which lessons a state filter takes: by the state stored, except that a scheduled lesson
 * whose time has come is published (until the reminder run marks it so).
 */
function filtersFor(scope: Record<string, unknown>, state: LessonState | undefined, now: Date): KeysetFilter<LessonDoc>[] {
  const due = (l: LessonDoc): boolean => !!l.publishAt && new Date(l.publishAt) <= now
  if (state === 'published') return [{ where: { ...scope, state: 'published' } }, { where: { ...scope, state: 'scheduled' }, accept: due }]
  if (state === 'scheduled') return [{ where: { ...scope, state }, accept: (l) => !due(l) }]
  return [{ where: state ? { ...scope, state } : scope }]
}

/**
 * The composer's lessons, newest first (the branch: everyone's), with their totals. Four
 * requests: the caller, the page (two queries for published ones), the totals, the count.
 */
export const manage = defineAction({
  contract: lessonActions.manage,
  handler: async (input, ctx) => {
    const scope = ctx.caller.roles.includes('admin') ? {} : { authorId: ctx.person()._id }
    const filters = filtersFor(scope, input.state, ctx.now)
    // A count answers from the index alone when one query says exactly what is listed.
    const exact = filters.length === 1 && !filters[0].accept
    const [page, total] = await Promise.all([
      keysetPage<LessonDoc>(manageKeyset, input, filters, LISTED),
      exact ? database().collection(L.lessons).where(filters[0].where).count().then((r) => r.total) : null
    ])
    const totals = page.docs.length ? await readByIds<StatsDoc>(L.stats, page.docs.map((l) => statsId(l._id, TOTAL_ROW))) : []
    const byLesson = new Map(totals.map((t) => [t.lessonId, t]))
    return { items: page.docs.map((l) => manageItemOf(l, byLesson.get(l._id), ctx.now)), nextCursor: page.nextCursor, total }
  }
})
