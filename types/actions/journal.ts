/**
 * 学习笔记 the study journal: an intern writes notes (optionally on a lesson, with photos),
 * private by default, shared with their advisors or their whole group when they choose;
 * advisors read what is shared with them and comment; the intern exports their year.
 *
 * Writes come from a device queue that may send them again (a retry, a double tap, a
 * network that came back): every create, edit, removal and comment carries a client
 * request id, and the same request id is applied once, answering what it made. An edit
 * names the version it was made on; if the note changed meanwhile elsewhere it is refused
 * (CONFLICT) rather than overwriting, and the device keeps the edit for the writer.
 */
import { z } from 'zod'
import { JOURNAL_LIMITS } from '../journalLimits'
import { action, cursorInput, cursorPage, id, internshipYear, requestId } from '../schema'

export { JOURNAL_LIMITS } from '../journalLimits'

/** Who may read a note besides its author: nobody, the advisors of their group, or the group's members and advisors. */
export const NOTE_VISIBILITIES = ['private', 'advisor', 'group'] as const
export const noteVisibility = z.enum(NOTE_VISIBILITIES)


/** A photo uploaded with `journal.uploadTicket` (never a public URL, never another file). */
const NOTE_PHOTO = /^cloud:\/\/[^/\s]+\/journal\/\d{6}\/[a-z0-9]{24}\.(jpg|png|webp)$/
const photoId = z.string().trim().regex(NOTE_PHOTO, '请使用“上传”取得的图片')

const noteBody = z.string().trim().min(1, '笔记不能为空').max(JOURNAL_LIMITS.body, `笔记不能超过${JOURNAL_LIMITS.body}字`)

export const noteComment = z.object({
  id: z.string(),
  authorName: z.string(),
  /** e.g. 指导教师 */
  authorRole: z.string(),
  body: z.string(),
  createdAt: z.string()
})

/** A note as those who may read it see it. */
export const noteView = z.object({
  id: z.string(),
  authorId: z.string(),
  authorName: z.string(),
  groupId: z.string().nullable(),
  year: z.string(),
  body: z.string(),
  /** the lesson the note is about, if any */
  lesson: z.object({ id: z.string(), title: z.string() }).nullable(),
  visibility: noteVisibility,
  /** temporary URLs, issued for this reader */
  photos: z.array(z.object({ fileID: z.string(), url: z.string().nullable() })),
  /** increases with every edit; an edit names the version it was made on */
  version: z.number().int(),
  /** 'review': held by the content check, seen by its author only */
  review: z.enum(['pass', 'review']),
  createdAt: z.string(),
  updatedAt: z.string(),
  comments: z.array(noteComment),
  /** true for the author */
  mine: z.boolean()
})

/** A note in a list. */
export const noteListItem = z.object({
  id: z.string(),
  authorName: z.string(),
  /** the beginning of the body */
  excerpt: z.string(),
  lessonTitle: z.string().nullable(),
  visibility: noteVisibility,
  photoCount: z.number().int(),
  commentCount: z.number().int(),
  /** for the author: comments they have not seen; for an advisor: whether they have not opened the note */
  unread: z.number().int(),
  version: z.number().int(),
  review: z.enum(['pass', 'review']),
  createdAt: z.string(),
  updatedAt: z.string()
})

const students = { intern: 'any' } as const

export const journalActions = {
  save: action({
    summary: '保存学习笔记（新建或修改；同一请求编号只生效一次）',
    input: z.object({
      requestId,
      /** absent: a new note */
      noteId: id.optional(),
      /** for an edit: the version it was made on (CONFLICT if the note changed since) */
      baseVersion: z.number().int().min(1).optional(),
      body: noteBody,
      lessonId: id.nullable().default(null),
      visibility: noteVisibility.default('private'),
      photos: z.array(photoId).max(JOURNAL_LIMITS.photos, `最多${JOURNAL_LIMITS.photos}张图片`).default([])
    }).strict().refine((i) => !i.noteId || i.baseVersion !== undefined, { message: '修改笔记需提供所依据的版本', path: ['baseVersion'] }),
    output: noteView,
    access: students
  }),
  remove: action({
    summary: '删除学习笔记（重复删除不报错）',
    input: z.object({ requestId, noteId: id }).strict(),
    output: z.object({ removed: z.boolean() }),
    access: students
  }),
  mine: action({
    summary: '我的学习笔记（最新在前，可按文字搜索）',
    input: z.object({ ...cursorInput, keyword: z.string().trim().max(JOURNAL_LIMITS.keyword).optional() }).strict(),
    output: cursorPage(noteListItem),
    access: students
  }),
  get: action({
    summary: '阅读一篇学习笔记及其评论',
    input: z.object({ noteId: id }).strict(),
    output: noteView,
    access: { intern: 'any', advisor: 'any' }
  }),
  shared: action({
    summary: '学生分享给我的学习笔记（未读在前）',
    input: z.object({ ...cursorInput, groupId: id.optional() }).strict(),
    output: cursorPage(noteListItem.extend({ groupName: z.string() })),
    access: { advisor: 'any' }
  }),
  group: action({
    summary: '本小组分享的学习笔记（最新在前）',
    input: z.object({ ...cursorInput, groupId: id.optional() }).strict(),
    output: cursorPage(noteListItem),
    access: { intern: 'group', advisor: 'group' }
  }),
  comment: action({
    summary: '评论学习笔记（作者会收到提醒）',
    input: z.object({ requestId, noteId: id, body: z.string().trim().min(1, '评论不能为空').max(JOURNAL_LIMITS.comment, `评论不能超过${JOURNAL_LIMITS.comment}字`) }).strict(),
    output: noteComment,
    access: { advisor: 'any' }
  }),
  export: action({
    summary: '导出我本年度的学习笔记（.xlsx）',
    input: z.object({ year: internshipYear.optional() }).strict(),
    output: z.object({ fileID: z.string(), url: z.string(), notes: z.number().int() }),
    access: students
  }),
  uploadTicket: action({
    summary: '上传笔记图片：取得上传地址',
    input: z.object({
      name: z.string().trim().min(1).max(100),
      contentType: z.string().trim().min(1).max(100),
      bytes: z.number().int().min(1)
    }).strict(),
    output: z.object({ fileID: z.string(), cloudPath: z.string(), uploadUrl: z.string(), uploadHeaders: z.record(z.string(), z.string()) }),
    access: students
  }),
  subscribe: action({
    summary: '同意接收笔记评论提醒（一次性订阅消息）',
    input: z.object({ accepted: z.number().int().min(1).max(3) }).strict(),
    output: z.object({ remaining: z.number().int() }),
    access: students
  })
}
