/**
 * A lesson's figures per group, the groups needing attention first: read rate as a bar,
 * how many answered the quiz and their average. A tap on a group asks who has not read.
 */
import { View, Text } from '@tarojs/components'
import ReadRate from '../ReadRate'
import { attentionOrder, quizAverageLabel, type Figures } from '../ReadRate/figures'
import './index.css'

export interface GroupFigures extends Figures {
  groupId: string
  groupName: string
  province: string
}

export interface FiguresTableProps {
  groups: readonly GroupFigures[]
  /** whether the lesson has a quiz (otherwise no quiz column) */
  hasQuiz: boolean
  onOpen: (group: GroupFigures) => void
}

/** "河南省 · 3人未读 ›": the province (none for the year's interns without a group) and who is left. */
const placeLine = (g: GroupFigures): string =>
  [g.province, g.targeted > g.read ? `${g.targeted - g.read}人未读 ›` : ''].filter(Boolean).join(' · ')

export default function FiguresTable({ groups, hasQuiz, onOpen }: FiguresTableProps) {
  return (
    <View className='figures-table'>
      <View className='figures-table__head'>
        <Text className='figures-table__col figures-table__col--name'>党小组（阅读率低的在前）</Text>
        <Text className='figures-table__col figures-table__col--rate'>阅读</Text>
        {hasQuiz ? <Text className='figures-table__col figures-table__col--quiz'>测验</Text> : null}
      </View>
      {attentionOrder(groups).map((g) => (
        <View key={g.groupId} className='figures-table__row' hoverClass='figures-table__row--pressed' onClick={() => onOpen(g)}>
          <View className='figures-table__col figures-table__col--name'>
            <Text className='figures-table__name'>{g.groupName}</Text>
            <Text className='figures-table__place'>{placeLine(g)}</Text>
          </View>
          <View className='figures-table__col figures-table__col--rate'>
            <ReadRate read={g.read} targeted={g.targeted} readRate={g.readRate} compact />
          </View>
          {hasQuiz
            ? <Text className='figures-table__col figures-table__col--quiz figures-table__quiz'>{g.answered > 0 ? `${g.answered}人作答 · ${quizAverageLabel(g.quizAverage)}` : '无人作答'}</Text>
            : null}
        </View>
      ))}
    </View>
  )
}
