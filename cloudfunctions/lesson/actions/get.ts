import { lessonActions } from '../../../types/actions/lesson'
import { database } from '../../common/app'
import { defineAction } from '../../common/dispatcher'
import { readAccess } from '../access'
import { temporaryUrls } from '../../common/storage'
import { loadLesson } from '../lessons'
import { L, ReadDoc, readId } from '../model'
import { viewOf } from '../views'

/**
 * Opens a lesson: for the interns it went to once it is out and passed review; staff read
 * every published one; its author, the branch and advisors of its groups may preview it
 * before. Three requests with the caller (the lesson and the caller's reading together);
 * the files' temporary URLs come from storage, issued for this caller.
 */
export const get = defineAction({
  contract: lessonActions.get,
  handler: async (input, ctx) => {
    const me = ctx.person()
    const [lesson, read] = await Promise.all([
      loadLesson(input.lessonId),
      database().collection(L.reads).doc(readId(input.lessonId, me._id)).get().then((r) => (r.data[0] as ReadDoc | undefined) ?? null)
    ])
    const { preview } = readAccess(ctx, lesson, ctx.now)
    const urls = await temporaryUrls([lesson.cover, lesson.media?.fileID])
    return viewOf(lesson, read, urls, preview)
  }
})
