/** A volunteer record: when, how long, where, what, and its verification state. */
import { Text, View } from '@tarojs/components'
import type { ReactNode } from 'react'
import { formatDate } from '../../../services/dates'
import { CATEGORY_LABELS, hoursText, STATE_LABELS, VolunteerView } from '../volunteer'

type Shown = Omit<VolunteerView, 'photos'> & { photos?: VolunteerView['photos'] }

export default function RecordCard({ record, showPerson = false, children }: { record: Shown; showPerson?: boolean; children?: ReactNode }) {
  return (
    <View className={`card vol-record vol-record--${record.state}`} data-record={record.id}>
      <View className='vol-record__head'>
        <Text className='vol-record__hours'>{hoursText(record.hours)}</Text>
        <Text className='vol-record__category'>{CATEGORY_LABELS[record.category]}{record.amount !== null ? ` · ${record.amount}元` : ''}</Text>
        <Text className={`vol-record__state vol-record__state--${record.state}`}>{STATE_LABELS[record.state]}</Text>
      </View>
      {showPerson ? <Text className='vol-record__person'>{record.personName}</Text> : null}
      <Text className='vol-record__meta'>{formatDate(record.date)} · {record.place}</Text>
      <Text className='vol-record__description'>{record.description}</Text>
      {record.photos?.length ? <Text className='vol-record__meta'>图片 {record.photos.length} 张</Text> : null}
      {record.state === 'verified' && record.verifiedBy ? <Text className='vol-record__meta'>核实人：{record.verifiedBy.name}（{record.verifiedBy.role}{record.verifiedBy.via === 'link' ? '，通过核实链接' : ''}）</Text> : null}
      {record.state === 'rejected' && record.rejectReason ? <Text className='vol-record__reason'>退回原因：{record.rejectReason}</Text> : null}
      {children}
    </View>
  )
}
