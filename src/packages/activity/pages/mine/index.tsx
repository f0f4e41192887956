/** 我的活动: the check-ins I was listed on or asked to join, newest first, with where I stand on each. */
import { useRef } from 'react'
import { useDidShow } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import ListFooter from '../../../../components/ListFooter'
import PageState from '../../../../components/PageState'
import { useCursorList } from '../../../../hooks/useCursorList'
import { call } from '../../../../services/cloud'
import CheckinCard from '../../components/CheckinCard'
import '../../activity.css'

const PAGE_SIZE = 20

export default function Page() {
  const list = useCursorList((cursor) => call('activity', 'mine', { pageSize: PAGE_SIZE, ...(cursor ? { cursor } : {}) }), [])
  // Back from a check-in I confirmed: show its new state.
  const shown = useRef(false)
  useDidShow(() => {
    if (shown.current) void list.reload()
    shown.current = true
  })
  return (
    <View className='page act-page'>
      <View className='act-page__top'>
        <Text className='act-page__title'>{list.total !== null && list.status === 'ready' ? `我参加的活动（${list.total}）` : '我参加的活动'}</Text>
      </View>
      <PageState status={list.status} error={list.error} onRetry={() => void list.reload()} emptyTitle='还没有参加过的活动' emptyHint='联络员记录小组活动并把你列入名单后，活动会出现在这里，请进入活动确认参加；没被列入的可在小组的活动打卡中申请补登' skeletonRows={6}>
        <View className='act-list'>
          {list.items.map((c) => <CheckinCard key={c.id} checkin={c} showGroup />)}
        </View>
        <ListFooter list={list} />
      </PageState>
    </View>
  )
}
