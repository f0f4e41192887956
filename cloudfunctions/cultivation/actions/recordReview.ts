import type { z } from 'zod'
import { CULTIVATION_LIMITS, cultivationActions, REVIEW_KIND_LABELS, REVIEW_OUTCOME_LABELS, STATUS_AFTER, STATUS_SHORT_LABELS } from '../../../types/actions/cultivation'
import { database } from '../../common/app'
import { chinaDay } from '../../common/chinaTime'
import { isDuplicateWrite } from '../../common/db'
import { ActionContext, defineAction } from '../../common/dispatcher'
import { conflict, invalid, notFound, precondition } from '../../common/errors'
import { statusMoveChange } from '../../common/groupCounts'
import { C, PersonDoc } from '../../common/model'
import { addMonths } from '../due'
import { dueOf, isCultivated, nextReviewOf, reviewViewOf } from '../file'
import { Loaded, loadPeople } from '../load'
import { CultivationDoc, CV, ReviewDoc, reviewIdOf, statusKeyOf } from '../model'

type ReviewInput = z.output<typeof cultivationActions.recordReview.input>

/** The student and their file. One request. */
async function loadStudent(personId: string): Promise<Loaded> {
  const l = (await loadPeople([personId])).get(personId)
  if (!l || l.person.kind !== 'student') throw notFound('该同学')
  return l
}

/** The review the input decides, checked against the review due now. */
function decide(input: ReviewInput, l: Loaded, ctx: ActionContext): ReviewDoc {
  const p = l.person
  const what = REVIEW_KIND_LABELS[input.kind]
  if (!isCultivated(l)) throw precondition(`${p.name}现为${STATUS_SHORT_LABELS[p.politicalStatus ?? 'masses']}，不在培养考察中`)
  const due = dueOf(l)
  if (!due) throw precondition(p.politicalStatus === 'activist' ? '名单中没有确定为入党积极分子的日期，无法确定考察时间，请先补充' : '名单中没有预备期满的日期（或本次预备期满考察已记录），请先核对名单')
  if (due.kind !== input.kind) throw precondition(`${p.name}现为${STATUS_SHORT_LABELS[p.politicalStatus!]}，应记录${REVIEW_KIND_LABELS[due.kind]}`)
  if (due.dueOn !== input.dueOn) throw conflict(`${p.name}的${what}应于${due.dueOn}进行，请刷新后再记录`)
  const today = chinaDay(ctx.now)
  const reviewedOn = input.reviewedOn ?? today
  if (reviewedOn > today) throw invalid('考察日期不能晚于今天')
  if (reviewedOn < due.opensOn) throw invalid(input.kind === 'probationEnd' ? `预备期于${due.dueOn}期满，期满后才能记录预备期满考察` : `${what}最早可于${due.opensOn}记录`)
  if (input.extendedTo !== undefined && (input.extendedTo <= due.dueOn || input.extendedTo > addMonths(due.dueOn, CULTIVATION_LIMITS.extensionMonths))) {
    throw invalid(`延长后的预备期满日期应在${due.dueOn}之后，且延长不超过一年`)
  }
  const to = STATUS_AFTER[input.outcome]
  const me = ctx.person()
  return {
    id: reviewIdOf(input.kind, input.dueOn), kind: input.kind, dueOn: input.dueOn, outcome: input.outcome, note: input.note,
    decidedAt: ctx.now, decidedById: me._id, decidedByName: me.name, reviewedOn, extendedTo: input.extendedTo ?? null,
    statusChange: to ? { from: p.politicalStatus!, to } : null, groupId: p.groupId
  }
}

/** Adds the review to the person's file, unless it holds it already: the file as written, or null. One request. */
async function writeReview(l: Loaded, review: ReviewDoc, now: Date): Promise<CultivationDoc | null> {
  const db = database()
  const _ = db.command
  const p = l.person
  if (l.cultivation) {
    const { updated } = await db.collection(CV.cultivations).where({ _id: p._id, 'reviews.id': _.neq(review.id) })
      .update({ reviews: _.push(review), lastReviewOn: review.reviewedOn, updatedAt: now })
    return updated === 1 ? { ...l.cultivation, reviews: [...l.cultivation.reviews, review], lastReviewOn: review.reviewedOn, updatedAt: now } : null
  }
  const doc: CultivationDoc = {
    _id: p._id, personId: p._id, name: p.name, no: p.no, year: p.year, groupId: p.groupId,
    schoolContactId: null, schoolContactName: null, unitContactId: null, unitContactName: null,
    reviews: [review], lastReviewOn: review.reviewedOn, counts: { school: 0, unit: 0 }, counted: [], createdAt: now, updatedAt: now
  }
  try {
    await db.collection(CV.cultivations).add(doc)
    return doc
  } catch (e) {
    if (isDuplicateWrite(e)) return null
    throw e
  }
}

/** A review recorded already answers a retry of the same decision, and refuses a different one. */
function sameDecision(recorded: ReviewDoc, input: ReviewInput): ReviewDoc {
  if (recorded.outcome !== input.outcome || (recorded.extendedTo ?? undefined) !== input.extendedTo) {
    throw conflict(`这次${REVIEW_KIND_LABELS[recorded.kind]}已记录为“${REVIEW_OUTCOME_LABELS[recorded.outcome]}”`)
  }
  return recorded
}

/**
 * What the review changes on the person — their status (按期转正, 取消预备党员资格) or the end
 * of probation (延长预备期) — marked as this review's. Applied to a probationary member
 * still at this end of probation, or again to one this review changed already (a retry),
 * never to anyone else. Returns the person as changed, or null. One request.
 */
async function applyToPerson(personId: string, review: ReviewDoc, now: Date): Promise<PersonDoc | null> {
  const _ = database().command
  const key = statusKeyOf(personId, review.id)
  const change = review.statusChange ? { politicalStatus: review.statusChange.to } : { probationEndsAt: review.extendedTo }
  const { doc } = await database().collection(C.people)
    .where(_.and([{ _id: personId }, _.or([{ politicalStatus: 'probationary', probationEndsAt: review.dueOn }, { statusReview: key }])]))
    .updateAndReturn({ ...change, statusReview: key, updatedAt: now }) as { doc: PersonDoc | null }
  return doc
}

/** Moves the group's counts for the review's status change, once: the group keeps the reviews it counted. One request. */
async function moveGroupCounts(personId: string, review: ReviewDoc, now: Date): Promise<void> {
  if (!review.statusChange || !review.groupId) return
  const _ = database().command
  const key = statusKeyOf(personId, review.id)
  await database().collection(C.groups).where({ _id: review.groupId, statusMoves: _.neq(key) })
    .update({ ...statusMoveChange(review.statusChange.from, review.statusChange.to), statusMoves: _.push(key), updatedAt: now })
}

/**
 * The branch records the outcome of the review due: an activist's six-month review (合格,
 * 基本合格, 不合格) or a probationary member's assessment at the end of probation (按期转正,
 * 延长预备期 with the new end, 取消预备党员资格), named by the day it is due, so that it is
 * decided once: the same decision sent again is answered as recorded (finishing whatever
 * a try that died left undone), a different one refused. The review is written first; then
 * the person changes (a full member, or out of the Party, or a later end of probation),
 * then the group's counts move, each write applied once however often it is retried.
 * Requests with the caller: 3 for a six-month review, 4 for an extension, 5 for a status
 * change (the person and their group's counts are two more documents); a retry 4.
 */
export const recordReview = defineAction({
  contract: cultivationActions.recordReview,
  handler: async (input, ctx) => {
    let l = await loadStudent(input.personId)
    const reviewId = reviewIdOf(input.kind, input.dueOn)
    let review = l.cultivation?.reviews.find((r) => r.id === reviewId)
    if (review) sameDecision(review, input)
    else {
      const decided = decide(input, l, ctx)
      const written = await writeReview(l, decided, ctx.now)
      if (written) {
        review = decided
        l = { ...l, cultivation: written }
      } else {
        // Recorded meanwhile by someone else: the same decision is theirs too.
        l = await loadStudent(input.personId)
        const recorded = l.cultivation?.reviews.find((r) => r.id === reviewId)
        if (!recorded) throw conflict('考察记录刚被修改过，请刷新后重试')
        review = sameDecision(recorded, input)
      }
    }
    let person = l.person
    if (review.statusChange || review.extendedTo) {
      const changed = await applyToPerson(person._id, review, ctx.now)
      if (changed) {
        person = { ...person, ...changed }
        await moveGroupCounts(person._id, review, ctx.now)
      }
    }
    const after: Loaded = { ...l, person }
    return {
      review: reviewViewOf(review),
      politicalStatus: person.politicalStatus,
      nextReview: isCultivated(after) ? nextReviewOf(dueOf(after), ctx.now) : null
    }
  }
})
