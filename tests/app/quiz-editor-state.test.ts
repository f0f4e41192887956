/**
 * The composer's quiz (components/QuizEditor/quizState): whatever the composer taps, the
 * draft keeps the contract's shape (at most 10 questions, 2-6 options, distinct ids of 1-8
 * characters, answers among the options, one for a single choice); and the editor's check
 * agrees with the contract: it passes exactly the drafts `lesson.save` accepts, and when it
 * refuses, it names the question and field to fix.
 */
import fc from 'fast-check'
import { LESSON_LIMITS, quiz as quizSchema } from '../../types/actions/lesson'
import { checkQuiz, editQuiz, quizDraftOf, quizOf, type QuizDraft, type QuizEdit } from '../../src/components/QuizEditor/quizState'

const ID = /^[a-z0-9]{1,8}$/

/** Texts as typed: empty, spaces only, short, or past a limit. */
const typed = (max: number) => fc.oneof(
  fc.constant(''),
  fc.constant('   '),
  fc.string({ minLength: 1, maxLength: 12 }),
  fc.integer({ min: max - 2, max: max + 3 }).map((n) => '字'.repeat(Math.max(1, n)))
)

const index = fc.integer({ min: -1, max: 11 })
const edit: fc.Arbitrary<QuizEdit> = fc.oneof(
  { weight: 3, arbitrary: fc.constant({ type: 'addQuestion' as const }) },
  fc.record({ type: fc.constant('removeQuestion' as const), question: index }),
  fc.record({ type: fc.constant('moveQuestion' as const), question: index, by: fc.constantFrom(-1 as const, 1 as const) }),
  { weight: 3, arbitrary: fc.record({ type: fc.constant('setText' as const), question: index, text: typed(LESSON_LIMITS.questionText) }) },
  fc.record({ type: fc.constant('setKind' as const), question: index, kind: fc.constantFrom('single' as const, 'multiple' as const) }),
  fc.record({ type: fc.constant('setExplanation' as const), question: index, text: typed(LESSON_LIMITS.explanation) }),
  { weight: 2, arbitrary: fc.record({ type: fc.constant('addOption' as const), question: index }) },
  fc.record({ type: fc.constant('removeOption' as const), question: index, option: fc.integer({ min: -1, max: 7 }) }),
  { weight: 4, arbitrary: fc.record({ type: fc.constant('setOptionText' as const), question: index, option: fc.integer({ min: -1, max: 7 }), text: typed(LESSON_LIMITS.optionText) }) },
  { weight: 4, arbitrary: fc.record({ type: fc.constant('toggleAnswer' as const), question: index, option: fc.integer({ min: -1, max: 7 }) }) }
)

const replay = (edits: QuizEdit[], from: QuizDraft = []): QuizDraft => edits.reduce(editQuiz, from)

function expectContractShape(draft: QuizDraft): void {
  expect(draft.length).toBeLessThanOrEqual(LESSON_LIMITS.questions)
  expect(new Set(draft.map((q) => q.id)).size).toBe(draft.length)
  for (const q of draft) {
    expect(q.id).toMatch(ID)
    expect(q.options.length).toBeGreaterThanOrEqual(LESSON_LIMITS.optionsMin)
    expect(q.options.length).toBeLessThanOrEqual(LESSON_LIMITS.optionsMax)
    const ids = q.options.map((o) => o.id)
    expect(new Set(ids).size).toBe(ids.length)
    ids.forEach((id) => expect(id).toMatch(ID))
    expect(new Set(q.answer).size).toBe(q.answer.length)
    q.answer.forEach((a) => expect(ids).toContain(a))
    if (q.kind === 'single') expect(q.answer.length).toBeLessThanOrEqual(1)
  }
}

describe('the quiz editor state', () => {
  it('keeps the contract shape whatever is tapped, and in any order', () => {
    fc.assert(fc.property(fc.array(edit, { maxLength: 80 }), (edits) => {
      let draft: QuizDraft = []
      for (const e of edits) {
        draft = editQuiz(draft, e)
        expectContractShape(draft)
      }
    }), { numRuns: 300 })
  })

  it('passes exactly the drafts the contract accepts, and otherwise names the question and field to fix', () => {
    fc.assert(fc.property(fc.array(edit, { minLength: 1, maxLength: 60 }), (edits) => {
      const draft = replay(edits)
      const check = checkQuiz(draft)
      const contract = quizSchema.nullable().safeParse(quizOf(draft))
      expect(check.ok).toBe(contract.success)
      if (check.ok) {
        expect(check.quiz).toEqual(quizOf(draft))
        return
      }
      const { problem } = check
      const q = draft[problem.question]
      expect(q).toBeDefined()
      expect(problem.message).toMatch(new RegExp(`^第${problem.question + 1}题：`))
      // The questions before it are sound: the first problem is the one shown.
      expect(checkQuiz(draft.slice(0, problem.question)).ok).toBe(true)
      if (problem.field === 'text') expect(q.text.trim() === '' || q.text.trim().length > LESSON_LIMITS.questionText).toBe(true)
      if (problem.field === 'option') {
        const t = q.options[problem.option!].text.trim()
        expect(t === '' || t.length > LESSON_LIMITS.optionText).toBe(true)
      }
      if (problem.field === 'answer') expect(q.answer).toEqual([])
      if (problem.field === 'explanation') expect(q.explanation.trim().length).toBeGreaterThan(LESSON_LIMITS.explanation)
    }), { numRuns: 300 })
  })

  it('a single-choice question holds the last option marked; switching to single keeps one answer', () => {
    fc.assert(fc.property(fc.array(fc.nat({ max: 5 }), { minLength: 1, maxLength: 12 }), fc.array(fc.nat({ max: 5 }), { maxLength: 6 }), (marks, multiMarks) => {
      let draft = replay([{ type: 'addQuestion' }, ...Array.from({ length: 4 }, () => ({ type: 'addOption' as const, question: 0 }))])
      for (const m of marks) draft = editQuiz(draft, { type: 'toggleAnswer', question: 0, option: m })
      // The last tap either moved the mark there or took it off that option.
      const last = marks[marks.length - 1]
      expect([[], [draft[0].options[last].id]]).toContainEqual(draft[0].answer)
      let multi = editQuiz(draft, { type: 'setKind', question: 0, kind: 'multiple' })
      for (const m of multiMarks) multi = editQuiz(multi, { type: 'toggleAnswer', question: 0, option: m })
      const single = editQuiz(multi, { type: 'setKind', question: 0, kind: 'single' })
      expect(single[0].answer).toEqual(multi[0].answer.slice(0, 1))
    }))
  })

  it('any structure the taps leave, once its texts are filled and answers marked, is a quiz the contract accepts', () => {
    fc.assert(fc.property(fc.array(edit, { minLength: 1, maxLength: 60 }), (edits) => {
      let draft = replay(edits)
      draft.forEach((q, i) => {
        draft = editQuiz(draft, { type: 'setText', question: i, text: ` 第${i + 1}题题干 ` })
        draft = editQuiz(draft, { type: 'setExplanation', question: i, text: '' })
        q.options.forEach((_, k) => { draft = editQuiz(draft, { type: 'setOptionText', question: i, option: k, text: `选项${k}` }) })
        if (!draft[i].answer.length) draft = editQuiz(draft, { type: 'toggleAnswer', question: i, option: 0 })
      })
      const check = checkQuiz(draft)
      expect(check.ok).toBe(true)
      expect(quizSchema.nullable().safeParse(check.ok ? check.quiz : undefined).success).toBe(true)
    }), { numRuns: 200 })
  })

  it('a saved quiz comes back into the editor as it was saved', () => {
    fc.assert(fc.property(fc.array(edit, { minLength: 1, maxLength: 60 }), (edits) => {
      const check = checkQuiz(replay(edits))
      if (!check.ok || !check.quiz) return
      expect(quizOf(quizDraftOf(check.quiz))).toEqual(check.quiz)
    }), { numRuns: 200 })
  })
})
