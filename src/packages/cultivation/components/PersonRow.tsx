import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { ROUTES, withQuery } from '../../../routes'
import { Row, statusName } from '../cultivation'
import DueBadge from './DueBadge'

/** A person under cultivation in a list: status, group, contacts (a missing one marked), the review due, observations per side. */
export default function PersonRow({ row }: { row: Row }) {
  const open = () => void Taro.navigateTo({ url: withQuery(ROUTES.cultivationFile, { personId: row.personId }) })
  return (
    <View className='card cv-row' onClick={open}>
      <View className='cv-row__head'>
        <Text className='cv-row__name'>{row.name}</Text>
        <Text className={`cv-status cv-status--${row.politicalStatus ?? 'none'}`}>{statusName(row.politicalStatus)}</Text>
        <DueBadge next={row.nextReview} />
      </View>
      <Text className='cv-row__meta'>{[row.groupName ?? '尚未编组', row.no].join(' · ')}</Text>
      <View className='cv-row__contacts'>
        <Text className='cv-row__contact'>学校联系人：{row.contacts.school ? row.contacts.school.name : <Text className='cv-row__missing'>未指定</Text>}</Text>
        <Text className='cv-row__contact'>单位联系人：{row.contacts.unit ? row.contacts.unit.name : <Text className='cv-row__missing'>未指定</Text>}</Text>
      </View>
      <Text className='cv-counts'>考察记录：学校 {row.counts.school} 条 · 单位 {row.counts.unit} 条{row.lastReviewOn ? ` · 上次考察 ${row.lastReviewOn}` : ''}</Text>
    </View>
  )
}
