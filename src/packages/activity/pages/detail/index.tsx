/**
 * 一次活动 (`?checkinId=`): what was done, when and where, its photos (tap to preview), who
 * attended and where each stands. The caller, when listed, confirms (确认参加); a member of
 * the group who was not listed asks to be added (申请补登); the answer is shown in place.
 * The group's liaison and core members approve or refuse requests (同意 / 拒绝).
 */
import { useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { Image, Text, View } from '@tarojs/components'
import PageState, { errorMessage, InlineError } from '../../../../components/PageState'
import ReminderOffer from '../../../../components/ReminderOffer'
import { Button } from '../../../../components/ui'
import { asCallError, usePageData } from '../../../../hooks/usePageData'
import { call, CallError } from '../../../../services/cloud'
import { formatDateTime } from '../../../../services/dates'
import { ensureMe, leadsGroup, Me } from '../../../../services/session'
import { ATTENDEE_LABELS, AttendanceState, CheckinView, MINE_LABELS, TYPE_LABELS } from '../../activity'
import '../../activity.css'

type Answer = { state: AttendanceState; counts: CheckinView['counts'] }

/** The check-in with an attendance answer applied to the person it concerns. */
function applyAnswer(c: CheckinView, personId: string, name: string, answer: Answer, mine: boolean): CheckinView {
  const known = c.attendees.some((a) => a.personId === personId)
  const attendees = known
    ? c.attendees.map((a) => (a.personId === personId ? { ...a, state: answer.state } : a))
    : [...c.attendees, { personId, name, state: answer.state }]
  return { ...c, attendees, counts: answer.counts, mine: mine ? answer.state : c.mine }
}

function Photos({ photos }: { photos: CheckinView['photos'] }) {
  if (!photos.length) return null
  const urls = photos.map((p) => p.url).filter((u): u is string => !!u)
  return (
    <View className='act-detail__photos'>
      {photos.map((p) => p.url
        ? <Image key={p.fileID} className='act-detail__photo' src={p.url} mode='aspectFill' onClick={() => void Taro.previewImage({ current: p.url!, urls }).catch(() => undefined)} />
        : <View key={p.fileID} className='act-detail__photo act-detail__photo--pending'><Text>图片审核中</Text></View>)}
    </View>
  )
}

/** The caller's own place and what they can do about it. */
function MyAttendance({ checkin, me, onAnswer }: { checkin: CheckinView; me: Me; onAnswer: (a: Answer) => void }) {
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<CallError | null>(null)
  const [confirmedHere, setConfirmedHere] = useState(false)
  const member = !!me.person && me.person.groupId === checkin.groupId
  const mine = checkin.mine
  if (!mine && !member) return null
  const act = async (action: 'confirm' | 'requestJoin'): Promise<void> => {
    if (busy) return
    setBusy(true)
    setError(null)
    try {
      onAnswer(await call('activity', action, { checkinId: checkin.id }))
      if (action === 'confirm') setConfirmedHere(true)
    } catch (e) {
      setError(asCallError(e))
    } finally {
      setBusy(false)
    }
  }
  return (
    <View className='card act-mine'>
      <Text className='card__title'>我的参加情况</Text>
      {mine ? <Text className={`act-mine__state checkin-mine--${mine}`}>{MINE_LABELS[mine]}</Text> : <Text className='act-mine__note'>你不在这次活动的名单中。如果你参加了，可以申请补登，由联络员审批。</Text>}
      {mine === 'listed' ? <Button type='primary' block loading={busy} className='act-mine__confirm' onClick={() => void act('confirm')}>确认参加</Button> : null}
      {!mine ? <Button block loading={busy} className='act-mine__request' onClick={() => void act('requestJoin')}>申请补登</Button> : null}
      {mine === 'requested' ? <Text className='act-mine__note'>已提交补登申请，等待联络员审批。</Text> : null}
      {mine === 'declined' ? <Text className='act-mine__note'>联络员未同意你的补登申请，如有疑问请联系联络员。</Text> : null}
      {error ? <Text className='act-form__problem'>{errorMessage(error)}</Text> : null}
      {confirmedHere ? <ReminderOffer kind='checkin' variant='line' hint='下次有活动需要你确认时，可以提醒你' /> : null}
    </View>
  )
}

/** Requests to be added, for the group's leaders: 同意 / 拒绝, each answered in place. */
function Requests({ checkin, onAnswer }: { checkin: CheckinView; onAnswer: (personId: string, a: Answer) => void }) {
  const [busy, setBusy] = useState<string | null>(null)
  const [error, setError] = useState<CallError | null>(null)
  const requests = checkin.attendees.filter((a) => a.state === 'requested')
  const decide = async (personId: string, approve: boolean): Promise<void> => {
    if (busy) return
    setBusy(personId)
    setError(null)
    try {
      onAnswer(personId, await call('activity', 'decide', { checkinId: checkin.id, personId, approve }))
    } catch (e) {
      setError(asCallError(e))
    } finally {
      setBusy(null)
    }
  }
  return (
    <View className='card act-requests'>
      <Text className='card__title'>补登申请（{requests.length}）</Text>
      {requests.length ? requests.map((r) => (
        <View key={r.personId} className='act-request' data-person={r.personId}>
          <Text className='act-request__name'>{r.name}</Text>
          <View className='act-person__actions'>
            <Button size='small' type='primary' loading={busy === r.personId} onClick={() => void decide(r.personId, true)}>同意</Button>
            <Button size='small' fill='outline' disabled={busy === r.personId} onClick={() => void decide(r.personId, false)}>拒绝</Button>
          </View>
        </View>
      )) : <Text className='ledger-none'>没有待审批的补登申请</Text>}
      {error ? <Text className='act-form__problem'>{errorMessage(error)}</Text> : null}
    </View>
  )
}

function Attendees({ checkin }: { checkin: CheckinView }) {
  const shown = checkin.attendees.filter((a) => a.state !== 'requested')
  const { counts } = checkin
  return (
    <View className='card'>
      <Text className='card__title'>参加人员</Text>
      <Text className='card__subtitle'>已确认 {counts.confirmed}/列入 {counts.listed + counts.confirmed}{counts.requested ? ` · 待审批补登 ${counts.requested}` : ''}</Text>
      <View className='act-people'>
        {shown.map((a) => (
          <View key={a.personId} className='act-person' data-person={a.personId}>
            <Text>{a.name}</Text>
            <Text className={`checkin-mine checkin-mine--${a.state}`}>{ATTENDEE_LABELS[a.state]}</Text>
          </View>
        ))}
      </View>
    </View>
  )
}

function CheckinScreen({ start, me }: { start: CheckinView; me: Me }) {
  const [checkin, setCheckin] = useState(start)
  const myId = me.person?.id ?? ''
  const leads = leadsGroup(me, checkin.groupId)
  return (
    <View className='act-detail'>
      <View className='card'>
        <View className='checkin-card__head'>
          <Text className={`checkin-type checkin-type--${checkin.type}`}>{TYPE_LABELS[checkin.type]}</Text>
          {checkin.review === 'review' ? <Text className='checkin-card__flag'>图片审核中</Text> : null}
        </View>
        <Text className='act-detail__when'>{formatDateTime(checkin.heldAt)} · {checkin.place}</Text>
        <Text className='act-detail__meta'>{checkin.groupName} · 记录人 {checkin.recordedBy.name}</Text>
        <Text className='act-detail__content'>{checkin.content}</Text>
        <Photos photos={checkin.photos} />
      </View>
      <MyAttendance checkin={checkin} me={me} onAnswer={(a) => setCheckin((c) => applyAnswer(c, myId, me.person?.name ?? '', a, true))} />
      {leads ? <Requests checkin={checkin} onAnswer={(personId, a) => setCheckin((c) => applyAnswer(c, personId, '', a, personId === myId))} /> : null}
      <Attendees checkin={checkin} />
    </View>
  )
}

export default function Page() {
  const checkinId = useRouter().params.checkinId ?? ''
  // One cloud call: the session's `me` is already loaded by the app.
  const page = usePageData(async () => {
    if (!checkinId) throw new CallError('INVALID_ARGUMENT', '缺少活动编号，请从活动列表进入')
    const [checkin, me] = await Promise.all([call('activity', 'get', { checkinId }), ensureMe()])
    return { checkin, me }
  }, { deps: [checkinId] })
  return (
    <View className='page act-page'>
      <PageState status={page.status} error={page.error} onRetry={() => void page.reload()} skeletonRows={8}>
        {page.refreshing ? null : <InlineError error={page.error} onRetry={() => void page.reload()} />}
        {page.data ? <CheckinScreen key={page.data.checkin.updatedAt} start={page.data.checkin} me={page.data.me} /> : null}
      </PageState>
    </View>
  )
}
