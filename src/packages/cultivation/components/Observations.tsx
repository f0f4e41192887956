import { Text, View } from '@tarojs/components'
import { ASPECT_LABELS, SIDE_LABELS } from '../../../../types/cultivation'
import { formatDate } from '../../../services/dates'
import type { CultivationFile } from '../cultivation'

type Observation = CultivationFile['observations']['items'][number]
type Side = Observation['side']

function Column({ side, items, count }: { side: Side; items: Observation[]; count: number }) {
  return (
    <View className={`card cv-side cv-side--${side}`}>
      <View className='cv-side__title'>
        <Text className='card__title'>{SIDE_LABELS[side]}的考察</Text>
        <Text className='cv-hint'>共 {count} 条</Text>
      </View>
      {items.length === 0 ? <Text className='cv-none'>还没有考察记录</Text> : null}
      {items.map((o) => (
        <View key={o.id} className='cv-obs'>
          <Text className='cv-obs__meta'><Text className='cv-obs__aspect'>{ASPECT_LABELS[o.aspect]}</Text>{formatDate(o.date)} · {o.authorName}</Text>
          <Text className='cv-obs__body'>{o.body}</Text>
        </View>
      ))}
    </View>
  )
}

/** Both sides' observations together: side by side on a wide screen, the school's above the unit's on a phone; each newest first. */
export default function Observations({ items, counts }: { items: Observation[]; counts: CultivationFile['counts'] }) {
  return (
    <View className='cv-sides'>
      <Column side='school' items={items.filter((o) => o.side === 'school')} count={counts.school} />
      <Column side='unit' items={items.filter((o) => o.side === 'unit')} count={counts.unit} />
    </View>
  )
}
