/**
 * 记录谈话 (`?groupId=`, optionally `&studentId=`): the student (from the group's members,
 * one `group.detail` call), the day (a picker bounded by the group's year and today), the
 * form, topic, what was said, and an optional follow-up with its due day. What is typed is
 * kept as a draft, with the form's request id, so nothing is lost when the app closes and
 * a save repeated after a lost answer records the talk once. Saving checks the form as the
 * function will and sends it; a refusal (a day out of range, text the content check
 * refuses) is shown on its field.
 */
import { useEffect, useMemo, useRef, useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { Input, Picker, Text, Textarea, View } from '@tarojs/components'
import { TALK_FORMS } from '../../../../../types/actions/talk'
import type { ActionOutput } from '../../../../../types/contract'
import PageState, { errorMessage } from '../../../../components/PageState'
import { Button } from '../../../../components/ui'
import { asCallError, usePageData } from '../../../../hooks/usePageData'
import { ROUTES, withQuery } from '../../../../routes'
import { call, CallError } from '../../../../services/cloud'
import { autosave, clearDraft, loadDraft } from '../../../../services/drafts'
import { newRequestId } from '../../../../services/writeQueue'
import { blankForm, chinaToday, checkTalkForm, dayBounds, draftScope, FORM_LABELS, FormField, FormProblem, problemOf, TALK_LIMITS, TalkForm } from '../../talk'
import '../../talk.css'

type Member = ActionOutput<'group', 'detail'>['members'][number]
interface Start { members: Member[]; year: string; draft: TalkForm; restored: boolean }

/** The group's students but the caller (one call), and where the form starts: a kept draft, or a blank form. */
async function loadStart(groupId: string, studentId: string | undefined): Promise<Start> {
  if (!groupId) throw new CallError('INVALID_ARGUMENT', '缺少党小组编号，请从小组页面进入')
  const group = await call('group', 'detail', { groupId })
  const members = group.members.filter((m) => m.kind === 'student' && m.id !== group.viewerId)
  const kept = loadDraft<TalkForm>(draftScope(groupId))
  if (kept && (!studentId || kept.studentId === studentId)) return { members, year: group.year, draft: kept, restored: true }
  const chosen = studentId && members.some((m) => m.id === studentId) ? studentId : ''
  return { members, year: group.year, draft: blankForm(newRequestId(), chosen), restored: false }
}

function Problem({ problem, field }: { problem: FormProblem | null; field: FormField | null }) {
  return problem && problem.field === field ? <View className='talk-form__problem' role='alert' data-field={field ?? 'form'}><Text>{problem.message}</Text></View> : null
}

/** The students as chips, one chosen. */
function StudentPicker({ members, chosen, onChange }: { members: Member[]; chosen: string; onChange: (id: string) => void }) {
  if (!members.length) return <Text className='talk-form__hint'>小组还没有其他同学</Text>
  return (
    <View className='talk-form__chips talk-form__students' role='radiogroup' aria-label='谈话的同学'>
      {members.map((m) => (
        <View key={m.id} role='radio' aria-checked={m.id === chosen} className={m.id === chosen ? 'talk-chip talk-chip--on' : 'talk-chip'} onClick={() => onChange(m.id)}><Text>{m.name}</Text></View>
      ))}
    </View>
  )
}

function Counter({ text, max }: { text: string; max: number }) {
  const n = text.trim().length
  return <Text className={n > max ? 'talk-form__count talk-form__count--over' : 'talk-form__count'}>{n}/{max}</Text>
}

function RecordEditor({ groupId, start }: { groupId: string; start: Start }) {
  const [form, setForm] = useState<TalkForm>(start.draft)
  const [problem, setProblem] = useState<FormProblem | null>(null)
  const [busy, setBusy] = useState(false)
  const saved = useRef(false)
  const scope = draftScope(groupId)
  const saver = useMemo(() => autosave<TalkForm>(scope), [scope])
  useEffect(() => () => { if (!saved.current) saver.flush() }, [saver])
  const bounds = dayBounds(start.year)

  const change = (patch: Partial<TalkForm>): void => {
    setForm((f) => {
      const next = { ...f, ...patch }
      saver.update(next)
      return next
    })
    setProblem(null)
  }

  const save = async (): Promise<void> => {
    if (saved.current || busy) return
    const checked = checkTalkForm(form, groupId, start.year, chinaToday())
    if ('problem' in checked) return setProblem(checked.problem)
    // The request id is in the draft already: a save repeated after a lost answer records the talk once.
    saver.flush()
    setBusy(true)
    try {
      await call('talk', 'record', checked.input)
    } catch (e) {
      const error = asCallError(e)
      setProblem(error.code === 'NETWORK_ERROR' ? { field: null, message: `${errorMessage(error)}；内容已保存在手机上，联网后再点保存` } : problemOf(error))
      return
    } finally {
      setBusy(false)
    }
    saved.current = true
    saver.cancel()
    clearDraft(scope)
    void Taro.showToast({ title: '已记录', icon: 'success' }).catch(() => undefined)
    void Taro.navigateBack().catch(() => Taro.redirectTo({ url: withQuery(ROUTES.talks, { groupId }) }))
  }

  return (
    <View className='talk-form'>
      {start.restored ? <Text className='talk-form__notice'>已恢复上次未保存的内容</Text> : null}
      <Text className='section-title'>谈话的同学</Text>
      <StudentPicker members={start.members} chosen={form.studentId} onChange={(studentId) => change({ studentId })} />
      <Problem problem={problem} field='studentId' />
      <Text className='section-title'>谈话日期</Text>
      <Picker mode='date' value={form.date} start={bounds.start} end={bounds.end} onChange={(e) => change({ date: String(e.detail.value) })}>
        <View className='talk-form__field talk-form__date'>{form.date || '选择日期'}</View>
      </Picker>
      <Problem problem={problem} field='date' />
      <Text className='section-title'>谈话方式</Text>
      <View className='talk-form__chips' role='radiogroup' aria-label='谈话方式'>
        {TALK_FORMS.map((f) => (
          <View key={f} role='radio' aria-checked={f === form.form} className={f === form.form ? 'talk-chip talk-chip--on' : 'talk-chip'} onClick={() => change({ form: f })}><Text>{FORM_LABELS[f]}</Text></View>
        ))}
      </View>
      <Problem problem={problem} field='form' />
      <Text className='section-title'>谈话主题</Text>
      <Input className='talk-form__field talk-form__topic' value={form.topic} placeholder='例如 实习适应、思想动态、入党动机' maxlength={TALK_LIMITS.topic} onInput={(e) => change({ topic: e.detail.value })} />
      <Problem problem={problem} field='topic' />
      <Text className='section-title'>谈话内容</Text>
      <Textarea className='talk-form__field talk-form__summary textarea-fill' value={form.summary} maxlength={-1} autoHeight placeholder='谈了什么、同学的想法和困难、给出的建议…' onInput={(e) => change({ summary: e.detail.value })} />
      <Counter text={form.summary} max={TALK_LIMITS.summary} />
      <Problem problem={problem} field='summary' />
      <View role='checkbox' aria-checked={form.hasFollowUp} className={form.hasFollowUp ? 'talk-chip talk-chip--on talk-form__toggle' : 'talk-chip talk-form__toggle'} onClick={() => change({ hasFollowUp: !form.hasFollowUp })}>
        <Text>{form.hasFollowUp ? '✓ ' : ''}需要跟进</Text>
      </View>
      {form.hasFollowUp ? (
        <>
          <Text className='section-title'>跟进事项</Text>
          <Textarea className='talk-form__field talk-form__follow-up textarea-fill' value={form.followUp} maxlength={-1} autoHeight placeholder='例如 联系带教老师了解轮转安排' onInput={(e) => change({ followUp: e.detail.value })} />
          <Counter text={form.followUp} max={TALK_LIMITS.followUp} />
          <Problem problem={problem} field='followUp' />
          <Text className='section-title'>完成期限</Text>
          <Picker mode='date' value={form.followUpDue || form.date} start={form.date || bounds.start} onChange={(e) => change({ followUpDue: String(e.detail.value) })}>
            <View className='talk-form__field talk-form__due'>{form.followUpDue || '选择期限'}</View>
          </Picker>
          <Problem problem={problem} field='followUpDue' />
        </>
      ) : null}
      <Button type='primary' block loading={busy} className='talk-form__save' onClick={() => void save()}>保存</Button>
      <Problem problem={problem} field={null} />
      <Text className='talk-form__foot'>谈话记录只有你、小组的指导教师和党总支可以查看。填写的内容会先保存在手机上，保存成功后清除。</Text>
    </View>
  )
}

export default function Page() {
  const { groupId = '', studentId } = useRouter().params
  const page = usePageData(() => loadStart(groupId, studentId), { deps: [groupId, studentId] })
  return (
    <View className='page talk-page'>
      <PageState status={page.status} error={page.error} onRetry={() => void page.reload()} skeletonRows={10}>
        {page.data ? <RecordEditor groupId={groupId} start={page.data} /> : null}
      </PageState>
    </View>
  )
}
