/**
 * A person's cultivation as shown: who may read it, the review due next, and the views the
 * contract declares (rows of lists, reviews, observations).
 */
import type { z } from 'zod'
import { CULTIVATED_STATUSES, CULTIVATION_LIMITS, cultivationRow, observationView, reviewView } from '../../types/actions/cultivation'
import { chinaDay } from '../common/chinaTime'
import type { ActionContext } from '../common/dispatcher'
import { notFound } from '../common/errors'
import { daysBetween, DueReview, dueReview, reviewMonthsOf } from './due'
import type { Loaded } from './load'
import type { CultivationDoc, ObservationDoc, ObservationSide, ReviewDoc } from './model'

export const NO_FILE = '该同志的培养考察档案'

/** Whether the person is under cultivation now (an activist or probationary member). */
export const isCultivated = (l: Loaded): boolean =>
  l.person.kind === 'student' && (CULTIVATED_STATUSES as readonly string[]).includes(l.person.politicalStatus ?? '')

/** The side the caller records on: they are the person's school or unit contact. */
export function contactSideOf(ctx: ActionContext, cultivation: CultivationDoc | null): ObservationSide | null {
  const me = ctx.caller.person
  if (!me || !cultivation) return null
  if (me.kind === 'teacher' && cultivation.schoolContactId === me._id) return 'school'
  if (me.kind === 'unitContact' && cultivation.unitContactId === me._id) return 'unit'
  return null
}

/**
 * Whether the caller reads the person's observations and reviews: admins, the advisors of
 * the person's group, and the person's two contacts — nobody else.
 */
export function readsFile(ctx: ActionContext, l: Loaded): boolean {
  if (ctx.caller.roles.includes('admin')) return true
  if (l.person.groupId && ctx.caller.person?.kind === 'teacher' && ctx.caller.advisorOf.includes(l.person.groupId)) return true
  return contactSideOf(ctx, l.cultivation) !== null
}

/**
 * The person's file as the caller may see it, or NOT_FOUND: for anyone who may not read
 * it, and for a person who is neither under cultivation nor has a file, alike (so that
 * asking reveals nothing about someone's political status).
 */
export function fileFor(ctx: ActionContext, l: Loaded | undefined): Loaded {
  if (!l || !(l.cultivation || isCultivated(l)) || !readsFile(ctx, l)) throw notFound(NO_FILE)
  return l
}

/** The review due next for a loaded person. */
export function dueOf(l: Loaded): DueReview | null {
  return dueReview({
    politicalStatus: l.person.politicalStatus,
    activistSince: l.person.activistSince,
    probationEndsAt: l.person.probationEndsAt,
    lastReviewOn: l.cultivation?.lastReviewOn ?? null,
    reviewIds: (l.cultivation?.reviews ?? []).map((r) => r.id)
  }, reviewMonthsOf(l.cadences), CULTIVATION_LIMITS.earlyDays)
}

export function nextReviewOf(due: DueReview | null, now: Date): { kind: DueReview['kind']; dueOn: string; daysLeft: number } | null {
  return due && { kind: due.kind, dueOn: due.dueOn, daysLeft: daysBetween(chinaDay(now), due.dueOn) }
}

/** A person's row in a list (and the head of their file). */
export function rowOf(l: Loaded, now: Date): z.input<typeof cultivationRow> {
  const c = l.cultivation
  return {
    personId: l.person._id,
    name: l.person.name,
    no: l.person.no,
    groupId: l.person.groupId,
    groupName: l.group?.name ?? null,
    year: l.person.year,
    politicalStatus: l.person.politicalStatus,
    contacts: {
      school: c?.schoolContactId ? { id: c.schoolContactId, name: c.schoolContactName ?? '' } : null,
      unit: c?.unitContactId ? { id: c.unitContactId, name: c.unitContactName ?? '' } : null
    },
    nextReview: isCultivated(l) ? nextReviewOf(dueOf(l), now) : null,
    counts: { school: c?.counts?.school ?? 0, unit: c?.counts?.unit ?? 0 },
    lastReviewOn: c?.lastReviewOn ?? null
  }
}

export const reviewViewOf = (r: ReviewDoc): z.input<typeof reviewView> => ({
  id: r.id, kind: r.kind, dueOn: r.dueOn, outcome: r.outcome, note: r.note, reviewedOn: r.reviewedOn, extendedTo: r.extendedTo ?? null,
  statusChange: r.statusChange ?? null, decidedAt: new Date(r.decidedAt).toISOString(), decidedByName: r.decidedByName
})

/** Reviews newest first. */
export const reviewsOf = (c: CultivationDoc | null): ReviewDoc[] =>
  [...(c?.reviews ?? [])].sort((a, b) => new Date(b.decidedAt).getTime() - new Date(a.decidedAt).getTime())

export const observationViewOf = (o: ObservationDoc): z.input<typeof observationView> => ({
  id: o._id, side: o.side, authorName: o.authorName, date: o.date, aspect: o.aspect, body: o.body, createdAt: new Date(o.createdAt).toISOString()
})
