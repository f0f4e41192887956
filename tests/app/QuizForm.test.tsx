/**
 * The quiz on the lesson page: answers go once, only when every question is answered;
 * a failure is shown in place with the form kept; a scored quiz (just submitted, or
 * stored from before) shows the score, the verdicts, the correct answers and the
 * explanations, and offers no second submission; a preview never sends.
 */
import { fireEvent, render, screen } from '@testing-library/react'
import fc from 'fast-check'
import QuizForm from '../../src/components/QuizForm'
import type { QuizAnswers, QuizResult, ReaderQuestion } from '../../src/components/QuizForm/quizState'
import { CallError } from '../../src/services/cloud'
import { PendingCalls, settle } from './pending'

const quiz: fc.Arbitrary<ReaderQuestion[]> = fc
  .array(fc.record({ kind: fc.constantFrom('single' as const, 'multiple' as const), options: fc.integer({ min: 2, max: 6 }) }), { minLength: 1, maxLength: 5 })
  .map((qs) => qs.map((q, i) => ({
    id: `q${i}`,
    kind: q.kind,
    text: `第${i + 1}题题干`,
    options: Array.from({ length: q.options }, (_, o) => ({ id: `o${o}`, text: `题${i + 1}选项${o}` }))
  })))

const optionRow = (qi: number, oi: number) => screen.getByText(`题${qi + 1}选项${oi}`).parentElement as HTMLElement
/** NutUI's button (a Taro button element); disabled shows as its class. */
const submitButton = () => screen.queryByText('提交答案')?.closest('taro-button-core') ?? null
const isDisabled = (button: Element | null) => !!button?.classList.contains('nut-button-disabled')

function resultFor(questions: ReaderQuestion[], chosen: (q: ReaderQuestion) => string[]): QuizResult {
  const results = questions.map((q) => {
    const answer = [q.options[0].id]
    const mine = chosen(q)
    return { questionId: q.id, chosen: mine, answer, correct: mine.length === 1 && mine[0] === answer[0], explanation: `解析${q.id}` }
  })
  return { score: results.filter((r) => r.correct).length, max: results.length, answeredAt: '2026-09-01T06:00:00.000Z', results }
}

describe('QuizForm', () => {
  it('sends the answers once, and only when every question is answered', async () => {
    await fc.assert(fc.asyncProperty(quiz, fc.nat({ max: 4 }), async (questions, answeredFirst) => {
      const server = new PendingCalls<[QuizAnswers], unknown>()
      const view = render(<QuizForm questions={questions} result={null} onSubmit={server.fn} />)
      try {
        // Some questions answered: the button stays disabled and a tap sends nothing.
        const partial = Math.min(answeredFirst, questions.length - 1)
        for (let i = 0; i < partial; i++) fireEvent.click(optionRow(i, 1))
        expect(isDisabled(submitButton())).toBe(true)
        fireEvent.click(submitButton() as HTMLElement)
        expect(server.calls).toHaveLength(0)
        expect(view.container.textContent).toContain(partial === 0 ? '请先作答' : `还有第${questions.slice(partial).map((_, i) => partial + i + 1).join('、')}题未作答`)

        for (let i = partial; i < questions.length; i++) fireEvent.click(optionRow(i, 1))
        expect(isDisabled(submitButton())).toBe(false)
        fireEvent.click(submitButton() as HTMLElement)
        fireEvent.click(submitButton() as HTMLElement)
        await settle()
        expect(server.calls).toHaveLength(1)
        expect(server.calls[0].args[0]).toEqual(questions.map((q) => ({ questionId: q.id, chosen: ['o1'] })))
      } finally {
        view.unmount()
      }
    }), { numRuns: 15 })
  })

  it('shows a failed submission\'s message in place and keeps the reader\'s choices', async () => {
    const questions: ReaderQuestion[] = [{ id: 'q0', kind: 'multiple', text: '题干', options: [{ id: 'a', text: '甲' }, { id: 'b', text: '乙' }] }]
    const server = new PendingCalls<[QuizAnswers], unknown>()
    render(<QuizForm questions={questions} result={null} onSubmit={server.fn} />)
    fireEvent.click(screen.getByText('乙'))
    fireEvent.click(submitButton() as HTMLElement)
    await settle(() => server.last.reject(new CallError('CONFLICT', '你已提交过这次测验')))
    expect(screen.getByRole('alert').textContent).toContain('你已提交过这次测验')
    expect(screen.getByText('乙').parentElement?.getAttribute('aria-checked')).toBe('true')
    expect(isDisabled(submitButton())).toBe(false)
  })

  it('shows a scored quiz with its score, verdicts, correct answers and explanations, and no way to submit again', () => {
    fc.assert(fc.property(quiz, fc.array(fc.nat({ max: 5 }), { minLength: 5, maxLength: 5 }), (questions, picks) => {
      const result = resultFor(questions, (q) => [q.options[picks[Number(q.id.slice(1))] % q.options.length].id])
      const view = render(<QuizForm questions={questions} result={result} onSubmit={() => Promise.reject(new Error('must not be called'))} />)
      try {
        const text = view.container.textContent ?? ''
        expect(text).toContain(`${result.score} / ${result.max} 分`)
        expect(text.split('回答正确').length - 1).toBe(result.results.filter((r) => r.correct).length)
        expect(text.split('回答错误').length - 1).toBe(result.results.filter((r) => !r.correct).length)
        expect(text.split('正确答案：A').length - 1).toBe(questions.length)
        for (const q of questions) expect(text).toContain(`解析：解析${q.id}`)
        expect(submitButton()).toBeNull()
        // Options are no longer choices.
        expect(view.container.querySelector('[role="radio"], [role="checkbox"]')).toBeNull()
      } finally {
        view.unmount()
      }
    }), { numRuns: 15 })
  })

  it('lets a preview be tried but never sends it', async () => {
    const onSubmit = jest.fn(() => Promise.resolve())
    const questions: ReaderQuestion[] = [{ id: 'q0', kind: 'single', text: '题干', options: [{ id: 'a', text: '甲' }, { id: 'b', text: '乙' }] }]
    render(<QuizForm questions={questions} result={null} preview onSubmit={onSubmit} />)
    fireEvent.click(screen.getByText('甲'))
    expect(screen.getByText('甲').parentElement?.getAttribute('aria-checked')).toBe('true')
    expect(submitButton()).toBeNull()
    expect(screen.getByText('预览中不能提交')).toBeTruthy()
    await settle()
    expect(onSubmit).not.toHaveBeenCalled()
  })
})
