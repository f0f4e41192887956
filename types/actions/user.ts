import { z } from 'zod'
import { GROUP_ROLES, PERSON_KINDS, POLITICAL_STATUSES } from '../domain'
import { groupCounts, groupSummary } from '../groups'
import { ROLES } from '../roles'
import { action, cursorInput, cursorPage, empty, id, internshipYear, text } from '../schema'

/** What a person sees of themself (their own phone included: never anyone else's). */
export const meOutput = z.object({
  bound: z.boolean(),
  roles: z.array(z.enum(ROLES)),
  person: z.object({
    id: z.string(),
    no: z.string(),
    name: z.string(),
    kind: z.enum(PERSON_KINDS),
    politicalStatus: z.enum(POLITICAL_STATUSES).nullable(),
    groupId: z.string().nullable(),
    groupRole: z.enum(GROUP_ROLES).nullable(),
    /** the caller's own phone number, as the roster or the invite gave it */
    phone: z.string().nullable(),
    unitName: z.string().nullable(),
    province: z.string().nullable(),
    city: z.string().nullable()
  }).nullable(),
  advisorOf: z.array(z.string()),
  contactOf: z.array(z.string())
})

/** Someone named on the home screen: a liaison, advisor, mentor or mentee. */
const personRef = z.object({ id: z.string(), name: z.string() })

/** Why the branch should look at a group: 未确定联络员, 未指定指导教师, 没有学生党员, 党旗未发放. */
export const ATTENTION_REASONS = ['noLiaison', 'noAdvisor', 'noPartyMember', 'flagNotIssued'] as const
export type AttentionReason = (typeof ATTENTION_REASONS)[number]
export const ATTENTION_REASON_LABELS: Record<AttentionReason, string> = {
  noLiaison: '未确定联络员',
  noAdvisor: '未指定指导教师',
  noPartyMember: '没有学生党员',
  flagNotIssued: '党旗未发放'
}

/** At most this many groups on a teacher's home screen; `group.list` shows the rest. */
export const HOME_STAFF_GROUPS = 50
/** At most this many groups needing attention on the branch's home screen, most reasons first. */
export const HOME_ATTENTION_GROUPS = 20

/** A student's own group, as their home screen shows it. */
const homeGroupCard = z.object({
  id: z.string(),
  name: z.string(),
  province: z.string(),
  cities: z.array(z.string()),
  year: z.string(),
  flagIssued: z.boolean(),
  /** members by political status, as kept on the group (numbers only, no names) */
  counts: groupCounts,
  liaison: personRef.nullable(),
  advisors: z.array(personRef),
  unitContacts: z.array(personRef.extend({ unitName: z.string().nullable() })),
  /** the caller's own role in the group */
  myRole: z.enum(GROUP_ROLES).nullable()
})

/** The home screen, by who is calling (`view`). */
export const homeView = z.discriminatedUnion('view', [
  /** not bound yet: the app shows binding */
  z.object({ view: z.literal('unbound') }),
  /** students, liaisons and core members */
  z.object({
    view: z.literal('intern'),
    /** null while the student has no group yet */
    group: homeGroupCard.nullable(),
    /** the caller's own "1+10" mentor (ordinary students; null when none or a Party member) */
    mentor: personRef.nullable(),
    /** the caller's own mentees (Party members who are mentors; empty otherwise) */
    mentees: z.array(personRef),
    /** the roster holds the caller's political status, so `badge.get` can show the badge */
    canShowBadge: z.boolean()
  }),
  /** advisors and unit contacts */
  z.object({
    view: z.literal('staff'),
    /** the groups the caller looks after, latest year first, then by province and name (at most HOME_STAFF_GROUPS) */
    groups: z.array(groupSummary.extend({ year: z.string() })),
    /** how many groups the caller looks after */
    total: z.number().int(),
    /** more groups than shown: `group.list` pages through all of them */
    more: z.boolean(),
    /** questions students asked the caller that wait for an answer (teachers; null for unit contacts, who are not asked) */
    openQuestions: z.number().int().nullable()
  }),
  /** admins (the branch), also those who are teachers */
  z.object({
    view: z.literal('branch'),
    /** the year shown: the one asked for, else the latest year that has groups (null: none yet) */
    year: z.string().nullable(),
    /** every year that has groups, latest first */
    years: z.array(z.object({ year: z.string(), groups: z.number().int() })),
    /** the year's groups */
    groups: z.number().int(),
    /** interns in the year's groups by political status (the groups' kept counts, summed) */
    interns: groupCounts,
    /** the year's interns not yet in a group (when no year has groups: every student without a group) */
    unassigned: z.number().int(),
    /** provinces of the year's groups */
    provinces: z.array(z.string()),
    /** internship units the year's roster names (null when no year is shown) */
    units: z.number().int().nullable(),
    /** the year's groups needing attention */
    attention: z.object({
      /** groups with at least one reason */
      total: z.number().int(),
      byReason: z.object({ noLiaison: z.number().int(), noAdvisor: z.number().int(), noPartyMember: z.number().int(), flagNotIssued: z.number().int() }),
      /** at most HOME_ATTENTION_GROUPS, most reasons first, then by province and name */
      groups: z.array(z.object({
        id: z.string(),
        name: z.string(),
        province: z.string(),
        reasons: z.array(z.object({ code: z.enum(ATTENTION_REASONS), label: z.string() }))
      }))
    })
  })
])

const everyone = { unbound: 'any', intern: 'any', liaison: 'any', coreMember: 'any', advisor: 'any', unitContact: 'any', admin: 'any' } as const

export const INVITE_KINDS = ['teacher', 'unitContact', 'staff'] as const
export type InviteKind = (typeof INVITE_KINDS)[number]
export const INVITE_KIND_LABELS: Record<InviteKind, string> = { teacher: '指导教师', unitContact: '带教老师', staff: '党总支工作人员' }

/**
 * Where a person invited by code stands: `pending` holds a code that can still be
 * redeemed, `expired` a code past its time, `bound` has bound WeChat (by a code, or before
 * codes existed), `none` holds no code (revoked, or never invited).
 */
export const INVITE_STATES = ['pending', 'expired', 'bound', 'none'] as const
export type InviteState = (typeof INVITE_STATES)[number]
export const INVITE_STATE_LABELS: Record<InviteState, string> = { pending: '待使用', expired: '已过期', bound: '已绑定', none: '无有效邀请码' }

/** A teacher, unit contact or staff member in the invitations list, with their open code if any. */
export const inviteEntry = z.object({
  personId: z.string(),
  name: z.string(),
  kind: z.enum(INVITE_KINDS),
  unitName: z.string().nullable(),
  phone: z.string().nullable(),
  state: z.enum(INVITE_STATES),
  /** the open code (pending or expired); null otherwise */
  code: z.string().nullable(),
  expiresAt: z.string().nullable()
})

export const userActions = {
  /**
   * The app's first screen in one call: who I am (as `me`) and what I look after. `year`
   * (admins) shows another year's totals than the latest.
   */
  home: action({
    summary: '首页：我的身份，以及我的党小组、我联系的小组或全系概况',
    input: z.object({ year: internshipYear.optional() }).strict(),
    output: z.object({ me: meOutput, home: homeView }),
    access: everyone
  }),
  me: action({
    summary: '我的身份与角色',
    input: empty,
    output: meOutput,
    access: everyone
  }),
  bind: action({
    summary: '学生用学号和姓名绑定微信',
    input: z.object({ studentNo: z.string().trim().regex(/^[0-9A-Za-z]{4,20}$/, '学号格式不正确'), name: text(20) }).strict(),
    output: meOutput,
    access: { unbound: 'any' }
  }),
  redeemInvite: action({
    summary: '教师、带教老师或党总支工作人员用邀请码绑定微信',
    input: z.object({ code: z.string().trim().regex(/^[A-Z0-9]{8}$/, '邀请码应为8位大写字母或数字') }).strict(),
    output: meOutput,
    access: { unbound: 'any' }
  }),
  createInvite: action({
    summary: '为教师、带教老师或党总支工作人员生成邀请码',
    input: z.object({
      kind: z.enum(INVITE_KINDS),
      name: text(20),
      phone: z.string().trim().regex(/^1\d{10}$/, '手机号应为11位').optional(),
      /** an existing teacher/contact to (re)invite instead of creating one */
      personId: id.optional(),
      unitId: id.optional(),
      admin: z.boolean().default(false)
    }).strict(),
    output: z.object({ code: z.string(), personId: z.string(), expiresAt: z.string() }),
    access: { admin: 'any' }
  }),
  listInvites: action({
    summary: '邀请码：教师、带教老师和党总支工作人员及其邀请码状态（待使用在前，其次已过期，再次其他人员）',
    input: z.object(cursorInput).strict(),
    /** `total` is null: the list is three index ranges, not one countable filter */
    output: cursorPage(inviteEntry),
    access: { admin: 'any' }
  }),
  revokeInvite: action({
    summary: '作废一个尚未使用的邀请码',
    input: z.object({ code: z.string().trim().regex(/^[A-Z0-9]{8}$/, '邀请码应为8位大写字母或数字') }).strict(),
    output: z.object({ personId: z.string(), name: z.string(), code: z.string() }),
    access: { admin: 'any' }
  }),
  inviteUnits: action({
    summary: '邀请带教老师时可选的实习单位（按省份、城市排列）',
    input: empty,
    output: z.object({ units: z.array(z.object({ id: z.string(), name: z.string(), province: z.string(), city: z.string() })), more: z.boolean() }),
    access: { admin: 'any' }
  }),
  unbind: action({
    summary: '解除某人的微信绑定',
    input: z.object({ personId: id }).strict(),
    output: z.object({ unbound: z.boolean() }),
    access: { admin: 'any' }
  })
}
