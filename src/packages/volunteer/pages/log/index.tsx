/**
 * 登记志愿服务: date (not after today), hours in half-hour steps up to 24, place, category,
 * a donation's amount (only for a donation), what was done, photos (online only). Saving
 * checks the form as the function will and queues `volunteer.log` with one request id for
 * this form, then goes back: the queue sends it when it can.
 */
import { useRef, useState } from 'react'
import Taro from '@tarojs/taro'
import { Input, Picker, Text, Textarea, View } from '@tarojs/components'
import { VOLUNTEER_CATEGORIES, VOLUNTEER_LIMITS } from '../../../../../types/actions/volunteer'
import { errorMessage } from '../../../../components/PageState'
import PhotoField from '../../../../components/PhotoField'
import { Button } from '../../../../components/ui'
import { asCallError } from '../../../../hooks/usePageData'
import { newRequestId } from '../../../../services/writeQueue'
import { addRecordPhotos } from '../../photos'
import { Category, CATEGORY_LABELS, checkLogForm, chinaToday, FormProblem, LogForm, queueLog } from '../../volunteer'
import '../../volunteer.css'

function Problem({ problem, field }: { problem: FormProblem | null; field: keyof LogForm }) {
  return problem?.field === field ? <Text className='vol-form__problem'>{problem.message}</Text> : null
}

export default function Page() {
  const today = chinaToday()
  const [form, setForm] = useState<LogForm>({ date: today, hours: '', place: '', category: 'healthOutreach', amount: '', description: '', photos: [] })
  const [problem, setProblem] = useState<FormProblem | null>(null)
  // One request id for this form: every tap and every re-send of this record carries it.
  const requestId = useRef(newRequestId())
  const saved = useRef(false)

  const change = (patch: Partial<LogForm>): void => {
    setForm((f) => ({ ...f, ...patch }))
    setProblem(null)
  }

  const save = (): void => {
    if (saved.current) return
    const checked = checkLogForm(form, requestId.current, chinaToday())
    if ('problem' in checked) return setProblem(checked.problem)
    try {
      queueLog(checked.input)
    } catch (e) {
      return setProblem({ field: 'photos', message: errorMessage(asCallError(e)) })
    }
    saved.current = true
    void Taro.navigateBack().catch(() => undefined)
  }

  return (
    <View className='page vol-form'>
      <Text className='section-title'>服务日期</Text>
      <Picker mode='date' value={form.date} end={today} onChange={(e) => change({ date: String(e.detail.value) })}>
        <View className='vol-form__field vol-form__date'>{form.date}</View>
      </Picker>
      <Problem problem={problem} field='date' />
      <Text className='section-title'>时长（小时，以半小时为单位）</Text>
      <Input className='vol-form__field vol-form__hours' type='digit' value={form.hours} placeholder='例如 3.5' maxlength={4} onInput={(e) => change({ hours: e.detail.value })} />
      <Problem problem={problem} field='hours' />
      <Text className='section-title'>地点</Text>
      <Input className='vol-form__field vol-form__place' value={form.place} placeholder='例如 XX社区卫生服务中心' maxlength={VOLUNTEER_LIMITS.place} onInput={(e) => change({ place: e.detail.value })} />
      <Problem problem={problem} field='place' />
      <Text className='section-title'>类别</Text>
      <View className='vol-form__categories' role='radiogroup' aria-label='类别'>
        {VOLUNTEER_CATEGORIES.map((c: Category) => (
          <View key={c} role='radio' aria-checked={c === form.category} className={c === form.category ? 'vol-chip vol-chip--on' : 'vol-chip'} onClick={() => change({ category: c, ...(c === 'donation' ? {} : { amount: '' }) })}><Text>{CATEGORY_LABELS[c]}</Text></View>
        ))}
      </View>
      {form.category === 'donation' ? (
        <>
          <Text className='section-title'>捐赠金额（元）</Text>
          <Input className='vol-form__field vol-form__amount' type='digit' value={form.amount} placeholder='例如 200' maxlength={10} onInput={(e) => change({ amount: e.detail.value })} />
          <Problem problem={problem} field='amount' />
        </>
      ) : null}
      <Text className='section-title'>服务内容</Text>
      <Textarea className='vol-form__field vol-form__description textarea-fill' value={form.description} maxlength={-1} autoHeight placeholder='做了什么、服务了多少人…' onInput={(e) => change({ description: e.detail.value })} />
      <Problem problem={problem} field='description' />
      <Text className='section-title'>图片（{form.photos.length}/{VOLUNTEER_LIMITS.photos}）</Text>
      <PhotoField photos={form.photos} limit={VOLUNTEER_LIMITS.photos} upload={addRecordPhotos} onChange={(photos) => change({ photos })} offlineNote='添加图片需要网络：现在没有网络，可以先不带图片登记' />
      <Problem problem={problem} field='photos' />
      <Button type='primary' block className='vol-form__save' onClick={save}>保存</Button>
      <Text className='vol-form__foot'>没有网络也可以保存：记录会先存在手机上，联网后自动发送。图片需要联网上传。</Text>
    </View>
  )
}
