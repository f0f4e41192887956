/**
 * A question in a list: its kind, its state (待回答 with the days waited, red once the
 * function says it is overdue; 已回答), the beginning of the question, and who is on the
 * other side (the advisor for the asker, the asker for the advisor).
 */
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { ROUTES, withQuery } from '../../../routes'
import { formatDateTime } from '../../../services/dates'
import { answeredAfterLabel, QUESTION_KIND_LABELS, QUESTION_STATUS_LABELS, QUESTION_VISIBILITY_LABELS, QuestionView, waitedLabel } from '../questions'

export interface QuestionCardProps {
  question: QuestionView
  /** 'asker': names the advisor asked; 'advisor': names the asker */
  reader: 'asker' | 'advisor'
}

/** 待回答 · 已等待N天 (overdue in red), or 已回答. */
export function StateBadge({ question }: { question: Pick<QuestionView, 'status' | 'waitedDays' | 'overdue'> }) {
  if (question.status === 'answered') return <Text className='q-state q-state--answered'>{QUESTION_STATUS_LABELS.answered}</Text>
  return (
    <Text className={question.overdue ? 'q-state q-state--overdue' : 'q-state q-state--open'} data-overdue={question.overdue ? 'true' : 'false'}>
      {QUESTION_STATUS_LABELS.open} · {waitedLabel(question.waitedDays)}
    </Text>
  )
}

export default function QuestionCard({ question: q, reader }: QuestionCardProps) {
  const open = () => void Taro.navigateTo({ url: withQuery(ROUTES.questionDetail, { questionId: q.id }) })
  return (
    <View className={q.overdue ? 'card q-card q-card--overdue' : 'card q-card'} hoverClass='q-card--pressed' onClick={open} data-question={q.id}>
      <View className='q-card__head'>
        <Text className='q-kind'>{QUESTION_KIND_LABELS[q.kind]}</Text>
        <Text className='q-card__who'>{reader === 'asker' ? `问${q.advisor.name}` : q.asker.name}</Text>
        <StateBadge question={q} />
      </View>
      <Text className='q-card__body'>{q.body}</Text>
      <Text className='q-card__meta'>
        {formatDateTime(q.askedAt)} · {QUESTION_VISIBILITY_LABELS[q.visibility].label}
        {q.status === 'answered' ? ` · ${answeredAfterLabel(q.waitedDays)}` : ''}
      </Text>
    </View>
  )
}
