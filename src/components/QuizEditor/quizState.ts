/**
 * The quiz a composer edits: its state, the edits the editor makes to it, and the check
 * that turns it into the contract's quiz or a Chinese message saying what to fix. The
 * edits keep what the editor's buttons promise (2-6 options, at most 10 questions, one
 * answer for a single-choice question, answers among the options); the check covers what
 * only typing can break (empty or long texts, no answer marked).
 */
import type { ActionInput } from '../../../types/contract'
import { LESSON_LIMITS } from '../../../types/lessonLimits'

/** The quiz as the contract takes it (`lesson.save`'s `quiz`). */
export type Quiz = NonNullable<ActionInput<'lesson', 'save'>['quiz']>
type QuizQuestion = Quiz['questions'][number]

export type QuestionKind = 'single' | 'multiple'

export interface OptionDraft {
  id: string
  text: string
}

export interface QuestionDraft {
  id: string
  text: string
  kind: QuestionKind
  options: OptionDraft[]
  /** ids of the options marked correct */
  answer: string[]
  explanation: string
}

/** The questions being edited; none means the lesson has no quiz. */
export type QuizDraft = QuestionDraft[]

export type QuizEdit =
  | { type: 'addQuestion' }
  | { type: 'removeQuestion'; question: number }
  | { type: 'moveQuestion'; question: number; by: -1 | 1 }
  | { type: 'setText'; question: number; text: string }
  | { type: 'setKind'; question: number; kind: QuestionKind }
  | { type: 'setExplanation'; question: number; text: string }
  | { type: 'addOption'; question: number }
  | { type: 'removeOption'; question: number; option: number }
  | { type: 'setOptionText'; question: number; option: number; text: string }
  | { type: 'toggleAnswer'; question: number; option: number }

/** A fresh id `<prefix><n>`, n above every id of that form in use (ids stay 1-8 characters). */
function freshId(prefix: string, taken: readonly string[]): string {
  const used = new Set(taken)
  let n = 1 + Math.max(0, ...taken.map((t) => (t.startsWith(prefix) && /^\d+$/.test(t.slice(prefix.length)) ? Number(t.slice(prefix.length)) : 0)))
  let id = `${prefix}${n}`
  // After ids as long as they may be, the smallest free number (there are at most 10 in use).
  if (id.length > 8) {
    n = 1
    while (used.has(`${prefix}${n}`)) n++
    id = `${prefix}${n}`
  }
  return id
}

function newQuestion(taken: readonly string[]): QuestionDraft {
  return {
    id: freshId('q', taken),
    text: '',
    kind: 'single',
    options: [{ id: 'o1', text: '' }, { id: 'o2', text: '' }],
    answer: [],
    explanation: ''
  }
}

/** The editor's state of a saved quiz (null: no quiz). */
export function quizDraftOf(quiz: Quiz | null | undefined): QuizDraft {
  return (quiz?.questions ?? []).map((q) => ({
    id: q.id,
    text: q.text,
    kind: q.kind,
    options: q.options.map((o) => ({ id: o.id, text: o.text })),
    answer: q.answer.filter((a) => q.options.some((o) => o.id === a)).slice(0, q.kind === 'single' ? 1 : undefined),
    explanation: q.explanation ?? ''
  }))
}

function updateQuestion(quiz: QuizDraft, index: number, change: (q: QuestionDraft) => QuestionDraft): QuizDraft {
  if (!quiz[index]) return quiz
  return quiz.map((q, k) => (k === index ? change(q) : q))
}

function toggleAnswer(q: QuestionDraft, option: number): QuestionDraft {
  const id = q.options[option]?.id
  if (!id) return q
  if (q.answer.includes(id)) return { ...q, answer: q.answer.filter((a) => a !== id) }
  // A single-choice question has one correct option: marking another moves the mark.
  return { ...q, answer: q.kind === 'single' ? [id] : q.options.map((o) => o.id).filter((o) => o === id || q.answer.includes(o)) }
}

/** The quiz after one of the editor's edits (an edit the limits do not allow changes nothing). */
export function editQuiz(quiz: QuizDraft, edit: QuizEdit): QuizDraft {
  switch (edit.type) {
    case 'addQuestion':
      return quiz.length >= LESSON_LIMITS.questions ? quiz : [...quiz, newQuestion(quiz.map((q) => q.id))]
    case 'removeQuestion':
      return quiz.filter((_, k) => k !== edit.question)
    case 'moveQuestion': {
      const to = edit.question + edit.by
      if (!quiz[edit.question] || !quiz[to]) return quiz
      const next = [...quiz]
      ;[next[edit.question], next[to]] = [next[to], next[edit.question]]
      return next
    }
    case 'setText':
      return updateQuestion(quiz, edit.question, (q) => ({ ...q, text: edit.text }))
    case 'setExplanation':
      return updateQuestion(quiz, edit.question, (q) => ({ ...q, explanation: edit.text }))
    case 'setKind':
      return updateQuestion(quiz, edit.question, (q) => ({ ...q, kind: edit.kind, answer: edit.kind === 'single' ? q.answer.slice(0, 1) : q.answer }))
    case 'addOption':
      return updateQuestion(quiz, edit.question, (q) =>
        q.options.length >= LESSON_LIMITS.optionsMax ? q : { ...q, options: [...q.options, { id: freshId('o', q.options.map((o) => o.id)), text: '' }] })
    case 'removeOption':
      return updateQuestion(quiz, edit.question, (q) => {
        const gone = q.options[edit.option]
        if (!gone || q.options.length <= LESSON_LIMITS.optionsMin) return q
        return { ...q, options: q.options.filter((o) => o !== gone), answer: q.answer.filter((a) => a !== gone.id) }
      })
    case 'setOptionText':
      return updateQuestion(quiz, edit.question, (q) => (q.options[edit.option]
        ? { ...q, options: q.options.map((o, k) => (k === edit.option ? { ...o, text: edit.text } : o)) }
        : q))
    case 'toggleAnswer':
      return updateQuestion(quiz, edit.question, (q) => toggleAnswer(q, edit.option))
  }
}

/** Where a problem is, for the editor to show it beside the field. */
export interface QuizProblem {
  question: number
  /** the option's index, when the problem is an option's text */
  option?: number
  field: 'text' | 'option' | 'answer' | 'explanation'
  message: string
}

export type QuizCheck = { ok: true; quiz: Quiz | null } | { ok: false; problem: QuizProblem }

/** The draft as the contract's quiz, texts as typed (what `checkQuiz` trims and checks). */
export function quizOf(draft: QuizDraft): Quiz | null {
  if (!draft.length) return null
  return {
    questions: draft.map((q): QuizQuestion => ({
      id: q.id,
      text: q.text,
      kind: q.kind,
      options: q.options.map((o) => ({ id: o.id, text: o.text })),
      answer: q.answer,
      ...(q.explanation.trim() ? { explanation: q.explanation } : {})
    }))
  }
}

function textProblem(value: string, max: number, what: string): string | null {
  const t = value.trim()
  if (!t) return `请填写${what}`
  if (t.length > max) return `${what}不能超过${max}个字（现有${t.length}个）`
  return null
}

function questionProblem(q: QuestionDraft, index: number): QuizProblem | null {
  const at = `第${index + 1}题`
  const text = textProblem(q.text, LESSON_LIMITS.questionText, '题目')
  if (text) return { question: index, field: 'text', message: `${at}：${text}` }
  for (let k = 0; k < q.options.length; k++) {
    const option = textProblem(q.options[k].text, LESSON_LIMITS.optionText, `选项${String.fromCharCode(65 + k)}`)
    if (option) return { question: index, option: k, field: 'option', message: `${at}：${option}` }
  }
  if (!q.answer.length) return { question: index, field: 'answer', message: `${at}：请标出正确答案` }
  if (q.explanation.trim().length > LESSON_LIMITS.explanation) {
    return { question: index, field: 'explanation', message: `${at}：解析不能超过${LESSON_LIMITS.explanation}个字` }
  }
  return null
}

/** The quiz to save, or the first problem to fix. */
export function checkQuiz(draft: QuizDraft): QuizCheck {
  for (let k = 0; k < draft.length; k++) {
    const problem = questionProblem(draft[k], k)
    if (problem) return { ok: false, problem }
  }
  return { ok: true, quiz: quizOf(draft) }
}
