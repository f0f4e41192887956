/**
 * 我的提问: my questions, newest first (one `question.mine` call a page), each 待回答 with
 * the days it has waited or 已回答; a question opens with its answer. 向指导教师提问 on top.
 */
import { useRef } from 'react'
import Taro, { useDidShow } from '@tarojs/taro'
import { View } from '@tarojs/components'
import ListFooter from '../../../../components/ListFooter'
import PageState from '../../../../components/PageState'
import { Button } from '../../../../components/ui'
import { useCursorList } from '../../../../hooks/useCursorList'
import { ROUTES } from '../../../../routes'
import { call } from '../../../../services/cloud'
import QuestionCard from '../../components/QuestionCard'
import '../../question.css'

const PAGE_SIZE = 20

export default function Page() {
  const list = useCursorList((cursor) => call('question', 'mine', { pageSize: PAGE_SIZE, ...(cursor ? { cursor } : {}) }))
  // Back from asking or from a question: show what changed there.
  const shown = useRef(false)
  useDidShow(() => {
    if (shown.current) void list.reload()
    shown.current = true
  })
  const ask = () => void Taro.navigateTo({ url: ROUTES.questionAsk })
  return (
    <View className='page q-page'>
      <View className='q-page__top'>
        <Button type='primary' size='small' onClick={ask}>＋ 向指导教师提问</Button>
      </View>
      <PageState status={list.status} error={list.error} onRetry={() => void list.reload()} skeletonRows={6}
        emptyTitle='还没有提过问题' emptyHint='实习中遇到专业或思想上的困惑，可以向小组的指导教师请教'>
        <View className='q-list'>
          {list.items.map((q) => <QuestionCard key={q.id} question={q} reader='asker' />)}
        </View>
        <ListFooter list={list} />
      </PageState>
    </View>
  )
}
