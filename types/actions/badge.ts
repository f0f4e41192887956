import { z } from 'zod'
import { POLITICAL_STATUSES } from '../domain'
import { action } from '../schema'

export const BADGE_MOTTO = '争先锋 作表率' as const

export const badgeActions = {
  get: action({
    summary: '我的实习党小组身份牌',
    input: z.object({}).strict(),
    output: z.object({
      name: z.string(),
      politicalStatus: z.enum(POLITICAL_STATUSES),
      politicalStatusLabel: z.string(),
      groupName: z.string().nullable(),
      unitName: z.string().nullable(),
      motto: z.literal(BADGE_MOTTO),
      /** what the QR code encodes: a signed, expiring token, no personal data */
      qrPayload: z.string(),
      expiresAt: z.string()
    }),
    access: { intern: 'any', liaison: 'any', coreMember: 'any' }
  }),
  verify: action({
    summary: '扫码核验身份牌',
    input: z.object({ token: z.string().trim().min(1).max(500) }).strict(),
    output: z.object({
      valid: z.boolean(),
      reason: z.string().optional(),
      name: z.string().optional(),
      groupName: z.string().nullable().optional(),
      expiresAt: z.string().optional()
    }),
    access: { unbound: 'any', intern: 'any', liaison: 'any', coreMember: 'any', advisor: 'any', unitContact: 'any', admin: 'any' }
  })
}
