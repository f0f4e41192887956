import { z } from 'zod'
import { GROUP_ROLES, PERSON_KINDS, POLITICAL_STATUSES } from '../domain'
import { groupCounts, groupSummary } from '../groups'
import { action, calendarDay, cursorInput, cursorPage, id, internshipYear, text } from '../schema'

/** Kept here too: formation and its tests import the counts' type from the group contract. */
export type { GroupCounts } from '../groups'

/** A person as another member sees them; sensitive fields only for those entitled. */
export const memberView = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(PERSON_KINDS),
  groupRole: z.enum(GROUP_ROLES).nullable(),
  unitName: z.string().nullable(),
  major: z.string().nullable(),
  /** only to the person, their group's liaison and advisors, and admins */
  politicalStatus: z.enum(POLITICAL_STATUSES).optional(),
  /** only to admins */
  phone: z.string().optional(),
  /**
   * The member's "1+10" mentor (a Party member): shown to those who see political
   * statuses, to the member themself and to their mentor; absent for everyone else
   */
  mentorId: z.string().nullable().optional()
})

/** A region groups are formed in: a city, a city with thin cities merged in, a province's pooled remainder, or a whole province. */
export const formationRegion = z.object({
  /** e.g. "河南省/郑州市", "河南省/其他地区", "湖北省" */
  key: z.string(),
  /** display label, e.g. "郑州市", "郑州市等地", "河南省其他地区", "湖北省" */
  name: z.string(),
  province: z.string(),
  cities: z.array(z.string()),
  /** the students this formation places in the region, and how many of them are Party members and activists */
  interns: z.number().int(),
  partyMembers: z.number().int(),
  activists: z.number().int(),
  /** the groups that receive them: new groups, and existing groups that late starters join */
  groups: z.number().int()
})
export type FormationRegion = z.infer<typeof formationRegion>

/** A group as a formation plans it; `counts` are the members it will have. */
export const formationGroup = z.object({
  /** stable key, e.g. "河南省/郑州市/2" (prefixed with the internship year once planned for one) */
  key: z.string(),
  name: z.string(),
  province: z.string(),
  cities: z.array(z.string()),
  counts: groupCounts
})
export type FormationGroup = z.infer<typeof formationGroup>

export const formationPreview = z.object({
  /** identifies the roster state previewed; apply refuses a changed roster */
  fingerprint: z.string(),
  /** the internship year formed; null when no student is waiting for a group */
  year: z.string().nullable(),
  /** students this formation places */
  interns: z.number().int(),
  /**
   * New groups, and the year's existing groups that late starters join (`existing`):
   * their counts as they will be, `joining` the students added. Members are not listed,
   * so the reply stays small for any roster.
   */
  groups: z.array(formationGroup.extend({
    existing: z.boolean(),
    joining: z.number().int(),
    /** for new groups: up to three Party members proposed as liaison */
    suggestedLiaisons: z.array(z.object({ id: z.string(), name: z.string() }))
  })),
  regions: z.array(formationRegion.extend({ year: z.string() })),
  warnings: z.array(z.string())
})

/** A group with its members, liaison, advisors and unit contacts. */
export const groupDetail = groupSummary.extend({
  inviteCode: z.string().optional(),
  members: z.array(memberView),
  advisors: z.array(memberView),
  unitContacts: z.array(memberView),
  liaisonId: z.string().nullable(),
  coreMemberIds: z.array(z.string()),
  /** the caller's own person id (to mark them and show their own "1+10" place), or null */
  viewerId: z.string().nullable()
})

/** A Party member proposed as liaison or core member, with why (e.g. "正式党员，2025-05-01入党"). */
export const liaisonCandidate = z.object({ id: z.string(), name: z.string(), politicalStatus: z.enum(POLITICAL_STATUSES), reason: z.string() })

/** Kinds of people the branch assigns to a group besides its students. */
export const ASSIGNABLE_KINDS = ['teacher', 'unitContact'] as const

const targetGroupSize = z.number().int().min(5, '小组人数目标至少为5').max(200, '小组人数目标至多为200').default(30)

export const groupActions = {
  previewFormation: action({
    summary: '预览一个实习年度按区域组建党小组（已有党小组时预览新增学生编入）',
    input: z.object({ targetGroupSize, year: internshipYear.optional() }).strict(),
    output: formationPreview,
    access: { admin: 'any' }
  }),
  applyFormation: action({
    summary: '按预览结果组建党小组或编入新增学生',
    /** the same `targetGroupSize` and `year` as the preview, and its fingerprint */
    input: z.object({ targetGroupSize, year: internshipYear.optional(), fingerprint: z.string().min(1).max(100) }).strict(),
    /** `groups` created, `existingGroups` that late starters joined, students `placed` */
    output: z.object({ year: z.string(), groups: z.number().int(), existingGroups: z.number().int(), placed: z.number().int() }),
    access: { admin: 'any' }
  }),
  /**
   * Groups by province, then name. `keyword` finds the groups that hold a city (`郑州市`,
   * or `郑州` for 郑州市) and those whose name begins with it (`郑州市第2`, `河南省其他`).
   * `total` is counted from an index for the branch; for teachers and unit contacts it is
   * the number of their groups; null when filtered by province (teachers and unit
   * contacts) or by keyword (everyone).
   */
  list: action({
    summary: '党小组列表（党总支看全部，教师和带教老师看自己联系的小组；可按实习年度、省份筛选，按城市或小组名称搜索）',
    input: z.object({
      ...cursorInput,
      /** only the groups of this internship year */
      year: internshipYear.optional(),
      province: z.string().trim().max(20).optional(),
      keyword: z.string().trim().max(20).regex(/^[^\u0000-\u001f\u007f\uffff]*$/, '关键词含有无效字符').optional()
    }).strict(),
    output: cursorPage(groupSummary),
    access: { admin: 'any', advisor: 'any', unitContact: 'any' }
  }),
  detail: action({
    summary: '党小组详情',
    input: z.object({ groupId: id }).strict(),
    output: groupDetail,
    access: { admin: 'any', advisor: 'group', unitContact: 'group', liaison: 'group', coreMember: 'group', intern: 'group' }
  }),
  join: action({
    summary: '普通同学凭邀请码加入本地区党小组',
    input: z.object({ inviteCode: z.string().trim().regex(/^[A-Z0-9]{6}$/, '邀请码应为6位大写字母或数字') }).strict(),
    output: z.object({ groupId: z.string(), groupName: z.string() }),
    access: { intern: 'any' }
  }),
  suggestLiaisons: action({
    summary: '联络员、骨干人选建议（从党员中）',
    input: z.object({ groupId: id }).strict(),
    output: z.object({ candidates: z.array(liaisonCandidate) }),
    access: { admin: 'any', advisor: 'group' }
  }),
  assignRoles: action({
    summary: '确定联络员和骨干',
    input: z.object({ groupId: id, liaisonId: id.nullable(), coreMemberIds: z.array(id).max(10, '骨干最多10人') }).strict(),
    output: z.object({ liaisonId: z.string().nullable(), coreMemberIds: z.array(z.string()) }),
    access: { admin: 'any' }
  }),
  assignAdvisors: action({
    summary: '指定指导教师',
    input: z.object({ groupId: id, advisorIds: z.array(id).max(5, '指导教师最多5人') }).strict(),
    output: z.object({ advisorIds: z.array(z.string()) }),
    access: { admin: 'any' }
  }),
  assignUnitContacts: action({
    summary: '指定实习单位联系人（带教老师党员）',
    input: z.object({ groupId: id, unitContactIds: z.array(id).max(10, '联系人最多10人') }).strict(),
    output: z.object({ unitContactIds: z.array(z.string()) }),
    access: { admin: 'any' }
  }),
  moveMember: action({
    summary: '调整成员所在党小组（保留带日期的变动记录）',
    /**
     * `date`: the day (China time) the move took effect, today by default; not in the
     * future, and not before the person joined their present group.
     */
    input: z.object({ personId: id, toGroupId: id, reason: text(100), date: calendarDay.optional() }).strict(),
    output: z.object({ fromGroupId: z.string().nullable(), toGroupId: z.string(), movedAt: z.string() }),
    access: { admin: 'any' }
  }),
  history: action({
    summary: '某人的党小组变动记录',
    input: z.object({ personId: id }).strict(),
    output: z.object({ items: z.array(z.object({ groupId: z.string(), groupName: z.string(), from: z.string(), to: z.string().nullable(), reason: z.string() })) }),
    access: { admin: 'any' }
  }),
  setFlagIssued: action({
    summary: '登记实习党旗发放',
    input: z.object({ groupId: id, issued: z.boolean() }).strict(),
    output: z.object({ flagIssued: z.boolean() }),
    access: { admin: 'any' }
  }),
  /** The branch's page for one group's people and roles: its detail and the ranked candidates, in one call. */
  manage: action({
    summary: '小组管理：成员、联络员和骨干人选、指导教师、实习单位联系人',
    input: z.object({ groupId: id }).strict(),
    output: groupDetail.extend({ candidates: z.array(liaisonCandidate) }),
    access: { admin: 'any' }
  }),
  /**
   * Teachers or unit contacts, in staff-number order, to choose advisors and unit contacts
   * from. `keyword` is an exact name; `total` is an index count, null with a keyword.
   */
  assignable: action({
    summary: '可指定的指导教师或实习单位联系人（分页，可按姓名查找）',
    input: z.object({
      ...cursorInput,
      kind: z.enum(ASSIGNABLE_KINDS),
      keyword: z.string().trim().max(20).regex(/^[^\u0000-\u001f\u007f\uffff]*$/, '关键词含有无效字符').optional()
    }).strict(),
    output: cursorPage(z.object({ id: z.string(), name: z.string(), unitName: z.string().nullable(), province: z.string().nullable() })),
    access: { admin: 'any' }
  })
}
