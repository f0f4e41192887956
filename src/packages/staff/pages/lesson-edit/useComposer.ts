/**
 * The composer's state and what it does: the form (restored from the local copy when that
 * is newer than the saved lesson), saving, publishing, discarding and the reader's preview,
 * each checked first and each leaving the form as typed when the function refuses. While
 * the form holds changes not saved, leaving asks first and a local copy keeps them.
 */
import { useEffect, useRef, useState } from 'react'
import Taro from '@tarojs/taro'
import { errorMessage } from '../../../../components/PageState'
import { asCallError } from '../../../../hooks/usePageData'
import { ROUTES, withQuery } from '../../../../routes'
import { call } from '../../../../services/cloud'
import {
  dropLocal, emptyForm, formOfDraft, groupNames, keepLocal, localKey, newRequestId, publishAtOf, readLocal, refusalOf,
  rememberGroupNames, sameContent, saveInputOf, scheduleProblem,
  type FormProblem, type LessonDraft, type LessonForm, type Refusal
} from './lessonForm'

export type Busy = 'save' | 'publish' | 'preview' | 'discard' | null

/** What the saved lesson says about itself (state, review, times), beside the form. */
export type SavedMeta = Pick<LessonDraft, 'id' | 'state' | 'review' | 'reviewReason' | 'publishAt' | 'editedAt' | 'updatedAt'>

const metaOf = (d: LessonDraft): SavedMeta => ({
  id: d.id, state: d.state, review: d.review, reviewReason: d.reviewReason, publishAt: d.publishAt, editedAt: d.editedAt, updatedAt: d.updatedAt
})

/** Said before leaving with changes not saved (weapp asks with it; the local copy keeps them). */
export const LEAVE_MESSAGE = '有未保存的修改，确定离开吗？（修改会暂存在本机，下次打开时可恢复）'

interface Start {
  form: LessonForm
  base: LessonForm
  restoredAt: number | null
  requestId: string
}

/** The form to start from: the saved lesson's, or a newer copy left in local storage. */
function startingForm(saved: LessonDraft | null): Start {
  const base = saved ? formOfDraft(saved, groupNames()) : emptyForm()
  const key = localKey(saved?.id)
  const local = readLocal(key)
  // A new draft keeps the request id of its earlier attempts, so their lesson is found again.
  const requestId = (!saved && local?.requestId) || newRequestId()
  if (!local) return { form: base, base, restoredAt: null, requestId }
  const stale = saved && local.savedAt <= Date.parse(saved.updatedAt)
  if (stale || sameContent(local.form, base)) {
    if (saved) dropLocal(key)
    return { form: base, base, restoredAt: null, requestId }
  }
  return { form: local.form, base, restoredAt: local.savedAt, requestId }
}

const AUTOSAVE_MS = 600

/** Asks before the page is left while `dirty` (weapp: WeChat's own dialog; H5: the browser's, on closing or reloading). */
function useLeaveGuard(dirty: boolean): void {
  useEffect(() => {
    if (!dirty) return
    if (process.env.TARO_ENV === 'weapp') {
      void Taro.enableAlertBeforeUnload({ message: LEAVE_MESSAGE })
      return () => { void Taro.disableAlertBeforeUnload() }
    }
    if (typeof window === 'undefined') return
    const ask = (e: BeforeUnloadEvent) => {
      e.preventDefault()
      e.returnValue = LEAVE_MESSAGE
      return LEAVE_MESSAGE
    }
    window.addEventListener('beforeunload', ask)
    return () => window.removeEventListener('beforeunload', ask)
  }, [dirty])
}

export function useComposer(saved: LessonDraft | null) {
  const [start] = useState(() => startingForm(saved))
  const [form, setForm] = useState<LessonForm>(start.form)
  const [restoredAt, setRestoredAt] = useState<number | null>(start.restoredAt)
  const [meta, setMeta] = useState<SavedMeta | null>(saved ? metaOf(saved) : null)
  const [busy, setBusy] = useState<Busy>(null)
  // What `run` reads: a second tap can come before the busy state is drawn.
  const busyRef = useRef<Busy>(null)
  const [problem, setProblem] = useState<FormProblem | null>(null)
  const [refusal, setRefusal] = useState<Refusal | null>(null)
  // The form as last saved (or loaded): the local copy is kept only while the form differs.
  const [savedForm, setSavedForm] = useState<LessonForm>(start.base)
  const requestId = useRef(start.requestId)
  const lessonId = meta?.id
  const dirty = !sameContent(form, savedForm)

  // The local copy: written shortly after typing stops, and at once when the page goes.
  const latest = useRef({ form, dirty, lessonId })
  latest.current = { form, dirty, lessonId }
  const keep = () => {
    const now = latest.current
    if (now.dirty) keepLocal(localKey(now.lessonId), now.form, now.lessonId ? undefined : requestId.current)
  }
  useEffect(() => {
    if (!dirty) return
    const t = setTimeout(keep, AUTOSAVE_MS)
    return () => clearTimeout(t)
  }, [form, dirty, lessonId])
  useEffect(() => keep, [])
  useLeaveGuard(dirty)

  const update = (change: Partial<LessonForm>) => {
    setForm((f) => ({ ...f, ...change }))
    // A field changed: its problem may be gone; the next check says.
    if (problem && change[problem.field as keyof LessonForm] !== undefined) setProblem(null)
    if (refusal?.field && change[refusal.field as keyof LessonForm] !== undefined) setRefusal(null)
  }

  const scrollTo = (field: string) => {
    void Promise.resolve(Taro.pageScrollTo({ selector: `#field-${field}`, duration: 200, offsetTop: -80 })).catch(() => undefined)
  }

  const showProblem = (p: FormProblem) => {
    setRefusal(null)
    setProblem(p)
    scrollTo(p.field)
  }

  const refuse = (e: unknown) => {
    const err = asCallError(e)
    const placed = refusalOf(err.code, errorMessage(err), err.details)
    setRefusal(placed)
    if (placed.field) scrollTo(placed.field)
  }

  /** Saves the form; the saved lesson, or null when a check or the function refused (the form stays). */
  const saveNow = async (): Promise<LessonDraft | null> => {
    const check = saveInputOf(form, lessonId, requestId.current)
    if (!check.ok) {
      showProblem(check.problem)
      return null
    }
    setProblem(null)
    setRefusal(null)
    const sent = form
    try {
      const draft = await call('lesson', 'save', check.input)
      setSavedForm(sent)
      if (sent.target.kind === 'groups') rememberGroupNames(sent.target.groups)
      dropLocal(localKey(undefined))
      dropLocal(localKey(draft.id))
      setRestoredAt(null)
      setMeta(metaOf(draft))
      latest.current = { ...latest.current, lessonId: draft.id }
      // The server's cover URL, once there is one to show.
      if (draft.coverUrl) setForm((f) => (f.cover && f.cover.fileID === draft.cover ? { ...f, cover: { ...f.cover, url: f.cover.url ?? draft.coverUrl } } : f))
      return draft
    } catch (e) {
      refuse(e)
      // Kept now, not in a moment: the composer may leave right after a failure.
      keepLocal(localKey(lessonId), sent, lessonId ? undefined : requestId.current)
      return null
    }
  }

  const run = async <T>(what: Exclude<Busy, null>, job: () => Promise<T>): Promise<T | undefined> => {
    if (busyRef.current) return undefined
    busyRef.current = what
    setBusy(what)
    try {
      return await job()
    } finally {
      busyRef.current = null
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
      setSavedForm(form)
      return true
    }
    try {
      await call('lesson', 'discard', { lessonId })
      dropLocal(localKey(lessonId))
      // Nothing is left to keep: leaving asks no more.
      setSavedForm(form)
      latest.current = { ...latest.current, dirty: false }
      return true
    } catch (e) {
      refuse(e)
      return false
    }
  })

  /** Saves, then opens the reader's page on the saved lesson (`lesson.get` answers its composer a preview). */
  const readerPreview = () => run('preview', async () => {
    const draft = await saveNow()
    if (!draft) return null
    await Promise.resolve(Taro.navigateTo({ url: withQuery(ROUTES.lessonRead, { lessonId: draft.id }) })).catch(() => undefined)
    return draft
  })

  /** Goes back to the lesson as saved, forgetting the restored copy. */
  const dropRestored = () => {
    dropLocal(localKey(lessonId))
    setForm(savedForm)
    setRestoredAt(null)
  }

  return {
    form, update, meta, busy, dirty, problem, refusal, restoredAt,
    save, publish, discard, readerPreview, dropRestored
  }
}
