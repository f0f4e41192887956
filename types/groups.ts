/**
 * Shapes of a group that more than one domain's contract shows (the group list, the
 * app's home screen). Declared here once, so that each function's bundle carries only its
 * own domain's contract.
 */
import { z } from 'zod'

/** Members of a group by political status; `partyMembers` counts full and probationary members. */
export const groupCounts = z.object({
  total: z.number().int(),
  partyMembers: z.number().int(),
  probationary: z.number().int(),
  activists: z.number().int(),
  /** applicants and masses */
  others: z.number().int()
})
export type GroupCounts = z.infer<typeof groupCounts>

/** A group as lists show it, with the member counts kept on the group. */
export const groupSummary = z.object({
  id: z.string(),
  name: z.string(),
  /** its internship year, e.g. 2026-2027 (names repeat from year to year) */
  year: z.string(),
  province: z.string(),
  cities: z.array(z.string()),
  counts: groupCounts,
  liaisonName: z.string().nullable(),
  advisorNames: z.array(z.string()),
  flagIssued: z.boolean()
})
