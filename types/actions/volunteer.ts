/**
 * 志愿服务 volunteer service: any intern logs the hours they served (health outreach,
 * epidemic prevention, donations, other); someone who saw it verifies them — the group's
 * liaison or advisor in the app, or the unit contact at the hospital through a signed link
 * (or its QR) that needs no roster account, works for a limited time, for one record only,
 * and once. Totals per person, group, province and year count verified hours, with
 * unverified hours shown apart. Every write carries a client request id and is applied once.
 */
import { z } from 'zod'
import { action, cursorInput, cursorPage, id, internshipYear, requestId } from '../schema'

/** Limits of a record, shown on the device and enforced by the function. */
export const VOLUNTEER_LIMITS = {
  /** hours in half-hour steps, at most this many on one day */
  hoursPerDay: 24,
  place: 60,
  description: 1000,
  photos: 6,
  photoBytes: 5 * 1024 * 1024,
  /** a donation's amount, in yuan */
  donationMax: 1_000_000,
  /** how long a verification link works */
  linkHours: 72
} as const

export const VOLUNTEER_CATEGORIES = ['healthOutreach', 'epidemicPrevention', 'donation', 'other'] as const
export const volunteerCategory = z.enum(VOLUNTEER_CATEGORIES)
export const VOLUNTEER_CATEGORY_LABELS: Record<(typeof VOLUNTEER_CATEGORIES)[number], string> = {
  healthOutreach: '健康宣教/义诊',
  epidemicPrevention: '疫情防控',
  donation: '捐赠',
  other: '其他'
}

/** A record's verification: waiting, verified (by whom, how), or refused with a reason. */
export const VERIFICATION_STATES = ['pending', 'verified', 'rejected'] as const
export const verificationState = z.enum(VERIFICATION_STATES)

const VOLUNTEER_PHOTO = /^cloud:\/\/[^/\s]+\/volunteer\/\d{6}\/[a-z0-9]{24}\.(jpg|png|webp)$/
const photoId = z.string().trim().regex(VOLUNTEER_PHOTO, '请使用“上传”取得的图片')

/** A day as the intern lived it (China time), e.g. 2026-11-30. */
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为YYYY-MM-DD')

export const volunteerView = z.object({
  id: z.string(),
  personId: z.string(),
  personName: z.string(),
  groupId: z.string().nullable(),
  year: z.string(),
  date: z.string(),
  hours: z.number(),
  place: z.string(),
  category: volunteerCategory,
  /** yuan, for a donation */
  amount: z.number().nullable(),
  description: z.string(),
  photos: z.array(z.object({ fileID: z.string(), url: z.string().nullable() })),
  state: verificationState,
  /** e.g. { name: '王老师', role: '指导教师', via: 'app' } or via 'link' for the unit contact */
  verifiedBy: z.object({ name: z.string(), role: z.string(), via: z.enum(['app', 'link']) }).nullable(),
  verifiedAt: z.string().nullable(),
  rejectReason: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string()
})

/** Hours counted: verified, and logged but not verified (shown apart). */
export const hoursTotals = z.object({ verified: z.number(), unverified: z.number(), records: z.number().int() })

export const volunteerActions = {
  log: action({
    summary: '登记志愿服务时长（同一请求编号只生效一次）',
    input: z.object({
      requestId,
      date: day,
      hours: z.number().min(0.5, '时长至少0.5小时').max(VOLUNTEER_LIMITS.hoursPerDay, `一天最多${VOLUNTEER_LIMITS.hoursPerDay}小时`).refine((h) => Number.isInteger(h * 2), '时长以半小时为单位'),
      place: z.string().trim().min(1, '请填写地点').max(VOLUNTEER_LIMITS.place),
      category: volunteerCategory,
      amount: z.number().positive('捐赠金额应大于0').max(VOLUNTEER_LIMITS.donationMax).nullable().default(null),
      description: z.string().trim().min(1, '请填写服务内容').max(VOLUNTEER_LIMITS.description),
      photos: z.array(photoId).max(VOLUNTEER_LIMITS.photos, `最多${VOLUNTEER_LIMITS.photos}张图片`).default([])
    }).strict()
      .refine((i) => i.category !== 'donation' || i.amount !== null, { message: '捐赠请填写金额', path: ['amount'] })
      .refine((i) => i.category === 'donation' || i.amount === null, { message: '只有捐赠需要填写金额', path: ['amount'] }),
    output: volunteerView,
    access: { intern: 'any' }
  }),
  mine: action({
    summary: '我的志愿服务记录与时长',
    input: z.object({ ...cursorInput, year: internshipYear.optional() }).strict(),
    output: cursorPage(volunteerView).extend({ totals: hoursTotals }),
    access: { intern: 'any' }
  }),
  pending: action({
    summary: '本小组待核实的志愿服务记录',
    input: z.object({ ...cursorInput, groupId: id }).strict(),
    output: cursorPage(volunteerView),
    access: { liaison: 'group', advisor: 'group', admin: 'any' }
  }),
  verify: action({
    summary: '核实或退回一条志愿服务记录（联络员、指导教师）',
    input: z.object({ recordId: id, approve: z.boolean(), reason: z.string().trim().max(200).optional() }).strict()
      .refine((i) => i.approve || !!i.reason, { message: '退回请说明原因', path: ['reason'] }),
    output: volunteerView,
    access: { liaison: 'any', advisor: 'any' }
  }),
  createLink: action({
    summary: '生成请实习单位带教老师核实的链接（限时、仅限这一条、只能用一次）',
    input: z.object({ recordId: id }).strict(),
    output: z.object({ token: z.string(), url: z.string(), expiresAt: z.string() }),
    access: { intern: 'any' }
  }),
  openLink: action({
    summary: '带教老师打开核实链接：查看这条记录',
    input: z.object({ token: z.string().min(16).max(600) }).strict(),
    output: z.object({ record: volunteerView.omit({ photos: true }), expiresAt: z.string() }),
    access: { anonymous: 'any', unbound: 'any', intern: 'any', liaison: 'any', coreMember: 'any', advisor: 'any', unitContact: 'any', admin: 'any' }
  }),
  verifyByLink: action({
    summary: '带教老师通过链接核实（签名校验，只能用一次）',
    input: z.object({ token: z.string().min(16).max(600), verifierName: z.string().trim().min(1, '请填写您的姓名').max(20), approve: z.boolean(), reason: z.string().trim().max(200).optional() }).strict(),
    output: z.object({ state: verificationState }),
    access: { anonymous: 'any', unbound: 'any', intern: 'any', liaison: 'any', coreMember: 'any', advisor: 'any', unitContact: 'any', admin: 'any' }
  }),
  totals: action({
    summary: '志愿服务时长统计：按个人、党小组、省份',
    input: z.object({ year: internshipYear.optional(), by: z.enum(['group', 'province']), groupId: id.optional() }).strict(),
    output: z.object({
      year: z.string(), total: hoursTotals, rows: z.array(hoursTotals.extend({ key: z.string(), name: z.string() })),
      /** the group and province figures hold every change made before this time (ISO; null: not yet recounted) — an intern's own are always current */
      asOf: z.string().nullable()
    }),
    access: { advisor: 'any', admin: 'any', liaison: 'any' }
  }),
  uploadTicket: action({
    summary: '上传志愿服务照片：取得上传地址',
    input: z.object({ name: z.string().trim().min(1).max(100), contentType: z.string().trim().min(1).max(100), bytes: z.number().int().min(1) }).strict(),
    output: z.object({ fileID: z.string(), cloudPath: z.string(), uploadUrl: z.string(), uploadHeaders: z.record(z.string(), z.string()) }),
    access: { intern: 'any' }
  })
}
