/** The offer "老师回答后提醒我", where an asker waits for an answer. Hidden on WeChat when the build has no template id. */
import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { Button } from '../../../components/ui'
import type { SubscriptionOutcome } from '../../../services/subscription'
import { answerReminderAvailable, askAnswerReminder } from '../reminder'

function outcomeText(outcome: SubscriptionOutcome): string {
  if (outcome.kind === 'subscribed') return `已开启：老师回答后会提醒你（还可提醒 ${outcome.remaining} 次）`
  if (outcome.kind === 'declined') return '未开启提醒，可以随时回到“我的提问”查看'
  return outcome.message
}

export default function AnswerReminder() {
  const [asking, setAsking] = useState(false)
  const [outcome, setOutcome] = useState<SubscriptionOutcome | null>(null)
  if (!answerReminderAvailable()) return null
  const ask = async (): Promise<void> => {
    if (asking) return
    setAsking(true)
    setOutcome(await askAnswerReminder())
    setAsking(false)
  }
  return (
    <View className='q-reminder'>
      <Text className={outcome?.kind === 'failed' ? 'q-reminder__text q-reminder__text--error' : 'q-reminder__text'}>
        {outcome ? outcomeText(outcome) : '老师回答后，可以提醒你一次'}
      </Text>
      {outcome?.kind === 'subscribed' ? null : <Button size='small' className='q-reminder__ask' loading={asking} onClick={() => void ask()}>提醒我</Button>}
    </View>
  )
}
