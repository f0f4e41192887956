/**
 * Reading a note (`?noteId=`, one `journal.get`): its body, photos, lesson and comments.
 * Its author can edit it or delete it (the deletion is queued like a save); an advisor
 * can comment (`journal.comment`, one request id per comment however often it is sent).
 */
import { useEffect, useRef, useState } from 'react'
import Taro from '@tarojs/taro'
import { Image, Text, Textarea, View } from '@tarojs/components'
import { JOURNAL_LIMITS } from '../../../../../types/journalLimits'
import PageState, { errorMessage, InlineError } from '../../../../components/PageState'
import { Button } from '../../../../components/ui'
import { asCallError, usePageData } from '../../../../hooks/usePageData'
import { ROUTES, withQuery } from '../../../../routes'
import { call, CallError } from '../../../../services/cloud'
import { formatDateTime } from '../../../../services/dates'
import { ensureMe, hasRole, useMe } from '../../../../services/session'
import { newRequestId } from '../../../../services/writeQueue'
import { excerptOf, NoteView, queueRemove, VISIBILITY } from '../../notes'
import '../../journal.css'

type Comment = NoteView['comments'][number]

function CommentBox({ noteId, onAdded }: { noteId: string; onAdded: (c: Comment) => void }) {
  const [body, setBody] = useState('')
  const [sending, setSending] = useState(false)
  const [problem, setProblem] = useState<string | null>(null)
  // One request id per comment: a retry after a lost answer is applied once.
  const requestId = useRef(newRequestId())
  const send = async (): Promise<void> => {
    if (sending) return
    const text = body.trim()
    if (!text) return setProblem('评论不能为空')
    setSending(true)
    setProblem(null)
    try {
      const comment = await call('journal', 'comment', { requestId: requestId.current, noteId, body: text })
      onAdded(comment)
      setBody('')
      requestId.current = newRequestId()
    } catch (e) {
      setProblem(errorMessage(asCallError(e)))
    } finally {
      setSending(false)
    }
  }
  return (
    <View className='card comment-box'>
      <Textarea className='comment-box__input textarea-fill' value={body} maxlength={JOURNAL_LIMITS.comment} placeholder='写下你的评语，学生会收到提醒' onInput={(e) => { setBody(e.detail.value); setProblem(null) }} />
      <Text className='comment-box__count'>{body.trim().length}/{JOURNAL_LIMITS.comment}</Text>
      {problem ? <Text className='note-editor__problem'>{problem}</Text> : null}
      <Button type='primary' block loading={sending} onClick={() => void send()}>发表评论</Button>
    </View>
  )
}

async function remove(note: NoteView): Promise<void> {
  const { confirm } = await Taro.showModal({ title: '删除这篇笔记？', content: '删除后无法恢复。', confirmText: '删除', cancelText: '取消' })
  if (!confirm) return
  try {
    queueRemove(note.id, newRequestId(), excerptOf(note.body, 20))
  } catch (e) {
    void Taro.showModal({ title: '无法删除', content: errorMessage(asCallError(e)), showCancel: false })
    return
  }
  void Taro.navigateBack().catch(() => undefined)
}

function Note({ note }: { note: NoteView }) {
  const me = useMe()
  // Opened by a link (a reminder, the inbox on a fresh start): the caller's roles decide the comment box.
  useEffect(() => { if (!me) ensureMe().catch(() => undefined) }, [me])
  const [added, setAdded] = useState<Comment[]>([])
  const comments = [...note.comments, ...added.filter((c) => !note.comments.some((k) => k.id === c.id))]
  const canComment = !note.mine && hasRole(me, 'advisor')
  const preview = (url: string) => void Taro.previewImage({ current: url, urls: note.photos.map((p) => p.url).filter((u): u is string => !!u) }).catch(() => undefined)
  return (
    <View className='note'>
      <View className='card'>
        <View className='note__head'>
          <Text className='note__author'>{note.mine ? '我的笔记' : note.authorName}</Text>
          <Text className='note__visibility'>{VISIBILITY[note.visibility].label}</Text>
          {note.review === 'review' ? <Text className='note-card__flag'>审核中，仅自己可见</Text> : null}
        </View>
        <Text className='note__time'>{formatDateTime(note.createdAt)}{note.updatedAt !== note.createdAt ? ` · ${formatDateTime(note.updatedAt)} 修改` : ''}</Text>
        {note.lesson ? <Text className='note__lesson' onClick={() => void Taro.navigateTo({ url: withQuery(ROUTES.lessonRead, { lessonId: note.lesson!.id }) })}>学习：{note.lesson.title} ›</Text> : null}
        <Text className='note__body' userSelect>{note.body}</Text>
        {note.photos.length ? (
          <View className='note__photos'>
            {note.photos.map((p) => (p.url ? <Image key={p.fileID} className='note__photo' src={p.url} mode='aspectFill' onClick={() => preview(p.url!)} /> : <View key={p.fileID} className='note__photo note__photo--missing'><Text>图片暂不可用</Text></View>))}
          </View>
        ) : null}
        {note.mine ? (
          <View className='note__actions'>
            <Button size='small' onClick={() => void Taro.navigateTo({ url: withQuery(ROUTES.journalEdit, { noteId: note.id }) })}>修改</Button>
            <Button size='small' fill='outline' onClick={() => void remove(note)}>删除</Button>
          </View>
        ) : null}
      </View>
      <Text className='section-title'>评论（{comments.length}）</Text>
      {comments.length ? comments.map((c) => (
        <View key={c.id} className='card comment'>
          <Text className='comment__who'>{c.authorName} · {c.authorRole}</Text>
          <Text className='comment__body'>{c.body}</Text>
          <Text className='comment__time'>{formatDateTime(c.createdAt)}</Text>
        </View>
      )) : <View className='card'><Text className='card__subtitle'>{note.visibility === 'private' ? '这篇笔记仅自己可见，没有评论' : '还没有评论'}</Text></View>}
      {canComment ? <CommentBox noteId={note.id} onAdded={(c) => setAdded((prev) => [...prev, c])} /> : null}
    </View>
  )
}

const missing = new CallError('INVALID_ARGUMENT', '链接不完整：没有指明要打开哪篇笔记')

export default function Page() {
  const noteId = Taro.getCurrentInstance().router?.params?.noteId ?? ''
  const page = usePageData(() => call('journal', 'get', { noteId }), { enabled: !!noteId })
  if (!noteId) return <View className='page journal-note'><PageState status='error' error={missing} /></View>
  return (
    <View className='page journal-note'>
      {page.data ? <InlineError error={page.error} onRetry={() => void page.reload()} /> : null}
      <PageState status={page.status} error={page.error} onRetry={() => void page.reload()} skeletonRows={8}>
        {page.data ? <Note key={`${page.data.id}:${page.data.version}`} note={page.data} /> : null}
      </PageState>
    </View>
  )
}
