/** 谈心覆盖率: the share of the group's members talked with this term, as a figure and a bar. */
import { Text, View } from '@tarojs/components'
import { Coverage, percentText, termText } from '../talk'

export default function CoverageCard({ coverage }: { coverage: Coverage }) {
  const width = `${Math.min(100, Math.round(coverage.ratio * 100))}%`
  return (
    <View className='card talk-coverage'>
      <View className='talk-coverage__head'>
        <Text className='talk-coverage__label'>谈心覆盖率</Text>
        <Text className='talk-coverage__ratio'>{percentText(coverage.ratio)}</Text>
      </View>
      <View className='talk-coverage__bar' aria-hidden><View className='talk-coverage__fill' style={{ width }} /></View>
      <Text className='talk-coverage__note'>{termText(coverage.term)}已与 {coverage.talkedWith}/{coverage.members} 名同学谈话</Text>
    </View>
  )
}
