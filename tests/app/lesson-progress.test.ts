/**
 * What the reader did to lessons since the 微党课 list loaded (services/lessonProgress):
 * the list shows a lesson read or its quiz done as soon as the reading page records it,
 * never takes anything back from what the function said, and starts over with a new
 * first page (another identity's reads must not show).
 */
import fc from 'fast-check'
import { forgetLessonProgress, recordQuizDone, recordRead, withProgress } from '../../src/services/lessonProgress'

const item = fc.record({ id: fc.constantFrom('l1', 'l2', 'l3', 'l4'), read: fc.boolean(), quizDone: fc.boolean(), title: fc.string() })
const event = fc.oneof(
  fc.record({ kind: fc.constant('read' as const), id: fc.constantFrom('l1', 'l2', 'l3', 'l4') }),
  fc.record({ kind: fc.constant('quiz' as const), id: fc.constantFrom('l1', 'l2', 'l3', 'l4') }),
  fc.record({ kind: fc.constant('forget' as const) })
)

describe('lesson progress laid over the list', () => {
  it('adds what was recorded since the last first page, and only that', () => {
    fc.assert(fc.property(fc.array(item, { maxLength: 6 }), fc.array(event, { maxLength: 12 }), (items, events) => {
      forgetLessonProgress()
      const read = new Set<string>()
      const quiz = new Set<string>()
      for (const e of events) {
        if (e.kind === 'read') { recordRead(e.id); read.add(e.id) }
        else if (e.kind === 'quiz') { recordQuizDone(e.id); quiz.add(e.id) }
        else { forgetLessonProgress(); read.clear(); quiz.clear() }
      }
      for (const it of items) {
        const shown = withProgress(it)
        expect(shown).toEqual({ ...it, read: it.read || read.has(it.id), quizDone: it.quizDone || quiz.has(it.id) })
        // Nothing changed: the same object, so a list item re-renders only when it must.
        if (shown.read === it.read && shown.quizDone === it.quizDone) expect(shown).toBe(it)
      }
    }))
  })
})
