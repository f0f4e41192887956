/** Where a lesson stands, as tags: its state, and the content check's verdict when it is not a pass. */
import { View, Text } from '@tarojs/components'
import type { ActionOutput } from '../../../types/contract'
import './index.css'

type Item = ActionOutput<'lesson', 'manage'>['items'][number]
export type LessonState = Item['state']
export type ContentReview = Item['review']

export const STATE_LABELS: Record<LessonState, string> = { draft: '草稿', scheduled: '定时发布', reviewing: '审核中', published: '已发布' }
export const REVIEW_LABELS: Record<ContentReview, string | null> = { pass: null, review: '内容审核中，通过后读者才能看到', risky: '内容未通过审核，请修改后重新发布' }

export default function LessonStatus({ state, review, edited }: { state: LessonState; review: ContentReview; edited?: boolean }) {
  const reviewLabel = REVIEW_LABELS[review]
  return (
    <View className='lesson-status'>
      <Text className={`lesson-status__state lesson-status__state--${state}`}>{STATE_LABELS[state]}</Text>
      {edited && state === 'published' ? <Text className='lesson-status__edited'>已更新</Text> : null}
      {reviewLabel && state !== 'reviewing' ? <Text className={`lesson-status__review lesson-status__review--${review}`}>{review === 'risky' ? '未通过审核' : '审核中'}</Text> : null}
    </View>
  )
}
