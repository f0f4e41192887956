/** One talk in a list: day, form, the student, its topic, who recorded it and where its follow-up stands; a tap opens it. */
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { ROUTES, withQuery } from '../../../routes'
import { dayText, followUpState, FORM_LABELS, ROLE_LABELS, TalkItem } from '../talk'

const FOLLOW_UP_LABELS = { due: '待跟进', overdue: '跟进已逾期', done: '跟进已完成' } as const

export default function TalkCard({ talk }: { talk: TalkItem }) {
  const state = followUpState(talk)
  return (
    <View className='card talk-card' hoverClass='talk-card--pressed' onClick={() => void Taro.navigateTo({ url: withQuery(ROUTES.talkDetail, { talkId: talk.id }) })}>
      <View className='talk-card__head'>
        <Text className='talk-card__student'>{talk.studentName}</Text>
        <Text className='talk-kind'>{FORM_LABELS[talk.form]}</Text>
        <Text className='talk-card__day'>{dayText(talk.date)}</Text>
      </View>
      <Text className='talk-card__topic'>{talk.topic}</Text>
      <View className='talk-card__foot'>
        <Text className='talk-card__meta'>{ROLE_LABELS[talk.recorderRole]} {talk.recorderName} 记录</Text>
        {state !== 'none' ? <Text className={`talk-follow talk-follow--${state}`}>{FOLLOW_UP_LABELS[state]}{state !== 'done' && talk.followUpDue ? ` · ${dayText(talk.followUpDue)}前` : ''}</Text> : null}
      </View>
    </View>
  )
}
