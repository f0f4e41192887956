/**
 * "有活动需要确认时提醒我": after a member confirms, the offer of a one-time subscription to
 * the check-in confirmation message (services/subscription.ts; acceptances to
 * `activity.subscribe`). Hidden on WeChat when the build has no template id.
 */
import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { Button } from '../../../components/ui'
import { call } from '../../../services/cloud'
import { askSubscription, subscriptionAvailable, SubscriptionOutcome } from '../../../services/subscription'

const templateId = (): string => process.env.TARO_APP_CHECKIN_TEMPLATE_ID ?? ''

function outcomeText(outcome: SubscriptionOutcome): string {
  if (outcome.kind === 'subscribed') return `已开启：下次有活动需要确认时会提醒你（还可提醒 ${outcome.remaining} 次）`
  if (outcome.kind === 'declined') return '未开启提醒'
  return outcome.message
}

export default function CheckinReminder() {
  const [asking, setAsking] = useState(false)
  const [outcome, setOutcome] = useState<SubscriptionOutcome | null>(null)
  if (!subscriptionAvailable(templateId())) return null
  const ask = async (): Promise<void> => {
    if (asking) return
    setAsking(true)
    setOutcome(await askSubscription({
      templateId: templateId(),
      title: '有活动需要确认时提醒我',
      content: '开启后，联络员下次把你列入活动名单时会提醒你确认一次（本地运行时，提醒写入模拟器的 outbox）。',
      subscribe: (accepted) => call('activity', 'subscribe', { accepted })
    }))
    setAsking(false)
  }
  return (
    <View className='act-reminder'>
      <Text className={outcome?.kind === 'failed' ? 'act-mine__note act-reminder__text--error' : 'act-mine__note'}>
        {outcome ? outcomeText(outcome) : '下次有活动需要你确认时，可以提醒你'}
      </Text>
      {outcome?.kind === 'subscribed' ? null : <Button size='small' className='act-reminder__ask' loading={asking} onClick={() => void ask()}>提醒我</Button>}
    </View>
  )
}
