/**
 * 活动打卡 a group's activity check-ins: the liaison (or a core member) records an activity
 * where it happens — its type, time, place, content, photos and who attended; listed
 * members confirm they were there; a member who was not listed asks to be added and the
 * liaison approves. Every write carries a client request id (the device queue may send it
 * again) and is applied once.
 */
import { z } from 'zod'
import { action, cursorInput, cursorPage, id, requestId } from '../schema'

/** Limits of a check-in, shown on the device and enforced by the function. */
export const CHECKIN_LIMITS = {
  place: 60,
  content: 2000,
  photos: 9,
  photoBytes: 5 * 1024 * 1024,
  attendees: 200
} as const

/** What kind of activity: 党小组会, 主题党日, 理论学习, 志愿服务, other. */
export const ACTIVITY_TYPES = ['groupMeeting', 'themeDay', 'study', 'volunteer', 'other'] as const
export const activityType = z.enum(ACTIVITY_TYPES)
export const ACTIVITY_TYPE_LABELS: Record<(typeof ACTIVITY_TYPES)[number], string> = {
  groupMeeting: '党小组会',
  themeDay: '主题党日',
  study: '理论学习',
  volunteer: '志愿服务',
  other: '其他活动'
}

/** A photo uploaded with `activity.uploadTicket`. */
const CHECKIN_PHOTO = /^cloud:\/\/[^/\s]+\/activity\/\d{6}\/[a-z0-9]{24}\.(jpg|png|webp)$/
const photoId = z.string().trim().regex(CHECKIN_PHOTO, '请使用“上传”取得的图片')

/** Where one member stands on a check-in. */
export const ATTENDANCE_STATES = ['listed', 'confirmed', 'requested', 'declined'] as const
export const attendanceState = z.enum(ATTENDANCE_STATES)

export const attendee = z.object({
  personId: z.string(),
  name: z.string(),
  /** listed by the liaison; confirmed by the member; requested by a member who was not listed (approved: confirmed; refused: declined) */
  state: attendanceState
})

export const checkinView = z.object({
  id: z.string(),
  groupId: z.string(),
  groupName: z.string(),
  type: activityType,
  /** when the activity took place */
  heldAt: z.string(),
  place: z.string(),
  content: z.string(),
  photos: z.array(z.object({ fileID: z.string(), url: z.string().nullable() })),
  recordedBy: z.object({ id: z.string(), name: z.string() }),
  attendees: z.array(attendee),
  /** exact counts, kept with the attendance */
  counts: z.object({ listed: z.number().int(), confirmed: z.number().int(), requested: z.number().int() }),
  /** the caller's own attendance, if they are a member of the group */
  mine: attendanceState.nullable(),
  review: z.enum(['pass', 'review']),
  createdAt: z.string(),
  updatedAt: z.string()
})

export const checkinListItem = checkinView.omit({ attendees: true, photos: true }).extend({
  photoCount: z.number().int(),
  coverUrl: z.string().nullable()
})

const leaders = { liaison: 'group', coreMember: 'group' } as const
const members = { intern: 'group', liaison: 'group', coreMember: 'group', advisor: 'group', admin: 'any' } as const
/**
 * For actions naming a check-in rather than a group: the role is enough to ask, and the
 * function answers only about check-ins of the caller's groups (NOT_FOUND for others, so
 * that another group's check-ins are never confirmed to exist).
 */
const leadersOfItsGroup = { liaison: 'any', coreMember: 'any' } as const
const readersOfItsGroup = { intern: 'any', liaison: 'any', coreMember: 'any', advisor: 'any', admin: 'any' } as const

/** A calendar month, China time: 2026-09. */
export const ledgerMonthKey = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份格式应为 YYYY-MM')
/** An internship year: 2026-2027 (1 July to 30 June). */
export const internshipYear = z.string().regex(/^\d{4}-\d{4}$/, '学年格式应为 2026-2027')
  .refine((y) => Number(y.slice(5)) === Number(y.slice(0, 4)) + 1, '学年格式应为 2026-2027')

/** How many of the month's shared notes a ledger quotes. */
export const LEDGER_NOTE_EXCERPTS = 3

/**
 * 工作台账 one month of a group, compiled from its records when asked: the check-ins held
 * that month, the lessons pushed to it with its read figures, the notes its members shared
 * with it or its advisors, its members' volunteer hours, and the talks recorded in it.
 */
export const ledgerMonth = z.object({
  month: z.string(),
  group: z.object({
    id: z.string(), name: z.string(), province: z.string(), year: z.string(),
    liaisonName: z.string().nullable(), advisorNames: z.array(z.string())
  }),
  checkins: z.object({
    total: z.number().int(),
    items: z.array(z.object({
      id: z.string(), type: activityType, heldAt: z.string(), place: z.string(), content: z.string(),
      counts: checkinView.shape.counts
    }))
  }),
  lessons: z.array(z.object({
    lessonId: z.string(), title: z.string(), publishAt: z.string(),
    targeted: z.number().int(), read: z.number().int(), readRate: z.number(), answered: z.number().int(),
    /** percent of the quiz's maximum, one decimal; null: nobody answered (or no quiz) */
    quizAverage: z.number().nullable()
  })),
  notes: z.object({
    count: z.number().int(),
    latest: z.array(z.object({ id: z.string(), authorName: z.string(), createdAt: z.string(), excerpt: z.string(), lessonTitle: z.string().nullable() }))
  }),
  volunteer: z.object({
    verified: z.number(), unverified: z.number(), records: z.number().int(), people: z.number().int()
  }),
  /**
   * 谈心谈话 of the month (by the talk's day): how many, with how many students, in which
   * forms. Figures only: who was talked with and what was said stay with those who read talks.
   */
  talks: z.object({
    count: z.number().int(),
    students: z.number().int(),
    forms: z.object({ inPerson: z.number().int(), call: z.number().int(), video: z.number().int() })
  })
})

const ledgerReaders = { liaison: 'group', coreMember: 'group', advisor: 'group', admin: 'any' } as const


export const activityActions = {
  record: action({
    summary: '记录活动打卡（同一请求编号只生效一次）',
    input: z.object({
      requestId,
      groupId: id,
      type: activityType,
      heldAt: z.string().datetime({ offset: true, message: '活动时间格式不正确' }),
      place: z.string().trim().min(1, '请填写地点').max(CHECKIN_LIMITS.place),
      content: z.string().trim().min(1, '请填写活动内容').max(CHECKIN_LIMITS.content),
      attendeeIds: z.array(id).min(1, '请选择参加的同学').max(CHECKIN_LIMITS.attendees),
      photos: z.array(photoId).max(CHECKIN_LIMITS.photos, `最多${CHECKIN_LIMITS.photos}张图片`).default([])
    }).strict(),
    output: checkinView,
    access: leaders
  }),
  list: action({
    summary: '本小组的活动打卡（最新在前）',
    input: z.object({ ...cursorInput, groupId: id }).strict(),
    output: cursorPage(checkinListItem),
    access: members
  }),
  mine: action({
    summary: '我参加的活动（最新在前）',
    input: z.object({ ...cursorInput }).strict(),
    output: cursorPage(checkinListItem),
    access: { intern: 'any' }
  }),
  get: action({
    summary: '查看一次活动打卡',
    input: z.object({ checkinId: id }).strict(),
    output: checkinView,
    access: readersOfItsGroup
  }),
  confirm: action({
    summary: '确认参加（重复确认不重复计数）',
    input: z.object({ checkinId: id }).strict(),
    output: z.object({ state: attendanceState, counts: checkinView.shape.counts }),
    access: { intern: 'any' }
  }),
  requestJoin: action({
    summary: '未被列入的同学申请补登参加',
    input: z.object({ checkinId: id }).strict(),
    output: z.object({ state: attendanceState, counts: checkinView.shape.counts }),
    access: { intern: 'any' }
  }),
  decide: action({
    summary: '联络员同意或拒绝补登申请',
    input: z.object({ checkinId: id, personId: id, approve: z.boolean() }).strict(),
    output: z.object({ state: attendanceState, counts: checkinView.shape.counts }),
    access: leadersOfItsGroup
  }),
  uploadTicket: action({
    summary: '上传活动照片：取得上传地址',
    input: z.object({
      groupId: id,
      name: z.string().trim().min(1).max(100),
      contentType: z.string().trim().min(1).max(100),
      bytes: z.number().int().min(1)
    }).strict(),
    output: z.object({ fileID: z.string(), cloudPath: z.string(), uploadUrl: z.string(), uploadHeaders: z.record(z.string(), z.string()) }),
    access: leaders
  }),
  subscribe: action({
    summary: '同意接收活动确认提醒（一次性订阅消息）',
    input: z.object({ accepted: z.number().int().min(1).max(3) }).strict(),
    output: z.object({ remaining: z.number().int() }),
    access: { intern: 'any' }
  }),
  ledger: action({
    summary: '工作台账：党小组一个月的活动、学习、笔记与志愿服务',
    input: z.object({ groupId: id, month: ledgerMonthKey }).strict(),
    output: ledgerMonth,
    access: ledgerReaders
  }),
  exportLedger: action({
    summary: '导出工作台账（.xlsx，每月一张表）',
    input: z.object({ groupId: id, year: internshipYear.optional() }).strict(),
    output: z.object({ fileID: z.string(), url: z.string() }),
    access: ledgerReaders
  })
}
