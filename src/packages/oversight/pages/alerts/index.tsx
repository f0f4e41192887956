/**
 * 提醒 (`?kind=`): the current alerts the caller sees (the branch all, an advisor their
 * groups', a liaison their group's; the function decides and orders them, urgent first),
 * a page at a time, by kind. Each says what is wrong, about whom, who should act and
 * since when, and opens where to act. The daily digest can be subscribed to here.
 */
import { useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import ListFooter from '../../../../components/ListFooter'
import PageState from '../../../../components/PageState'
import ReminderOffer from '../../../../components/ReminderOffer'
import { Button } from '../../../../components/ui'
import { useCursorList } from '../../../../hooks/useCursorList'
import { call } from '../../../../services/cloud'
import { formatDate, formatDateTime } from '../../../../services/dates'
import { actorsText, Alert, AlertCounts, ALERT_KIND_LABELS, ALERT_KINDS, AlertKind } from '../../oversight'
import '../../oversight.css'

const isKind = (k: string | undefined): k is AlertKind => !!k && (ALERT_KINDS as readonly string[]).includes(k)

/** What the button of an alert opens, in the words of the kind. */
const ACTION_LABELS: Record<AlertKind, string> = {
  groupSilent: '查看小组',
  activistReview: '查看培养考察',
  probationEnding: '查看培养考察',
  lessonUnread: '查看阅读情况',
  questionUnanswered: '去答复',
  talkFollowUp: '查看谈话'
}

/** The kinds as chips, each with how many the viewer has of it (once the first page is in); kinds with none are quiet. */
function KindChips({ kind, onKind, counts }: { kind: AlertKind | undefined; onKind: (k: AlertKind | undefined) => void; counts: AlertCounts | null }) {
  const chip = (k: AlertKind | undefined, label: string, n: number | null) => (
    <Text
      key={k ?? 'all'}
      className={`ov-chip ov-kind-chip ov-kind-chip--${k ?? 'all'}${k === kind ? ' ov-chip--on' : ''}${n === 0 && k !== kind ? ' ov-kind-chip--none' : ''}`}
      onClick={() => onKind(k)}
    >
      {label}{n !== null ? ` ${n}` : ''}
    </Text>
  )
  const all = counts ? ALERT_KINDS.reduce((n, k) => n + counts[k], 0) : null
  return <View className='ov-chips ov-kind-chips'>{chip(undefined, '全部', all)}{ALERT_KINDS.map((k) => chip(k, ALERT_KIND_LABELS[k], counts ? counts[k] : null))}</View>
}

function AlertCard({ a }: { a: Alert }) {
  const open = () => void Taro.navigateTo({ url: a.link })
  return (
    <View className={`card ov-alert ov-alert--${a.severity}`}>
      <View className='ov-alert__head'>
        <Text className={`ov-alert__severity ov-alert__severity--${a.severity}`}>{a.severity === 'urgent' ? '紧急' : '提醒'}</Text>
        <Text className='ov-alert__kind'>{ALERT_KIND_LABELS[a.kind]}</Text>
        <Text className='ov-alert__group'>{a.groupName} · {a.province}</Text>
      </View>
      <Text className='ov-alert__message'>{a.message}</Text>
      {a.subject ? <Text className='ov-alert__line ov-alert__subject'>对象：{a.subject}</Text> : null}
      <Text className='ov-alert__line ov-alert__actors'>应处理：{a.actors.length ? actorsText(a.actors) : '党总支'}</Text>
      <View className='ov-alert__foot'>
        <Text className='ov-alert__since'>自 {formatDate(a.since)} 起</Text>
        <Button size='small' type='primary' fill='outline' className='ov-alert__open' onClick={open}>{ACTION_LABELS[a.kind]} ›</Button>
      </View>
    </View>
  )
}

export default function Page() {
  const params = useRouter().params
  const [kind, setKind] = useState<AlertKind | undefined>(isKind(params.kind) ? params.kind : undefined)
  // When the daily job last rebuilt the alerts (undefined until the first page is in).
  const [asOf, setAsOf] = useState<string | null | undefined>(undefined)
  // How many the viewer has of each kind, as the latest page said (kept while another kind loads).
  const [counts, setCounts] = useState<AlertCounts | null>(null)
  const list = useCursorList(async (cursor) => {
    const page = await call('oversight', 'alerts', { ...(cursor ? { cursor } : {}), ...(kind ? { kind } : {}) })
    setAsOf(page.asOf)
    setCounts(page.byKind)
    return page
  }, [kind])
  return (
    <View className='page ov-page ov-alerts-page'>
      <View className='ov-head'>
        <View className='ov-head__titles'>
          <Text className='ov-head__title'>提醒{list.total !== null ? `（${list.total}）` : ''}</Text>
          {asOf !== undefined ? <Text className='ov-head__asof'>{asOf ? `提醒更新于 ${formatDateTime(asOf)}，每天早上自动检查` : '提醒尚未生成：每天早上自动检查一次'}</Text> : null}
        </View>
      </View>
      <KindChips kind={kind} onKind={setKind} counts={counts} />
      {list.status === 'ready' || list.status === 'empty' ? <ReminderOffer kind='digest' variant='card' action='开启' hint='有需要你处理的提醒时，每天最多收到一条汇总消息' /> : null}
      <PageState
        status={list.status}
        error={list.error}
        onRetry={() => void list.reload()}
        errorTitle={list.error?.code === 'PERMISSION_DENIED' ? '无法查看提醒' : undefined}
        emptyTitle={kind ? `没有“${ALERT_KIND_LABELS[kind]}”的提醒` : '当前没有需要处理的提醒'}
        emptyHint={kind ? '可切换到其他类型查看' : '有情况时会在这里提醒'}
        skeletonRows={8}
      >
        <View className='ov-alert-list'>
          {list.items.map((a) => <AlertCard key={a.id} a={a} />)}
        </View>
        <ListFooter list={list} />
      </PageState>
    </View>
  )
}
