/**
 * A lesson's quiz as the reader fills it in, without any drawing: which options are
 * chosen (one for a single-choice question, any for a multiple-choice one), whether the
 * answers can go (every question answered), the answers as `lesson.answerQuiz` takes them,
 * and a scored result laid over the questions for display.
 */
import type { ActionInput, ActionOutput } from '../../../types/contract'

type LessonView = ActionOutput<'lesson', 'get'>
/** A question as the reader sees it (no answer, no explanation). */
export type ReaderQuestion = NonNullable<LessonView['quiz']>['questions'][number]
export type QuizResult = ActionOutput<'lesson', 'answerQuiz'>
export type QuizAnswers = ActionInput<'lesson', 'answerQuiz'>['answers']

/** The options chosen so far, by question id. */
export type Choices = Readonly<Record<string, readonly string[]>>

/**
 * The choices after a tap on an option: a single-choice question takes the tapped option
 * in place of any other; a multiple-choice one adds or removes it. Chosen options are kept
 * in the question's own order; a tap on an option the question does not have changes nothing.
 */
export function choose(choices: Choices, question: ReaderQuestion, optionId: string): Choices {
  if (!question.options.some((o) => o.id === optionId)) return choices
  const before = choices[question.id] ?? []
  let picked: string[]
  if (question.kind === 'single') picked = [optionId]
  else {
    const on = new Set(before)
    if (on.has(optionId)) on.delete(optionId)
    else on.add(optionId)
    picked = question.options.map((o) => o.id).filter((id) => on.has(id))
  }
  return { ...choices, [question.id]: picked }
}

/** The questions still without a chosen option, in the quiz's order (their numbers from 1). */
export function unanswered(questions: readonly ReaderQuestion[], choices: Choices): number[] {
  return questions.flatMap((q, i) => ((choices[q.id] ?? []).length ? [] : [i + 1]))
}

/** True when every question has a chosen option. */
export const canSubmit = (questions: readonly ReaderQuestion[], choices: Choices): boolean =>
  questions.length > 0 && unanswered(questions, choices).length === 0

/** What stops the answers from going, for the reader (null when they can go). */
export function submitBlocker(questions: readonly ReaderQuestion[], choices: Choices): string | null {
  const missing = unanswered(questions, choices)
  if (!missing.length) return null
  if (missing.length === questions.length) return '请先作答'
  return `还有第${missing.join('、')}题未作答`
}

/** The answers as `lesson.answerQuiz` takes them, in the quiz's order. */
export function answersOf(questions: readonly ReaderQuestion[], choices: Choices): QuizAnswers {
  return questions.map((q) => ({ questionId: q.id, chosen: [...(choices[q.id] ?? [])] }))
}

/** How one option looks once the quiz is scored. */
export type OptionMark =
  /** chosen, and right to choose */
  | 'chosen-correct'
  /** chosen, but not an answer */
  | 'chosen-wrong'
  /** an answer the reader did not choose */
  | 'missed'
  /** neither chosen nor an answer */
  | 'plain'

export interface ScoredQuestion {
  question: ReaderQuestion
  /** null: the quiz was changed after the reader answered and this question was not scored */
  correct: boolean | null
  options: { id: string; text: string; mark: OptionMark }[]
  /** the correct options' letters, e.g. "A、C" */
  answerLabel: string
  explanation: string | null
}

export interface ScoredQuiz {
  score: number
  max: number
  /** e.g. "答对 3 题，共 4 题" */
  summary: string
  questions: ScoredQuestion[]
}

/** A, B, C... for the option at `index`. */
export const optionLetter = (index: number): string => String.fromCharCode(65 + index)

function markOf(chosen: boolean, answer: boolean): OptionMark {
  if (chosen) return answer ? 'chosen-correct' : 'chosen-wrong'
  return answer ? 'missed' : 'plain'
}

/**
 * The result laid over the questions as the reader sees them: each option marked, the
 * correct answers named, the explanation. Questions are matched by id, so a result stored
 * before the quiz was edited still shows what it can.
 */
export function scoreView(questions: readonly ReaderQuestion[], result: QuizResult): ScoredQuiz {
  const byId = new Map(result.results.map((r) => [r.questionId, r]))
  const scored = questions.map((question): ScoredQuestion => {
    const r = byId.get(question.id)
    const chosen = new Set(r?.chosen ?? [])
    const answer = new Set(r?.answer ?? [])
    return {
      question,
      correct: r ? r.correct : null,
      options: question.options.map((o) => ({ id: o.id, text: o.text, mark: r ? markOf(chosen.has(o.id), answer.has(o.id)) : 'plain' })),
      answerLabel: question.options.flatMap((o, i) => (answer.has(o.id) ? [optionLetter(i)] : [])).join('、'),
      explanation: r?.explanation ?? null
    }
  })
  const right = result.results.filter((r) => r.correct).length
  return { score: result.score, max: result.max, summary: `答对 ${right} 题，共 ${result.results.length} 题`, questions: scored }
}
