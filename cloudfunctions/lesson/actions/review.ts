import { lessonActions } from '../../../types/actions/lesson'
import { defineAction } from '../../common/dispatcher'
import { precondition } from '../../common/errors'
import { temporaryUrls } from '../../common/storage'
import { loadLesson, updateLesson } from '../lessons'
import type { LessonDoc } from '../model'
import { goOut } from '../publication'
import { draftOf } from '../views'

const SENT_BACK = '党总支审核未通过，请修改后再提交'

/**
 * The branch's verdict on a lesson the content check held for review. Passed: a lesson
 * waiting to go out goes out (at its time, or now when that has passed), a draft may now be
 * published. Sent back: it returns to its author as a draft marked risky, with the reason,
 * and stays out of every feed until it is changed and passes.
 */
export const review = defineAction({
  contract: lessonActions.review,
  handler: async (input, ctx) => {
    const lesson = await loadLesson(input.lessonId)
    if (lesson.review !== 'review') throw precondition('这节微党课不在待审核状态')
    let saved: LessonDoc
    if (input.verdict === 'pass') {
      const passed: Partial<LessonDoc> = { review: 'pass', reviewReason: null, filesReview: 'pass' }
      saved = lesson.state === 'reviewing' ? await goOut(lesson, passed, ctx.now, ctx.deadline) : await updateLesson(lesson, passed, ctx.now)
    } else {
      // A lesson held in review is already out of its readers' feeds (save and publish saw to that).
      saved = await updateLesson(lesson, { review: 'risky', reviewReason: input.reason || SENT_BACK, state: 'draft' }, ctx.now)
    }
    return draftOf(saved, await temporaryUrls([saved.cover]), ctx.now)
  }
})
