/** What `badge.verify` said about a scanned badge: genuine (name and group) or not (the function's reason). */
import { View, Text } from '@tarojs/components'
import type { ActionOutput } from '../../../../../types/contract'

export type Verdict = ActionOutput<'badge', 'verify'>

export default function VerifyResult({ verdict }: { verdict: Verdict }) {
  if (verdict.valid) {
    return (
      <View className='verdict verdict--genuine' role='status'>
        <View className='verdict__mark'>✓</View>
        <Text className='verdict__title'>身份牌真实有效</Text>
        <Text className='verdict__name'>{verdict.name}</Text>
        <Text className='verdict__group'>{verdict.groupName ?? '尚未分入实习党小组'}</Text>
      </View>
    )
  }
  return (
    <View className='verdict verdict--refused' role='alert'>
      <View className='verdict__mark'>✕</View>
      <Text className='verdict__title'>核验未通过</Text>
      <Text className='verdict__reason'>{verdict.reason ?? '无法核验这个二维码'}</Text>
    </View>
  )
}
