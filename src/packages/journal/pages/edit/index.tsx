/**
 * Writing a note: a new one (optionally about a lesson: `?lessonId=&lessonTitle=`), an edit
 * (`?noteId=`, one `journal.get`), or a refused save reopened from the list (`?jobId=`; a
 * CONFLICT shows the note's current version beside the writer's edit). What is typed is
 * kept as a draft; saving queues `journal.save` (one request id per editing session, the
 * version the edit was made on) and goes back: the queue sends it when it can.
 */
import { useEffect, useMemo, useRef, useState } from 'react'
import Taro from '@tarojs/taro'
import { Text, Textarea, View } from '@tarojs/components'
import { JOURNAL_LIMITS } from '../../../../../types/journalLimits'
import PageState, { errorMessage } from '../../../../components/PageState'
import PhotoField from '../../../../components/PhotoField'
import { Button } from '../../../../components/ui'
import { asCallError, usePageData } from '../../../../hooks/usePageData'
import { call, CallError } from '../../../../services/cloud'
import { autosave, clearDraft, loadDraft } from '../../../../services/drafts'
import { askReminder, reminderAvailable, reminderOutcomeText } from '../../../../services/reminders'
import { newRequestId, writeQueue } from '../../../../services/writeQueue'
import { queueSave, SaveInput, Visibility, VISIBILITY } from '../../notes'
import { addNotePhotos } from '../../photos'
import '../../journal.css'

/** What the editor holds (and the draft keeps). */
export interface NoteDraft {
  body: string
  visibility: Visibility
  lesson: { id: string; title: string } | null
  photos: string[]
}

interface Start {
  draft: NoteDraft
  noteId?: string
  baseVersion?: number
  /** the note as it is now elsewhere, when the writer's edit was refused for it */
  current?: { body: string; version: number } | null
  /** the refused job this editing replaces */
  jobId?: string
  restored: boolean
}

const params = (): Record<string, string> => (Taro.getCurrentInstance().router?.params ?? {}) as Record<string, string>
const scopeOf = (noteId?: string) => `journal:${noteId ?? 'new'}`

/** Where editing starts: a refused job, a note, or a new page; a kept draft wins over all but a job. */
async function loadStart(p: Record<string, string>): Promise<Start> {
  if (p.jobId) {
    const job = writeQueue().get(p.jobId)
    if (!job || job.action !== 'save') throw new CallError('NOT_FOUND', '这条待发送的内容已不在手机上（可能已发送或已放弃）')
    const input = job.input as unknown as SaveInput
    const draft: NoteDraft = { body: input.body, visibility: input.visibility ?? 'private', lesson: input.lessonId ? { id: input.lessonId, title: '' } : null, photos: input.photos ?? [] }
    if (!input.noteId) return { draft, jobId: job.id, restored: false }
    const note = await call('journal', 'get', { noteId: input.noteId })
    if (note.lesson && draft.lesson) draft.lesson = note.lesson
    return { draft, noteId: note.id, baseVersion: note.version, current: job.error?.code === 'CONFLICT' ? { body: note.body, version: note.version } : null, jobId: job.id, restored: false }
  }
  const kept = loadDraft<NoteDraft & { baseVersion?: number }>(scopeOf(p.noteId))
  if (p.noteId) {
    const note = await call('journal', 'get', { noteId: p.noteId })
    const draft: NoteDraft = kept ?? { body: note.body, visibility: note.visibility, lesson: note.lesson, photos: note.photos.map((f) => f.fileID) }
    return { draft, noteId: note.id, baseVersion: kept?.baseVersion ?? note.version, restored: !!kept }
  }
  const lesson = p.lessonId ? { id: p.lessonId, title: decodeURIComponent(p.lessonTitle ?? '') || '本课' } : null
  if (kept) return { draft: { ...kept, lesson: kept.lesson ?? lesson }, restored: true }
  return { draft: { body: '', visibility: 'private', lesson, photos: [] }, restored: false }
}

function VisibilityPicker({ value, onChange }: { value: Visibility; onChange: (v: Visibility) => void }) {
  return (
    <View className='visibility' role='radiogroup' aria-label='谁能看到'>
      {(Object.keys(VISIBILITY) as Visibility[]).map((v) => (
        <View key={v} role='radio' aria-checked={v === value} className={v === value ? 'visibility__option visibility__option--on' : 'visibility__option'} onClick={() => onChange(v)}>
          <Text className='visibility__label'>{VISIBILITY[v].label}</Text>
          <Text className='visibility__hint'>{VISIBILITY[v].hint}</Text>
        </View>
      ))}
    </View>
  )
}

function Editor({ start }: { start: Start }) {
  const [draft, setDraft] = useState<NoteDraft>(start.draft)
  const [problem, setProblem] = useState<string | null>(null)
  // One request id per editing session: every tap and every re-send of this save carries it.
  const requestId = useRef(newRequestId())
  const saved = useRef(false)
  const scope = scopeOf(start.noteId)
  const saver = useMemo(() => autosave<NoteDraft & { baseVersion?: number }>(scope), [scope])
  useEffect(() => () => { if (!saved.current) saver.flush() }, [saver])

  const change = (patch: Partial<NoteDraft>): void => {
    const next = { ...draft, ...patch }
    setDraft(next)
    setProblem(null)
    saver.update({ ...next, baseVersion: start.baseVersion })
  }

  const save = async (): Promise<void> => {
    if (saved.current) return
    const body = draft.body.trim()
    if (!body) return setProblem('笔记不能为空')
    if (body.length > JOURNAL_LIMITS.body) return setProblem(`笔记不能超过${JOURNAL_LIMITS.body}字`)
    const input: SaveInput = {
      requestId: requestId.current, body, visibility: draft.visibility, lessonId: draft.lesson?.id ?? null, photos: draft.photos,
      ...(start.noteId ? { noteId: start.noteId, baseVersion: start.baseVersion } : {})
    }
    try {
      queueSave(input)
    } catch (e) {
      return setProblem(errorMessage(asCallError(e)))
    }
    saved.current = true
    if (start.jobId) writeQueue().discard(start.jobId)
    saver.cancel()
    clearDraft(scope)
    // Sharing with advisors is when a reminder of their comments makes sense (it must follow a tap).
    if (draft.visibility !== 'private' && reminderAvailable('note')) {
      const outcome = await askReminder('note')
      if (outcome.kind !== 'declined') void Taro.showToast({ title: reminderOutcomeText('note', outcome), icon: 'none' }).catch(() => undefined)
    }
    void Taro.navigateBack().catch(() => undefined)
  }

  const count = draft.body.trim().length
  return (
    <View className='note-editor'>
      {start.restored ? <Text className='note-editor__notice'>已恢复上次未保存的内容</Text> : null}
      {start.current ? (
        <View className='card note-editor__conflict' role='alert'>
          <Text className='card__title'>这篇笔记已在别处修改</Text>
          <Text className='card__subtitle'>你的修改没有覆盖它。下面是现在的版本；可在编辑框中重新修改后保存，或回到列表放弃这次修改。</Text>
          <Text className='note-editor__current'>{start.current.body}</Text>
        </View>
      ) : null}
      {draft.lesson ? <Text className='note-editor__lesson'>学习：{draft.lesson.title || '关联的微党课'}</Text> : null}
      <Textarea className='note-editor__body textarea-fill' value={draft.body} maxlength={-1} autoHeight placeholder='记下今天的学习心得…' onInput={(e) => change({ body: e.detail.value })} />
      <Text className={count > JOURNAL_LIMITS.body ? 'note-editor__count note-editor__count--over' : 'note-editor__count'}>{count}/{JOURNAL_LIMITS.body}</Text>
      <Text className='section-title'>谁能看到</Text>
      <VisibilityPicker value={draft.visibility} onChange={(visibility) => change({ visibility })} />
      <Text className='section-title'>图片（{draft.photos.length}/{JOURNAL_LIMITS.photos}）</Text>
      <PhotoField photos={draft.photos} limit={JOURNAL_LIMITS.photos} upload={addNotePhotos} onChange={(photos) => change({ photos })} offlineNote='添加图片需要网络：现在没有网络，文字可以先保存，联网后再编辑添加图片' />
      {problem ? <Text className='note-editor__problem'>{problem}</Text> : null}
      <Button type='primary' block className='note-editor__save' onClick={() => void save()}>保存</Button>
      <Text className='note-editor__foot'>没有网络也可以保存：笔记会先存在手机上，联网后自动发送。</Text>
    </View>
  )
}

export default function Page() {
  const p = params()
  const page = usePageData(() => loadStart(p))
  useEffect(() => {
    if (p.noteId || p.jobId) void Taro.setNavigationBarTitle({ title: '修改学习笔记' }).catch(() => undefined)
  }, [p.noteId, p.jobId])
  return (
    <View className='page journal-edit'>
      <PageState status={page.status} error={page.error} onRetry={() => void page.reload()} skeletonRows={8}>
        {page.data ? <Editor start={page.data} /> : null}
      </PageState>
    </View>
  )
}
