import { createHash } from 'node:crypto'
import { lessonActions } from '../../../types/actions/lesson'
import { database } from '../../common/app'
import { isDuplicateWrite } from '../../common/db'
import { ActionContext, defineAction } from '../../common/dispatcher'
import { precondition } from '../../common/errors'
import { renderRichText } from '../../common/richText'
import { assertComposer, isVisible } from '../access'
import { latestYear, targetGroups } from '../audience'
import { checkContent } from '../content'
import { loadLesson, newLessonId, updateLesson } from '../lessons'
import { L, LessonDoc, LessonTarget, timeKey } from '../model'
import { goOut, removeFromFeeds, sendOut, updateFeeds } from '../publication'
import { draftOf } from '../views'

type Fields = Omit<LessonDoc, '_id' | 'state' | 'publishAt' | 'editedAt' | 'remindedAt' | 'remindState' | 'audience' | 'authorId' | 'authorName' | 'key' | 'createdAt' | 'updatedAt'>

const sameTarget = (a: LessonTarget, b: LessonTarget): boolean => JSON.stringify(a) === JSON.stringify(b)

/** A new draft; with a request id, a retried save finds the draft its first attempt made. */
async function create(fields: Fields, requestId: string | undefined, ctx: ActionContext): Promise<LessonDoc> {
  const me = ctx.person()
  const _id = requestId ? createHash('sha256').update(`${me._id}:${requestId}`).digest('hex').slice(0, 32) : newLessonId()
  const lesson: LessonDoc = {
    _id, ...fields, state: 'draft', publishAt: null, editedAt: null, remindedAt: null, remindState: null, audience: [],
    authorId: me._id, authorName: me.name, key: timeKey(ctx.now, _id), createdAt: ctx.now, updatedAt: ctx.now
  }
  try {
    await database().collection(L.lessons).add(lesson)
    return lesson
  } catch (e) {
    if (requestId && isDuplicateWrite(e)) return loadLesson(_id)
    throw e
  }
}

/**
 * Saves over a lesson. A draft just changes. One that is out (or waiting in review) changes
 * where readers see it: content held for review takes it out of their feeds; content that
 * passes sends one in review out; otherwise the feeds get the new title and the like (and
 * a new target its new feeds), and readers who could see it see 已更新.
 */
async function saveOver(existing: LessonDoc, fields: Fields, retargeted: boolean, ctx: ActionContext): Promise<LessonDoc> {
  const now = ctx.now
  if (existing.state === 'draft') return updateLesson(existing, fields, now)
  const editedAt = isVisible(existing, now) ? now : existing.editedAt
  if (fields.review !== 'pass') {
    if (existing.state !== 'reviewing') await removeFromFeeds(existing._id)
    return updateLesson(existing, { ...fields, state: 'reviewing', editedAt }, now)
  }
  if (existing.state === 'reviewing') return goOut(existing, { ...fields, editedAt }, now, ctx.deadline)
  const next: LessonDoc = { ...existing, ...fields, editedAt }
  if (retargeted) return updateLesson(existing, { ...fields, editedAt, audience: await sendOut(next) }, now)
  await updateFeeds(next)
  return updateLesson(existing, { ...fields, editedAt }, now)
}

/**
 * Creates or saves a lesson: its content checked (refused content is not stored; content
 * held for review is stored and not shown), the body rendered and sanitised, a list of
 * groups checked to exist in the lesson's year.
 */
export const save = defineAction({
  contract: lessonActions.save,
  handler: async (input, ctx) => {
    const existing = input.lessonId ? await loadLesson(input.lessonId) : null
    if (existing) assertComposer(ctx, existing)
    const year = input.year ?? existing?.year ?? await latestYear()
    if (!year) throw precondition('还没有党小组，组建党小组后才能编写微党课')
    const retargeted = !existing || existing.year !== year || !sameTarget(existing.target, input.target)
    const content = { title: input.title, summary: input.summary, body: input.body, cover: input.cover, media: input.media, quiz: input.quiz }
    const [checked, groups] = await Promise.all([
      checkContent(content, existing, ctx.caller.openid),
      retargeted && input.target.kind === 'groups' ? targetGroups(input.target.groupIds, year) : null
    ])
    const fields: Fields = {
      ...content, bodyHtml: renderRichText(input.body), target: input.target, year,
      targetGroups: input.target.kind !== 'groups' ? [] : groups ? groups.map((g) => ({ id: g._id, name: g.name })) : existing?.targetGroups ?? [],
      review: checked.review, reviewReason: checked.reviewReason, textReview: checked.textReview, filesReview: checked.filesReview, mediaTraceIds: checked.mediaTraceIds
    }
    const saved = existing ? await saveOver(existing, fields, retargeted, ctx) : await create(fields, input.requestId, ctx)
    return draftOf(saved, checked.urls, ctx.now)
  }
})
