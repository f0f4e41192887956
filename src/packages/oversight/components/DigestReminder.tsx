/**
 * "每天把提醒汇总发给我": the offer of the daily digest (services/subscription.ts; the
 * acceptances go to `oversight.subscribe`, one digest a day at most). Hidden on WeChat when
 * the build has no template id.
 */
import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { Button } from '../../../components/ui'
import { call } from '../../../services/cloud'
import { askSubscription, subscriptionAvailable, SubscriptionOutcome } from '../../../services/subscription'

const templateId = (): string => process.env.TARO_APP_OVERSIGHT_TEMPLATE_ID ?? ''

function outcomeText(outcome: SubscriptionOutcome): string {
  if (outcome.kind === 'subscribed') return `已开启：有需要你处理的提醒时，每天最多发一条汇总（还可发送 ${outcome.remaining} 次）`
  if (outcome.kind === 'declined') return '未开启提醒汇总'
  return outcome.message
}

export default function DigestReminder() {
  const [asking, setAsking] = useState(false)
  const [outcome, setOutcome] = useState<SubscriptionOutcome | null>(null)
  if (!subscriptionAvailable(templateId())) return null
  const ask = async (): Promise<void> => {
    if (asking) return
    setAsking(true)
    setOutcome(await askSubscription({
      templateId: templateId(),
      title: '每日提醒汇总',
      content: '开启后，有需要你处理的提醒时，每天早上发一条汇总给你（本地运行时写入模拟器的 outbox）。',
      subscribe: (accepted) => call('oversight', 'subscribe', { accepted })
    }))
    setAsking(false)
  }
  return (
    <View className='ov-digest'>
      <View className='ov-digest__text'>
        <Text className='ov-digest__title'>每日提醒汇总</Text>
        <Text className={outcome?.kind === 'failed' ? 'ov-digest__hint ov-note--error' : 'ov-digest__hint'}>
          {outcome ? outcomeText(outcome) : '有需要你处理的提醒时，每天最多收到一条汇总消息'}
        </Text>
      </View>
      {outcome?.kind === 'subscribed' ? null : <Button size='small' type='primary' className='ov-digest__ask' loading={asking} onClick={() => void ask()}>开启</Button>}
    </View>
  )
}
