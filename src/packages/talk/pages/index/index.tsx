/**
 * 谈心谈话 of a group (`?groupId=`), or of one of its students (`&studentId=`): latest
 * first, a page at a time, with this term's 谈心覆盖率 for the group's advisors and the
 * branch (the function sends it with the first page), and 记录谈话. One call on the first
 * screen (`talk.list`, or `talk.forStudent`); a liaison sees only the talks they recorded.
 */
import { useRef, useState } from 'react'
import Taro, { useDidShow, useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import ListFooter from '../../../../components/ListFooter'
import PageState from '../../../../components/PageState'
import { Button } from '../../../../components/ui'
import { useCursorList } from '../../../../hooks/useCursorList'
import { ROUTES, withQuery } from '../../../../routes'
import { call, CallError } from '../../../../services/cloud'
import CoverageCard from '../../components/CoverageCard'
import TalkCard from '../../components/TalkCard'
import { Coverage } from '../../talk'
import '../../talk.css'

const PAGE_SIZE = 20

export default function Page() {
  const { groupId = '', studentId } = useRouter().params
  // What the first page brings beside its items: the group's coverage (advisors and the branch), the student's name.
  const [coverage, setCoverage] = useState<Coverage | null>(null)
  const [student, setStudent] = useState<{ id: string; name: string } | null>(null)
  const list = useCursorList(async (cursor) => {
    if (!groupId) throw new CallError('INVALID_ARGUMENT', '缺少党小组编号，请从小组页面进入')
    const paging = { pageSize: PAGE_SIZE, ...(cursor ? { cursor } : {}) }
    if (studentId) {
      const page = await call('talk', 'forStudent', { groupId, studentId, ...paging })
      if (!cursor) setStudent(page.student)
      return page
    }
    const page = await call('talk', 'list', { groupId, ...paging })
    if (!cursor) setCoverage(page.coverage)
    return page
  }, [groupId, studentId])
  // Back from recording or a talk: show what changed there.
  const shown = useRef(false)
  useDidShow(() => {
    if (shown.current) void list.reload()
    shown.current = true
  })
  const record = () => void Taro.navigateTo({ url: withQuery(ROUTES.talkRecord, { groupId, studentId }) })
  const loaded = list.status === 'ready' || list.status === 'empty'
  const who = studentId ? (student ? `与${student.name}的谈话` : '与这位同学的谈话') : '谈心谈话'
  // Only the group's advisors and the branch get the coverage: without it, the caller is the liaison.
  const ownOnly = loaded && !studentId && !coverage

  return (
    <View className='page talk-page'>
      <View className='talk-page__top'>
        <Text className='talk-page__title'>{loaded && list.total !== null ? `${who}（${list.total}）` : who}</Text>
        {loaded ? <Button type='primary' size='small' className='talk-page__record' onClick={record}>＋ 记录谈话</Button> : null}
      </View>
      {loaded && coverage && !studentId ? <CoverageCard coverage={coverage} /> : null}
      {ownOnly ? <Text className='talk-page__note'>谈话记录只有记录人、小组的指导教师和党总支可以查看；这里列出你记录的谈话。</Text> : null}
      <PageState
        status={list.status}
        error={list.error}
        onRetry={() => void list.reload()}
        emptyTitle={studentId ? '还没有与这位同学的谈话记录' : ownOnly ? '你还没有记录谈话' : '小组还没有谈话记录'}
        emptyHint='与同学谈心后，点“记录谈话”登记日期、方式、主题和内容；需要跟进的事项可设定期限'
        emptyAction={<Button type='primary' onClick={record}>记录谈话</Button>}
        skeletonRows={6}
      >
        <View className='talk-list'>
          {list.items.map((t) => <TalkCard key={t.id} talk={t} />)}
        </View>
        <ListFooter list={list} />
      </PageState>
    </View>
  )
}
