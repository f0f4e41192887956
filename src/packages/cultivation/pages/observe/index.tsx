/**
 * 记录考察情况 (`?personId=&name=`): a contact records what they saw of the person's study,
 * work or conduct on a day (not after today), on their own side. The form is checked as
 * the function checks it; one request id per form, so a double tap or a retry after a
 * lost answer records it once. The function's refusal is shown in place.
 */
import { useRef, useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { Picker, Text, Textarea, View } from '@tarojs/components'
import { CULTIVATION_LIMITS } from '../../../../../types/cultivation'
import { errorMessage } from '../../../../components/PageState'
import { Button } from '../../../../components/ui'
import { asCallError } from '../../../../hooks/usePageData'
import { call } from '../../../../services/cloud'
import { chinaNow } from '../../../../services/dates'
import { newRequestId } from '../../../../services/writeQueue'
import { ASPECT_LABELS, checkObservation, OBSERVATION_ASPECTS, ObservationForm, ObservationProblem } from '../../cultivation'
import '../../cultivation.css'

export default function ObservePage() {
  const params = useRouter().params
  const personId = params.personId ?? ''
  const name = params.name ? decodeURIComponent(params.name) : ''
  const today = chinaNow().date
  const [form, setForm] = useState<ObservationForm>({ date: today, aspect: null, body: '' })
  const [problem, setProblem] = useState<ObservationProblem | null>(null)
  const [failure, setFailure] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  // One request id for this form: every tap and every retry of it carries it.
  const requestId = useRef(newRequestId())
  const done = useRef(false)

  const change = (patch: Partial<ObservationForm>) => {
    setForm((f) => ({ ...f, ...patch }))
    setProblem(null)
  }

  const save = async (): Promise<void> => {
    if (busy || done.current) return
    const checked = checkObservation(form, personId, requestId.current, chinaNow().date)
    if ('problem' in checked) return setProblem(checked.problem)
    setBusy(true)
    setFailure(null)
    try {
      await call('cultivation', 'observe', checked.input)
      done.current = true
      void Taro.showToast({ title: '已记录', icon: 'success' })
      void Taro.navigateBack().catch(() => undefined)
    } catch (e) {
      setFailure(errorMessage(asCallError(e)))
    } finally {
      setBusy(false)
    }
  }

  const fieldProblem = (field: ObservationProblem['field']) => (problem?.field === field ? <Text className='cv-problem'>{problem.message}</Text> : null)
  return (
    <View className='page cv-page cv-page--form cv-form cv-observe'>
      <Text className='cv-page__title'>{name ? `记录${name}的考察情况` : '记录考察情况'}</Text>
      <Text className='cv-label'>考察日期</Text>
      <Picker mode='date' value={form.date} end={today} onChange={(e) => change({ date: String(e.detail.value) })}>
        <View className='cv-field cv-observe__date'>{form.date}</View>
      </Picker>
      {fieldProblem('date')}
      <Text className='cv-label'>考察方面</Text>
      <View className='cv-chips' role='radiogroup' aria-label='考察方面'>
        {OBSERVATION_ASPECTS.map((a) => (
          <View key={a} role='radio' aria-checked={form.aspect === a} className={`cv-chip cv-observe__aspect ${form.aspect === a ? 'cv-chip--on' : ''}`} onClick={() => change({ aspect: a })}><Text>{ASPECT_LABELS[a]}</Text></View>
        ))}
      </View>
      {fieldProblem('aspect')}
      <Text className='cv-label'>考察情况（{form.body.trim().length}/{CULTIVATION_LIMITS.observation}）</Text>
      <Textarea className='cv-field cv-field--text cv-observe__body textarea-fill' value={form.body} maxlength={-1} autoHeight placeholder='看到的学习、工作和品行表现，具体事例' onInput={(e) => change({ body: e.detail.value })} />
      {fieldProblem('body')}
      {failure ? <Text className='cv-problem cv-observe__failure'>{failure}</Text> : null}
      <Button type='primary' block loading={busy} className='cv-observe__save' onClick={() => void save()}>保存</Button>
      <Text className='cv-hint'>考察情况只有该同志的两位联系人、所在党小组的指导教师和党总支能看到；本人只能看到考察结果。</Text>
    </View>
  )
}
