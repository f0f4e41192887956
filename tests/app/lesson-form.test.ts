/**
 * The composer's form (staff lesson-edit/lessonForm): the form's check lets through only
 * input `lesson.save` accepts, and refuses with the field to fix; a new draft carries its
 * request id, a saved one its id; the function's refusals land at the field they are about
 * (the quiz's at its question); a publish time must be ahead; the local copy comes back as
 * it was kept.
 */
import fc from 'fast-check'
import { lessonActions, LESSON_LIMITS } from '../../types/actions/lesson'
import {
  emptyForm, keepLocal, newRequestId, publishAtOf, readLocal, refusalOf, saveInputOf, scheduleProblem,
  type FormField, type LessonForm
} from '../../src/packages/staff/pages/lesson-edit/lessonForm'
import { clearStorageSync } from './mocks/taro'

const saveInput = lessonActions.save.input
const publishInput = lessonActions.publish.input

const typed = (max: number, required: boolean) => fc.oneof(
  ...(required ? [fc.constant(''), fc.constant('  ')] : [fc.constant('')]),
  fc.string({ minLength: 1, maxLength: 10 }).map((s) => `课${s}`),
  fc.integer({ min: max - 1, max: max + 2 }).map((n) => ` ${'党'.repeat(n)} `)
)

const fileId = (ext: string) => fc.stringMatching(/^[a-z0-9]{24}$/).map((r) => `cloud://env-1/lessons/202609/${r}.${ext}`)
const groupId = fc.stringMatching(/^[a-z0-9]{6,10}$/)

const target = fc.oneof(
  fc.constant({ kind: 'all' as const }),
  fc.uniqueArray(fc.constantFrom('河南省', '湖北省', '北京市', '广东省'), { maxLength: 3 }).map((provinces) => ({ kind: 'provinces' as const, provinces })),
  fc.uniqueArray(groupId, { maxLength: 3 }).map((ids) => ({ kind: 'groups' as const, groups: ids.map((id) => ({ id, name: null })) }))
)

const form: fc.Arbitrary<LessonForm> = fc.record({
  title: typed(LESSON_LIMITS.title, true),
  summary: typed(LESSON_LIMITS.summary, false),
  body: fc.oneof(fc.constant(''), fc.string({ maxLength: 40 }), fc.constant('字'.repeat(LESSON_LIMITS.body + 1))),
  cover: fc.option(fileId('jpg').map((fileID) => ({ fileID, url: null }))),
  media: fc.option(fc.oneof(
    fileId('mp3').map((fileID) => ({ kind: 'audio' as const, fileID, name: '讲解.mp3', bytes: 1024 })),
    fileId('mp4').map((fileID) => ({ kind: 'video' as const, fileID, name: '视频.mp4', bytes: 4096 }))
  )),
  quiz: fc.constant([]),
  target,
  schedule: fc.constant({ mode: 'now' as const })
})

describe('the lesson form', () => {
  it('sends only what lesson.save accepts, and otherwise names the field to fix', () => {
    fc.assert(fc.property(form, fc.option(groupId, { nil: undefined }), (f, lessonId) => {
      const check = saveInputOf(f, lessonId, newRequestId())
      const parsed = saveInput.safeParse(check.ok ? check.input : {
        title: f.title, summary: f.summary, body: f.body, cover: f.cover?.fileID ?? null, media: f.media, quiz: null,
        target: f.target.kind === 'groups' ? { kind: 'groups', groupIds: f.target.groups.map((g) => g.id) } : f.target
      })
      expect(check.ok).toBe(parsed.success)
      if (!check.ok) {
        const head = parsed.error!.issues[0].path[0]
        expect(check.problem.field).toBe(head as FormField)
        expect(check.problem.message).toMatch(/[\u4e00-\u9fa5]/)
      }
    }), { numRuns: 300 })
  })

  it('gives a new draft its request id and a saved lesson its id, never both', () => {
    fc.assert(fc.property(fc.option(groupId, { nil: undefined }), fc.infiniteStream(fc.double({ min: 0, max: 0.999999, noNaN: true })), (lessonId, randoms) => {
      const requestId = newRequestId(() => randoms.next().value)
      expect(requestId).toMatch(/^[A-Za-z0-9_-]{8,64}$/)
      const check = saveInputOf({ ...emptyForm(), title: '学习党章' }, lessonId, requestId)
      if (!check.ok) throw new Error(check.problem.message)
      expect(saveInput.safeParse(check.input).success).toBe(true)
      expect(check.input.lessonId).toBe(lessonId)
      expect(check.input.requestId).toBe(lessonId ? undefined : requestId)
    }))
  })

  it('places the contract refusals at their field, a quiz refusal at its question', () => {
    const questions = (n: number, bad: number, what: 'text' | 'option' | 'answer') => Array.from({ length: n }, (_, i) => ({
      id: `q${i}`,
      text: i === bad && what === 'text' ? '' : `题${i}`,
      kind: 'single' as const,
      options: [{ id: 'a', text: i === bad && what === 'option' ? '' : '甲' }, { id: 'b', text: '乙' }],
      answer: i === bad && what === 'answer' ? [] : ['a']
    }))
    const invalid = fc.oneof(
      fc.constant({ title: '' }),
      fc.constant({ title: '题'.repeat(LESSON_LIMITS.title + 1) }),
      fc.constant({ summary: '摘'.repeat(LESSON_LIMITS.summary + 1) }),
      fc.constant({ cover: 'cloud://env/other/x.jpg' }),
      fc.constant({ target: { kind: 'groups', groupIds: [] } }),
      fc.integer({ min: 1, max: 5 }).chain((n) => fc.tuple(fc.constant(n), fc.nat({ max: n - 1 }), fc.constantFrom('text' as const, 'option' as const, 'answer' as const)))
        .map(([n, bad, what]) => ({ quiz: { questions: questions(n, bad, what) }, bad, what }))
    )
    fc.assert(fc.property(invalid, (change) => {
      const { bad, what, ...fields } = change as Record<string, unknown> & { bad?: number; what?: string }
      const parsed = saveInput.safeParse({ title: '学习党章', ...fields })
      expect(parsed.success).toBe(false)
      // As the dispatcher answers it.
      const details = parsed.error!.issues.map((i) => ({ path: i.path, message: i.message }))
      const refusal = refusalOf('INVALID_ARGUMENT', `参数不正确：${details[0].path.join('.')}：${details[0].message}`, details)
      expect(refusal.field).toBe(Object.keys(fields)[0])
      expect(refusal.message).not.toMatch(/参数不正确/)
      if (bad !== undefined) {
        expect(refusal.quiz).toMatchObject({ question: bad, field: what })
        expect(refusal.message).toMatch(new RegExp(`^第${bad + 1}题：`))
      }
    }))
  })

  it("places the function's own refusals by what they speak of, and a publish time's at the schedule", () => {
    expect(refusalOf('INVALID_ARGUMENT', '封面文件不存在，请重新上传', undefined).field).toBe('cover')
    expect(refusalOf('INVALID_ARGUMENT', '音视频文件不存在，请重新上传', undefined).field).toBe('media')
    expect(refusalOf('INVALID_ARGUMENT', '所选省份没有2026-2027年度的党小组', undefined).field).toBe('target')
    expect(refusalOf('INVALID_ARGUMENT', '定时发布最多提前90天', undefined).field).toBe('schedule')
    expect(refusalOf('INVALID_ARGUMENT', '内容未通过安全检查，请修改后再保存', undefined)).toEqual({ message: '内容未通过安全检查，请修改后再保存', field: null })
    expect(refusalOf('PERMISSION_DENIED', '封面只能由作者修改', undefined).field).toBeNull()
    const parsed = publishInput.safeParse({ lessonId: 'l1', publishAt: '明天' })
    const details = parsed.error!.issues.map((i) => ({ path: i.path, message: i.message }))
    expect(refusalOf('INVALID_ARGUMENT', 'x', details)).toEqual({ message: '发布时间格式不正确', field: 'schedule' })
  })

  it('takes a publish time only ahead of now, and sends it as the contract takes it', () => {
    const now = new Date('2026-09-01T10:00:00+08:00')
    fc.assert(fc.property(fc.integer({ min: -60 * 24 * 10, max: 60 * 24 * 10 }), (minutes) => {
      const at = new Date(now.getTime() + minutes * 60_000)
      const pad = (n: number) => String(n).padStart(2, '0')
      const schedule = { mode: 'at' as const, date: `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}`, time: `${pad(at.getHours())}:${pad(at.getMinutes())}` }
      expect(scheduleProblem(schedule, now)?.field ?? null).toBe(minutes > 0 ? null : 'schedule')
      const iso = publishAtOf(schedule)
      expect(publishInput.safeParse({ lessonId: 'l1', publishAt: iso }).success).toBe(true)
      expect(Date.parse(iso!)).toBe(at.getTime() - at.getSeconds() * 1000 - at.getMilliseconds())
    }))
    expect(scheduleProblem({ mode: 'at', date: '', time: '' }, now)?.message).toBe('请选择发布的日期和时间')
    expect(publishAtOf({ mode: 'now' })).toBeNull()
  })

  it('keeps the local copy as it was typed, with its request id, but no page-local picture address', () => {
    fc.assert(fc.property(form, fc.boolean(), (f, blob) => {
      clearStorageSync()
      const typedForm = f.cover ? { ...f, cover: { ...f.cover, url: blob ? 'blob:http://x/1' : 'https://x/c.jpg' } } : f
      keepLocal('lessonDraft:new', typedForm, 'dabcdefgh12345678', 1000)
      const copy = readLocal('lessonDraft:new')
      expect(copy?.savedAt).toBe(1000)
      expect(copy?.requestId).toBe('dabcdefgh12345678')
      expect(copy?.form).toEqual(f.cover && blob ? { ...typedForm, cover: { ...f.cover, url: null } } : typedForm)
    }))
  })
})
