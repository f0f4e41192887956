/**
 * 小组管理 for the branch: one group's liaison and core members, advisors, unit contacts,
 * flag, member moves with their history, and "1+10" circles. The first screen is one call
 * (`group.manage`, which refuses anyone but the branch); every change is confirmed with
 * exactly what it changes, and what changed stays on the page.
 */
import { useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import PageState from '../../../../components/PageState'
import { usePageData } from '../../../../hooks/usePageData'
import { call, CallError } from '../../../../services/cloud'
import { confirmChange } from '../../groupManage'
import { Apply, CirclesSection, FlagSection, MoveSection, RolesSection, StaffSection } from './sections'
import './index.css'

type Outcome = { title: string; lines: string[]; failed: boolean }

export default function GroupManagePage() {
  const groupId = useRouter().params.groupId ?? ''
  const page = usePageData(() => call('group', 'manage', { groupId }))
  const [outcome, setOutcome] = useState<Outcome | null>(null)
  const group = page.data

  const apply: Apply = async (title, lines, write, done) => {
    if (!lines.length) {
      void Taro.showToast({ title: '没有改动', icon: 'none' })
      return false
    }
    if (!(await confirmChange(title, lines))) return false
    try {
      const result = await write()
      setOutcome({ title: '已完成', lines: done(result), failed: false })
      void Taro.showToast({ title: '已完成', icon: 'success' })
      await page.reload()
      return true
    } catch (e) {
      setOutcome({ title: '未能完成', lines: [e instanceof CallError ? e.message : '操作失败，请重试'], failed: true })
      return false
    }
  }

  return (
    <View className='page manage'>
      <PageState status={page.status} error={page.error} onRetry={() => void page.reload()} errorTitle='无法打开小组管理'>
        {group ? (
          <>
            <View className='card'>
              <Text className='card__title'>{group.name}</Text>
              <Text className='card__subtitle'>{group.province} · {group.cities.join('、')} · {group.counts.total} 人（党员 {group.counts.partyMembers}）</Text>
            </View>
            {outcome ? (
              <View className={outcome.failed ? 'card manage__outcome manage__outcome--failed' : 'card manage__outcome'}>
                <Text className='card__title'>{outcome.title}</Text>
                {outcome.lines.map((l) => <Text key={l} className='manage__outcome-line'>{l}</Text>)}
              </View>
            ) : null}
            <View className='manage__cols'>
              <View className='manage__col'>
                <RolesSection group={group} apply={apply} />
                <StaffSection group={group} kind='teacher' apply={apply} />
                <StaffSection group={group} kind='unitContact' apply={apply} />
                <FlagSection group={group} apply={apply} />
              </View>
              <View className='manage__col'>
                <MoveSection group={group} apply={apply} />
                <CirclesSection group={group} apply={apply} />
              </View>
            </View>
          </>
        ) : null}
      </PageState>
    </View>
  )
}
