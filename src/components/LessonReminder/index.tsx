/**
 * The offer "有新微党课时提醒我", at a natural moment: once on the 微党课 tab's first visit
 * (answered or closed, it is not offered there again), and at the end of a lesson the
 * reader has just finished.
 */
import { useState } from 'react'
import ReminderOffer from '../ReminderOffer'
import { markOfferedOnTab, offeredOnTab } from './reminder'

export interface LessonReminderProps {
  /** 'tab': the tab's first visit, dismissible and remembered; 'finished': the end of a lesson */
  moment: 'tab' | 'finished'
}

export default function LessonReminder({ moment }: LessonReminderProps) {
  const [hidden, setHidden] = useState(() => moment === 'tab' && offeredOnTab())
  if (hidden) return null
  return (
    <ReminderOffer
      kind='lesson'
      variant='card'
      hint='每次同意可收到一次新课提醒'
      onAnswered={(outcome) => { if (moment === 'tab' && outcome.kind !== 'failed') markOfferedOnTab() }}
      onDismiss={() => {
        if (moment === 'tab') markOfferedOnTab()
        setHidden(true)
      }}
    />
  )
}
