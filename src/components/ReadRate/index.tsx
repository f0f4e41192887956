/** How many of a lesson's readers have read it: a bar of the read rate with the numbers beside it. */
import { View, Text } from '@tarojs/components'
import { percent } from './figures'
import './index.css'

export interface ReadRateProps {
  read: number
  targeted: number
  /** read / targeted, 0-1, as the function gives it */
  readRate: number
  /** a thinner bar for lists */
  compact?: boolean
}

export default function ReadRate({ read, targeted, readRate, compact }: ReadRateProps) {
  const p = percent(readRate)
  const tone = targeted === 0 ? 'none' : p >= 80 ? 'good' : p >= 50 ? 'fair' : 'low'
  return (
    <View className={compact ? 'read-rate read-rate--compact' : 'read-rate'} aria-label={`已读${read}人，共${targeted}人，阅读率${p}%`}>
      <View className='read-rate__track'><View className={`read-rate__fill read-rate__fill--${tone}`} style={{ width: `${p}%` }} /></View>
      <Text className='read-rate__text'>{targeted === 0 ? '暂无读者' : `${p}% · ${read}/${targeted}`}</Text>
    </View>
  )
}
