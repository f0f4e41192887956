/**
 * Documents as stored in the cloud database. Every collection is admin-only: clients reach
 * data only through these functions. See database/collections.json for the indexes.
 */
import type { GroupCounts } from '../../types/groups'
import type { PoliticalStatus } from '../../types/domain'
import type { GROUP_ROLES, PERSON_KINDS } from '../../types/domain'

export const C = {
  people: 'people',
  bindings: 'bindings',
  attempts: 'attempts',
  invites: 'invites',
  units: 'units',
  groups: 'groups',
  secrets: 'secrets',
  formations: 'formations',
  imports: 'imports',
  yearUnits: 'yearUnits'
} as const

export type PersonKind = (typeof PERSON_KINDS)[number]
export type GroupRole = (typeof GROUP_ROLES)[number]

/** A person: a student from the roster, a teacher, a unit contact or branch staff. */
export interface PersonDoc {
  _id: string
  /** student number, or a staff number for others; unique */
  no: string
  kind: PersonKind
  name: string
  phone: string | null
  grade: string | null
  major: string | null
  politicalStatus: PoliticalStatus | null
  joinedPartyAt: string | null
  /** one year after joining, for probationary members */
  probationEndsAt: string | null
  activistSince: string | null
  unitId: string | null
  unitName: string | null
  province: string | null
  city: string | null
  internshipStart: string | null
  internshipEnd: string | null
  groupId: string | null
  admin: boolean
  /** internship year label, e.g. "2026-2027": the year of the roster file the person was last imported from */
  year: string | null
  /** dated group membership: each entry is a joining; it lasts until the next one */
  history: MembershipEntry[]
  openid: string | null
  boundAt: Date | null
  /**
   * The account of the person's latest binding, kept after unbinding: unbinding reads it
   * from the document it clears, so it releases that account's binding and attempts.
   */
  lastOpenid?: string | null
  /** the person's open invite code (not students): cleared when redeemed, replaced by a new invite */
  inviteCode?: string | null
  inviteExpiresAt?: Date | null
  /** true once the person under cultivation has both contacts (cultivation.assignContacts), for the branch's "without contacts" list */
  contactsAssigned?: true | null
  /** the review (`<personId>:<reviewId>`) that last changed the status, so a retried decision moves the group's counts once */
  statusReview?: string | null
  createdAt: Date
  updatedAt: Date
}

/** openid -> person, for real bindings only; `_id` is the openid, so one WeChat account binds once. */
export interface BindingDoc {
  _id: string
  personId: string
  boundAt: Date
}

/**
 * A WeChat account's binding attempts of one kind; `_id` is `bind:<openid>` or
 * `invite:<openid>` (see cloudfunctions/user/attempts.ts).
 */
export interface AttemptDoc {
  _id: string
  /** when each of the account's attempt slots was last taken, oldest first (epoch: never) */
  slots: Date[]
}

/**
 * Every invite code issued: it reserves the code, so no two people get the same one.
 * Whether the code is still open is on the person (`inviteCode`).
 */
export interface InviteDoc {
  _id: string // the code
  personId: string
  kind: PersonKind
  expiresAt: Date
  createdAt: Date
}

export interface UnitDoc {
  _id: string
  name: string
  province: string
  city: string
  createdAt: Date
}

/**
 * An internship unit that a year's roster names: written by the import, so the branch
 * counts the year's units from an index (common/yearUnits.ts). `_id` is `<year>|<unitId>`.
 */
export interface YearUnitDoc {
  _id: string
  year: string
  unitId: string
}

/** Joining a group (groupId null: leaving every group). */
export interface MembershipEntry {
  groupId: string | null
  groupName: string | null
  at: Date
  reason: string
}

export interface GroupDoc {
  _id: string
  /** stable key from formation, e.g. 2026-2027/河南省/郑州市/1 */
  key: string
  year: string
  name: string
  province: string
  /** province, name and key: the order of lists (group/sortKey.ts) */
  sortKey: string
  cities: string[]
  inviteCode: string
  liaisonId: string | null
  liaisonName: string | null
  coreMemberIds: string[]
  advisorIds: string[]
  advisorNames: string[]
  unitContactIds: string[]
  flagIssued: boolean
  /** members by political status, kept with every membership change (see common/groupCounts.ts) */
  counts: GroupCounts
  /** "1+10" circles: Party member id -> the ordinary students they look after */
  circles: Record<string, string[]>
  /** bumped by every change of `circles`, for compare-and-set */
  circlesVersion: number
  /** reviews (`<personId>:<reviewId>`) whose status change `counts` holds: a retried decision moves them once */
  statusMoves?: string[]
  createdAt: Date
  updatedAt: Date
}
