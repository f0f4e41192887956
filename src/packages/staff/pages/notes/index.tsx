/**
 * 学生笔记: the notes students of my groups shared with their advisors or their group
 * (`journal.shared`), the ones I have not opened first, each with its group; a tap reads it.
 */
import { useRef } from 'react'
import Taro, { useDidShow } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import ListFooter from '../../../../components/ListFooter'
import PageState from '../../../../components/PageState'
import { useCursorList } from '../../../../hooks/useCursorList'
import { ROUTES, withQuery } from '../../../../routes'
import { call } from '../../../../services/cloud'
import { formatDateTime } from '../../../../services/dates'
import './index.css'

export default function Page() {
  const list = useCursorList((cursor) => call('journal', 'shared', { pageSize: 20, ...(cursor ? { cursor } : {}) }))
  // Back from a note: it is read now.
  const shown = useRef(false)
  useDidShow(() => {
    if (shown.current) void list.reload()
    shown.current = true
  })
  return (
    <View className='page notes-inbox'>
      <PageState status={list.status} error={list.error} onRetry={() => void list.reload()} emptyTitle='还没有学生分享的笔记' emptyHint='学生把笔记设为“给指导教师”或“小组分享”后会出现在这里' skeletonRows={6}>
        {list.items.map((n) => (
          <View key={n.id} className={n.unread ? 'card inbox-note inbox-note--unread' : 'card inbox-note'} onClick={() => void Taro.navigateTo({ url: withQuery(ROUTES.journalNote, { noteId: n.id }) })}>
            <View className='inbox-note__head'>
              <Text className='inbox-note__who'>{n.authorName} · {n.groupName}</Text>
              {n.unread ? <Text className='inbox-note__unread'>未读</Text> : null}
            </View>
            <Text className='inbox-note__excerpt'>{n.excerpt}</Text>
            {n.lessonTitle ? <Text className='inbox-note__meta'>学习：{n.lessonTitle}</Text> : null}
            <Text className='inbox-note__meta'>{formatDateTime(n.updatedAt)}{n.commentCount ? ` · ${n.commentCount}条评论` : ''}</Text>
          </View>
        ))}
        <ListFooter list={list} />
      </PageState>
    </View>
  )
}
