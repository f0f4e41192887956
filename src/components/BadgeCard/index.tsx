/**
 * The identity badge (身份牌) as a phone screen shown to another person: the Party flag and
 * the motto on red, the holder's name, political status, group and unit, and below them
 * the QR area the page fills (the code, or why there is none just now).
 */
import type { ReactNode } from 'react'
import { View, Text } from '@tarojs/components'
import PartyFlag from '../PartyFlag'
import './index.css'

export interface BadgeCardProps {
  name: string
  politicalStatusLabel: string
  groupName: string | null
  unitName: string | null
  motto: string
  /** the QR area */
  children?: ReactNode
}

export default function BadgeCard(props: BadgeCardProps) {
  const { name, politicalStatusLabel, groupName, unitName, motto, children } = props
  return (
    <View className='badge-card'>
      <View className='badge-card__head'>
        <PartyFlag className='badge-card__flag' />
        <View className='badge-card__heading'>
          <Text className='badge-card__kicker'>实习党小组 · 身份牌</Text>
          <Text className='badge-card__motto'>{motto}</Text>
        </View>
      </View>
      <View className='badge-card__body'>
        <View className='badge-card__who'>
          <Text className='badge-card__name'>{name}</Text>
          <Text className='badge-card__status'>{politicalStatusLabel}</Text>
        </View>
        <View className='badge-card__facts'>
          <View className='badge-card__fact'>
            <Text className='badge-card__label'>小组</Text>
            <Text className='badge-card__value'>{groupName ?? '尚未分入小组'}</Text>
          </View>
          <View className='badge-card__fact'>
            <Text className='badge-card__label'>实习单位</Text>
            <Text className='badge-card__value'>{unitName ?? '未登记'}</Text>
          </View>
        </View>
        <View className='badge-card__qr'>{children}</View>
      </View>
    </View>
  )
}
