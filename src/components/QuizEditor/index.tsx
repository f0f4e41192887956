/**
 * The lesson's optional quiz: questions added and removed, single or multiple choice, 2-6
 * options each, the correct ones marked, an optional explanation. Every change goes
 * through `editQuiz`, so the limits hold whatever is tapped; a problem found by the check
 * is shown at its question and field.
 */
import { View, Text, Input, Textarea } from '@tarojs/components'
import { LESSON_LIMITS } from '../../../types/lessonLimits'
import FieldError from '../FieldError'
import { editQuiz, type QuestionDraft, type QuizDraft, type QuizEdit, type QuizProblem } from './quizState'
import './index.css'

export interface QuizEditorProps {
  value: QuizDraft
  onChange: (quiz: QuizDraft) => void
  problem?: QuizProblem | null
}

const letter = (k: number): string => String.fromCharCode(65 + k)

function QuestionCard({ q, index, count, problem, edit }: { q: QuestionDraft; index: number; count: number; problem: QuizProblem | null; edit: (e: QuizEdit) => void }) {
  const at = (field: QuizProblem['field'], option?: number) =>
    problem && problem.question === index && problem.field === field && (option === undefined || problem.option === option) ? problem.message : null
  return (
    <View className='quiz-q'>
      <View className='quiz-q__head'>
        <Text className='quiz-q__no'>第{index + 1}题</Text>
        <View className='quiz-q__kinds'>
          {(['single', 'multiple'] as const).map((kind) => (
            <Text key={kind} className={q.kind === kind ? 'quiz-q__kind quiz-q__kind--on' : 'quiz-q__kind'} onClick={() => edit({ type: 'setKind', question: index, kind })}>
              {kind === 'single' ? '单选' : '多选'}
            </Text>
          ))}
        </View>
        <View className='quiz-q__moves'>
          {index > 0 ? <Text className='quiz-q__move' onClick={() => edit({ type: 'moveQuestion', question: index, by: -1 })}>上移</Text> : null}
          {index < count - 1 ? <Text className='quiz-q__move' onClick={() => edit({ type: 'moveQuestion', question: index, by: 1 })}>下移</Text> : null}
          <Text className='quiz-q__remove' onClick={() => edit({ type: 'removeQuestion', question: index })}>删除</Text>
        </View>
      </View>
      <Textarea
        className='quiz-q__text textarea-fill'
        value={q.text}
        autoHeight
        maxlength={-1}
        placeholder='题目'
        onInput={(e) => edit({ type: 'setText', question: index, text: e.detail.value })}
      />
      <FieldError message={at('text')} />
      <Text className='quiz-q__hint'>{q.kind === 'single' ? '点左侧圆圈标出正确答案（一个）' : '点左侧方框标出所有正确答案'}</Text>
      {q.options.map((o, k) => {
        const right = q.answer.includes(o.id)
        return (
          <View key={o.id} className='quiz-o'>
            <View className='quiz-o__row'>
              <Text
                className={`quiz-o__mark quiz-o__mark--${q.kind} ${right ? 'quiz-o__mark--on' : ''}`}
                aria-label={right ? `选项${letter(k)}：正确答案` : `选项${letter(k)}：标为正确答案`}
                onClick={() => edit({ type: 'toggleAnswer', question: index, option: k })}
              >{right ? '✓' : letter(k)}</Text>
              <Input
                className='quiz-o__text'
                value={o.text}
                maxlength={-1}
                placeholder={`选项${letter(k)}`}
                onInput={(e) => edit({ type: 'setOptionText', question: index, option: k, text: e.detail.value })}
              />
              {q.options.length > LESSON_LIMITS.optionsMin
                ? <Text className='quiz-o__remove' aria-label={`删除选项${letter(k)}`} onClick={() => edit({ type: 'removeOption', question: index, option: k })}>×</Text>
                : null}
            </View>
            <FieldError message={at('option', k)} />
          </View>
        )
      })}
      {q.options.length < LESSON_LIMITS.optionsMax
        ? <Text className='quiz-q__add-option' onClick={() => edit({ type: 'addOption', question: index })}>＋ 添加选项</Text>
        : <Text className='quiz-q__hint'>每题至多{LESSON_LIMITS.optionsMax}个选项</Text>}
      <FieldError message={at('answer')} />
      <Input
        className='quiz-q__explanation'
        value={q.explanation}
        maxlength={-1}
        placeholder='答案解析（选填，答题后显示）'
        onInput={(e) => edit({ type: 'setExplanation', question: index, text: e.detail.value })}
      />
      <FieldError message={at('explanation')} />
    </View>
  )
}

export default function QuizEditor({ value, onChange, problem = null }: QuizEditorProps) {
  const edit = (e: QuizEdit) => onChange(editQuiz(value, e))
  return (
    <View className='quiz-editor'>
      {value.length === 0 ? <Text className='quiz-editor__none'>本课不设测验。添加题目后，读者读完可以作答，你能看到平均得分。</Text> : null}
      {value.map((q, k) => <QuestionCard key={q.id} q={q} index={k} count={value.length} problem={problem} edit={edit} />)}
      {value.length < LESSON_LIMITS.questions
        ? <Text className='quiz-editor__add' onClick={() => edit({ type: 'addQuestion' })}>＋ 添加题目</Text>
        : <Text className='quiz-q__hint'>每课至多{LESSON_LIMITS.questions}道题</Text>}
    </View>
  )
}
