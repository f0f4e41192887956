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

/** Party members in the sense of group balance: full and probationary members. */
export const isPartyMember = (s: PoliticalStatus): boolean => s === 'member' || s === 'probationary'
/** Ordinary students: those a Party member looks after in a "1+10" circle. */
export const isOrdinaryStudent = (s: PoliticalStatus): boolean => !isPartyMember(s)
