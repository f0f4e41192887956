/**
 * 谈心谈话 heart-to-heart talks: an advisor of a student's group, the group's liaison (for
 * its members) or the branch records a talk with a student — its day, form, topic, summary
 * and an optional follow-up with its due date. A talk is read only by its recorder, the
 * advisors of the group it was recorded in, and the branch: never by the student, their
 * peers, another group's advisor or a unit contact (a liaison reads only the talks they
 * recorded). Coverage (谈心覆盖率) is the share of a group's members talked with in a term.
 */
import { z } from 'zod'
import { action, calendarDay, cursorInput, cursorPage, id, requestId } from '../schema'

/** Limits of a talk, shown on the device and enforced by the function. */
export const TALK_LIMITS = {
  topic: 60,
  summary: 2000,
  followUp: 500
} as const

/** How the talk took place: 当面, 电话, 视频. */
export const TALK_FORMS = ['inPerson', 'call', 'video'] as const
export const talkForm = z.enum(TALK_FORMS)
export const TALK_FORM_LABELS: Record<(typeof TALK_FORMS)[number], string> = {
  inPerson: '当面谈',
  call: '电话',
  video: '视频'
}

/** In which capacity the talk was recorded. */
export const RECORDER_ROLES = ['advisor', 'liaison', 'admin'] as const
export const recorderRole = z.enum(RECORDER_ROLES)
export const RECORDER_ROLE_LABELS: Record<(typeof RECORDER_ROLES)[number], string> = {
  advisor: '指导教师',
  liaison: '联络员',
  admin: '党总支'
}

/** A term of an internship year: 2026-2027-1 (July to December), 2026-2027-2 (January to June). */
const termLabel = z.string().trim()
  .regex(/^\d{4}-\d{4}-[12]$/, '学期应写成如“2026-2027-1”')
  .refine((t) => Number(t.slice(5, 9)) === Number(t.slice(0, 4)) + 1, '学期应写成如“2026-2027-1”')

/** A talk as lists show it (the summary only on the talk itself). */
export const talkItem = z.object({
  id: z.string(),
  groupId: z.string(),
  studentId: z.string(),
  studentName: z.string(),
  recorderId: z.string(),
  recorderName: z.string(),
  recorderRole,
  /** the day of the talk, China time */
  date: z.string(),
  form: talkForm,
  topic: z.string(),
  followUp: z.string().nullable(),
  followUpDue: z.string().nullable(),
  followUpDone: z.boolean()
})

export const talkView = talkItem.extend({
  summary: z.string(),
  year: z.string(),
  term: z.string(),
  createdAt: z.string(),
  updatedAt: z.string()
})

/** One group's coverage in a term: members now, those of them talked with in the group this term. */
export const groupCoverage = z.object({
  groupId: z.string(),
  name: z.string(),
  province: z.string(),
  term: z.string(),
  members: z.number().int(),
  talkedWith: z.number().int(),
  /** talkedWith / members, 0 for a group without members */
  ratio: z.number()
})

const recorders = { advisor: 'group', liaison: 'group', admin: 'any' } as const
/**
 * For actions naming a talk rather than a group: the role is enough to ask, and the
 * function answers only about talks the caller reads (NOT_FOUND for others, so that a
 * talk is never confirmed to exist to anyone else).
 */
const readersOfTalks = { advisor: 'any', liaison: 'any', admin: 'any' } as const

const followUpText = z.string().trim().min(1, '请填写跟进事项').max(TALK_LIMITS.followUp, `跟进事项不能超过${TALK_LIMITS.followUp}个字`)

export const talkActions = {
  record: action({
    summary: '记录一次谈心谈话（同一请求编号只生效一次）',
    input: z.object({
      requestId,
      groupId: id,
      studentId: id,
      date: calendarDay,
      form: talkForm,
      topic: z.string().trim().min(1, '请填写谈话主题').max(TALK_LIMITS.topic, `谈话主题不能超过${TALK_LIMITS.topic}个字`),
      summary: z.string().trim().min(1, '请填写谈话内容').max(TALK_LIMITS.summary, `谈话内容不能超过${TALK_LIMITS.summary}个字`),
      followUp: followUpText.nullable().default(null),
      followUpDue: calendarDay.nullable().default(null)
    }).strict()
      .refine((t) => (t.followUp === null) === (t.followUpDue === null), { message: '填写跟进事项时请同时选择完成期限', path: ['followUpDue'] })
      .refine((t) => t.followUpDue === null || t.followUpDue >= t.date, { message: '跟进期限不能早于谈话日期', path: ['followUpDue'] }),
    output: talkView,
    access: recorders
  }),
  list: action({
    summary: '党小组的谈心谈话（最新在前）及本学期谈心覆盖率',
    input: z.object({ ...cursorInput, groupId: id }).strict(),
    output: cursorPage(talkItem).extend({
      /** this term's coverage of the group, on the first page, for its advisors and the branch (null otherwise) */
      coverage: groupCoverage.nullable()
    }),
    access: recorders
  }),
  forStudent: action({
    summary: '一名同学在本小组的谈心谈话（最新在前）',
    input: z.object({ ...cursorInput, groupId: id, studentId: id }).strict(),
    output: cursorPage(talkItem).extend({ student: z.object({ id: z.string(), name: z.string() }) }),
    access: recorders
  }),
  get: action({
    summary: '查看一次谈心谈话',
    input: z.object({ talkId: id }).strict(),
    output: talkView,
    access: readersOfTalks
  }),
  setFollowUpDone: action({
    summary: '标记跟进事项已完成（或改回未完成）',
    input: z.object({ talkId: id, done: z.boolean() }).strict(),
    output: talkView,
    access: readersOfTalks
  }),
  coverage: action({
    summary: '谈心覆盖率：每个党小组本学期谈过话的成员占比（指导教师看自己的小组，党总支看全部）',
    input: z.object({
      ...cursorInput,
      term: termLabel.optional(),
      /** `advised`: the caller's own groups (an advisor's default); `branch`: every group of the term's year (the branch's default) */
      scope: z.enum(['advised', 'branch']).optional()
    }).strict(),
    output: cursorPage(groupCoverage).extend({ term: z.string() }),
    access: { advisor: 'any', admin: 'any' }
  })
}
