import { lessonActions } from '../../../types/actions/lesson'
import { database } from '../../common/app'
import { defineAction } from '../../common/dispatcher'
import { AppError, precondition } from '../../common/errors'
import { assertComposer, effectiveState } from '../access'
import { deleteFiles } from '../../common/storage'
import { loadLesson } from '../lessons'
import { L } from '../model'
import { removeFromFeeds } from '../publication'

/**
 * Deletes a lesson readers have not seen: a draft, one waiting for review, or one
 * scheduled for later (taken out of the feeds first, so it never shows half-deleted).
 * One already published stays. Deleting what is gone answers `discarded: false`.
 */
export const discard = defineAction({
  contract: lessonActions.discard,
  handler: async (input, ctx) => {
    const lesson = await loadLesson(input.lessonId).catch((e) => {
      if (e instanceof AppError && e.code === 'NOT_FOUND') return null
      throw e
    })
    if (!lesson) return { discarded: false }
    assertComposer(ctx, lesson)
    // Out and due (even if held for review since): readers have seen it.
    const seen = effectiveState(lesson, ctx.now) === 'published' || (lesson.audience.length > 0 && !!lesson.publishAt && new Date(lesson.publishAt) <= ctx.now)
    if (seen) throw precondition('读者已经看到过这节微党课，不能删除；可以修改内容')
    const db = database()
    if (lesson.state !== 'draft') {
      await removeFromFeeds(lesson._id)
      await db.collection(L.stats).where({ lessonId: lesson._id }).remove()
    }
    await db.collection(L.lessons).doc(lesson._id).remove()
    await deleteFiles([lesson.cover, lesson.media?.fileID])
    return { discarded: true }
  }
})
