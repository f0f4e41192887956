/**
 * The 小组 tab, by who is looking: a student sees their own group (or, before they have
 * one, how to get one); teachers, unit contacts and the branch see the groups they look
 * after. The caller comes from the session; the first screen is then one call.
 */
import { useEffect, useState } from 'react'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { View } from '@tarojs/components'
import GroupBrowser from '../../components/GroupBrowser'
import GroupDetailScreen from '../../components/GroupDetail'
import JoinGroup, { Joined } from '../../components/JoinGroup'
import PageState from '../../components/PageState'
import { Button } from '../../components/ui'
import { asCallError } from '../../hooks/usePageData'
import { ROUTES } from '../../routes'
import { call, CallError } from '../../services/cloud'
import { ensureMe, isStaff, Me, setMe, useMe } from '../../services/session'

/** The session's caller, loading it once if no page has yet. */
function useSessionMe(): { me: Me | null; error: CallError | null; retry: () => void } {
  const me = useMe()
  const [error, setError] = useState<CallError | null>(null)
  const [attempt, setAttempt] = useState(0)
  useEffect(() => {
    if (me) return
    setError(null)
    ensureMe().catch((e) => setError(asCallError(e)))
  }, [me, attempt])
  return { me, error, retry: () => setAttempt((n) => n + 1) }
}

/** Pull-down where no list is shown: ask again who the caller is (the branch may have placed them meanwhile). */
function MeRefresher() {
  usePullDownRefresh(() => {
    void call('user', 'me').then(setMe, () => undefined).finally(() => Taro.stopPullDownRefresh())
  })
  return null
}

/** The function placed the caller in a group: the session learns it, and the tab shows the group. */
function joined(me: Me, result: Joined): void {
  if (me.person) setMe({ ...me, person: { ...me.person, groupId: result.groupId } })
  void Taro.showToast({ title: `已加入${result.groupName}`, icon: 'none' }).catch(() => undefined)
}

export default function Page() {
  const { me, error, retry } = useSessionMe()
  let content
  if (!me) {
    content = <PageState status={error ? 'error' : 'loading'} error={error} onRetry={retry} skeletonRows={8} />
  } else if (!me.bound) {
    content = (
      <PageState
        status='empty'
        emptyTitle='请先绑定身份'
        emptyHint='绑定学号和姓名（教师凭邀请码）后，就能看到你的党小组'
        emptyAction={<Button type='primary' block onClick={() => void Taro.navigateTo({ url: ROUTES.bind })}>去绑定</Button>}
      />
    )
  } else if (isStaff(me)) {
    content = <GroupBrowser />
  } else if (me.person?.groupId) {
    content = <GroupDetailScreen groupId={me.person.groupId} />
  } else {
    content = <JoinGroup onJoined={(r) => joined(me, r)} />
  }
  const ownList = !!me?.bound && (isStaff(me) || !!me.person?.groupId)
  return <View className='page'>{ownList ? null : <MeRefresher />}{content}</View>
}
