/**
 * The composer's state and what it does: the form (restored from the local copy when that
 * is newer than the saved lesson), saving, publishing, discarding and the reader's preview,
 * each checked first and each leaving the form as typed when the function refuses.
 */
import { useEffect, useRef, useState } from 'react'
import Taro from '@tarojs/taro'
import type { ActionOutput } from '../../../../../types/contract'
import { errorMessage } from '../../../../components/PageState'
import { asCallError } from '../../../../hooks/usePageData'
import { call } from '../../../../services/cloud'
import {
  dropLocal, fieldOfError, formOfDraft, groupNames, keepLocal, localKey, publishAtOf, readLocal, rememberGroupNames,
  sameContent, saveInputOf, scheduleProblem, emptyForm,
  type FormField, type FormProblem, type LessonDraft, type LessonForm
} from './lessonForm'

export type LessonView = ActionOutput<'lesson', 'get'>
export type Busy = 'save' | 'publish' | 'preview' | 'discard' | null

/** A refusal from the function: its message, and the field it names when it names one. */
export interface Refusal {
  message: string
  field: FormField | null
}

/** What the saved lesson says about itself (state, review, times), beside the form. */
export type SavedMeta = Pick<LessonDraft, 'id' | 'state' | 'review' | 'publishAt' | 'editedAt' | 'updatedAt'>

const metaOf = (d: LessonDraft): SavedMeta => ({ id: d.id, state: d.state, review: d.review, publishAt: d.publishAt, editedAt: d.editedAt, updatedAt: d.updatedAt })

/** The form to start from: the saved lesson's, or a newer copy left in local storage. */
function startingForm(saved: LessonDraft | null): { form: LessonForm; base: LessonForm; restoredAt: number | null } {
  const base = saved ? formOfDraft(saved, groupNames()) : emptyForm()
  const key = localKey(saved?.id)
  const local = readLocal(key)
  if (!local) return { form: base, base, restoredAt: null }
  const stale = saved && local.savedAt <= Date.parse(saved.updatedAt)
  if (stale || sameContent(local.form, base)) {
    dropLocal(key)
    return { form: base, base, restoredAt: null }
  }
  return { form: local.form, base, restoredAt: local.savedAt }
}

const AUTOSAVE_MS = 600

export function useComposer(saved: LessonDraft | null) {
  const [start] = useState(() => startingForm(saved))
  const [form, setForm] = useState<LessonForm>(start.form)
  const [restoredAt, setRestoredAt] = useState<number | null>(start.restoredAt)
  const [meta, setMeta] = useState<SavedMeta | null>(saved ? metaOf(saved) : null)
  const [busy, setBusy] = useState<Busy>(null)
  const [problem, setProblem] = useState<FormProblem | null>(null)
  const [refusal, setRefusal] = useState<Refusal | null>(null)
  const [preview, setPreview] = useState<LessonView | null>(null)
  // The form as last saved (or loaded): the local copy is kept only while the form differs.
  const savedForm = useRef<LessonForm>(start.base)
  const lessonId = meta?.id

  useEffect(() => {
    const key = localKey(lessonId)
    if (sameContent(form, savedForm.current)) return
    // Checked again when it fires: a save may have caught up with the form meanwhile.
    const t = setTimeout(() => { if (!sameContent(form, savedForm.current)) keepLocal(key, form) }, AUTOSAVE_MS)
    return () => clearTimeout(t)
  }, [form, lessonId])

  const update = (change: Partial<LessonForm>) => {
    setForm((f) => ({ ...f, ...change }))
    // A field changed: its problem may be gone; the next check says.
    if (problem && change[problem.field as keyof LessonForm] !== undefined) setProblem(null)
  }

  const showProblem = (p: FormProblem) => {
    setProblem(p)
    void Taro.pageScrollTo({ selector: `#field-${p.field}`, duration: 200, offsetTop: -80 }).catch(() => undefined)
  }

  const refuse = (e: unknown) => {
    const err = asCallError(e)
    const field = err.code === 'INVALID_ARGUMENT' ? fieldOfError(err.details) : null
    setRefusal({ message: errorMessage(err), field })
    if (field) void Taro.pageScrollTo({ selector: `#field-${field}`, duration: 200, offsetTop: -80 }).catch(() => undefined)
  }

  /** Saves the form; the saved lesson, or null when a check or the function refused (the form stays). */
  const saveNow = async (): Promise<LessonDraft | null> => {
    const check = saveInputOf(form, lessonId)
    if (!check.ok) {
      showProblem(check.problem)
      return null
    }
    setProblem(null)
    setRefusal(null)
    const sent = form
    try {
      const draft = await call('lesson', 'save', check.input)
      savedForm.current = sent
      if (sent.target.kind === 'groups') rememberGroupNames(sent.target.groups)
      dropLocal(localKey(undefined))
      dropLocal(localKey(draft.id))
      setRestoredAt(null)
      setMeta(metaOf(draft))
      // The server's cover URL, once there is one to show.
      if (draft.coverUrl) setForm((f) => (f.cover && f.cover.fileID === draft.cover ? { ...f, cover: { ...f.cover, url: f.cover.url ?? draft.coverUrl } } : f))
      return draft
    } catch (e) {
      refuse(e)
      return null
    }
  }

  const run = async <T>(what: Exclude<Busy, null>, job: () => Promise<T>): Promise<T | undefined> => {
    if (busy) return undefined
    setBusy(what)
    try {
      return await job()
    } finally {
      setBusy(null)
    }
  }

  const save = () => run('save', async () => {
    const draft = await saveNow()
    if (draft) void Taro.showToast({ title: draft.state === 'published' ? '已保存，读者会看到“已更新”' : '已保存', icon: 'none' })
    return draft
  })

  const publish = () => run('publish', async () => {
    const when = scheduleProblem(form.schedule)
    if (when) {
      showProblem(when)
      return null
    }
    const draft = await saveNow()
    if (!draft) return null
    try {
      const done = await call('lesson', 'publish', { lessonId: draft.id, publishAt: publishAtOf(form.schedule) })
      setMeta(metaOf(done))
      return done
    } catch (e) {
      refuse(e)
      return null
    }
  })

  const discard = () => run('discard', async () => {
    if (!lessonId) {
      dropLocal(localKey(undefined))
      return true
    }
    try {
      await call('lesson', 'discard', { lessonId })
      dropLocal(localKey(lessonId))
      return true
    } catch (e) {
      refuse(e)
      return false
    }
  })

  /** Saves, then asks the function for the lesson as a reader will see it. */
  const readerPreview = () => run('preview', async () => {
    const draft = await saveNow()
    if (!draft) return null
    try {
      const view = await call('lesson', 'get', { lessonId: draft.id })
      setPreview(view)
      return view
    } catch (e) {
      refuse(e)
      return null
    }
  })

  /** Goes back to the lesson as saved, forgetting the restored copy. */
  const dropRestored = () => {
    dropLocal(localKey(lessonId))
    setForm(savedForm.current)
    setRestoredAt(null)
  }

  return {
    form, update, meta, busy, problem, refusal, preview, restoredAt,
    save, publish, discard, readerPreview, dropRestored,
    closePreview: () => setPreview(null)
  }
}
