/**
 * 记录活动 (`?groupId=`): type, date and time, place, content, the attendees picked from
 * the group's members (one `group.detail` call; the recorder preselected), photos
 * (compressed on the device, uploaded with `activity.uploadTicket`, online only). What is
 * typed is kept as a draft. Saving checks the form against `activity.record`'s input and
 * the function's time rule, queues it with one request id for this form, and goes back:
 * the queue sends it when it can.
 */
import { useEffect, useMemo, useRef, useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { Input, Picker, Text, Textarea, View } from '@tarojs/components'
import { ACTIVITY_TYPES, CHECKIN_LIMITS } from '../../../../../types/actions/activity'
import type { ActionOutput } from '../../../../../types/contract'
import PageState, { errorMessage } from '../../../../components/PageState'
import { Button } from '../../../../components/ui'
import { asCallError, usePageData } from '../../../../hooks/usePageData'
import PhotoField from '../../../../components/PhotoField'
import { call, CallError } from '../../../../services/cloud'
import { autosave, clearDraft, loadDraft } from '../../../../services/drafts'
import { newRequestId } from '../../../../services/writeQueue'
import { addCheckinPhotos, checkRecordForm, earliestDate, FormField, FormProblem, queueRecord, RecordForm, TYPE_LABELS } from '../../activity'
import { chinaNow } from '../../../../services/dates'
import '../../activity.css'

type Member = ActionOutput<'group', 'detail'>['members'][number]
interface Start { members: Member[]; draft: RecordForm; restored: boolean }

const scopeOf = (groupId: string) => `activity:${groupId}`

/** The group's members (one call) and where the form starts: a kept draft, or now with the recorder listed. */
async function loadStart(groupId: string): Promise<Start> {
  if (!groupId) throw new CallError('INVALID_ARGUMENT', '缺少党小组编号，请从小组页面进入')
  const group = await call('group', 'detail', { groupId })
  const kept = loadDraft<RecordForm>(scopeOf(groupId))
  if (kept) return { members: group.members, draft: kept, restored: true }
  const now = chinaNow()
  const recorder = group.viewerId && group.members.some((m) => m.id === group.viewerId) ? [group.viewerId] : []
  return { members: group.members, draft: { type: 'groupMeeting', date: now.date, time: now.time, place: '', content: '', attendeeIds: recorder, photos: [] }, restored: false }
}

function Problem({ problem, field }: { problem: FormProblem | null; field: FormField }) {
  return problem?.field === field ? <Text className='act-form__problem' data-field={field}>{problem.message}</Text> : null
}

/** Members to tick, searchable by name; 全选 ticks every member shown. */
function AttendeePicker({ members, selected, onChange }: { members: Member[]; selected: string[]; onChange: (ids: string[]) => void }) {
  const [keyword, setKeyword] = useState('')
  const shown = keyword.trim() ? members.filter((m) => m.name.includes(keyword.trim())) : members
  const on = new Set(selected)
  const toggle = (id: string) => onChange(on.has(id) ? selected.filter((x) => x !== id) : [...selected, id])
  const allShownOn = shown.length > 0 && shown.every((m) => on.has(m.id))
  const selectShown = () => onChange(allShownOn ? selected.filter((id) => !shown.some((m) => m.id === id)) : [...new Set([...selected, ...shown.map((m) => m.id)])])
  return (
    <View className='card attendee-picker'>
      <View className='attendee-picker__bar'>
        <Input className='attendee-picker__search' value={keyword} placeholder='按姓名查找' maxlength={20} onInput={(e) => setKeyword(e.detail.value)} />
        <Button size='small' className='attendee-picker__all' onClick={selectShown}>{allShownOn ? '全不选' : '全选'}</Button>
      </View>
      <Text className='attendee-picker__summary'>已选 {selected.length}/{members.length} 人</Text>
      <View className='attendee-picker__list' role='group' aria-label='参加人员'>
        {shown.map((m) => (
          <View key={m.id} role='checkbox' aria-checked={on.has(m.id)} className={on.has(m.id) ? 'attendee attendee--on' : 'attendee'} onClick={() => toggle(m.id)}>
            <Text>{on.has(m.id) ? '✓ ' : ''}{m.name}</Text>
          </View>
        ))}
        {!shown.length ? <Text className='attendee-picker__summary'>{members.length ? `没有姓名包含“${keyword.trim()}”的成员` : '小组还没有成员'}</Text> : null}
      </View>
    </View>
  )
}

function RecordEditor({ groupId, start }: { groupId: string; start: Start }) {
  const [form, setForm] = useState<RecordForm>(start.draft)
  const [problem, setProblem] = useState<FormProblem | null>(null)
  // One request id for this form: every tap and every re-send of this check-in carries it.
  const requestId = useRef(newRequestId())
  const saved = useRef(false)
  const scope = scopeOf(groupId)
  const saver = useMemo(() => autosave<RecordForm>(scope), [scope])
  useEffect(() => () => { if (!saved.current) saver.flush() }, [saver])
  const now = chinaNow()

  const change = (patch: Partial<RecordForm>): void => {
    setForm((f) => {
      const next = { ...f, ...patch }
      saver.update(next)
      return next
    })
    setProblem(null)
  }

  const save = (): void => {
    if (saved.current) return
    const checked = checkRecordForm(form, groupId, requestId.current, new Date())
    if ('problem' in checked) return setProblem(checked.problem)
    try {
      queueRecord(checked.input)
    } catch (e) {
      return setProblem({ field: 'photos', message: errorMessage(asCallError(e)) })
    }
    saved.current = true
    saver.cancel()
    clearDraft(scope)
    void Taro.navigateBack().catch(() => undefined)
  }

  const count = form.content.trim().length
  return (
    <View className='act-form'>
      {start.restored ? <Text className='act-form__notice'>已恢复上次未保存的内容</Text> : null}
      <Text className='section-title'>活动类型</Text>
      <View className='act-form__types' role='radiogroup' aria-label='活动类型'>
        {ACTIVITY_TYPES.map((t) => (
          <View key={t} role='radio' aria-checked={t === form.type} className={t === form.type ? 'act-chip act-chip--on' : 'act-chip'} onClick={() => change({ type: t })}><Text>{TYPE_LABELS[t]}</Text></View>
        ))}
      </View>
      <Problem problem={problem} field='type' />
      <Text className='section-title'>活动时间</Text>
      <View className='act-form__when'>
        <Picker mode='date' value={form.date} start={earliestDate()} end={now.date} onChange={(e) => change({ date: String(e.detail.value) })}>
          <View className='act-form__field act-form__date'>{form.date}</View>
        </Picker>
        <Picker mode='time' value={form.time} onChange={(e) => change({ time: String(e.detail.value) })}>
          <View className='act-form__field act-form__time'>{form.time}</View>
        </Picker>
      </View>
      <Problem problem={problem} field='heldAt' />
      <Text className='section-title'>地点</Text>
      <Input className='act-form__field act-form__place' value={form.place} placeholder='例如 XX医院会议室' maxlength={CHECKIN_LIMITS.place} onInput={(e) => change({ place: e.detail.value })} />
      <Problem problem={problem} field='place' />
      <Text className='section-title'>活动内容</Text>
      <Textarea className='act-form__field act-form__content textarea-fill' value={form.content} maxlength={-1} autoHeight placeholder='学习了什么、做了什么、有什么收获…' onInput={(e) => change({ content: e.detail.value })} />
      <Text className={count > CHECKIN_LIMITS.content ? 'act-form__count act-form__count--over' : 'act-form__count'}>{count}/{CHECKIN_LIMITS.content}</Text>
      <Problem problem={problem} field='content' />
      <Text className='section-title'>参加人员</Text>
      <AttendeePicker members={start.members} selected={form.attendeeIds} onChange={(attendeeIds) => change({ attendeeIds })} />
      <Problem problem={problem} field='attendeeIds' />
      <Text className='section-title'>图片（{form.photos.length}/{CHECKIN_LIMITS.photos}）</Text>
      <PhotoField photos={form.photos} limit={CHECKIN_LIMITS.photos} upload={(room) => addCheckinPhotos(groupId, room)} onChange={(photos) => change({ photos })} offlineNote='添加图片需要网络：现在没有网络，可以先不带图片记录' />
      <Problem problem={problem} field='photos' />
      <Button type='primary' block className='act-form__save' onClick={save}>保存</Button>
      <Text className='act-form__foot'>没有网络也可以保存：记录会先存在手机上，联网后自动发送，列入名单的同学会收到确认提醒。图片需要联网上传。</Text>
    </View>
  )
}

export default function Page() {
  const groupId = useRouter().params.groupId ?? ''
  const page = usePageData(() => loadStart(groupId), { deps: [groupId] })
  return (
    <View className='page act-page'>
      <PageState status={page.status} error={page.error} onRetry={() => void page.reload()} skeletonRows={10}>
        {page.data ? <RecordEditor groupId={groupId} start={page.data} /> : null}
      </PageState>
    </View>
  )
}
