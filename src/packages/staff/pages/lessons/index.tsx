/**
 * 我的微党课: the lessons a teacher composed (every lesson, for the branch), filtered by
 * state, a page at a time, each with its state, review label, publish time, who it is for
 * and its read figures. A tap opens a draft to edit, a published lesson's figures.
 */
import { useRef, useState } from 'react'
import Taro, { useDidShow } from '@tarojs/taro'
import { View, Text } from '@tarojs/components'
import type { ActionOutput } from '../../../../../types/contract'
import LessonStatus, { STATE_LABELS, type LessonState } from '../../../../components/LessonStatus'
import ListFooter from '../../../../components/ListFooter'
import PageState from '../../../../components/PageState'
import ReadRate from '../../../../components/ReadRate'
import { quizAverageLabel } from '../../../../components/ReadRate/figures'
import { Button } from '../../../../components/ui'
import { useCursorList } from '../../../../hooks/useCursorList'
import { ROUTES, withQuery } from '../../../../routes'
import { call } from '../../../../services/cloud'
import { formatDateTime } from '../../../../services/dates'
import './index.css'

type Item = ActionOutput<'lesson', 'manage'>['items'][number]

const TABS: { state: LessonState | undefined; label: string }[] = [
  { state: undefined, label: '全部' },
  ...(['draft', 'scheduled', 'reviewing', 'published'] as const).map((state) => ({ state, label: STATE_LABELS[state] }))
]

const EMPTY: Record<string, string> = {
  all: '还没有微党课，点“新建微党课”写第一课',
  draft: '没有草稿',
  scheduled: '没有定时发布的课',
  reviewing: '没有审核中的课',
  published: '还没有已发布的课'
}

/** A lesson's time line: when it goes (or went) out, and a later edit. */
function whenLabel(item: Item): string {
  if (item.state === 'draft') return '未发布'
  if (!item.publishAt) return ''
  const at = formatDateTime(item.publishAt)
  if (item.state === 'scheduled') return `将于 ${at} 发布`
  if (item.state === 'reviewing') return `发布于 ${at}（审核通过后可见）`
  return `发布于 ${at}${item.editedAt ? ` · ${formatDateTime(item.editedAt)} 更新` : ''}`
}

const open = (item: Item): void => {
  const url = item.state === 'published' ? withQuery(ROUTES.lessonFigures, { lessonId: item.id }) : withQuery(ROUTES.lessonEdit, { lessonId: item.id })
  void Taro.navigateTo({ url })
}

function LessonCard({ item }: { item: Item }) {
  const f = item.figures
  return (
    <View className='card manage-card' hoverClass='manage-card--pressed' onClick={() => open(item)}>
      <View className='manage-card__head'>
        <Text className='manage-card__title'>{item.title}</Text>
        <LessonStatus state={item.state} review={item.review} edited={!!item.editedAt} />
      </View>
      <Text className='manage-card__line'>{whenLabel(item)}</Text>
      <Text className='manage-card__line manage-card__target'>推送给：{item.targetLabel}</Text>
      {item.state === 'published'
        ? (
          <View className='manage-card__figures'>
            <ReadRate read={f.read} targeted={f.targeted} readRate={f.readRate} compact />
            {f.answered > 0 || f.quizAverage !== null ? <Text className='manage-card__quiz'>测验 {f.answered}人作答 · {quizAverageLabel(f.quizAverage)}</Text> : null}
          </View>
          )
        : null}
      <Text className='manage-card__open'>{item.state === 'published' ? '查看阅读情况 ›' : '继续编辑 ›'}</Text>
    </View>
  )
}

export default function Page() {
  const [tab, setTab] = useState(0)
  const state = TABS[tab].state
  const list = useCursorList((cursor) => call('lesson', 'manage', { state, pageSize: 20, ...(cursor ? { cursor } : {}) }), [state])
  // Back from the editor or the figures: show what changed there.
  const shown = useRef(false)
  useDidShow(() => {
    if (shown.current) void list.reload()
    shown.current = true
  })

  return (
    <View className='page lessons-page'>
      <View className='lessons-page__top'>
        <View className='lessons-page__tabs'>
          {TABS.map((t, k) => (
            <Text key={t.label} className={k === tab ? 'lessons-page__tab lessons-page__tab--on' : 'lessons-page__tab'} onClick={() => setTab(k)}>{t.label}</Text>
          ))}
        </View>
        <Button type='primary' className='lessons-page__new' onClick={() => void Taro.navigateTo({ url: ROUTES.lessonEdit })}>＋ 新建微党课</Button>
      </View>
      <PageState status={list.status} error={list.error} onRetry={() => void list.reload()} emptyTitle={EMPTY[state ?? 'all']} skeletonRows={6}>
        <View className='lessons-page__items'>
          {list.items.map((item) => <LessonCard key={item.id} item={item} />)}
        </View>
        <ListFooter list={list} />
      </PageState>
    </View>
  )
}
