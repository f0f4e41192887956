import { z } from 'zod'
import { GROUP_ROLES, PERSON_KINDS, POLITICAL_STATUSES } from '../domain'
import { ROLES } from '../roles'
import { action, empty, id, text } from '../schema'

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

const everyone = { unbound: 'any', intern: 'any', liaison: 'any', coreMember: 'any', advisor: 'any', unitContact: 'any', admin: 'any' } as const

const INVITE_KINDS = ['teacher', 'unitContact', 'staff'] as const

export const userActions = {
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
  unbind: action({
    summary: '解除某人的微信绑定',
    input: z.object({ personId: id }).strict(),
    output: z.object({ unbound: z.boolean() }),
    access: { admin: 'any' }
  })
}
