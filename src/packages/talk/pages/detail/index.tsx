/**
 * One talk (`?talkId=`): the student, day, form, topic, what was said, who recorded it,
 * and its follow-up with 标记跟进完成 (or 改为未完成). One `talk.get` call; those who may
 * not read the talk are told it does not exist, as the function answers.
 */
import { useEffect, useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import PageState, { errorMessage } from '../../../../components/PageState'
import { Button } from '../../../../components/ui'
import { asCallError, usePageData } from '../../../../hooks/usePageData'
import { ROUTES, withQuery } from '../../../../routes'
import { call, CallError } from '../../../../services/cloud'
import { formatDateTime } from '../../../../services/dates'
import { dayText, followUpState, FORM_LABELS, ROLE_LABELS, TalkView } from '../../talk'
import '../../talk.css'

const STATE_TEXT = { due: '待跟进', overdue: '已逾期，尚未完成', done: '已完成' } as const

/** The follow-up, its due day and state, and the button that marks it. */
function FollowUp({ talk, onChange }: { talk: TalkView; onChange: (t: TalkView) => void }) {
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const state = followUpState(talk)
  if (state === 'none') return null
  const mark = async (done: boolean): Promise<void> => {
    if (busy) return
    setBusy(true)
    setError(null)
    try {
      onChange(await call('talk', 'setFollowUpDone', { talkId: talk.id, done }))
    } catch (e) {
      setError(errorMessage(asCallError(e)))
    } finally {
      setBusy(false)
    }
  }
  return (
    <View className='card talk-detail__follow'>
      <Text className='card__title'>跟进事项</Text>
      <Text className='talk-detail__text'>{talk.followUp}</Text>
      <Text className={`talk-detail__state talk-follow--${state}`}>{talk.followUpDue ? `期限 ${dayText(talk.followUpDue)} · ` : ''}{STATE_TEXT[state]}</Text>
      {state === 'done'
        ? <Button block loading={busy} className='talk-detail__undo' onClick={() => void mark(false)}>改为未完成</Button>
        : <Button type='primary' block loading={busy} className='talk-detail__done' onClick={() => void mark(true)}>标记跟进完成</Button>}
      {error ? <View className='talk-form__problem' role='alert'><Text>{error}</Text></View> : null}
    </View>
  )
}

function TalkDetail({ talk, onChange }: { talk: TalkView; onChange: (t: TalkView) => void }) {
  const others = () => void Taro.navigateTo({ url: withQuery(ROUTES.talks, { groupId: talk.groupId, studentId: talk.studentId }) })
  return (
    <View className='talk-detail'>
      <View className='card'>
        <View className='talk-card__head'>
          <Text className='talk-detail__student'>{talk.studentName}</Text>
          <Text className='talk-kind'>{FORM_LABELS[talk.form]}</Text>
        </View>
        <Text className='talk-detail__meta'>{dayText(talk.date)} · {ROLE_LABELS[talk.recorderRole]} {talk.recorderName} 记录于 {formatDateTime(talk.createdAt)}</Text>
        <Text className='talk-detail__topic'>{talk.topic}</Text>
        <Text className='talk-detail__text' selectable>{talk.summary}</Text>
      </View>
      <FollowUp talk={talk} onChange={onChange} />
      <View className='card talk-detail__others' onClick={others}>
        <Text className='card__title'>与{talk.studentName}的全部谈话 ›</Text>
      </View>
      <Text className='talk-detail__privacy'>谈话记录只有记录人、小组的指导教师和党总支可以查看，同学本人和其他同学看不到。</Text>
    </View>
  )
}

export default function Page() {
  const talkId = useRouter().params.talkId ?? ''
  const [changed, setChanged] = useState<TalkView | null>(null)
  const page = usePageData(async () => {
    if (!talkId) throw new CallError('INVALID_ARGUMENT', '缺少谈话编号，请从谈心谈话列表进入')
    setChanged(null)
    return call('talk', 'get', { talkId })
  }, { deps: [talkId] })
  const talk = changed ?? page.data
  const name = talk?.studentName
  useEffect(() => { if (name) void Taro.setNavigationBarTitle({ title: `与${name}的谈话` }).catch(() => undefined) }, [name])
  return (
    <View className='page talk-page'>
      <PageState status={page.status} error={page.error} errorTitle={page.error?.code === 'NOT_FOUND' ? '找不到这次谈话' : undefined} onRetry={() => void page.reload()} skeletonRows={8}>
        {talk ? <TalkDetail talk={talk} onChange={setChanged} /> : null}
      </PageState>
    </View>
  )
}
