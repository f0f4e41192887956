/** Who in a group has not read the lesson yet, as `lesson.unread` names them. */
import { useEffect, useState } from 'react'
import { View, Text } from '@tarojs/components'
import type { ActionOutput } from '../../../../../types/contract'
import PageState from '../../../../components/PageState'
import { Popup } from '../../../../components/ui'
import { asCallError } from '../../../../hooks/usePageData'
import { call, type CallError } from '../../../../services/cloud'

type People = ActionOutput<'lesson', 'unread'>['people']

export interface UnreadGroup {
  groupId: string
  groupName: string
}

export default function UnreadPopup({ lessonId, group, onClose }: { lessonId: string; group: UnreadGroup | null; onClose: () => void }) {
  const [people, setPeople] = useState<People | null>(null)
  const [error, setError] = useState<CallError | null>(null)
  const [attempt, setAttempt] = useState(0)

  useEffect(() => {
    if (!group) return
    let live = true
    setPeople(null)
    setError(null)
    call('lesson', 'unread', { lessonId, groupId: group.groupId }).then(
      (r) => { if (live) setPeople(r.people) },
      (e) => { if (live) setError(asCallError(e)) }
    )
    return () => { live = false }
  }, [lessonId, group?.groupId, attempt])

  const status = error ? 'error' : !people ? 'loading' : people.length ? 'ready' : 'empty'
  return (
    <Popup visible={!!group} position='bottom' round closeable title={group ? `${group.groupName} · 未读名单` : ''} onClose={onClose}>
      <View className='unread'>
        <PageState status={status} error={error} onRetry={() => setAttempt((n) => n + 1)} emptyTitle='全组都已阅读' skeletonRows={3}>
          <Text className='unread__count'>{people?.length ?? 0}人尚未阅读</Text>
          <View className='unread__names'>
            {(people ?? []).map((p) => <Text key={p.id} className='unread__name'>{p.name}</Text>)}
          </View>
        </PageState>
      </View>
    </Popup>
  )
}
