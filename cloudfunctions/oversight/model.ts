/**
 * What oversight stores (the branch's settings, the current alerts) and what it reads of
 * other functions' collections, by name and with the fields those functions keep
 * (ISSUE12's shared data model). Oversight never writes another function's collection.
 */
import type { AlertKind, AlertView, Cadences } from '../../types/actions/oversight'

export const O = {
  settings: 'settings',
  alerts: 'alerts'
} as const

/** Collections of other functions read here. */
export const READ = {
  checkins: 'checkins',
  lessons: 'lessons',
  lessonStats: 'lessonStats',
  lessonReads: 'lessonReads',
  notes: 'notes',
  volunteerRecords: 'volunteerRecords',
  volunteerTotals: 'volunteerTotals',
  talks: 'talks',
  questions: 'questions',
  cultivations: 'cultivations'
} as const

/** The `settings` documents: the cadences, and where the alerts stand. */
export const CADENCES_ID = 'cadences'
export const ALERTS_STATE_ID = 'alerts'

export interface CadencesDoc extends Cadences {
  _id: typeof CADENCES_ID
  updatedAt: Date
  updatedById: string
  updatedBy: string
}

/**
 * Where the alerts stand: when the daily job last brought them up to date, for which
 * internship year, and how many of each kind it left.
 */
export interface AlertsStateDoc {
  _id: typeof ALERTS_STATE_ID
  /** the internship year the alerts are of */
  year: string
  builtAt: Date
  /** alerts by kind */
  counts: Record<AlertKind, number>
}

/**
 * An alert as stored (`_id` its alert id, stable while its condition lasts): its view, who
 * sees it, its place in the list, and a digest of what it says — the daily job rewrites
 * only the alerts whose digest changed.
 */
export interface AlertDoc extends Omit<AlertView, 'checkedAt' | 'id'> {
  _id: string
  year: string
  /** people who see it besides the branch (see the contract's `alerts`) */
  viewers: string[]
  /** `<severity rank><kind rank>|<group sortKey>|<subject>|<alert id>`: urgent first, then kind, group, subject */
  key: string
  /** digest of everything above: equal digests, equal alerts */
  hash: string
}

// ------------------------------------------------------------------------ read from others

/** A check-in (activity), as far as oversight reads it. */
export interface CheckinRead {
  _id: string
  groupId: string
  type: string
  heldAt: Date
}

/** 谈心谈话 (talk), as ISSUE12 fixes it. */
export interface TalkRead {
  _id: string
  year: string
  groupId: string
  studentId: string
  studentName: string
  recorderId: string
  recorderName: string
  recorderRole: 'advisor' | 'liaison' | 'admin'
  date: string
  followUp: string | null
  followUpDue: string | null
  followUpDone: boolean
}

/** A question to an advisor (question), as ISSUE12 fixes it. */
export interface QuestionRead {
  _id: string
  year: string
  groupId: string
  askerId: string
  advisorId: string
  advisorName: string
  status: 'open' | 'answered'
  askedAt: Date
}

/** A person under cultivation (cultivation), `_id` the person's id, as ISSUE12 fixes it. */
export interface CultivationRead {
  _id: string
  personId: string
  schoolContactId: string | null
  schoolContactName: string | null
  unitContactId: string | null
  unitContactName: string | null
  reviews: { id: string; kind: 'sixMonth' | 'probationEnd'; dueOn: string; outcome: string; decidedAt: Date }[]
  lastReviewOn: string | null
}

/** Whether `e` is CloudBase's answer for a collection that does not exist (yet: another function's, before its first write). */
export const isMissingCollection = (e: unknown): boolean => {
  const code = String((e as { code?: unknown } | null)?.code ?? '')
  const message = String((e as { message?: unknown } | null)?.message ?? '')
  return code === 'DATABASE_COLLECTION_NOT_EXIST' || /collection.*not exist|not exist.*collection/i.test(message)
}

/** A read of another function's collection: nothing when that collection does not exist yet. */
export async function orNothing<T>(read: () => Promise<T[]>): Promise<T[]> {
  try {
    return await read()
  } catch (e) {
    if (isMissingCollection(e)) return []
    throw e
  }
}
