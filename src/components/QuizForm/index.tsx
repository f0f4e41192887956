/**
 * A lesson's quiz: single- and multiple-choice questions the reader answers and submits
 * once; then (and whenever they come back) the score, which answers were right, the
 * correct options and the explanations. In a preview the form can be tried but not sent.
 */
import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { asCallError } from '../../hooks/usePageData'
import type { CallError } from '../../services/cloud'
import { formatDateTime } from '../../services/dates'
import { InlineError } from '../PageState'
import { Button } from '../ui'
import { answersOf, canSubmit, choose, Choices, optionLetter, OptionMark, QuizAnswers, QuizResult, ReaderQuestion, scoreView, submitBlocker } from './quizState'
import './index.css'

export interface QuizFormProps {
  questions: ReaderQuestion[]
  /** the reader's scored answers, once submitted */
  result: QuizResult | null
  /** a composer's preview: nothing is sent */
  preview?: boolean
  /** sends the answers; a rejection is shown in place */
  onSubmit: (answers: QuizAnswers) => Promise<unknown>
}

const KIND_LABEL = { single: '单选', multiple: '多选' } as const

function QuestionHead({ index, question }: { index: number; question: ReaderQuestion }) {
  return (
    <View className='quiz__question-head'>
      <Text className='quiz__question-text'>{index + 1}. {question.text}</Text>
      <Text className='quiz__kind'>{KIND_LABEL[question.kind]}</Text>
    </View>
  )
}

function AnsweringQuestion({ index, question, chosen, onChoose }: { index: number; question: ReaderQuestion; chosen: readonly string[]; onChoose: (optionId: string) => void }) {
  return (
    <View className='quiz__question'>
      <QuestionHead index={index} question={question} />
      {question.options.map((o, i) => {
        const on = chosen.includes(o.id)
        return (
          <View
            key={o.id}
            className={`quiz__option quiz__option--${question.kind}${on ? ' quiz__option--on' : ''}`}
            role={question.kind === 'single' ? 'radio' : 'checkbox'}
            aria-checked={on}
            onClick={() => onChoose(o.id)}
          >
            <Text className='quiz__letter'>{optionLetter(i)}</Text>
            <Text className='quiz__option-text'>{o.text}</Text>
          </View>
        )
      })}
    </View>
  )
}

const MARK_NOTE: Record<OptionMark, string> = { 'chosen-correct': '✓', 'chosen-wrong': '✗', missed: '正确答案', plain: '' }

function ScoredQuestionView({ index, item }: { index: number; item: ReturnType<typeof scoreView>['questions'][number] }) {
  return (
    <View className='quiz__question'>
      <QuestionHead index={index} question={item.question} />
      {item.options.map((o, i) => (
        <View key={o.id} className={`quiz__option quiz__option--${item.question.kind} quiz__option--${o.mark}`}>
          <Text className='quiz__letter'>{optionLetter(i)}</Text>
          <Text className='quiz__option-text'>{o.text}</Text>
          {MARK_NOTE[o.mark] ? <Text className='quiz__mark'>{MARK_NOTE[o.mark]}</Text> : null}
        </View>
      ))}
      {item.correct === null ? (
        <Text className='quiz__verdict'>此题在你作答后新增，未计分</Text>
      ) : (
        <View className='quiz__verdict'>
          <Text className={item.correct ? 'quiz__verdict-ok' : 'quiz__verdict-wrong'}>{item.correct ? '回答正确' : '回答错误'}</Text>
          <Text className='quiz__answer'>正确答案：{item.answerLabel}</Text>
        </View>
      )}
      {item.explanation ? <Text className='quiz__explanation'>解析：{item.explanation}</Text> : null}
    </View>
  )
}

function ScoredQuiz({ questions, result }: { questions: ReaderQuestion[]; result: QuizResult }) {
  const view = scoreView(questions, result)
  return (
    <>
      <View className='quiz__score'>
        <Text className='quiz__score-value'>{view.score}<Text className='quiz__score-max'> / {view.max} 分</Text></Text>
        <Text className='quiz__score-summary'>{view.summary} · 提交于{formatDateTime(result.answeredAt)}</Text>
      </View>
      {view.questions.map((item, i) => <ScoredQuestionView key={item.question.id} index={i} item={item} />)}
    </>
  )
}

export default function QuizForm({ questions, result, preview = false, onSubmit }: QuizFormProps) {
  const [choices, setChoices] = useState<Choices>({})
  const [sending, setSending] = useState(false)
  const [error, setError] = useState<CallError | null>(null)
  const blocker = submitBlocker(questions, choices)

  const submit = async (): Promise<void> => {
    if (preview || sending || !canSubmit(questions, choices)) return
    setSending(true)
    setError(null)
    try {
      await onSubmit(answersOf(questions, choices))
    } catch (e) {
      setError(asCallError(e))
    } finally {
      setSending(false)
    }
  }

  return (
    <View className='card quiz'>
      <Text className='card__title'>课后小测</Text>
      <Text className='card__subtitle'>{result ? '你已提交，答案与解析如下' : `共 ${questions.length} 题，提交后可查看答案与解析（只能提交一次）`}</Text>
      {result ? <ScoredQuiz questions={questions} result={result} /> : (
        <>
          {questions.map((q, i) => (
            <AnsweringQuestion key={q.id} index={i} question={q} chosen={choices[q.id] ?? []} onChoose={(optionId) => setChoices((c) => choose(c, q, optionId))} />
          ))}
          <InlineError error={error} onRetry={() => void submit()} />
          {preview ? <Text className='quiz__hint'>预览中不能提交</Text> : (
            <>
              <Button type='primary' block className='quiz__submit' disabled={!!blocker} loading={sending} onClick={() => void submit()}>提交答案</Button>
              {blocker ? <Text className='quiz__hint'>{blocker}</Text> : null}
            </>
          )}
        </>
      )}
    </View>
  )
}
