/**
 * The quiz as a reader fills it in (components/QuizForm/quizState): a single-choice
 * question holds the last option tapped, a multiple-choice one the options tapped an odd
 * number of times; the answers go only when every question has one, and then in a shape
 * `lesson.answerQuiz` accepts; a scored result marks every option right, wrong or missed.
 */
import fc from 'fast-check'
import { lessonActions, LESSON_LIMITS } from '../../types/actions/lesson'
import { answersOf, canSubmit, choose, Choices, optionLetter, ReaderQuestion, QuizResult, scoreView, submitBlocker, unanswered } from '../../src/components/QuizForm/quizState'

const optionIds = fc.uniqueArray(fc.stringMatching(/^[a-z0-9]{1,8}$/), { minLength: LESSON_LIMITS.optionsMin, maxLength: LESSON_LIMITS.optionsMax })

/** A question as `lesson.get` gives it to a reader. */
const question = (id: string): fc.Arbitrary<ReaderQuestion> =>
  fc.record({
    kind: fc.constantFrom('single' as const, 'multiple' as const),
    text: fc.string({ minLength: 1, maxLength: 20 }),
    ids: optionIds
  }).map(({ kind, text, ids }) => ({ id, kind, text, options: ids.map((o) => ({ id: o, text: `选项${o}` })) }))

const quiz: fc.Arbitrary<ReaderQuestion[]> = fc
  .uniqueArray(fc.stringMatching(/^[a-z0-9]{1,8}$/), { minLength: 1, maxLength: LESSON_LIMITS.questions })
  .chain((ids) => fc.tuple(...ids.map(question)))

/** Taps: a question (by index) and an option (by index; past the end: an option the question lacks). */
const taps = fc.array(fc.tuple(fc.nat(), fc.nat({ max: LESSON_LIMITS.optionsMax + 1 })), { maxLength: 40 })

function replay(questions: ReaderQuestion[], sequence: [number, number][]): Choices {
  let choices: Choices = {}
  for (const [qi, oi] of sequence) {
    const q = questions[qi % questions.length]
    choices = choose(choices, q, q.options[oi]?.id ?? `zz${oi}`.slice(0, 8))
  }
  return choices
}

describe('quiz choices', () => {
  it('keeps one option for a single-choice question (the last tapped) and toggles options of a multiple-choice one, in the question\'s order', () => {
    fc.assert(fc.property(quiz, taps, (questions, sequence) => {
      const choices = replay(questions, sequence)
      questions.forEach((q, qi) => {
        const tapped = sequence.filter(([i, oi]) => i % questions.length === qi && oi < q.options.length).map(([, oi]) => q.options[oi].id)
        const chosen = choices[q.id] ?? []
        if (q.kind === 'single') {
          expect(chosen).toEqual(tapped.length ? [tapped[tapped.length - 1]] : [])
        } else {
          const odd = q.options.map((o) => o.id).filter((id) => tapped.filter((t) => t === id).length % 2 === 1)
          expect(chosen).toEqual(odd)
        }
        // Only the question's own options are ever chosen.
        for (const id of chosen) expect(q.options.map((o) => o.id)).toContain(id)
      })
    }), { numRuns: 300 })
  })

  it('cannot be submitted while a question is unanswered, and names the unanswered questions', () => {
    fc.assert(fc.property(quiz, taps, (questions, sequence) => {
      const choices = replay(questions, sequence)
      const missing = questions.flatMap((q, i) => ((choices[q.id] ?? []).length ? [] : [i + 1]))
      expect(unanswered(questions, choices)).toEqual(missing)
      expect(canSubmit(questions, choices)).toBe(missing.length === 0)
      const blocker = submitBlocker(questions, choices)
      if (!missing.length) expect(blocker).toBeNull()
      else if (missing.length === questions.length) expect(blocker).toBe('请先作答')
      else expect(blocker).toBe(`还有第${missing.join('、')}题未作答`)
    }), { numRuns: 300 })
  })

  it('sends, once complete, answers lesson.answerQuiz accepts: every question in order with what was chosen', () => {
    // Every question answered: one tap on a random option of each, then random extra taps.
    const complete = quiz.chain((questions) => fc.tuple(
      fc.constant(questions),
      fc.tuple(...questions.map((q) => fc.nat({ max: q.options.length - 1 }))),
      taps
    ))
    fc.assert(fc.property(complete, ([questions, firsts, extra]) => {
      let choices = replay(questions, firsts.map((oi, qi) => [qi, oi]))
      // Extra taps may empty a multiple-choice question again; then it cannot go.
      choices = extra.reduce<Choices>((c, [qi, oi]) => {
        const q = questions[qi % questions.length]
        return q.options[oi] ? choose(c, q, q.options[oi].id) : c
      }, choices)
      const answers = answersOf(questions, choices)
      expect(answers.map((a) => a.questionId)).toEqual(questions.map((q) => q.id))
      expect(answers.map((a) => a.chosen)).toEqual(questions.map((q) => [...(choices[q.id] ?? [])]))
      if (canSubmit(questions, choices)) {
        const parsed = lessonActions.answerQuiz.input.safeParse({ lessonId: 'lesson0001', answers })
        expect(parsed.success ? 'accepted' : parsed.error.issues[0]?.message).toBe('accepted')
      }
    }), { numRuns: 300 })
  })
})

describe('a scored quiz', () => {
  /** A result as the function scores it: the answers and choices are subsets of each question's options. */
  const scored = quiz.chain((questions) => fc.tuple(
    fc.constant(questions),
    fc.tuple(...questions.map((q) => fc.record({
      // Some questions may be missing from a result stored before the quiz was edited.
      scored: fc.boolean(),
      answer: fc.subarray(q.options.map((o) => o.id), { minLength: 1 }),
      chosen: fc.subarray(q.options.map((o) => o.id)),
      explanation: fc.option(fc.string({ minLength: 1, maxLength: 20 }), { nil: null })
    }))),
    fc.nat({ max: 100 })
  ))

  function resultOf(questions: ReaderQuestion[], parts: { scored: boolean; answer: string[]; chosen: string[]; explanation: string | null }[], score: number): QuizResult {
    const results = questions.flatMap((q, i) => {
      const p = parts[i]
      if (!p.scored) return []
      const correct = p.answer.length === p.chosen.length && p.answer.every((a) => p.chosen.includes(a))
      return [{ questionId: q.id, chosen: p.chosen, correct, answer: p.answer, explanation: p.explanation }]
    })
    return { score, max: 100, answeredAt: '2026-09-01T06:00:00.000Z', results }
  }

  it('marks each option chosen-and-right, chosen-but-wrong, missed or plain, and names the correct letters', () => {
    fc.assert(fc.property(scored, ([questions, parts, score]) => {
      const result = resultOf(questions, parts, score)
      const view = scoreView(questions, result)
      expect(view.score).toBe(score)
      expect(view.max).toBe(100)
      view.questions.forEach((item, i) => {
        const p = parts[i]
        expect(item.question).toBe(questions[i])
        if (!p.scored) {
          expect(item.correct).toBeNull()
          expect(item.options.every((o) => o.mark === 'plain')).toBe(true)
          return
        }
        const correct = p.answer.length === p.chosen.length && p.answer.every((a) => p.chosen.includes(a))
        expect(item.correct).toBe(correct)
        item.options.forEach((o, oi) => {
          const chosen = p.chosen.includes(o.id)
          const answer = p.answer.includes(o.id)
          const expected = chosen ? (answer ? 'chosen-correct' : 'chosen-wrong') : (answer ? 'missed' : 'plain')
          expect({ option: optionLetter(oi), mark: o.mark }).toEqual({ option: optionLetter(oi), mark: expected })
        })
        const letters = questions[i].options.flatMap((o, oi) => (p.answer.includes(o.id) ? [optionLetter(oi)] : []))
        expect(item.answerLabel).toBe(letters.join('、'))
        expect(item.explanation).toBe(p.explanation)
      })
      const scoredCount = parts.filter((p) => p.scored).length
      const right = result.results.filter((r) => r.correct).length
      expect(view.summary).toBe(`答对 ${right} 题，共 ${scoredCount} 题`)
    }), { numRuns: 300 })
  })
})
