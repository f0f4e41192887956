import { lessonActions } from '../../../types/actions/lesson'
import { database } from '../../common/app'
import { isDuplicateWrite } from '../../common/db'
import { defineAction } from '../../common/dispatcher'
import { precondition } from '../../common/errors'
import { countedKey, readAccess } from '../access'
import { loadLesson } from '../lessons'
import { L, ReadDoc, readId, statsId, StoredQuizResult, TOTAL_ROW } from '../model'
import { quizResultView, scoreQuiz } from '../quiz'

type Stored = { result: StoredQuizResult; first: boolean; groupId: string | null; newReading: boolean }

/**
 * Stores the result on the caller's reading only while it has none (a conditional write),
 * creating the reading when they answer before marking it read. Whatever the number of
 * tries sent at once, one result is stored and every try answers it.
 */
async function storeOnce(reading: ReadDoc): Promise<Stored> {
  const db = database()
  const coll = db.collection(L.reads)
  for (;;) {
    const { doc } = await coll.where({ _id: reading._id, quiz: null }).updateAndReturn({ quiz: db.command.set(reading.quiz) }) as { doc: ReadDoc | null }
    if (doc) return { result: reading.quiz!, first: true, groupId: doc.groupId, newReading: false }
    const existing = (await coll.doc(reading._id).get()).data[0] as ReadDoc | undefined
    if (existing?.quiz) return { result: existing.quiz, first: false, groupId: existing.groupId, newReading: false }
    if (existing) continue // read just now, without a result: try the conditional write again
    try {
      await coll.add(reading)
      return { result: reading.quiz!, first: true, groupId: reading.groupId, newReading: true }
    } catch (e) {
      if (!isDuplicateWrite(e)) throw e
    }
  }
}

/**
 * Scores the caller's answers on the server against the stored ones and keeps the first
 * result only; it counts once in the group's figures and the lesson's totals. Four
 * requests with the caller when the lesson was marked read first (a retry too); five when
 * answering creates the reading.
 */
export const answerQuiz = defineAction({
  contract: lessonActions.answerQuiz,
  handler: async (input, ctx) => {
    const me = ctx.person()
    const lesson = await loadLesson(input.lessonId)
    if (readAccess(ctx, lesson, ctx.now).preview) throw precondition('读者还看不到这节微党课，预览时不能作答')
    if (!lesson.quiz) throw precondition('这节微党课没有测验')
    const result = scoreQuiz(lesson.quiz, input.answers, ctx.now)
    const reading: ReadDoc = { _id: readId(lesson._id, me._id), lessonId: lesson._id, personId: me._id, groupId: countedKey(ctx, lesson), readAt: ctx.now, quiz: result }
    const stored = await storeOnce(reading)
    if (stored.first && stored.groupId) {
      const db = database()
      const inc = db.command.inc
      await db.collection(L.stats).where({ _id: db.command.in([statsId(lesson._id, stored.groupId), statsId(lesson._id, TOTAL_ROW)]) })
        .update({ answered: inc(1), scoreSum: inc(result.score), scoreMax: inc(result.max), ...(stored.newReading ? { read: inc(1) } : {}) })
    }
    return quizResultView(stored.result)
  }
})
