import { lessonActions } from '../../../types/actions/lesson'
import { readAll } from '../../common/db'
import { defineAction } from '../../common/dispatcher'
import { rowsFor, visibleKeys } from '../figures'
import { loadLesson } from '../lessons'
import { L, StatsDoc } from '../model'
import { figuresOf } from '../views'

/**
 * How a lesson is being read, in total and by group, from the figures rows kept as people
 * read (never counting readings). The author and the branch see every group; another
 * advisor only theirs. Three requests with the caller for up to 1000 groups.
 */
export const figures = defineAction({
  contract: lessonActions.figures,
  handler: async (input, ctx) => {
    const lesson = await loadLesson(input.lessonId)
    const keys = visibleKeys(ctx, lesson)
    const rows = rowsFor(await readAll<StatsDoc>(L.stats, { lessonId: lesson._id }), keys)
    return {
      lessonId: lesson._id,
      title: lesson.title,
      totals: figuresOf(rows),
      groups: rows.map((r) => ({ groupId: r.groupId, groupName: r.groupName, province: r.province, ...figuresOf([r]) }))
    }
  }
})
