/**
 * Domain vocabulary shared by the mini program and the cloud functions.
 * See the glossary in the architecture notes: Chinese term -> identifier.
 */

/** 政治面貌: 正式党员 / 预备党员 / 入党积极分子 / 入党申请人 / 群众 */
export const POLITICAL_STATUSES = ['member', 'probationary', 'activist', 'applicant', 'masses'] as const
export type PoliticalStatus = (typeof POLITICAL_STATUSES)[number]

export const POLITICAL_STATUS_LABELS: Record<PoliticalStatus, string> = {
  member: '中共党员',
  probationary: '中共预备党员',
  activist: '入党积极分子',
  applicant: '入党申请人',
  masses: '群众'
}

/** Who a person is: a student from the roster, a teacher, a Party member at an internship unit, branch staff. */
export const PERSON_KINDS = ['student', 'teacher', 'unitContact', 'staff'] as const
/** A student's role in their group: 联络员 liaison, 骨干 core member. */
export const GROUP_ROLES = ['liaison', 'coreMember'] as const

/** Party members in the sense of group balance and "1+10" circles: full and probationary. */
export const PARTY_STATUSES = ['member', 'probationary'] as const satisfies readonly PoliticalStatus[]

export const isPartyMember = (s: PoliticalStatus | null | undefined): boolean =>
  s === 'member' || s === 'probationary'

/** How long a badge's QR token lives: its `expiresAt` is this long after issue, rounded down to the second. */
export const BADGE_TTL_MS = 10 * 60 * 1000

/**
 * Text order by UTF-16 code units, as the database sorts strings. Deterministic on every
 * runtime, unlike localeCompare, whose order depends on the ICU data present.
 */
export const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0)

/**
 * The internship year (1 July to 30 June) a day or month falls in, as its label:
 * "2026-09-14" and "2026-09" are in "2026-2027", "2027-06-30" too.
 */
export function internshipYearOf(dayOrMonth: string): string {
  const y = Number(dayOrMonth.slice(0, 4))
  const start = Number(dayOrMonth.slice(5, 7)) >= 7 ? y : y - 1
  return `${start}-${start + 1}`
}

/**
 * The term (学期) a day falls in, as its label: term 1 of an internship year runs July to
 * December, term 2 January to June ("2026-12-31" is in "2026-2027-1", "2027-01-01" in
 * "2026-2027-2").
 */
export function internshipTermOf(day: string): string {
  return `${internshipYearOf(day)}-${Number(day.slice(5, 7)) >= 7 ? 1 : 2}`
}
