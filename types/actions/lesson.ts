/**
 * 微党课 micro Party lessons: teachers and the branch compose a lesson (text, a cover, an
 * optional audio or video, an optional short quiz), push it to everyone, some provinces or
 * some groups, now or at a set time; readers find it in their 微党课 tab, read it and
 * answer; the teachers see who has read it.
 */
import { z } from 'zod'
import { action, cursorInput, cursorPage, id, internshipYear, text } from '../schema'
import { LESSON_FILES, LESSON_LIMITS } from '../lessonLimits'

export { LESSON_FILES, LESSON_LIMITS, type LessonFileKind } from '../lessonLimits'

/** A file in cloud storage, as a lesson refers to it (never a public URL). */
const cloudFileId = z.string().trim().min(1).max(1024).startsWith('cloud://', '应为云存储文件ID')

/**
 * A file uploaded for a lesson through `uploadTicket` (`lessons/<yyyymm>/<random>.<ext>`):
 * a lesson refers to nothing else in storage, so it can never hand out another file's URL.
 */
const LESSON_FILE_PATH = /^cloud:\/\/[^/\s]+\/lessons\/\d{6}\/[a-z0-9]{24}\.(jpg|png|webp|mp3|m4a|aac|mp4)$/
const lessonFileId = cloudFileId.regex(LESSON_FILE_PATH, '请使用“上传”取得的文件')
const IMAGE_FILE = /\.(jpg|png|webp)$/

export const lessonMedia = z.object({
  kind: z.enum(['audio', 'video']),
  fileID: lessonFileId,
  /** the file's name as the composer chose it, shown to readers */
  name: z.string().trim().min(1).max(100),
  bytes: z.number().int().min(1)
}).refine((m) => m.bytes <= LESSON_FILES[m.kind].maxBytes, { message: '文件过大', path: ['bytes'] })
  .refine((m) => (m.kind === 'video' ? /\.mp4$/ : /\.(mp3|m4a|aac)$/).test(m.fileID), { message: '文件类型与音频/视频不符', path: ['fileID'] })

const optionId = z.string().trim().regex(/^[a-z0-9]{1,8}$/, '选项编号应为1-8位小写字母或数字')

const quizQuestionFields = z.object({
  id: z.string().trim().regex(/^[a-z0-9]{1,8}$/, '题目编号应为1-8位小写字母或数字'),
  text: text(LESSON_LIMITS.questionText),
  kind: z.enum(['single', 'multiple']),
  options: z.array(z.object({ id: optionId, text: text(LESSON_LIMITS.optionText) })).min(LESSON_LIMITS.optionsMin, '每题至少2个选项').max(LESSON_LIMITS.optionsMax, '每题至多6个选项'),
  /** the correct options (one for a single-choice question) */
  answer: z.array(optionId).min(1, '请标出正确答案'),
  explanation: z.string().trim().max(LESSON_LIMITS.explanation).optional()
})

const distinct = (xs: string[]): boolean => new Set(xs).size === xs.length

/** A question whose options are distinct and whose answer names its own options (exactly one for a single choice). */
export const quizQuestion = quizQuestionFields
  .refine((q) => distinct(q.options.map((o) => o.id)), { message: '选项编号不能重复', path: ['options'] })
  .refine((q) => distinct(q.answer) && q.answer.every((a) => q.options.some((o) => o.id === a)), { message: '正确答案应为本题的选项', path: ['answer'] })
  .refine((q) => q.kind === 'multiple' || q.answer.length === 1, { message: '单选题只能有一个正确答案', path: ['answer'] })
export const quiz = z.object({ questions: z.array(quizQuestion).min(1).max(LESSON_LIMITS.questions, '每课至多10道题') })
  .refine((q) => distinct(q.questions.map((x) => x.id)), { message: '题目编号不能重复', path: ['questions'] })

/** Who a lesson is for: everyone, the groups of some provinces, or some groups (of the lesson's year). */
export const lessonTarget = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('all') }),
  z.object({ kind: z.literal('provinces'), provinces: z.array(z.string().trim().min(1).max(20)).min(1, '请选择省份').max(34) }),
  z.object({ kind: z.literal('groups'), groupIds: z.array(id).min(1, '请选择党小组').max(LESSON_LIMITS.groups) })
])

/**
 * Where a lesson stands: a draft; published but waiting for its time (scheduled) or for the
 * content check (in review); visible to its readers (published).
 */
export const LESSON_STATES = ['draft', 'scheduled', 'reviewing', 'published'] as const
export const lessonState = z.enum(LESSON_STATES)

/** The content check's verdict on what a lesson holds: pass, under review (not shown to readers), refused. */
export const contentReview = z.enum(['pass', 'review', 'risky'])

/** What a lesson holds, as the composer writes it. */
const lessonFields = {
  title: text(LESSON_LIMITS.title),
  summary: z.string().trim().max(LESSON_LIMITS.summary).default(''),
  /** Markdown (headings, paragraphs, emphasis, lists, quotes, links); rendered and sanitised on the server */
  body: z.string().max(LESSON_LIMITS.body, `正文不能超过${LESSON_LIMITS.body}字`).default(''),
  /** an image uploaded with `uploadTicket` (kind cover) */
  cover: lessonFileId.refine((f) => IMAGE_FILE.test(f), '封面应为图片').nullable().default(null),
  /** an audio or video uploaded with `uploadTicket` */
  media: lessonMedia.nullable().default(null),
  quiz: quiz.nullable().default(null),
  target: lessonTarget.default({ kind: 'all' }),
  /** the internship year whose groups it is for; default: the latest year with groups */
  year: internshipYear.optional()
}

/** A lesson as its composer edits it: every field, the quiz with its answers. */
export const lessonDraft = z.object({
  id: z.string(),
  state: lessonState,
  review: contentReview,
  /** why the content check (or the branch) holds or refused it; null when it passed */
  reviewReason: z.string().nullable(),
  title: z.string(),
  summary: z.string(),
  body: z.string(),
  cover: z.string().nullable(),
  /** a temporary URL of the cover, for the editor's preview */
  coverUrl: z.string().nullable(),
  media: lessonMedia.nullable(),
  quiz: quiz.nullable(),
  target: lessonTarget,
  /** the names of the groups a `groups` target lists, as they were when it was saved (empty for other targets) */
  targetGroups: z.array(z.object({ id: z.string(), name: z.string() })),
  year: z.string(),
  /** when it becomes (or became) visible; null for a draft */
  publishAt: z.string().nullable(),
  /** the last change after it was published; readers see "已更新" */
  editedAt: z.string().nullable(),
  authorName: z.string(),
  createdAt: z.string(),
  updatedAt: z.string()
})

/** A question as a reader sees it before answering: no answer, no explanation. */
const quizQuestionForReader = quizQuestionFields.omit({ answer: true, explanation: true })

/** How one question of a reader's answers was scored. */
const questionResult = z.object({
  questionId: z.string(),
  chosen: z.array(z.string()),
  correct: z.boolean(),
  answer: z.array(z.string()),
  explanation: z.string().nullable()
})

export const quizResult = z.object({
  score: z.number().int(),
  max: z.number().int(),
  answeredAt: z.string(),
  results: z.array(questionResult)
})

/** A lesson in a reader's list. */
export const lessonListItem = z.object({
  id: z.string(),
  title: z.string(),
  summary: z.string(),
  coverUrl: z.string().nullable(),
  mediaKind: z.enum(['audio', 'video']).nullable(),
  hasQuiz: z.boolean(),
  authorName: z.string(),
  publishedAt: z.string(),
  editedAt: z.string().nullable(),
  read: z.boolean(),
  quizDone: z.boolean()
})

/** A lesson as a reader opens it (or its composer previews it). */
export const lessonView = z.object({
  id: z.string(),
  title: z.string(),
  summary: z.string(),
  /** sanitised HTML for the rich-text component */
  bodyHtml: z.string(),
  coverUrl: z.string().nullable(),
  /** a temporary URL, issued for this reader */
  media: z.object({ kind: z.enum(['audio', 'video']), name: z.string(), url: z.string() }).nullable(),
  quiz: z.object({ questions: z.array(quizQuestionForReader) }).nullable(),
  authorName: z.string(),
  publishedAt: z.string().nullable(),
  editedAt: z.string().nullable(),
  /** true when the composer looks at it before readers can */
  preview: z.boolean(),
  my: z.object({ readAt: z.string().nullable(), quiz: quizResult.nullable() })
})

/** Read figures: how many were meant to read, have read, have answered, and the quiz average (of answers, 0-100). */
export const readFigures = z.object({
  targeted: z.number().int(),
  read: z.number().int(),
  /** read / targeted, 0-1 (0 when nobody was targeted) */
  readRate: z.number(),
  answered: z.number().int(),
  /** the average score in percent of the quiz's maximum; null without answers or quiz */
  quizAverage: z.number().nullable()
})

/** A lesson in its composer's (or the branch's) list, with its figures. */
export const lessonManageItem = z.object({
  id: z.string(),
  title: z.string(),
  state: lessonState,
  review: contentReview,
  publishAt: z.string().nullable(),
  editedAt: z.string().nullable(),
  authorName: z.string(),
  /** e.g. "全体实习生", "河南省、湖北省", "3个党小组" */
  targetLabel: z.string(),
  figures: readFigures
})

const staff = { advisor: 'any', admin: 'any' } as const
const readers = { intern: 'any', liaison: 'any', coreMember: 'any', advisor: 'any', unitContact: 'any', admin: 'any' } as const

export const lessonActions = {
  save: action({
    summary: '保存微党课（新建或修改；已发布的课修改后读者会看到“已更新”）',
    input: z.object({
      lessonId: id.optional(),
      /** for a new lesson: an id the client chose for this draft, so that a retried save creates it once */
      requestId: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, '请求编号应为8-64位字母、数字、-或_').optional(),
      ...lessonFields
    }).strict(),
    output: lessonDraft,
    access: staff
  }),
  publish: action({
    summary: '发布微党课：立即发布，或定时发布',
    input: z.object({ lessonId: id, publishAt: z.string().datetime({ offset: true, message: '发布时间格式不正确' }).nullable().default(null) }).strict(),
    output: lessonDraft,
    access: staff
  }),
  review: action({
    summary: '审核：通过（读者可见）或退回（回到草稿）内容检查需人工复核的微党课',
    input: z.object({
      lessonId: id,
      verdict: z.enum(['pass', 'risky']),
      /** shown to the composer when sent back */
      reason: z.string().trim().max(200).optional()
    }).strict(),
    output: lessonDraft,
    access: { admin: 'any' }
  }),
  discard: action({
    summary: '删除读者尚未看到的微党课（草稿、待审核、未到时间的定时发布）',
    input: z.object({ lessonId: id }).strict(),
    output: z.object({ discarded: z.boolean() }),
    access: staff
  }),
  edit: action({
    summary: '编辑用：微党课的全部内容（含测验答案）',
    input: z.object({ lessonId: id }).strict(),
    output: lessonDraft,
    access: staff
  }),
  manage: action({
    summary: '我发布的微党课（党总支看全部），含阅读情况',
    input: z.object({ ...cursorInput, state: lessonState.optional() }).strict(),
    output: cursorPage(lessonManageItem),
    access: staff
  }),
  list: action({
    /** interns: those pushed to their group (or, without a group, to everyone of their year); teachers, unit contacts and the branch: every published lesson */
    summary: '我的微党课（最新在前，未读标出）',
    input: z.object({ ...cursorInput }).strict(),
    output: cursorPage(lessonListItem),
    access: readers
  }),
  get: action({
    summary: '阅读微党课',
    input: z.object({ lessonId: id }).strict(),
    output: lessonView,
    access: readers
  }),
  markRead: action({
    summary: '标记已读（重复标记不重复计数）',
    input: z.object({ lessonId: id }).strict(),
    output: z.object({ readAt: z.string(), firstTime: z.boolean() }),
    access: readers
  }),
  answerQuiz: action({
    summary: '提交测验答案（只记第一次提交）',
    input: z.object({
      lessonId: id,
      answers: z.array(z.object({ questionId: z.string().trim().min(1).max(8), chosen: z.array(z.string().trim().min(1).max(8)).max(LESSON_LIMITS.optionsMax) })).min(1).max(LESSON_LIMITS.questions)
    }).strict(),
    output: quizResult,
    access: readers
  }),
  figures: action({
    summary: '阅读情况：各党小组的阅读率与测验平均分',
    input: z.object({ lessonId: id }).strict(),
    output: z.object({
      lessonId: z.string(),
      title: z.string(),
      totals: readFigures,
      /**
       * one row per targeted group the caller may see, by province and name; a lesson for
       * everyone also has a row for the year's interns without a group (groupId
       * `~none:<year>`, groupName 未分组的实习生, province '')
       */
      groups: z.array(readFigures.extend({ groupId: z.string(), groupName: z.string(), province: z.string() }))
    }),
    access: staff
  }),
  unread: action({
    summary: '某党小组尚未阅读的同学',
    input: z.object({ lessonId: id, groupId: id }).strict(),
    output: z.object({ people: z.array(z.object({ id: z.string(), name: z.string() })) }),
    access: { admin: 'any', advisor: 'group', liaison: 'group' }
  }),
  exportFigures: action({
    summary: '导出阅读情况（.xlsx）',
    input: z.object({ lessonId: id.optional() }).strict(),
    output: z.object({ fileID: z.string(), url: z.string() }),
    access: staff
  }),
  uploadTicket: action({
    summary: '上传封面或音视频：取得上传地址',
    input: z.object({
      kind: z.enum(['cover', 'audio', 'video']),
      name: z.string().trim().min(1).max(100),
      contentType: z.string().trim().min(1).max(100),
      bytes: z.number().int().min(1)
    }).strict(),
    output: z.object({
      fileID: z.string(),
      cloudPath: z.string(),
      /**
       * H5: PUT the bytes to this signed URL with `uploadHeaders` (COS's signature); on
       * weapp `Taro.cloud.uploadFile({ cloudPath })` does the same and gives the same fileID
       */
      uploadUrl: z.string(),
      uploadHeaders: z.record(z.string(), z.string())
    }),
    access: staff
  }),
  subscribe: action({
    summary: '同意接收新课提醒（一次性订阅消息，每次同意可收到一次）',
    input: z.object({ accepted: z.number().int().min(1).max(3) }).strict(),
    output: z.object({ remaining: z.number().int() }),
    access: readers
  })
}
