/**
 * 编辑微党课 (`?lessonId=` to edit a saved lesson, none for a new one): title, summary,
 * Markdown body with a preview, cover, audio or video, quiz, who it goes to and when; save
 * a draft, publish now or at a set time. The first screen is one call (`lesson.edit`), none
 * for a new lesson. Checks say in place what to fix; the function's refusals (the content
 * check's among them) too, and the form stays as typed, kept in local storage meanwhile.
 */
import type { ReactNode } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { View, Text, Input, Textarea } from '@tarojs/components'
import { LESSON_LIMITS } from '../../../../../types/lessonLimits'
import FieldError from '../../../../components/FieldError'
import FileUploader, { type AttachedFile } from '../../../../components/FileUploader'
import LessonStatus, { REVIEW_LABELS } from '../../../../components/LessonStatus'
import MarkdownEditor from '../../../../components/MarkdownEditor'
import PageState from '../../../../components/PageState'
import QuizEditor from '../../../../components/QuizEditor'
import TargetPicker from '../../../../components/TargetPicker'
import { Button } from '../../../../components/ui'
import { usePageData } from '../../../../hooks/usePageData'
import { ROUTES, withQuery } from '../../../../routes'
import { call } from '../../../../services/cloud'
import { formatDateTime } from '../../../../services/dates'
import type { FormField, LessonDraft, LessonForm } from './lessonForm'
import ScheduleField from './ScheduleField'
import { useComposer, type SavedMeta } from './useComposer'
import './index.css'

function Field({ id, label, hint, children }: { id: FormField; label: string; hint?: string; children: ReactNode }) {
  return (
    <View id={`field-${id}`} className='card lesson-edit__field'>
      <View className='lesson-edit__label'>
        <Text className='card__title'>{label}</Text>
        {hint ? <Text className='lesson-edit__hint'>{hint}</Text> : null}
      </View>
      {children}
    </View>
  )
}

/** Where the saved lesson stands, and what saving it now means. */
function StatusNote({ meta }: { meta: SavedMeta }) {
  const review = REVIEW_LABELS[meta.review]
  let note = ''
  if (meta.state === 'published') note = '这节课已发布：保存修改后读者马上看到新内容，并标有“已更新”。'
  else if (meta.state === 'scheduled' && meta.publishAt) note = `将于 ${formatDateTime(meta.publishAt)} 发布；可以继续修改，或改为立即发布。`
  else if (meta.state === 'reviewing') note = '已提交发布，正在进行内容审核，通过后读者才能看到。'
  else note = '草稿：只有你能看到。'
  return (
    <View className='card lesson-edit__status'>
      <LessonStatus state={meta.state} review={meta.review} edited={!!meta.editedAt} />
      <Text className='lesson-edit__status-note'>{note}</Text>
      {review && meta.state !== 'reviewing' ? <Text className='lesson-edit__status-review'>{review}</Text> : null}
      {meta.reviewReason && meta.review !== 'pass' ? <Text className='lesson-edit__status-review'>原因：{meta.reviewReason}</Text> : null}
    </View>
  )
}

function countHint(value: string, max: number): string {
  return `${value.trim().length}/${max}`
}

const coverOf = (form: LessonForm): AttachedFile | null =>
  form.cover ? { kind: 'cover', fileID: form.cover.fileID, name: '封面图片', bytes: 0, url: form.cover.url } : null
const mediaOf = (form: LessonForm): AttachedFile | null => (form.media ? { ...form.media, url: null } : null)

/** After publishing: back where the composer came from, or on to the figures. */
function leaveAfterPublish(draft: LessonDraft): void {
  const title = draft.state === 'published' ? '已发布' : draft.state === 'scheduled' ? '已定时发布' : '已提交审核'
  void Taro.showToast({ title, icon: 'success' })
  setTimeout(() => {
    if (Taro.getCurrentPages().length > 1) void Taro.navigateBack()
    else if (draft.state === 'published') void Taro.redirectTo({ url: withQuery(ROUTES.lessonFigures, { lessonId: draft.id }) })
  }, 900)
}

function Composer({ saved }: { saved: LessonDraft | null }) {
  const c = useComposer(saved)
  const { form, update, meta, problem, refusal, busy } = c
  const errorAt = (field: FormField): string | null =>
    (problem?.field === field ? problem.message : null) ?? (refusal?.field === field ? refusal.message : null)
  const canSchedule = !meta || meta.state === 'draft' || meta.state === 'scheduled'
  const published = meta?.state === 'published'
  // Readers have not seen it yet: it can still go (the function decides finally).
  const canDiscard = !!meta && meta.state !== 'published'

  const publish = async () => {
    const done = await c.publish()
    // In review the composer stays: the note says what happens next.
    if (done && done.state !== 'reviewing') leaveAfterPublish(done)
  }
  const discard = async () => {
    const what = meta?.state === 'scheduled' ? '这节定时发布的课（读者还没有看到）' : meta?.state === 'reviewing' ? '这节审核中的课（读者还没有看到）' : '这份草稿'
    const sure = await Taro.showModal({ title: '删除微党课', content: `删除后无法恢复，确定删除${what}吗？`, confirmText: '删除', confirmColor: '#c8161d' })
    if (!sure.confirm) return
    if (await c.discard()) {
      void Taro.showToast({ title: '已删除', icon: 'none' })
      setTimeout(() => { void Taro.navigateBack().catch(() => undefined) }, 600)
    }
  }

  return (
    <View className='lesson-edit'>
      {meta ? <StatusNote meta={meta} /> : null}
      {c.restoredAt
        ? (
          <View className='lesson-edit__restored' role='status'>
            <Text>已恢复你在 {formatDateTime(new Date(c.restoredAt))} 未保存的修改。</Text>
            <Text className='lesson-edit__restored-drop' onClick={c.dropRestored}>放弃这些修改</Text>
          </View>
          )
        : null}

      <Field id='title' label='标题' hint={countHint(form.title, LESSON_LIMITS.title)}>
        <Input className='lesson-edit__input' value={form.title} maxlength={-1} placeholder='例如：学习二十届三中全会精神' onInput={(e) => update({ title: e.detail.value })} />
        <FieldError message={errorAt('title')} />
      </Field>

      <Field id='summary' label='摘要' hint={`选填 ${countHint(form.summary, LESSON_LIMITS.summary)}`}>
        <Textarea className='lesson-edit__textarea textarea-fill' value={form.summary} maxlength={-1} autoHeight placeholder='一两句话，显示在课程列表里' onInput={(e) => update({ summary: e.detail.value })} />
        <FieldError message={errorAt('summary')} />
      </Field>

      <Field id='body' label='正文'>
        <MarkdownEditor value={form.body} onChange={(body) => update({ body })} maxLength={LESSON_LIMITS.body} error={errorAt('body')} placeholder='在这里写课程内容。可用上方按钮插入小标题、加粗、列表、引用和链接。' />
        {published
          ? <Text className='lesson-edit__hint lesson-edit__preview-note'>已发布的课保存即更新给读者，因此这里只有本地预览。</Text>
          : <Button className='lesson-edit__reader-preview' loading={busy === 'preview'} disabled={!!busy} onClick={() => void c.readerPreview()}>按读者所见预览（先保存）</Button>}
      </Field>

      <Field id='cover' label='封面' hint='选填'>
        <FileUploader kinds={['cover']} value={coverOf(form)} error={errorAt('cover')} onChange={(f) => update({ cover: f ? { fileID: f.fileID, url: f.url ?? null } : null })} />
      </Field>

      <Field id='media' label='音频或视频' hint='选填，一个'>
        <FileUploader
          kinds={['audio', 'video']}
          value={mediaOf(form)}
          error={errorAt('media')}
          onChange={(f) => update({ media: f && f.kind !== 'cover' ? { kind: f.kind, fileID: f.fileID, name: f.name, bytes: f.bytes } : null })}
        />
      </Field>

      <Field id='quiz' label='课后测验' hint={`选填，至多${LESSON_LIMITS.questions}题`}>
        <QuizEditor value={form.quiz} onChange={(quiz) => update({ quiz })} problem={problem?.quiz ?? refusal?.quiz ?? null} />
        {refusal?.field === 'quiz' && !refusal.quiz ? <FieldError message={refusal.message} /> : null}
      </Field>

      <Field id='target' label='推送给'>
        <TargetPicker value={form.target} onChange={(target) => update({ target })} error={errorAt('target')} />
      </Field>

      {canSchedule
        ? (
          <Field id='schedule' label='发布时间'>
            <ScheduleField value={form.schedule} onChange={(schedule) => update({ schedule })} error={errorAt('schedule')} />
          </Field>
          )
        : null}

      <View className='lesson-edit__actions'>
        {refusal ? <View className='lesson-edit__refusal' role='alert'><Text>{refusal.field ? `请修改：${refusal.message}` : refusal.message}</Text></View> : null}
        {problem && refusal === null ? <View className='lesson-edit__refusal' role='alert'><Text>{problem.message}</Text></View> : null}
        <View className='lesson-edit__buttons'>
          {canDiscard ? <Button className='lesson-edit__discard' disabled={!!busy} onClick={() => void discard()}>删除</Button> : null}
          <Button className='lesson-edit__save' loading={busy === 'save'} disabled={!!busy} onClick={() => void c.save()}>{!meta || meta.state === 'draft' ? '保存草稿' : '保存修改'}</Button>
          {canSchedule
            ? <Button type='primary' className='lesson-edit__publish' loading={busy === 'publish'} disabled={!!busy} onClick={() => void publish()}>{form.schedule.mode === 'at' ? '定时发布' : '立即发布'}</Button>
            : null}
          {published && meta ? <Button className='lesson-edit__figures' onClick={() => void Taro.navigateTo({ url: withQuery(ROUTES.lessonFigures, { lessonId: meta.id }) })}>阅读情况</Button> : null}
        </View>
      </View>
    </View>
  )
}

export default function Page() {
  const { params } = useRouter()
  const lessonId = params.lessonId ? decodeURIComponent(params.lessonId) : undefined
  const page = usePageData(() => (lessonId ? call('lesson', 'edit', { lessonId }) : Promise.resolve(null)), { deps: [lessonId] })
  return (
    <View className='page lesson-edit-page'>
      <PageState status={page.status} error={page.error} onRetry={() => void page.reload()} skeletonRows={8}>
        {page.status === 'ready' ? <Composer key={lessonId ?? 'new'} saved={page.data ?? null} /> : null}
      </PageState>
    </View>
  )
}
