/** A note in a list: its beginning, lesson, who sees it, photos, comments (new ones marked). */
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { ROUTES, withQuery } from '../../../routes'
import { formatDateTime } from '../../../services/dates'
import { NoteItem, VISIBILITY } from '../notes'

export interface NoteCardProps {
  note: NoteItem & { groupName?: string }
  /** 'author': unread counts new comments; 'advisor': unread marks a note not opened yet */
  reader: 'author' | 'advisor' | 'member'
}

export default function NoteCard({ note, reader }: NoteCardProps) {
  const open = () => void Taro.navigateTo({ url: withQuery(ROUTES.journalNote, { noteId: note.id }) })
  return (
    <View className='card note-card' hoverClass='note-card--pressed' onClick={open}>
      <View className='note-card__head'>
        <Text className='note-card__who'>{reader === 'author' ? VISIBILITY[note.visibility].label : note.authorName}{note.groupName ? ` · ${note.groupName}` : ''}</Text>
        {note.review === 'review' ? <Text className='note-card__flag'>审核中</Text> : null}
        {reader === 'author' && note.unread > 0 ? <Text className='note-card__unread'>{note.unread}条新评论</Text> : null}
        {reader === 'advisor' && note.unread > 0 ? <Text className='note-card__unread'>未读</Text> : null}
      </View>
      <Text className='note-card__excerpt'>{note.excerpt}</Text>
      {note.lessonTitle ? <Text className='note-card__lesson'>学习：{note.lessonTitle}</Text> : null}
      <Text className='note-card__meta'>
        {formatDateTime(note.updatedAt)}{note.photoCount ? ` · ${note.photoCount}张图片` : ''}{note.commentCount ? ` · ${note.commentCount}条评论` : ''}
      </Text>
    </View>
  )
}
