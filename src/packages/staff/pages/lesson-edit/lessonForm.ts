/**
 * The composer's form: what the editor holds while a lesson is written, how it comes from
 * a saved lesson (`lesson.edit`) and becomes `lesson.save`'s input, the checks that say in
 * Chinese what to fix before anything is sent, the publish time, and the copy kept in local
 * storage so that nothing typed is lost.
 */
import Taro from '@tarojs/taro'
import dayjs from 'dayjs'
import type { ActionInput, ActionOutput } from '../../../../../types/contract'
import { LESSON_LIMITS } from '../../../../../types/lessonLimits'
import { checkQuiz, quizDraftOf, type QuizDraft, type QuizProblem } from '../../../../components/QuizEditor/quizState'
import type { TargetDraft } from '../../../../components/TargetPicker/target'
// dayjs speaks Chinese once the app's date helpers are loaded (星期二).
import '../../../../services/dates'

export type LessonDraft = ActionOutput<'lesson', 'edit'>
export type SaveInput = ActionInput<'lesson', 'save'>
export type LessonMedia = NonNullable<LessonDraft['media']>

/** When to publish: now, or at a chosen local date and time. */
export type Schedule = { mode: 'now' } | { mode: 'at'; date: string; time: string }

export interface LessonForm {
  title: string
  summary: string
  body: string
  /** the cover's cloud file and a URL to show it (null while none is known) */
  cover: { fileID: string; url: string | null } | null
  media: LessonMedia | null
  quiz: QuizDraft
  target: TargetDraft
  /** the internship year, kept as the lesson has it (new lessons take the function's default) */
  year?: string
  schedule: Schedule
}

/** The fields a problem can belong to, so the page shows it in place. */
export type FormField = 'title' | 'summary' | 'body' | 'cover' | 'media' | 'quiz' | 'target' | 'schedule'

export interface FormProblem {
  field: FormField
  message: string
  /** where in the quiz, for a quiz problem */
  quiz?: QuizProblem
}

export const emptyForm = (): LessonForm => ({
  title: '', summary: '', body: '', cover: null, media: null, quiz: [], target: { kind: 'all' }, schedule: { mode: 'now' }
})

/** The form of a saved lesson; group names come from `names` (what the composer picked before) when known. */
export function formOfDraft(draft: LessonDraft, names: Record<string, string> = {}): LessonForm {
  const target: TargetDraft = draft.target.kind === 'groups'
    ? { kind: 'groups', groups: draft.target.groupIds.map((id) => ({ id, name: names[id] ?? null })) }
    : draft.target.kind === 'provinces' ? { kind: 'provinces', provinces: [...draft.target.provinces] } : { kind: 'all' }
  const at = draft.state === 'scheduled' && draft.publishAt ? dayjs(draft.publishAt) : null
  return {
    title: draft.title,
    summary: draft.summary,
    body: draft.body,
    cover: draft.cover ? { fileID: draft.cover, url: draft.coverUrl } : null,
    media: draft.media,
    quiz: quizDraftOf(draft.quiz),
    target,
    year: draft.year || undefined,
    schedule: at ? { mode: 'at', date: at.format('YYYY-MM-DD'), time: at.format('HH:mm') } : { mode: 'now' }
  }
}

function lengthProblem(field: FormField, value: string, max: number, what: string, required: boolean): FormProblem | null {
  const t = value.trim()
  if (required && !t) return { field, message: `请填写${what}` }
  if (t.length > max) return { field, message: `${what}不能超过${max}个字（现有${t.length}个）` }
  return null
}

function targetProblem(target: TargetDraft): FormProblem | null {
  if (target.kind === 'provinces' && !target.provinces.length) return { field: 'target', message: '请至少选择一个省份' }
  if (target.kind === 'groups' && !target.groups.length) return { field: 'target', message: '请至少选择一个党小组' }
  if (target.kind === 'groups' && target.groups.length > LESSON_LIMITS.groups) {
    return { field: 'target', message: `一次最多推送给${LESSON_LIMITS.groups}个党小组` }
  }
  return null
}

const targetInput = (target: TargetDraft): SaveInput['target'] =>
  target.kind === 'groups' ? { kind: 'groups', groupIds: target.groups.map((g) => g.id) }
    : target.kind === 'provinces' ? { kind: 'provinces', provinces: [...target.provinces] } : { kind: 'all' }

export type SaveCheck = { ok: true; input: SaveInput } | { ok: false; problem: FormProblem }

/** `lesson.save`'s input of the form, or the first thing to fix. */
export function saveInputOf(form: LessonForm, lessonId?: string): SaveCheck {
  const problem = lengthProblem('title', form.title, LESSON_LIMITS.title, '标题', true)
    ?? lengthProblem('summary', form.summary, LESSON_LIMITS.summary, '摘要', false)
    // The body is counted as typed: the limit is on its source text.
    ?? (form.body.length > LESSON_LIMITS.body ? { field: 'body' as const, message: `正文不能超过${LESSON_LIMITS.body}字（现有${form.body.length}字）` } : null)
    ?? targetProblem(form.target)
  if (problem) return { ok: false, problem }
  const quiz = checkQuiz(form.quiz)
  if (!quiz.ok) return { ok: false, problem: { field: 'quiz', message: quiz.problem.message, quiz: quiz.problem } }
  const input: SaveInput = {
    ...(lessonId ? { lessonId } : {}),
    title: form.title.trim(),
    summary: form.summary.trim(),
    body: form.body,
    cover: form.cover?.fileID ?? null,
    media: form.media,
    quiz: quiz.quiz,
    target: targetInput(form.target),
    ...(form.year ? { year: form.year } : {})
  }
  return { ok: true, input }
}

// ---- publish time -------------------------------------------------------------------

/** The chosen time as the contract takes it (ISO, UTC), or null for "now". */
export function publishAtOf(schedule: Schedule): string | null {
  if (schedule.mode === 'now') return null
  const at = dayjs(`${schedule.date}T${schedule.time}`)
  return at.isValid() ? at.toISOString() : null
}

/** Why the chosen time cannot be used (Chinese), or null. */
export function scheduleProblem(schedule: Schedule, now: Date = new Date()): FormProblem | null {
  if (schedule.mode === 'now') return null
  const at = dayjs(`${schedule.date}T${schedule.time}`)
  if (!schedule.date || !schedule.time || !at.isValid()) return { field: 'schedule', message: '请选择发布的日期和时间' }
  if (!at.isAfter(now)) return { field: 'schedule', message: '定时发布的时间应晚于现在' }
  return null
}

/** A default time to schedule for: the next whole hour, at least half an hour away. */
export function defaultSchedule(now: Date = new Date()): Schedule {
  const at = dayjs(now).add(90, 'minute').startOf('hour')
  return { mode: 'at', date: at.format('YYYY-MM-DD'), time: at.format('HH:mm') }
}

/** 2026年9月1日 星期二 14:00 */
export const scheduleLabel = (schedule: Schedule): string => {
  if (schedule.mode === 'now') return '立即发布'
  const at = dayjs(`${schedule.date}T${schedule.time}`)
  return at.isValid() ? at.format('YYYY年M月D日 dddd HH:mm') : '请选择时间'
}

// ---- the copy in local storage ------------------------------------------------------

const LOCAL_PREFIX = 'lessonDraft:'

/** What local storage keeps of a form: the form and when it was typed. */
export interface LocalCopy {
  form: LessonForm
  savedAt: number
}

export const localKey = (lessonId: string | undefined): string => `${LOCAL_PREFIX}${lessonId ?? 'new'}`

/** Keeps the form in local storage (a full store or a refusal loses only this copy). */
export function keepLocal(key: string, form: LessonForm, now: number = Date.now()): void {
  try {
    Taro.setStorageSync(key, JSON.stringify({ form, savedAt: now } satisfies LocalCopy))
  } catch {
    // nothing to do: the form is still on screen
  }
}

/** The form kept under `key`, if any and readable. */
export function readLocal(key: string): LocalCopy | null {
  try {
    const raw: unknown = Taro.getStorageSync(key)
    if (typeof raw !== 'string' || !raw) return null
    const copy = JSON.parse(raw) as LocalCopy
    if (!copy || typeof copy.savedAt !== 'number' || !copy.form || typeof copy.form.title !== 'string') return null
    return { savedAt: copy.savedAt, form: { ...emptyForm(), ...copy.form } }
  } catch {
    return null
  }
}

export function dropLocal(key: string): void {
  try {
    Taro.removeStorageSync(key)
  } catch {
    // a copy that stays is offered again, and can be dismissed then
  }
}

/** What of a form a save would send, and when to publish (not names or URLs shown beside it). */
const contentOf = (f: LessonForm): string => JSON.stringify([
  f.title, f.summary, f.body, f.cover?.fileID ?? null, f.media, f.quiz,
  f.target.kind === 'groups' ? f.target.groups.map((g) => g.id) : f.target, f.schedule
])

/** Whether two forms hold the same lesson (a restored copy that changes nothing is not offered). */
export const sameContent = (a: LessonForm, b: LessonForm): boolean => contentOf(a) === contentOf(b)

/** A group's name the composer picked, remembered so a saved lesson's chips can show it. */
const GROUP_NAMES_KEY = 'lessonGroupNames'

export function rememberGroupNames(groups: { id: string; name: string | null }[]): void {
  const known = groupNames()
  for (const g of groups) if (g.name) known[g.id] = g.name
  try {
    // The newest 500 are enough to name any lesson's chips.
    Taro.setStorageSync(GROUP_NAMES_KEY, JSON.stringify(Object.fromEntries(Object.entries(known).slice(-500))))
  } catch {
    // names are a convenience
  }
}

export function groupNames(): Record<string, string> {
  try {
    const raw: unknown = Taro.getStorageSync(GROUP_NAMES_KEY)
    return typeof raw === 'string' && raw ? (JSON.parse(raw) as Record<string, string>) : {}
  } catch {
    return {}
  }
}

/** The field a function's INVALID_ARGUMENT names (its details carry the zod path), if one of the form's. */
export function fieldOfError(details: unknown): FormField | null {
  const first = Array.isArray(details) ? (details[0] as { path?: unknown[] } | undefined) : undefined
  const head = Array.isArray(first?.path) ? first!.path[0] : undefined
  const fields: FormField[] = ['title', 'summary', 'body', 'cover', 'media', 'quiz', 'target']
  if (head === 'publishAt') return 'schedule'
  return typeof head === 'string' && (fields as string[]).includes(head) ? (head as FormField) : null
}
