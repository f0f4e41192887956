/**
 * A group at a glance: its name, place, year, Party flag and member counts by political
 * status, as the function counts them (`partyMembers` includes probationary members).
 */
import { View, Text } from '@tarojs/components'
import type { ActionOutput } from '../../../types/contract'
import { formatYear } from '../../services/dates'
import { Tag } from '../ui'
import './index.css'

export type GroupSummaryData = ActionOutput<'group', 'list'>['items'][number]
type GroupCounts = GroupSummaryData['counts']

/** "上海市", or "河南省 · 郑州市、鹤壁市" */
export function placeOf(g: Pick<GroupSummaryData, 'province' | 'cities'>): string {
  const cities = g.cities.filter((c) => c !== g.province)
  return cities.length ? `${g.province} · ${cities.join('、')}` : g.province
}

/** "27人 · 党员6（预备3） · 积极分子2 · 其他19", each part kept on one line. */
export function CountsLine({ counts: c, className }: { counts: GroupCounts; className?: string }) {
  const parts = [`${c.total}人`, c.probationary ? `党员${c.partyMembers}（预备${c.probationary}）` : `党员${c.partyMembers}`, `积极分子${c.activists}`, `其他${c.others}`]
  return (
    <View className={`counts-line ${className ?? ''}`}>
      {parts.map((p, i) => <Text key={i} className='counts-line__part'>{i ? ` · ${p}` : p}</Text>)}
    </View>
  )
}

export function FlagTag({ issued }: { issued: boolean }) {
  return issued
    ? <Tag type='success' className='flag-tag'>党旗已发放</Tag>
    : <Tag type='default' plain className='flag-tag'>党旗未发放</Tag>
}

function Count({ value, label, note }: { value: number; label: string; note?: string }) {
  return (
    <View className='group-summary__count'>
      <Text className='group-summary__count-value'>{value}</Text>
      <Text className='group-summary__count-label'>{label}</Text>
      {note ? <Text className='group-summary__count-note'>{note}</Text> : null}
    </View>
  )
}

/** Members by political status, as four large figures. */
export function CountsGrid({ counts: c }: { counts: GroupCounts }) {
  return (
    <View className='group-summary__counts'>
      <Count value={c.total} label='成员' />
      <Count value={c.partyMembers} label='党员' note={c.probationary ? `含预备党员${c.probationary}` : undefined} />
      <Count value={c.activists} label='积极分子' />
      <Count value={c.others} label='其他' note='申请人、群众' />
    </View>
  )
}

/** The header of a group's page. `year` when the reply carries one. */
export default function GroupSummary({ group, year }: { group: GroupSummaryData; year?: string }) {
  return (
    <View className='card group-summary'>
      <View className='group-summary__head'>
        <Text className='group-summary__name'>{group.name}</Text>
        <FlagTag issued={group.flagIssued} />
      </View>
      <Text className='group-summary__place'>{placeOf(group)}{year ? ` · ${formatYear(year)}` : ''}</Text>
      <CountsGrid counts={group.counts} />
    </View>
  )
}
