import { lessonActions } from '../../../types/actions/lesson'
import { database } from '../../common/app'
import { isDuplicateWrite } from '../../common/db'
import { defineAction } from '../../common/dispatcher'
import { precondition } from '../../common/errors'
import { countedKey, readAccess } from '../access'
import { loadLesson } from '../lessons'
import { L, ReadDoc, readId, statsId, TOTAL_ROW } from '../model'

/**
 * Records that the caller read the lesson, once: the reading's id is lesson and person, so
 * a second insert is refused and answers the first (`firstTime: false`). The first one
 * counts in the group's figures and the lesson's totals, both in one atomic increment.
 * Four requests with the caller.
 */
export const markRead = defineAction({
  contract: lessonActions.markRead,
  handler: async (input, ctx) => {
    const me = ctx.person()
    const lesson = await loadLesson(input.lessonId)
    if (readAccess(ctx, lesson, ctx.now).preview) throw precondition('读者还看不到这节微党课，预览不计阅读')
    const db = database()
    const groupId = countedKey(ctx, lesson)
    const reading: ReadDoc = { _id: readId(lesson._id, me._id), lessonId: lesson._id, personId: me._id, groupId, readAt: ctx.now, quiz: null }
    try {
      await db.collection(L.reads).add(reading)
    } catch (e) {
      if (!isDuplicateWrite(e)) throw e
      const first = (await db.collection(L.reads).doc(reading._id).field({ readAt: true }).get()).data[0] as Pick<ReadDoc, 'readAt'>
      return { readAt: new Date(first.readAt).toISOString(), firstTime: false }
    }
    if (groupId) {
      await db.collection(L.stats).where({ _id: db.command.in([statsId(lesson._id, groupId), statsId(lesson._id, TOTAL_ROW)]) }).update({ read: db.command.inc(1) })
    }
    return { readAt: ctx.now.toISOString(), firstTime: true }
  }
})
