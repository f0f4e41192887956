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

/** The form of a saved lesson; group names as the function kept them, or from `names` (what the composer picked before). */
export function formOfDraft(draft: LessonDraft, names: Record<string, string> = {}): LessonForm {
  names = { ...Object.fromEntries(draft.targetGroups.map((g) => [g.id, g.name])), ...names }
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

/**
 * A new draft's request id (`lesson.save`'s `requestId`): chosen once per draft and sent
 * with every save until the function answers with the lesson's id, so a save retried after
 * a lost answer finds the lesson it created instead of creating a second one.
 */
export function newRequestId(random: () => number = Math.random): string {
  const chars = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'
  let id = 'd'
  for (let i = 0; i < 23; i++) id += chars[Math.floor(random() * chars.length) % chars.length]
  return id
}

/**
 * `lesson.save`'s input of the form, or the first thing to fix: with `lessonId` for a
 * saved lesson, else with the draft's `requestId`.
 */
export function saveInputOf(form: LessonForm, lessonId?: string, requestId?: string): SaveCheck {
  const problem = lengthProblem('title', form.title, LESSON_LIMITS.title, '标题', true)
    ?? lengthProblem('summary', form.summary, LESSON_LIMITS.summary, '摘要', false)
    // The body is counted as typed: the limit is on its source text.
    ?? (form.body.length > LESSON_LIMITS.body ? { field: 'body' as const, message: `正文不能超过${LESSON_LIMITS.body}字（现有${form.body.length}字）` } : null)
    ?? targetProblem(form.target)
  if (problem) return { ok: false, problem }
  const quiz = checkQuiz(form.quiz)
  if (!quiz.ok) return { ok: false, problem: { field: 'quiz', message: quiz.problem.message, quiz: quiz.problem } }
  const input: SaveInput = {
    ...(lessonId ? { lessonId } : requestId ? { requestId } : {}),
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

/** What local storage keeps of a form: the form, when it was typed, and a new draft's request id. */
export interface LocalCopy {
  form: LessonForm
  savedAt: number
  requestId?: string
}

export const localKey = (lessonId: string | undefined): string => `${LOCAL_PREFIX}${lessonId ?? 'new'}`

/** Keeps the form in local storage (a full store or a refusal loses only this copy). */
export function keepLocal(key: string, form: LessonForm, requestId?: string, now: number = Date.now()): void {
  try {
    // A picture's page-local address (blob:) dies with the page: the copy keeps only the file.
    const kept = form.cover?.url?.startsWith('blob:') ? { ...form, cover: { ...form.cover, url: null } } : form
    Taro.setStorageSync(key, JSON.stringify({ form: kept, savedAt: now, ...(requestId ? { requestId } : {}) } satisfies LocalCopy))
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
    const requestId = typeof copy.requestId === 'string' && /^[A-Za-z0-9_-]{8,64}$/.test(copy.requestId) ? copy.requestId : undefined
    return { savedAt: copy.savedAt, form: { ...emptyForm(), ...copy.form }, ...(requestId ? { requestId } : {}) }
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

const FORM_FIELDS: readonly FormField[] = ['title', 'summary', 'body', 'cover', 'media', 'quiz', 'target', 'schedule']
const QUIZ_FIELDS: Record<string, QuizProblem['field']> = { text: 'text', options: 'option', answer: 'answer', explanation: 'explanation' }

/** A refusal from the function, placed: the field it is about (null: the whole lesson), and where in the quiz. */
export interface Refusal {
  message: string
  field: FormField | null
  quiz?: QuizProblem
}

/** The first issue of a contract check (`details: [{ path, message }]`), if the error carries one. */
function firstIssue(details: unknown): { path: unknown[]; message: string } | null {
  const first = Array.isArray(details) ? (details[0] as { path?: unknown; message?: unknown } | undefined) : undefined
  if (!first || !Array.isArray(first.path)) return null
  return { path: first.path, message: typeof first.message === 'string' ? first.message : '' }
}

/** Where in the quiz a contract path points (`quiz.questions.<n>.options.<k>.text`). */
function quizPlace(path: unknown[], message: string): QuizProblem | undefined {
  const [, questions, n, what, k] = path
  if (questions !== 'questions' || typeof n !== 'number' || typeof what !== 'string' || !QUIZ_FIELDS[what]) return undefined
  const field = QUIZ_FIELDS[what]
  const option = field === 'option' && typeof k === 'number' ? k : undefined
  if (field === 'option' && option === undefined) return { question: n, field: 'answer', message: `第${n + 1}题：${message}` }
  return { question: n, field, ...(option !== undefined ? { option } : {}), message: `第${n + 1}题：${message}` }
}

/** What the function's message is about, when it names no path (its own checks: files, targets, time). */
function fieldOfMessage(message: string): FormField | null {
  if (/封面/.test(message) && !/音/.test(message)) return 'cover'
  if (/音视频|音频|视频/.test(message)) return 'media'
  if (/党小组|省份|实习生/.test(message)) return 'target'
  if (/定时发布|发布时间/.test(message)) return 'schedule'
  return null
}

/**
 * A refusal of `lesson.save` or `lesson.publish` placed at its field: a contract check
 * names the field by its path (its Chinese message shown there, without the path), the
 * function's own checks by what their message speaks of; anything else is the lesson's.
 */
export function refusalOf(code: string, message: string, details: unknown): Refusal {
  if (code !== 'INVALID_ARGUMENT') return { message, field: null }
  const issue = firstIssue(details)
  if (issue) {
    const head = issue.path[0] === 'publishAt' ? 'schedule' : issue.path[0]
    const field = typeof head === 'string' && (FORM_FIELDS as readonly string[]).includes(head) ? (head as FormField) : null
    if (field) {
      const said = issue.message || message
      if (field === 'quiz') {
        const quiz = quizPlace(issue.path, said)
        return { message: quiz?.message ?? said, field, ...(quiz ? { quiz } : {}) }
      }
      return { message: said, field }
    }
  }
  return { message, field: fieldOfMessage(message) }
}
