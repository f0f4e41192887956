/**
 * The offer "有新微党课时提醒我", at a natural moment: once on the 微党课 tab's first visit,
 * and at the end of a lesson the reader has just finished. Hidden on WeChat when no
 * subscription template is configured.
 */
import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { Button } from '../ui'
import { askForReminder, markOfferedOnTab, offeredOnTab, ReminderOutcome, reminderAvailable } from './reminder'
import './index.css'

export interface LessonReminderProps {
  /** 'tab': the tab's first visit, dismissible and remembered; 'finished': the end of a lesson */
  moment: 'tab' | 'finished'
}

function outcomeText(outcome: ReminderOutcome): string {
  if (outcome.kind === 'subscribed') return `已开启：有新微党课时会提醒你（还可提醒 ${outcome.remaining} 次）`
  if (outcome.kind === 'declined') return '未开启提醒，下次读完微党课时还可以开启'
  return outcome.message
}

export default function LessonReminder({ moment }: LessonReminderProps) {
  const [hidden, setHidden] = useState(() => !reminderAvailable() || (moment === 'tab' && offeredOnTab()))
  const [asking, setAsking] = useState(false)
  const [outcome, setOutcome] = useState<ReminderOutcome | null>(null)
  if (hidden) return null

  const ask = async (): Promise<void> => {
    if (asking) return
    setAsking(true)
    const result = await askForReminder()
    setAsking(false)
    setOutcome(result)
    if (moment === 'tab' && result.kind !== 'failed') markOfferedOnTab()
  }
  const dismiss = (): void => {
    if (moment === 'tab') markOfferedOnTab()
    setHidden(true)
  }

  return (
    <View className={`lesson-reminder lesson-reminder--${moment}`}>
      <View className='lesson-reminder__bell' />
      <View className='lesson-reminder__text'>
        <Text className='lesson-reminder__title'>有新微党课时提醒我</Text>
        <Text className={outcome?.kind === 'failed' ? 'lesson-reminder__hint lesson-reminder__hint--error' : 'lesson-reminder__hint'}>
          {outcome ? outcomeText(outcome) : '每次同意可收到一次新课提醒'}
        </Text>
      </View>
      {outcome?.kind === 'subscribed' ? null : (
        <Button type='primary' size='small' className='lesson-reminder__ask' loading={asking} onClick={() => void ask()}>提醒我</Button>
      )}
      <View className='lesson-reminder__close' role='button' aria-label='关闭' onClick={dismiss}><Text>×</Text></View>
    </View>
  )
}
