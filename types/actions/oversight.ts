/**
 * 党总支督导 oversight: the branch's dashboard of the year (advisors see the same figures
 * for their own groups), a grid of every group's activity month by month, the alerts that
 * keep groups alive (rebuilt every day by the `dailyAlerts` timer, which also sends each
 * person who should act one digest message a day), the branch's cadence settings, and the
 * year-end export for the archive and the organisational-relation handoff.
 *
 * Months and days are China's (UTC+8). An internship year runs 1 July to 30 June; its
 * term 1 is July to December, term 2 January to June ("2026-2027-1").
 */
import { z } from 'zod'
import { action, cursorInput, cursorPage, internshipYear } from '../schema'

// ------------------------------------------------------------------------ settings

/**
 * The branch's cadences (the `settings` document `cadences`; these defaults when it is
 * absent). The alert rules and the dashboard read them; only the branch changes them.
 */
export const cadences = z.object({
  /** a group is expected to hold a 党小组会 at least once every this many months */
  meetingEveryMonths: z.number({ message: '请填写开会周期' }).int('开会周期应为整月数').min(1, '开会周期至少1个月').max(6, '开会周期至多6个月'),
  /**
   * months of silence that raise an alert, ascending: [1, 2] warns when a group has held no
   * meeting this month (1) and warns harder after two months in a row (2)
   */
  silentAlertMonths: z.array(z.number().int('提醒月数应为整数').min(1, '提醒月数至少为1').max(12, '提醒月数至多为12'))
    .min(1, '请至少设置一个未开会提醒')
    .max(3, '未开会提醒至多3档')
    .refine((ms) => ms.every((m, i) => i === 0 || m > ms[i - 1]), '未开会提醒的月数应从小到大且不重复'),
  /** an activist's review falls due this many months after they became an activist or were last reviewed */
  activistReviewMonths: z.number({ message: '请填写积极分子考察周期' }).int('考察周期应为整月数').min(1, '考察周期至少1个月').max(24, '考察周期至多24个月'),
  /** probationary members are flagged this many days before their probation ends */
  probationWarnDays: z.number({ message: '请填写预备期提醒天数' }).int('提醒天数应为整数').min(1, '预备期提前提醒至少1天').max(180, '预备期提前提醒至多180天'),
  /** a lesson is flagged this many days after it was pushed to a group… */
  lessonUnreadDays: z.number({ message: '请填写微党课未读提醒天数' }).int('天数应为整数').min(1, '微党课未读提醒至少1天').max(60, '微党课未读提醒至多60天'),
  /** …when more than this share of the group (0-1) has not read it */
  lessonUnreadShare: z.number({ message: '请填写未读比例' }).min(0.05, '未读比例至少为5%').max(1, '未读比例至多为100%')
    .refine((s) => Math.abs(s * 100 - Math.round(s * 100)) < 1e-9, '未读比例精确到1%'),
  /** a question still unanswered this many days after it was asked is overdue */
  questionUnansweredDays: z.number({ message: '请填写问题答复期限' }).int('天数应为整数').min(1, '问题答复期限至少1天').max(30, '问题答复期限至多30天'),
  /** a talk's follow-up not done this many days after its due date is overdue (0: from the day after) */
  talkFollowUpGraceDays: z.number({ message: '请填写跟进宽限天数' }).int('天数应为整数').min(0, '跟进宽限天数不能为负').max(30, '跟进宽限天数至多30天')
}).strict()
  .refine((c) => c.silentAlertMonths[0] >= c.meetingEveryMonths, { message: '未开会提醒的月数不能小于开会周期', path: ['silentAlertMonths'] })
export type Cadences = z.infer<typeof cadences>

/** A lesson is watched for unread readers for this many days once `lessonUnreadDays` have passed (older lessons no longer raise alerts). */
export const LESSON_UNREAD_WINDOW_DAYS = 30

/** The cadences the branch works under until it changes them. */
export const DEFAULT_CADENCES: Cadences = Object.freeze({
  meetingEveryMonths: 1,
  silentAlertMonths: [1, 2],
  activistReviewMonths: 6,
  probationWarnDays: 30,
  lessonUnreadDays: 7,
  lessonUnreadShare: 0.5,
  questionUnansweredDays: 3,
  talkFollowUpGraceDays: 0
}) as Cadences

// ------------------------------------------------------------------------ alerts

/**
 * What an alert is about:
 * - `groupSilent`: no 党小组会 this month (and, harder, for the months of `silentAlertMonths`)
 * - `activistReview`: an activist's six-month review is due within the month, or overdue
 * - `probationEnding`: a probationary member's probation ends within `probationWarnDays` (or has ended unassessed)
 * - `lessonUnread`: a lesson pushed more than `lessonUnreadDays` ago (and at most LESSON_UNREAD_WINDOW_DAYS more) is unread by more than `lessonUnreadShare` of a group
 * - `questionUnanswered`: a question unanswered `questionUnansweredDays` after it was asked
 * - `talkFollowUp`: a talk's follow-up past its due date and not done
 */
export const ALERT_KINDS = ['groupSilent', 'activistReview', 'probationEnding', 'lessonUnread', 'questionUnanswered', 'talkFollowUp'] as const
export const alertKind = z.enum(ALERT_KINDS)
export type AlertKind = z.infer<typeof alertKind>
export const ALERT_KIND_LABELS: Record<AlertKind, string> = {
  groupSilent: '未开党小组会',
  activistReview: '积极分子考察',
  probationEnding: '预备期将满',
  lessonUnread: '微党课未读',
  questionUnanswered: '问题未答复',
  talkFollowUp: '谈话待跟进'
}

/** `notice`: coming due; `urgent`: overdue, or silent for the longest threshold. */
export const alertSeverity = z.enum(['notice', 'urgent'])

/** Roles named as the one who should act on an alert. */
export const ALERT_ACTOR_ROLES = ['liaison', 'advisor', 'schoolContact', 'unitContact', 'recorder', 'branch'] as const
export const ALERT_ACTOR_ROLE_LABELS: Record<(typeof ALERT_ACTOR_ROLES)[number], string> = {
  liaison: '联络员',
  advisor: '指导教师',
  schoolContact: '入党联系人',
  unitContact: '单位联系人',
  recorder: '谈话记录人',
  branch: '党总支'
}

/**
 * The oversight pages (subpackage `src/packages/oversight`): the daily digest message opens
 * the alerts page; the dashboard taps through to a group's page (ALERT_LINKS.group).
 */
export const OVERSIGHT_PAGES = {
  dashboard: '/packages/oversight/pages/dashboard/index',
  /** ?kind= to open one kind */
  alerts: '/packages/oversight/pages/alerts/index',
  settings: '/packages/oversight/pages/settings/index'
} as const

/**
 * The pages an alert links to (app routes; the query names the record). The group page
 * and the lesson's figures exist; the talk, question and cultivation pages are those of
 * their domains.
 */
export const ALERT_LINKS = {
  /** ?groupId= */
  group: '/packages/group/pages/detail/index',
  /** ?lessonId= */
  lessonFigures: '/packages/staff/pages/lesson-figures/index',
  /** ?talkId= */
  talk: '/packages/talk/pages/detail/index',
  /** ?questionId= */
  question: '/packages/question/pages/detail/index',
  /** ?personId= */
  cultivation: '/packages/cultivation/pages/person/index'
} as const

export const alertView = z.object({
  /** stable while the condition lasts: the same alert keeps its id (and `since`) from day to day */
  id: z.string(),
  kind: alertKind,
  severity: alertSeverity,
  groupId: z.string(),
  groupName: z.string(),
  province: z.string(),
  /** the person it is about by name: the activist, the probationary member, the talk's student; null for a group's alert and for a question (its asker is never named) */
  subject: z.string().nullable(),
  /** e.g. "本月尚未召开党小组会", "张三的积极分子考察将于2027-03-01到期" */
  message: z.string(),
  /** who should act: people by name and role (`id` null for the branch itself) */
  actors: z.array(z.object({ id: z.string().nullable(), name: z.string(), role: z.enum(ALERT_ACTOR_ROLES) })),
  /** where to act: an app route with its query, e.g. /packages/group/pages/detail/index?groupId=… */
  link: z.string(),
  /** the China day the condition began (a due date, the day a question became overdue, the first silent month's first day) */
  since: z.string(),
  /** when the daily job last confirmed it (ISO) */
  checkedAt: z.string()
})
export type AlertView = z.infer<typeof alertView>

/** Alerts by kind; every kind present (0 when none). */
export const alertCounts = z.object(Object.fromEntries(ALERT_KINDS.map((k) => [k, z.number().int()])) as Record<AlertKind, z.ZodNumber>)

// ------------------------------------------------------------------------ dashboard

/** Share of `of` that is `n`, 0-1, four decimals (0 when `of` is 0). */
const share = z.number().min(0).max(1)

/** Interns of groups by political status, from the members counts kept on the groups (applicants and masses together). */
export const statusCounts = z.object({
  /** 中共党员 (full members) */
  member: z.number().int(),
  /** 中共预备党员 */
  probationary: z.number().int(),
  /** 入党积极分子 */
  activist: z.number().int(),
  /** 入党申请人 and 群众 */
  others: z.number().int()
})

/** One month of the year (China time), as the dashboard's charts draw it. */
export const dashboardMonth = z.object({
  /** YYYY-MM */
  month: z.string(),
  /** check-ins of every type held that month */
  checkins: z.number().int(),
  /** check-ins of type 党小组会 held that month */
  meetings: z.number().int(),
  /** groups that held at least one 党小组会 that month */
  groupsMet: z.number().int(),
  /** groups of the year that held none (the month so far, for the current month) */
  groupsSilent: z.number().int(),
  /** lessons pushed (published) that month to the groups in view */
  lessonsPushed: z.number().int(),
  /** of those lessons: readers meant, readers who read, and read / targeted */
  lessonTargeted: z.number().int(),
  lessonRead: z.number().int(),
  readRate: share
})

export const dashboardView = z.object({
  /** the year shown, e.g. 2026-2027 */
  year: z.string(),
  /** years with groups that the caller sees, latest first (for a year switch) */
  years: z.array(z.string()),
  /** 'branch': every group of the year; 'advisor': the caller's groups of the year only */
  scope: z.enum(['branch', 'advisor']),
  /** when the figures were read (ISO); every figure holds every write made before */
  asOf: z.string(),
  /** the year's months from July to the current month (all twelve for a past year; none for a future one) */
  months: z.array(z.string()),
  /** the term talk coverage counts: the current one, or the year's last for a past year */
  term: z.object({ label: z.string(), from: z.string(), to: z.string() }),
  totals: z.object({
    groups: z.number().int(),
    /** members of the groups (interns of the year with a group) */
    interns: z.number().int(),
    /** full and probationary members */
    partyMembers: z.number().int(),
    provinces: z.number().int(),
    /** groups that have been issued their Party flag */
    flagsIssued: z.number().int()
  }),
  /** people by political status (members of the groups in view) */
  politicalStatus: statusCounts,
  /** by province, provinces in text order */
  provinces: z.array(z.object({
    province: z.string(),
    groups: z.number().int(),
    interns: z.number().int(),
    partyMembers: z.number().int(),
    flagsIssued: z.number().int()
  })),
  /** one entry per month of `months`, in order */
  monthly: z.array(dashboardMonth),
  /** lessons pushed in the year to the groups in view, with their read figures */
  lessons: z.object({ pushed: z.number().int(), targeted: z.number().int(), read: z.number().int(), readRate: share }),
  /**
   * volunteer hours of the year: for the branch every intern's, from the province counters
   * the volunteer function recounts every minute (`asOf`: when they last were; null: not yet);
   * for an advisor those logged in their groups, read from the records (`asOf` null: current)
   */
  volunteer: z.object({ verified: z.number(), unverified: z.number(), records: z.number().int(), asOf: z.string().nullable() }),
  /** "1+10": ordinary students (not Party members) with a Party member looking after them */
  circles: z.object({ withMentor: z.number().int(), ordinary: z.number().int(), ratio: share }),
  /** 谈心谈话 this term: members talked with at least once, of the members; talks recorded */
  talks: z.object({ students: z.number().int(), members: z.number().int(), coverage: share, recorded: z.number().int() }),
  /** questions to advisors of the year: still open, and open past `questionUnansweredDays` */
  questions: z.object({ open: z.number().int(), overdue: z.number().int() }),
  /** current alerts of the groups in view, by kind, and their total */
  alerts: z.object({ total: z.number().int(), byKind: alertCounts })
})
export type DashboardView = z.infer<typeof dashboardView>

// ------------------------------------------------------------------------ group activity

/** One group's row in the activity grid: members, month by month activity, and the year's figures. */
export const groupActivityRow = z.object({
  id: z.string(),
  name: z.string(),
  province: z.string(),
  cities: z.array(z.string()),
  liaisonName: z.string().nullable(),
  advisorNames: z.array(z.string()),
  /** members now (kept on the group) */
  members: z.number().int(),
  partyMembers: z.number().int(),
  /** one entry per month of the page's `months`, in order */
  months: z.array(z.object({ month: z.string(), checkins: z.number().int(), meetings: z.number().int() })),
  /** China day of its latest 党小组会 in the year, null: none */
  lastMeetingOn: z.string().nullable(),
  /** lessons pushed to the group in the year: readers meant and read */
  lessons: z.object({ targeted: z.number().int(), read: z.number().int(), readRate: share }),
  /** hours logged by its members while in the group, this year */
  volunteer: z.object({ verified: z.number(), unverified: z.number() }),
  /** members talked with this term (of `term` of the page), of its members */
  talks: z.object({ students: z.number().int(), coverage: share }),
  flagIssued: z.boolean()
})
export type GroupActivityRow = z.infer<typeof groupActivityRow>

// ------------------------------------------------------------------------ actions

/** An xlsx the caller downloads: its storage id and a temporary URL. */
const download = z.object({ fileID: z.string(), url: z.string() })

export const oversightActions = {
  dashboard: action({
    summary: '年度总览：人员、省份、每月活动、微党课、志愿服务、“1+10”与谈心谈话覆盖、问题与提醒（党总支看全部，指导教师看所带小组）',
    input: z.object({
      /** the internship year; the current one when absent */
      year: internshipYear.optional()
    }).strict(),
    output: dashboardView,
    access: { admin: 'any', advisor: 'any' }
  }),
  groupActivity: action({
    summary: '各党小组活动一览（每月打卡与党小组会、最近一次开会、微党课阅读率、志愿时长、谈话覆盖、党旗），分页',
    input: z.object({
      ...cursorInput,
      /** the internship year; the current one when absent */
      year: internshipYear.optional(),
      /** only the groups of this province */
      province: z.string().trim().min(1, '省份不能为空').max(20, '省份名称过长').optional()
    }).strict(),
    output: cursorPage(groupActivityRow).extend({
      year: z.string(),
      /** the months each row's `months` covers (as the dashboard's) */
      months: z.array(z.string()),
      /** the term label talk coverage counts, e.g. 2026-2027-1 */
      term: z.string()
    }),
    access: { admin: 'any', advisor: 'any' }
  }),
  alerts: action({
    summary: '当前提醒：未开会、积极分子考察、预备期将满、微党课未读、问题未答复、谈话待跟进（党总支看全部，指导教师看所带小组，联络员看本小组）',
    input: z.object({
      ...cursorInput,
      /** only alerts of this kind */
      kind: alertKind.optional()
    }).strict(),
    // Urgent first, then by kind (as ALERT_KINDS), then by group (province, name), then subject.
    // What each caller sees: the branch every alert of the year; an advisor their groups' alerts
    // except questions put to another advisor; a liaison their group's silence and unread
    // lessons, and follow-ups of talks they recorded. `total` counts what the caller sees
    // of the kind asked for, `byKind` what they see of each kind.
    output: cursorPage(alertView).extend({
      /** when the daily job last rebuilt the alerts (ISO), null: never */
      asOf: z.string().nullable(),
      /** the alerts the caller sees, by kind, whichever kind is asked for */
      byKind: alertCounts
    }),
    access: { admin: 'any', advisor: 'any', liaison: 'any' }
  }),
  settings: action({
    summary: '查看工作节奏设置（开会周期、考察周期、提醒时限）',
    input: z.object({}).strict(),
    output: z.object({
      cadences,
      /** the defaults, for a "restore" button */
      defaults: cadences,
      /** last change (ISO) and who made it; null: never changed (the defaults apply) */
      updatedAt: z.string().nullable(),
      updatedBy: z.string().nullable()
    }),
    access: { admin: 'any' }
  }),
  saveSettings: action({
    summary: '修改工作节奏设置（次日的提醒按新设置生成）',
    input: z.object({ cadences }).strict(),
    output: z.object({ cadences, updatedAt: z.string(), updatedBy: z.string() }),
    access: { admin: 'any' }
  }),
  subscribe: action({
    summary: '同意接收每日提醒汇总（一次性订阅消息，每天至多一条）',
    input: z.object({ accepted: z.number().int().min(1).max(3) }).strict(),
    output: z.object({ remaining: z.number().int() }),
    access: { liaison: 'any', advisor: 'any', unitContact: 'any', admin: 'any' }
  }),
  exportYear: action({
    summary: '导出年度档案（.xlsx）：按小组（每月会议与打卡、微党课阅读率、笔记数、志愿时长、谈话）或按个人（所在小组、志愿时长、已读微党课、笔记数、谈话次数、政治面貌）',
    input: z.object({ year: internshipYear, by: z.enum(['group', 'person']) }).strict(),
    output: download.extend({
      /** rows written (groups or people) */
      rows: z.number().int()
    }),
    access: { admin: 'any' }
  })
}
