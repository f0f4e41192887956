import { lessonActions } from '../../../types/actions/lesson'
import { defineAction } from '../../common/dispatcher'
import { invalid, precondition } from '../../common/errors'
import { assertComposer, effectiveState } from '../access'
import { temporaryUrls } from '../../common/storage'
import { loadLesson, updateLesson } from '../lessons'
import { goOut, updateFeeds } from '../publication'
import { dispatchDue } from '../reminders'
import { draftOf } from '../views'

/** How far ahead a lesson may be scheduled. */
const MAX_AHEAD_DAYS = 180

/**
 * Publishes a lesson now or at a set time (a time already past means now). A lesson held
 * for review waits for it; a scheduled one not yet out gets the new time; one already out
 * is answered as it is (a retry). Due lessons' readers are reminded at once.
 */
export const publish = defineAction({
  contract: lessonActions.publish,
  handler: async (input, ctx) => {
    const now = ctx.now
    const lesson = await loadLesson(input.lessonId)
    assertComposer(ctx, lesson)
    if (lesson.review === 'risky') throw precondition(`这节微党课未通过审核（${lesson.reviewReason ?? '内容不宜发布'}），请修改后再发布`)
    if (!lesson.body.trim() && !lesson.media) throw precondition('正文、音频或视频至少要有一项')
    const requested = input.publishAt ? new Date(input.publishAt) : now
    if (requested.getTime() > now.getTime() + MAX_AHEAD_DAYS * 86_400_000) throw invalid(`定时发布最多提前${MAX_AHEAD_DAYS}天`)
    const publishAt = requested < now ? now : requested
    let saved = lesson
    if (effectiveState(lesson, now) === 'published') {
      saved = lesson
    } else if (lesson.state === 'scheduled') {
      const next = { ...lesson, publishAt }
      await updateFeeds(next)
      saved = await updateLesson(lesson, { publishAt, state: publishAt <= now ? 'published' : 'scheduled' }, now)
      if (publishAt <= now) await dispatchDue(now, ctx.deadline)
    } else if (lesson.review !== 'pass') {
      saved = await updateLesson(lesson, { publishAt, state: 'reviewing' }, now)
    } else {
      saved = await goOut(lesson, { publishAt }, now, ctx.deadline)
    }
    return draftOf(saved, await temporaryUrls([saved.cover]), now)
  }
})
