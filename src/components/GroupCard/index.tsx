/**
 * One group in a list: name, place, counts, liaison and advisors, Party flag; a tap opens
 * it. `footer`: links of its own below; `showYear`: its internship year after the place,
 * where groups of several years are listed together (names repeat from year to year).
 */
import type { ReactNode } from 'react'
import { View, Text } from '@tarojs/components'
import { CountsLine, FlagTag, GroupSummaryData, placeOf } from '../GroupSummary'
import './index.css'

export default function GroupCard({ group, onOpen, footer, showYear = false }: { group: GroupSummaryData; onOpen: (groupId: string) => void; footer?: ReactNode; showYear?: boolean }) {
  return (
    <View className='card group-card' hoverClass='group-card--pressed' onClick={() => onOpen(group.id)}>
      <View className='group-card__head'>
        <Text className='group-card__name'>{group.name}</Text>
        <FlagTag issued={group.flagIssued} />
      </View>
      <Text className='group-card__line group-card__place'>{placeOf(group)}{showYear ? ` · ${group.year}` : ''}</Text>
      <CountsLine counts={group.counts} className='group-card__counts' />
      <View className='group-card__people'>
        <Text className='group-card__person'>
          <Text className='group-card__label'>联络员 </Text>{group.liaisonName ?? '未确定'}
        </Text>
        <Text className='group-card__person'>
          <Text className='group-card__label'>指导教师 </Text>{group.advisorNames.length ? group.advisorNames.join('、') : '未指定'}
        </Text>
      </View>
      {footer}
    </View>
  )
}
