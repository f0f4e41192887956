import { Text } from '@tarojs/components'
import { dueBadge, NextReview } from '../cultivation'

/** The review due next as a badge: overdue red, within 30 days amber, later grey. */
export default function DueBadge({ next }: { next: NextReview | null }) {
  if (!next) return null
  const badge = dueBadge(next)
  return <Text className={`cv-due cv-due--${badge.tone}`}>{badge.text}</Text>
}
