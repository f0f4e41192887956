/**
 * 活动打卡 of a group (`?groupId=`): newest first, a page at a time; what the liaison saved
 * on this device and has not reached the function yet on top; a sent check-in takes its
 * job's place. The group's liaison and core members get 记录活动.
 */
import { useCallback, useEffect, useRef, useState } from 'react'
import Taro, { useDidShow, useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import JobCard from '../../../../components/JobCard'
import ListFooter from '../../../../components/ListFooter'
import PageState from '../../../../components/PageState'
import { Button } from '../../../../components/ui'
import { useCursorList } from '../../../../hooks/useCursorList'
import { ROUTES, withQuery } from '../../../../routes'
import { call, CallError } from '../../../../services/cloud'
import { ensureMe, leadsGroup, useMe } from '../../../../services/session'
import { Job, useWriteQueue, writeQueue } from '../../../../services/writeQueue'
import { CheckinItem, CheckinView, isCheckinJob, itemOf, mergeCheckins } from '../../activity'
import CheckinCard from '../../components/CheckinCard'
import '../../activity.css'

const PAGE_SIZE = 20

export default function Page() {
  const groupId = useRouter().params.groupId ?? ''
  const me = useMe()
  // The app's session usually knows the caller already; a page opened first asks once.
  useEffect(() => { if (!me) ensureMe().catch(() => undefined) }, [me])
  const leads = leadsGroup(me, groupId)
  const [sent, setSent] = useState<CheckinItem[]>([])
  const list = useCursorList(async (cursor) => {
    if (!groupId) throw new CallError('INVALID_ARGUMENT', '缺少党小组编号，请从小组页面进入')
    // Opening or pulling the list is a moment to send what waits on the device.
    if (!cursor) void writeQueue().flush()
    return call('activity', 'list', { groupId, pageSize: PAGE_SIZE, ...(cursor ? { cursor } : {}) })
  }, [groupId])
  const onSent = useCallback((job: Job, result: unknown) => {
    if (!isCheckinJob(groupId)(job)) return
    const item = itemOf(result as CheckinView)
    setSent((prev) => [item, ...prev.filter((c) => c.id !== item.id)])
  }, [groupId])
  const jobs = useWriteQueue(isCheckinJob(groupId), onSent)
  // Back from recording or a check-in: show what changed there.
  const shown = useRef(false)
  useDidShow(() => {
    if (shown.current) void list.reload()
    shown.current = true
  })
  const checkins = mergeCheckins(list.items, sent)
  const status = list.status === 'empty' && (checkins.length || jobs.length) ? 'ready' : list.status
  const record = () => void Taro.navigateTo({ url: withQuery(ROUTES.activityRecord, { groupId }) })

  return (
    <View className='page act-page'>
      <View className='act-page__top'>
        <Text className='act-page__title'>{list.total !== null && status === 'ready' ? `小组活动（${list.total}）` : '小组活动'}</Text>
        {leads ? <Button type='primary' size='small' className='act-page__record' onClick={record}>＋ 记录活动</Button> : null}
      </View>
      {jobs.length ? (
        <View className='act-jobs'>
          <Text className='section-title'>手机上待发送（{jobs.length}）</Text>
          {jobs.map((job) => <JobCard key={job.id} job={job} discardTitle='放弃这次活动记录？' />)}
        </View>
      ) : null}
      <PageState
        status={status}
        error={list.error}
        onRetry={() => void list.reload()}
        emptyTitle='小组还没有活动打卡'
        emptyHint={leads ? '开展党小组会、主题党日、理论学习或志愿服务时，点“记录活动”打卡，并选出参加的同学' : '联络员或骨干记录小组活动后，这里会列出；列入名单的同学请进入活动确认参加'}
        emptyAction={leads ? <Button type='primary' onClick={record}>记录活动</Button> : undefined}
        skeletonRows={6}
      >
        <View className='act-list'>
          {checkins.map((c) => <CheckinCard key={c.id} checkin={c} />)}
        </View>
        <ListFooter list={list} />
      </PageState>
    </View>
  )
}
