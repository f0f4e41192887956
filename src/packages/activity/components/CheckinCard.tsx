/** A check-in in a list: type, when, where, a line of content, the cover photo, counts and the reader's own place. */
import Taro from '@tarojs/taro'
import { Image, Text, View } from '@tarojs/components'
import { ROUTES, withQuery } from '../../../routes'
import { formatDateTime } from '../../../services/dates'
import { CheckinItem, MINE_LABELS, TYPE_LABELS } from '../activity'

export default function CheckinCard({ checkin, showGroup = false }: { checkin: CheckinItem; showGroup?: boolean }) {
  const open = () => void Taro.navigateTo({ url: withQuery(ROUTES.activityDetail, { checkinId: checkin.id }) })
  const { counts } = checkin
  return (
    <View className='card checkin-card' hoverClass='checkin-card--pressed' onClick={open} data-checkin={checkin.id}>
      <View className='checkin-card__body'>
        <View className='checkin-card__head'>
          <Text className={`checkin-type checkin-type--${checkin.type}`}>{TYPE_LABELS[checkin.type]}</Text>
          {checkin.mine ? <Text className={`checkin-mine checkin-mine--${checkin.mine}`}>{MINE_LABELS[checkin.mine]}</Text> : null}
          {checkin.review === 'review' ? <Text className='checkin-card__flag'>图片审核中</Text> : null}
        </View>
        <Text className='checkin-card__when'>{formatDateTime(checkin.heldAt)} · {checkin.place}</Text>
        {showGroup ? <Text className='checkin-card__meta'>{checkin.groupName}</Text> : null}
        <Text className='checkin-card__content'>{checkin.content}</Text>
        <Text className='checkin-card__counts'>
          已确认 {counts.confirmed}/列入 {counts.listed + counts.confirmed}{counts.requested ? ` · 待审批补登 ${counts.requested}` : ''}{checkin.photoCount ? ` · ${checkin.photoCount}张图片` : ''}
        </Text>
      </View>
      {checkin.coverUrl ? <Image className='checkin-card__cover' src={checkin.coverUrl} mode='aspectFill' lazyLoad /> : null}
    </View>
  )
}
