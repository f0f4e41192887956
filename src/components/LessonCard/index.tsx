/**
 * One lesson in the reader's 微党课 list: its cover, title and summary, who wrote it and
 * when, and what the reader should know at a glance — unread, updated since it was
 * published, audio or video inside, a quiz to answer or answered. A tap opens it.
 */
import { Image, Text, View } from '@tarojs/components'
import type { ActionOutput } from '../../../types/contract'
import { formatDate } from '../../services/dates'
import './index.css'

export type LessonListItem = ActionOutput<'lesson', 'list'>['items'][number]

/** A small drawn sign of the lesson's media (the same on every platform, unlike emoji). */
export function MediaKindIcon({ kind }: { kind: 'audio' | 'video' }) {
  return (
    <Text className={`media-kind media-kind--${kind}`}>
      {kind === 'video'
        ? <Text className='media-kind__play' />
        : <><Text className='media-kind__bar' /><Text className='media-kind__bar media-kind__bar--tall' /><Text className='media-kind__bar' /></>}
      {kind === 'video' ? '视频' : '音频'}
    </Text>
  )
}

function quizLabel(item: LessonListItem): string | null {
  if (!item.hasQuiz) return null
  return item.quizDone ? '测验已完成' : '含测验'
}

export default function LessonCard({ lesson, onOpen }: { lesson: LessonListItem; onOpen: (lessonId: string) => void }) {
  const quiz = quizLabel(lesson)
  return (
    <View className={lesson.read ? 'card lesson-card' : 'card lesson-card lesson-card--unread'} hoverClass='lesson-card--pressed' onClick={() => onOpen(lesson.id)}>
      <View className='lesson-card__body'>
        <View className='lesson-card__head'>
          {lesson.read ? null : <Text className='lesson-card__dot' aria-label='未读' />}
          <Text className='lesson-card__title'>{lesson.title}</Text>
        </View>
        {lesson.summary ? <Text className='lesson-card__summary'>{lesson.summary}</Text> : null}
        <View className='lesson-card__meta'>
          {lesson.read ? <Text className='lesson-card__state lesson-card__state--read'>已读</Text> : <Text className='lesson-card__state lesson-card__state--unread'>未读</Text>}
          {lesson.editedAt ? <Text className='lesson-card__state lesson-card__state--edited'>已更新</Text> : null}
          {lesson.mediaKind ? <MediaKindIcon kind={lesson.mediaKind} /> : null}
          {quiz ? <Text className={lesson.quizDone ? 'lesson-card__state lesson-card__state--done' : 'lesson-card__state'}>{quiz}</Text> : null}
        </View>
        <Text className='lesson-card__byline'>{lesson.authorName} · {formatDate(lesson.publishedAt)}</Text>
      </View>
      {lesson.coverUrl ? <Image className='lesson-card__cover' src={lesson.coverUrl} mode='aspectFill' lazyLoad /> : null}
    </View>
  )
}
