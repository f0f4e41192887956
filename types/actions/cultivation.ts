/**
 * 双联系人、双培养 dual contacts, dual cultivation: every activist and probationary member
 * has a school contact (入党联系人, a teacher) and a unit contact (the Party member teaching
 * them at the hospital). Both record dated observations of the person's study, work and
 * conduct; the activist's six-month review and the end-of-probation assessment show both
 * sides together, and the branch records the outcome. Observations and reviews are read
 * only by the person's two contacts, their group's advisors and admins; the person sees
 * their own outcomes and due days.
 */
import { z } from 'zod'
import { POLITICAL_STATUSES } from '../domain'
import { CULTIVATED_STATUSES, CULTIVATION_LIMITS, LIST_SCOPES, OBSERVATION_ASPECTS, OBSERVATION_SIDES, OUTCOMES_OF, REVIEW_KINDS, REVIEW_OUTCOMES } from '../cultivation'
import { action, calendarDay, cursorInput, cursorPage, id, internshipYear, requestId } from '../schema'

export * from '../cultivation'

export const cultivatedStatus = z.enum(CULTIVATED_STATUSES)
export const reviewKind = z.enum(REVIEW_KINDS)
export const reviewOutcome = z.enum(REVIEW_OUTCOMES)
export const observationSide = z.enum(OBSERVATION_SIDES)
export const observationAspect = z.enum(OBSERVATION_ASPECTS)
export const listScope = z.enum(LIST_SCOPES)

const politicalStatus = z.enum(POLITICAL_STATUSES).nullable()
const personRef = z.object({ id: z.string(), name: z.string() })

export const contactsView = z.object({ school: personRef.nullable(), unit: personRef.nullable() })

/** The review due next: its kind and day, and days from today (negative: overdue). */
export const nextReviewView = z.object({ kind: reviewKind, dueOn: z.string(), daysLeft: z.number().int() })

export const sideCounts = z.object({ school: z.number().int(), unit: z.number().int() })

/** A person under cultivation as lists show them. */
export const cultivationRow = z.object({
  personId: z.string(),
  name: z.string(),
  no: z.string(),
  groupId: z.string().nullable(),
  groupName: z.string().nullable(),
  year: z.string().nullable(),
  politicalStatus,
  contacts: contactsView,
  nextReview: nextReviewView.nullable(),
  /** observations recorded on each side */
  counts: sideCounts,
  lastReviewOn: z.string().nullable()
})

export const reviewView = z.object({
  id: z.string(),
  kind: reviewKind,
  dueOn: z.string(),
  outcome: reviewOutcome,
  note: z.string(),
  /** the day the branch reviewed */
  reviewedOn: z.string(),
  /** the new end of probation, for 延长预备期 */
  extendedTo: z.string().nullable(),
  /** the status the outcome gave (按期转正: probationary → member) */
  statusChange: z.object({ from: z.enum(POLITICAL_STATUSES), to: z.enum(POLITICAL_STATUSES) }).nullable(),
  decidedAt: z.string(),
  decidedByName: z.string()
})

export const observationView = z.object({
  id: z.string(),
  side: observationSide,
  authorName: z.string(),
  date: z.string(),
  aspect: observationAspect,
  body: z.string(),
  createdAt: z.string()
})

/** A teacher or unit contact the branch may choose. */
const candidate = z.object({ id: z.string(), name: z.string(), unitName: z.string().nullable() })

export const cultivationActions = {
  assignContacts: action({
    summary: '为入党积极分子或预备党员指定学校联系人（教师）和单位联系人（带教老师党员）',
    input: z.object({ personId: id, schoolContactId: id.nullable(), unitContactId: id.nullable() }).strict(),
    output: z.object({ personId: z.string(), contacts: contactsView }),
    access: { admin: 'any' }
  }),
  list: action({
    summary: '培养考察名单：党总支看全年度，指导教师看所指导小组，联系人看自己联系的同志',
    input: z.object({
      ...cursorInput,
      scope: listScope.optional(),
      year: internshipYear.optional(),
      status: cultivatedStatus.optional(),
      groupId: id.optional(),
      withoutContacts: z.boolean().optional()
    }).strict(),
    output: cursorPage(cultivationRow).extend({
      scope: listScope,
      /** the scopes this caller may choose */
      scopes: z.array(listScope),
      /** the year listed (scope all) */
      year: z.string().nullable()
    }),
    access: { advisor: 'any', unitContact: 'any', admin: 'any' }
  }),
  get: action({
    summary: '一位同志的培养考察档案：两方联系人的考察情况（新的在前）、考察结果和下次考察时间',
    input: z.object({ ...cursorInput, personId: id }).strict(),
    output: cultivationRow.extend({
      activistSince: z.string().nullable(),
      joinedPartyAt: z.string().nullable(),
      probationEndsAt: z.string().nullable(),
      /** months between an activist's reviews (the branch's setting) */
      reviewMonths: z.number().int(),
      reviews: z.array(reviewView),
      /** both sides' observations, newest first, a page at a time */
      observations: cursorPage(observationView),
      /** the side the caller records on, when they are one of the two contacts */
      canObserve: observationSide.nullable(),
      /** the branch records the review due */
      canReview: z.boolean(),
      /** for the branch choosing contacts: the group's advisors and unit contacts (null for others) */
      suggestions: z.object({ teachers: z.array(candidate), unitContacts: z.array(candidate) }).nullable()
    }),
    access: { advisor: 'any', unitContact: 'any', admin: 'any' }
  }),
  observe: action({
    summary: '联系人记录考察情况（学习、工作、品行；同一请求编号只生效一次）',
    input: z.object({
      requestId,
      personId: id,
      date: calendarDay,
      aspect: observationAspect,
      body: z.string().trim().min(1, '请填写考察情况').max(CULTIVATION_LIMITS.observation, `不能超过${CULTIVATION_LIMITS.observation}个字`)
    }).strict(),
    output: observationView,
    access: { advisor: 'any', unitContact: 'any' }
  }),
  recordReview: action({
    summary: '党总支记录考察结果：积极分子半年考察，或预备期满考察（按期转正、延长预备期、取消预备党员资格）',
    input: z.object({
      personId: id,
      kind: reviewKind,
      /** the review being decided, by the day it is due (as `get` showed it) */
      dueOn: calendarDay,
      outcome: reviewOutcome,
      note: z.string().trim().max(CULTIVATION_LIMITS.note, `不能超过${CULTIVATION_LIMITS.note}个字`).default(''),
      /** the day of the review (default today) */
      reviewedOn: calendarDay.optional(),
      /** 延长预备期: the new end of probation */
      extendedTo: calendarDay.optional()
    }).strict()
      .refine((i) => OUTCOMES_OF[i.kind].includes(i.outcome), { message: '考察结果与考察类型不符', path: ['outcome'] })
      .refine((i) => (i.outcome === 'extended') === (i.extendedTo !== undefined), { message: '延长预备期请填写新的预备期满日期（其他结果不填）', path: ['extendedTo'] }),
    output: z.object({ review: reviewView, politicalStatus, nextReview: nextReviewView.nullable() }),
    access: { admin: 'any' }
  }),
  myOutcomes: action({
    summary: '我的培养考察：考察结果和下次考察时间（不含考察记录内容）',
    input: z.object({}).strict(),
    output: z.object({
      politicalStatus,
      underCultivation: z.boolean(),
      nextReview: nextReviewView.nullable(),
      outcomes: z.array(z.object({ kind: reviewKind, dueOn: z.string(), outcome: reviewOutcome, reviewedOn: z.string(), extendedTo: z.string().nullable() }))
    }),
    access: { intern: 'any' }
  })
}
