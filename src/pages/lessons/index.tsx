/**
 * 微党课: the lessons meant for the caller (`lesson.list` decides which), newest first,
 * a page at a time, unread ones marked. Teachers and the branch read theirs here too, and
 * find the way to compose and manage lessons. Going back from a lesson shows it as read
 * without calling the list again (services/lessonProgress).
 */
import { useEffect } from 'react'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import LessonCard from '../../components/LessonCard'
import LessonReminder from '../../components/LessonReminder'
import ListFooter from '../../components/ListFooter'
import PageState from '../../components/PageState'
import { Button } from '../../components/ui'
import { useCursorList } from '../../hooks/useCursorList'
import { ROUTES, withQuery } from '../../routes'
import { call } from '../../services/cloud'
import { forgetLessonProgress, useLessonProgress, withProgress } from '../../services/lessonProgress'
import { ensureMe, hasRole, Me, useMe } from '../../services/session'
import './index.css'

const openLesson = (lessonId: string): void => {
  void Taro.navigateTo({ url: withQuery(ROUTES.lessonRead, { lessonId }) })
}

/** The first page shows the function's truth: what was recorded locally before it is in the answer. */
function loadPage(cursor: string | undefined) {
  if (!cursor) forgetLessonProgress()
  return call('lesson', 'list', { cursor })
}

/** Teachers and the branch write lessons: their way to the composer. */
function ComposerEntry() {
  return (
    <View className='card lessons__compose' hoverClass='lessons__compose--pressed' onClick={() => void Taro.navigateTo({ url: ROUTES.lessonsManage })}>
      <View className='lessons__compose-text'>
        <Text className='lessons__compose-title'>撰写与管理微党课</Text>
        <Text className='lessons__compose-hint'>发布新课，查看各小组的阅读情况</Text>
      </View>
      <Text className='lessons__compose-go'>›</Text>
    </View>
  )
}

function BindFirst() {
  return (
    <PageState
      status='empty'
      emptyTitle='请先绑定身份'
      emptyHint='绑定学号和姓名（教师凭邀请码）后，就能阅读发给你的微党课'
      emptyAction={<Button type='primary' block onClick={() => void Taro.navigateTo({ url: ROUTES.bind })}>去绑定</Button>}
    />
  )
}

const unbound = (me: Me | null, code: string | undefined): boolean =>
  (me !== null && !me.bound) || code === 'NOT_BOUND' || code === 'UNAUTHENTICATED'

export default function Page() {
  const me = useMe()
  // The caller's roles decide the composer entry; usually the home screen has loaded them already.
  useEffect(() => { if (!me) ensureMe().catch(() => undefined) }, [me])
  const list = useCursorList(loadPage, [], me?.bound !== false)
  useLessonProgress()

  if (unbound(me, list.status === 'error' ? list.error?.code : undefined)) return <View className='page lessons'><BindFirst /></View>
  const settled = list.status === 'ready' || list.status === 'empty'
  return (
    <View className='page lessons'>
      {hasRole(me, 'advisor', 'admin') ? <ComposerEntry /> : null}
      {settled ? <LessonReminder moment='tab' /> : null}
      <PageState
        status={list.status}
        error={list.error}
        onRetry={() => void list.reload()}
        emptyTitle='暂时还没有微党课'
        emptyHint='党总支和老师发布微党课后，会显示在这里'
        skeletonRows={8}
      >
        <View className='lessons__items'>
          {list.items.map((item) => <LessonCard key={item.id} lesson={withProgress(item)} onOpen={openLesson} />)}
        </View>
        <ListFooter list={list} />
      </PageState>
    </View>
  )
}
