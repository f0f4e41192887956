/**
 * 小组问答 (`?groupId=`): the questions the group's interns shared with the group and their
 * advisors answered, latest answer first (one `question.groupFeed` call a page). The reply
 * names nobody who asked; the page says so.
 */
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import ListFooter from '../../../../components/ListFooter'
import PageState from '../../../../components/PageState'
import { Button } from '../../../../components/ui'
import { useCursorList } from '../../../../hooks/useCursorList'
import { ROUTES } from '../../../../routes'
import { call, CallError } from '../../../../services/cloud'
import { formatDate } from '../../../../services/dates'
import { hasRole, useMe } from '../../../../services/session'
import { QUESTION_KIND_LABELS, SharedQuestion } from '../../questions'
import '../../question.css'

const PAGE_SIZE = 20

function SharedCard({ q }: { q: SharedQuestion }) {
  return (
    <View className='card q-shared' data-question={q.id}>
      <View className='q-detail__head'>
        <Text className='q-kind'>{QUESTION_KIND_LABELS[q.kind]}</Text>
        <Text className='q-card__who'>问{q.advisorName}</Text>
      </View>
      <Text className='q-shared__question'>{q.body}</Text>
      <View className='q-shared__answer'>
        <Text className='q-shared__answer-body'>{q.answer.body}</Text>
        <Text className='q-shared__by'>{q.answer.byName} · {q.answer.byRole} · {formatDate(q.answer.answeredAt)}</Text>
      </View>
    </View>
  )
}

const missing = new CallError('INVALID_ARGUMENT', '缺少党小组编号，请从小组页面进入')

export default function Page() {
  const groupId = Taro.getCurrentInstance().router?.params?.groupId ?? ''
  const me = useMe()
  const list = useCursorList((cursor) => call('question', 'groupFeed', { groupId, pageSize: PAGE_SIZE, ...(cursor ? { cursor } : {}) }), [groupId], !!groupId)
  if (!groupId) return <View className='page q-page'><PageState status='error' error={missing} /></View>
  const asks = hasRole(me, 'intern') && me?.person?.groupId === groupId
  return (
    <View className='page q-page'>
      <Text className='q-page__note'>同学们分享给小组的提问和指导教师的回答。提问人不显示，大家可以放心提问。</Text>
      <PageState status={list.status} error={list.error} onRetry={() => void list.reload()} skeletonRows={6}
        emptyTitle='小组还没有分享的问答' emptyHint='提问时选择“匿名分享给小组”，老师回答后会出现在这里'
        emptyAction={asks ? <Button onClick={() => void Taro.navigateTo({ url: ROUTES.questionAsk })}>向指导教师提问</Button> : undefined}>
        <View className='q-list'>
          {list.items.map((q) => <SharedCard key={q.id} q={q} />)}
        </View>
        <ListFooter list={list} />
      </PageState>
    </View>
  )
}
