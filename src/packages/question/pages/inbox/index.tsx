/**
 * 学生提问 (an advisor's inbox): one `question.inbox` call a page — the questions waiting
 * for an answer first, the longest waiting on top, each with the days it has waited, red
 * once the function says it is overdue (after the branch's setting, which the reply
 * carries); answered ones after. A question opens with the answer form.
 */
import { useRef, useState } from 'react'
import { useDidShow } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import ListFooter from '../../../../components/ListFooter'
import PageState from '../../../../components/PageState'
import { useCursorList } from '../../../../hooks/useCursorList'
import { call } from '../../../../services/cloud'
import QuestionCard from '../../components/QuestionCard'
import '../../question.css'

const PAGE_SIZE = 20

interface InboxHead { open: number; overdueAfterDays: number }

export default function Page() {
  const [head, setHead] = useState<InboxHead | null>(null)
  const list = useCursorList(async (cursor) => {
    const page = await call('question', 'inbox', { pageSize: PAGE_SIZE, ...(cursor ? { cursor } : {}) })
    setHead({ open: page.open, overdueAfterDays: page.overdueAfterDays })
    return page
  })
  // Back from answering: the answered question moves down.
  const shown = useRef(false)
  useDidShow(() => {
    if (shown.current) void list.reload()
    shown.current = true
  })
  const overdue = list.items.filter((q) => q.overdue).length
  return (
    <View className='page q-page'>
      <PageState status={list.status} error={list.error} onRetry={() => void list.reload()} skeletonRows={6}
        emptyTitle='还没有学生向你提问' emptyHint='你指导的小组的同学提问后，会出现在这里'>
        {head ? (
          <View className='q-page__top'>
            <Text className='q-page__title'>待回答 {head.open} 个</Text>
          </View>
        ) : null}
        {head ? (
          <Text className={overdue ? 'q-page__note q-page__note--alert' : 'q-page__note'}>
            {overdue ? `${overdue} 个提问已等待超过 ${head.overdueAfterDays} 天，请尽快回答。` : `提问等待超过 ${head.overdueAfterDays} 天会标红提醒。`}
          </Text>
        ) : null}
        <View className='q-list'>
          {list.items.map((q) => <QuestionCard key={q.id} question={q} reader='advisor' />)}
        </View>
        <ListFooter list={list} />
      </PageState>
    </View>
  )
}
