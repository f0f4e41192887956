/** A lesson's quiz: scoring a reader's answers against the stored ones, and the quiz as readers see it. */
import { invalid } from '../common/errors'
import type { Quiz, QuizResult, StoredQuizResult } from './model'

export interface Answer {
  questionId: string
  chosen: string[]
}

const sameSet = (a: string[], b: string[]): boolean => a.length === b.length && a.every((x) => b.includes(x))

/**
 * Scores answers to every question of `quiz` (one point per question whose chosen options
 * are exactly the right ones). Refuses answers that leave a question out, answer one
 * twice, name a question or option the quiz does not have, or choose several options of a
 * single-choice question.
 */
export function scoreQuiz(quiz: Quiz, answers: Answer[], now: Date): StoredQuizResult {
  const byQuestion = new Map<string, string[]>()
  for (const a of answers) {
    const question = quiz.questions.find((q) => q.id === a.questionId)
    if (!question) throw invalid('测验已更新，请刷新后重新作答')
    if (byQuestion.has(a.questionId)) throw invalid('每道题只能回答一次')
    const chosen = [...new Set(a.chosen)]
    if (chosen.some((c) => !question.options.some((o) => o.id === c))) throw invalid('测验已更新，请刷新后重新作答')
    if (!chosen.length) throw invalid('请回答全部题目')
    if (question.kind === 'single' && chosen.length > 1) throw invalid('单选题只能选一个选项')
    byQuestion.set(a.questionId, chosen)
  }
  if (byQuestion.size < quiz.questions.length) throw invalid('请回答全部题目')
  const results = quiz.questions.map((q) => {
    const chosen = byQuestion.get(q.id)!
    return { questionId: q.id, chosen, correct: sameSet(chosen, q.answer), answer: q.answer, explanation: q.explanation ?? null }
  })
  return { score: results.filter((r) => r.correct).length, max: quiz.questions.length, answeredAt: now, results }
}

/** A stored result as the contract shows it. */
export const quizResultView = (r: StoredQuizResult): QuizResult => ({ ...r, answeredAt: new Date(r.answeredAt).toISOString() })

/** The quiz as a reader gets it before answering: no answers, no explanations. */
export function quizForReader(quiz: Quiz | null): { questions: { id: string; text: string; kind: 'single' | 'multiple'; options: { id: string; text: string }[] }[] } | null {
  if (!quiz) return null
  return { questions: quiz.questions.map(({ id, text, kind, options }) => ({ id, text, kind, options })) }
}

/** Every text a quiz holds, for the content check. */
export const quizTexts = (quiz: Quiz | null): string[] =>
  (quiz?.questions ?? []).flatMap((q) => [q.text, ...q.options.map((o) => o.text), ...(q.explanation ? [q.explanation] : [])])
