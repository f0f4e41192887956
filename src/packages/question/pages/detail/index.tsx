/**
 * One question (`?questionId=`, one `question.get`): whole for its asker, the advisor
 * asked and the branch — its state, how long it waited, the answer; as the group reads a
 * shared one (no asker) for the group's members and advisors. When the function says the
 * caller may answer, the answer form: kept as a draft with its request id, so sending
 * again asks the function once; its refusal (someone answered first) shown in place.
 */
import { useEffect, useMemo, useRef, useState } from 'react'
import Taro from '@tarojs/taro'
import { Text, Textarea, View } from '@tarojs/components'
import PageState, { errorMessage, InlineError } from '../../../../components/PageState'
import ReminderOffer from '../../../../components/ReminderOffer'
import { Button } from '../../../../components/ui'
import { asCallError, usePageData } from '../../../../hooks/usePageData'
import { call, CallError } from '../../../../services/cloud'
import { formatDateTime } from '../../../../services/dates'
import { autosave, clearDraft, loadDraft } from '../../../../services/drafts'
import { newRequestId } from '../../../../services/writeQueue'
import { StateBadge } from '../../components/QuestionCard'
import { answeredAfterLabel, QUESTION_KIND_LABELS, QUESTION_LIMITS, QUESTION_STATUS_LABELS, QUESTION_VISIBILITY_LABELS, QuestionRead, QuestionView, SharedQuestion } from '../../questions'
import '../../question.css'

type Answer = NonNullable<QuestionView['answer']>

function AnswerCard({ answer }: { answer: Answer }) {
  return (
    <View className='card q-answer'>
      <Text className='q-answer__who'>{answer.byName} · {answer.byRole} · {formatDateTime(answer.answeredAt)}</Text>
      <Text className='q-answer__body' userSelect>{answer.body}</Text>
    </View>
  )
}

interface AnswerDraft { body: string; requestId: string }

function AnswerBox({ questionId, onAnswered, onStale }: { questionId: string; onAnswered: (q: QuestionView) => void; onStale: () => void }) {
  const scope = `question-answer:${questionId}`
  // The request id lives in the draft: an answer sent again after a lost reply is applied once.
  const [start] = useState(() => {
    const kept = loadDraft<AnswerDraft>(scope)
    return { draft: kept ?? { body: '', requestId: newRequestId() }, restored: !!kept }
  })
  const [draft, setDraft] = useState<AnswerDraft>(start.draft)
  const [problem, setProblem] = useState<{ message: string; stale: boolean } | null>(null)
  const [sending, setSending] = useState(false)
  const saver = useMemo(() => autosave<AnswerDraft>(scope), [scope])
  const done = useRef(false)
  useEffect(() => () => { if (!done.current) saver.flush() }, [saver])

  const send = async (): Promise<void> => {
    if (sending) return
    const body = draft.body.trim()
    if (!body) return setProblem({ message: '请写下回答', stale: false })
    if (body.length > QUESTION_LIMITS.answer) return setProblem({ message: `回答不能超过${QUESTION_LIMITS.answer}字（现在${body.length}字）`, stale: false })
    saver.update(draft)
    saver.flush()
    setSending(true)
    try {
      const answered = await call('question', 'answer', { requestId: draft.requestId, questionId, body })
      done.current = true
      saver.cancel()
      clearDraft(scope)
      onAnswered(answered)
    } catch (e) {
      const error = asCallError(e)
      setProblem({ message: errorMessage(error), stale: error.code === 'CONFLICT' })
    } finally {
      setSending(false)
    }
  }
  const count = draft.body.trim().length
  return (
    <View className='card q-answer-box'>
      <Text className='card__title'>回答</Text>
      {start.restored ? <Text className='q-form__notice'>已恢复上次未发送的回答</Text> : null}
      <Textarea className='q-answer-box__input textarea-fill' value={draft.body} maxlength={-1} autoHeight placeholder='写下你的回答，学生会收到提醒'
        onInput={(e) => { const next = { ...draft, body: e.detail.value }; setDraft(next); setProblem(null); saver.update(next) }} />
      <Text className={count > QUESTION_LIMITS.answer ? 'q-answer-box__count q-form__count--over' : 'q-answer-box__count'}>{count}/{QUESTION_LIMITS.answer}</Text>
      {problem ? <View role='alert'><Text className='q-form__problem'>{problem.message}</Text></View> : null}
      {problem?.stale ? <Button size='small' onClick={onStale}>查看最新回答</Button> : null}
      <Button type='primary' block loading={sending} onClick={() => void send()}>发送回答</Button>
    </View>
  )
}

function FullQuestion({ question, onReload }: { question: QuestionView; onReload: () => void }) {
  const [q, setQ] = useState(question)
  const who = q.mine ? `问${q.advisor.name}` : `${q.asker.name} 问${q.advisor.name}`
  return (
    <>
      <View className='card'>
        <View className='q-detail__head'>
          <Text className='q-kind'>{QUESTION_KIND_LABELS[q.kind]}</Text>
          <StateBadge question={q} />
        </View>
        <Text className='q-detail__who'>{who} · {formatDateTime(q.askedAt)} · {QUESTION_VISIBILITY_LABELS[q.visibility].label}</Text>
        <Text className='q-detail__body' userSelect>{q.body}</Text>
      </View>
      {q.answer ? (
        <>
          <Text className='section-title'>回答（{answeredAfterLabel(q.waitedDays)}）</Text>
          <AnswerCard answer={q.answer} />
        </>
      ) : null}
      {q.canAnswer ? <AnswerBox questionId={q.id} onAnswered={setQ} onStale={onReload} /> : null}
      {!q.answer && q.mine ? (
        <>
          <Text className='section-title'>等待{q.advisor.name}回答</Text>
          <ReminderOffer kind='answer' variant='line' hint='老师回答后，可以提醒你一次' />
        </>
      ) : null}
      {q.visibility === 'group' && q.mine ? <Text className='q-page__note'>{`${q.answer ? '' : '回答后，'}小组同学能看到这个问题和回答，但看不到提问人是你。`}</Text> : null}
    </>
  )
}

function Shared({ question: q }: { question: SharedQuestion }) {
  return (
    <>
      <View className='card'>
        <View className='q-detail__head'>
          <Text className='q-kind'>{QUESTION_KIND_LABELS[q.kind]}</Text>
          <Text className='q-state q-state--answered'>{QUESTION_STATUS_LABELS.answered}</Text>
        </View>
        <Text className='q-detail__who'>小组同学匿名提问 · 问{q.advisorName}</Text>
        <Text className='q-detail__body' userSelect>{q.body}</Text>
      </View>
      <AnswerCard answer={q.answer} />
    </>
  )
}

const missing = new CallError('INVALID_ARGUMENT', '链接不完整：没有指明要打开哪个提问')

export default function Page() {
  const questionId = Taro.getCurrentInstance().router?.params?.questionId ?? ''
  const page = usePageData<QuestionRead>(() => call('question', 'get', { questionId }), { enabled: !!questionId })
  if (!questionId) return <View className='page q-page'><PageState status='error' error={missing} /></View>
  const data = page.data
  return (
    <View className='page q-page'>
      {data ? <InlineError error={page.error} onRetry={() => void page.reload()} /> : null}
      <PageState status={page.status} error={page.error} onRetry={() => void page.reload()} skeletonRows={8}>
        {data?.view === 'full' ? <FullQuestion key={`${data.id}:${data.status}`} question={data} onReload={() => void page.reload()} /> : null}
        {data?.view === 'shared' ? <Shared question={data} /> : null}
      </PageState>
    </View>
  )
}
