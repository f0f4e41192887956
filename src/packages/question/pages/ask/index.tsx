/**
 * 向指导教师提问: one `question.advisors` call gives the advisors of the asker's group; the
 * asker picks one, the kind, who may see it (with what "shared" means in plain words) and
 * writes the question. What is typed is kept as a draft with the question's request id,
 * so sending again after a lost answer — even after the app was closed — asks once. After
 * sending, the offer to be told when the advisor answers.
 */
import { useEffect, useMemo, useRef, useState } from 'react'
import Taro from '@tarojs/taro'
import { Text, Textarea, View } from '@tarojs/components'
import PageState, { errorMessage } from '../../../../components/PageState'
import ReminderOffer from '../../../../components/ReminderOffer'
import { Button } from '../../../../components/ui'
import { asCallError, usePageData } from '../../../../hooks/usePageData'
import { ROUTES } from '../../../../routes'
import { call } from '../../../../services/cloud'
import { autosave, clearDraft, loadDraft } from '../../../../services/drafts'
import { newRequestId } from '../../../../services/writeQueue'
import {
  AskField, AskForm, checkAskForm, QUESTION_KIND_LABELS, QUESTION_KINDS, QUESTION_LIMITS, QUESTION_VISIBILITIES, QUESTION_VISIBILITY_LABELS, QuestionView
} from '../../questions'
import '../../question.css'

const DRAFT = 'question:ask'

type Advisors = { groupId: string | null; advisors: { id: string; name: string }[] }

/** The form to start from: the kept draft (its advisor only while still one of the group's), else a new one; a single advisor is chosen already. */
function startForm(advisors: Advisors['advisors']): { form: AskForm; restored: boolean } {
  const kept = loadDraft<AskForm>(DRAFT)
  const only = advisors.length === 1 ? advisors[0].id : null
  if (kept && typeof kept.requestId === 'string') {
    const advisorId = advisors.some((a) => a.id === kept.advisorId) ? kept.advisorId : only
    return { form: { ...kept, advisorId }, restored: true }
  }
  return { form: { advisorId: only, kind: null, visibility: 'private', body: '', requestId: newRequestId() }, restored: false }
}

function Problem({ field, problem }: { field: AskField; problem: { field: AskField; message: string } | null }) {
  if (problem?.field !== field) return null
  return <Text className='q-form__problem' data-field={field}>{problem.message}</Text>
}

function Sent({ question, onAnother }: { question: QuestionView; onAnother: () => void }) {
  return (
    <View className='card q-sent'>
      <Text className='q-sent__title'>已发送给{question.advisor.name}</Text>
      <Text className='card__subtitle'>老师回答后，你可以在“我的提问”里看到回答。{question.visibility === 'group' ? '回答后小组同学也能看到这个问题和回答，但看不到提问人。' : ''}</Text>
      <ReminderOffer kind='answer' variant='line' hint='老师回答后，可以提醒你一次' />
      <View className='q-sent__actions'>
        <Button type='primary' onClick={() => void Taro.redirectTo({ url: ROUTES.questionMine }).catch(() => undefined)}>查看我的提问</Button>
        <Button onClick={onAnother}>再问一个</Button>
      </View>
    </View>
  )
}

function Asker({ advisors }: { advisors: Advisors['advisors'] }) {
  const start = useMemo(() => startForm(advisors), [advisors])
  const [form, setForm] = useState<AskForm>(start.form)
  const [restored, setRestored] = useState(start.restored)
  const [problem, setProblem] = useState<{ field: AskField; message: string } | null>(null)
  const [failure, setFailure] = useState<string | null>(null)
  const [sending, setSending] = useState(false)
  const [sent, setSent] = useState<QuestionView | null>(null)
  const saver = useMemo(() => autosave<AskForm>(DRAFT), [])
  const done = useRef(false)
  useEffect(() => () => { if (!done.current) saver.flush() }, [saver])

  const change = (patch: Partial<AskForm>): void => {
    const next = { ...form, ...patch }
    setForm(next)
    setProblem(null)
    setFailure(null)
    saver.update(next)
  }

  const send = async (): Promise<void> => {
    if (sending) return
    const checked = checkAskForm(form)
    if ('problem' in checked) return setProblem(checked.problem)
    // The draft holds the request id: sending again (a lost answer, the app reopened) asks once.
    saver.update(form)
    saver.flush()
    setSending(true)
    try {
      const question = await call('question', 'ask', checked.input)
      done.current = true
      saver.cancel()
      clearDraft(DRAFT)
      setSent(question)
    } catch (e) {
      setFailure(errorMessage(asCallError(e)))
    } finally {
      setSending(false)
    }
  }

  const another = (): void => {
    done.current = false
    setSent(null)
    setRestored(false)
    setForm({ advisorId: advisors.length === 1 ? advisors[0].id : null, kind: null, visibility: 'private', body: '', requestId: newRequestId() })
  }

  if (sent) return <Sent question={sent} onAnother={another} />
  const count = form.body.trim().length
  return (
    <View className='q-form'>
      {restored ? <Text className='q-form__notice'>已恢复上次未发送的内容</Text> : null}
      <Text className='section-title'>向哪位指导教师提问</Text>
      <View className='q-form__chips' role='radiogroup' aria-label='指导教师'>
        {advisors.map((a) => (
          <View key={a.id} role='radio' aria-checked={form.advisorId === a.id} className={form.advisorId === a.id ? 'q-chip q-chip--on' : 'q-chip'} onClick={() => change({ advisorId: a.id })}><Text>{a.name}</Text></View>
        ))}
      </View>
      <Problem field='advisorId' problem={problem} />
      <Text className='section-title'>问题类型</Text>
      <View className='q-form__chips' role='radiogroup' aria-label='问题类型'>
        {QUESTION_KINDS.map((k) => (
          <View key={k} role='radio' aria-checked={form.kind === k} className={form.kind === k ? 'q-chip q-chip--on' : 'q-chip'} onClick={() => change({ kind: k })}><Text>{QUESTION_KIND_LABELS[k]}</Text></View>
        ))}
      </View>
      <Problem field='kind' problem={problem} />
      <Text className='section-title'>你的问题</Text>
      <Textarea className='q-form__body textarea-fill' value={form.body} maxlength={-1} autoHeight placeholder='写下你想请教老师的问题，说清楚情况，老师更好回答' onInput={(e) => change({ body: e.detail.value })} />
      <Text className={count > QUESTION_LIMITS.body ? 'q-form__count q-form__count--over' : 'q-form__count'}>{count}/{QUESTION_LIMITS.body}</Text>
      <Problem field='body' problem={problem} />
      <Text className='section-title'>谁能看到</Text>
      <View className='q-visibility' role='radiogroup' aria-label='谁能看到'>
        {QUESTION_VISIBILITIES.map((v) => (
          <View key={v} role='radio' aria-checked={form.visibility === v} className={form.visibility === v ? 'q-visibility__option q-visibility__option--on' : 'q-visibility__option'} onClick={() => change({ visibility: v })}>
            <Text className='q-visibility__label'>{QUESTION_VISIBILITY_LABELS[v].label}</Text>
            <Text className='q-visibility__hint'>{QUESTION_VISIBILITY_LABELS[v].hint}</Text>
          </View>
        ))}
      </View>
      {failure ? <View role='alert'><Text className='q-form__problem'>{failure}</Text></View> : null}
      <Button type='primary' block className='q-form__send' loading={sending} onClick={() => void send()}>发送</Button>
      <Text className='q-form__foot'>写到一半离开也没关系：内容会保存在手机上，下次打开接着写。</Text>
    </View>
  )
}

export default function Page() {
  const page = usePageData(() => call('question', 'advisors', {}), { isEmpty: (d) => d.advisors.length === 0 })
  const noGroup = page.data?.groupId === null
  return (
    <View className='page q-page'>
      <PageState
        status={page.status} error={page.error} onRetry={() => void page.reload()} skeletonRows={8}
        emptyTitle={noGroup ? '还没有加入党小组' : '小组还没有指导教师'}
        emptyHint={noGroup ? '加入党小组后，就可以向小组的指导教师提问' : '党总支为小组指定指导教师后，就可以提问了'}
        emptyAction={noGroup ? <Button onClick={() => void Taro.switchTab({ url: ROUTES.group })}>去加入小组</Button> : <Button onClick={() => void Taro.navigateTo({ url: ROUTES.questionMine })}>查看我的提问</Button>}
      >
        {page.data ? <Asker advisors={page.data.advisors} /> : null}
      </PageState>
    </View>
  )
}
