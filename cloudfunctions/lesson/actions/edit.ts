import { lessonActions } from '../../../types/actions/lesson'
import { defineAction } from '../../common/dispatcher'
import { assertComposer } from '../access'
import { temporaryUrls } from '../../common/storage'
import { loadLesson } from '../lessons'
import { draftOf } from '../views'

/** Everything a lesson holds, answers included, for its author and the branch. */
export const edit = defineAction({
  contract: lessonActions.edit,
  handler: async (input, ctx) => {
    const lesson = await loadLesson(input.lessonId)
    assertComposer(ctx, lesson)
    return draftOf(lesson, await temporaryUrls([lesson.cover]), ctx.now)
  }
})
