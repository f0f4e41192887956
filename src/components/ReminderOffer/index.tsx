/**
 * The offer of a reminder (services/reminders.ts), drawn the same way wherever it appears:
 * a card with a bell, a title and a hint where a page offers it standing (the 微党课 tab, a
 * finished lesson, 提醒), or one line with a button right after the moment it follows
 * (an activity confirmed, a question asked). Once answered it says what happened in place;
 * accepted, the button goes. Not shown at all on WeChat when the build has no template id.
 */
import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { askReminder, reminderAvailable, ReminderKind, reminderOutcomeText, reminderTitle } from '../../services/reminders'
import type { SubscriptionOutcome } from '../../services/subscription'
import { Button } from '../ui'
import './index.css'

export interface ReminderOfferProps {
  kind: ReminderKind
  /** 'card': a standing offer with a bell and a title; 'line': one line after a moment */
  variant: 'card' | 'line'
  /** what the offer says before the person answers */
  hint: string
  /** the button; 提醒我 unless given */
  action?: string
  /** told of each answer, e.g. to remember that the offer was made */
  onAnswered?: (outcome: SubscriptionOutcome) => void
  /** given, the card can be closed (×) and this is told */
  onDismiss?: () => void
}

export default function ReminderOffer({ kind, variant, hint, action = '提醒我', onAnswered, onDismiss }: ReminderOfferProps) {
  const [asking, setAsking] = useState(false)
  const [outcome, setOutcome] = useState<SubscriptionOutcome | null>(null)
  if (!reminderAvailable(kind)) return null

  const ask = async (): Promise<void> => {
    if (asking) return
    setAsking(true)
    const answer = await askReminder(kind)
    setAsking(false)
    setOutcome(answer)
    onAnswered?.(answer)
  }

  const line = (
    <Text className={`reminder-offer__hint${outcome?.kind === 'failed' ? ' reminder-offer__hint--error' : ''}`}>
      {outcome ? reminderOutcomeText(kind, outcome) : hint}
    </Text>
  )
  const button = outcome?.kind === 'subscribed' ? null : (
    <Button size='small' type={variant === 'card' ? 'primary' : 'default'} className='reminder-offer__ask' loading={asking} onClick={() => void ask()}>{action}</Button>
  )
  if (variant === 'line') return <View className='reminder-offer reminder-offer--line'>{line}{button}</View>
  return (
    <View className='reminder-offer reminder-offer--card'>
      <View className='reminder-offer__bell' />
      <View className='reminder-offer__text'>
        <Text className='reminder-offer__title'>{reminderTitle(kind)}</Text>
        {line}
      </View>
      {button}
      {onDismiss ? <View className='reminder-offer__close' role='button' aria-label='关闭' onClick={onDismiss}><Text>×</Text></View> : null}
    </View>
  )
}
