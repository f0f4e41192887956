/**
 * WeChat's later verdicts on a lesson's cover and audio. `security.mediaCheckAsync`
 * answers a trace id, kept on the lesson (`mediaTraceIds`); the verdict arrives as a
 * `wxa_media_check` message-push event. Passed: the check is done, and a lesson whose only
 * hold was its files goes out as the branch's pass would send it. Risky: the lesson goes
 * back to its composer as a draft, with the reason. Held for review: it waits for the branch.
 */
import { database } from '../common/app'
import type { PushHandler } from '../common/dispatcher'
import { applyHeldPhotoVerdict } from '../common/heldPhotos'
import { mediaVerdictOf } from '../common/ports'
import type { MediaVerdict } from '../common/ports'
import { updateLesson } from './lessons'
import { L, LessonDoc } from './model'
import { goOut, removeFromFeeds } from './publication'

const FILES_REFUSED = '封面或音频未通过内容安全检测'

/** What became of a verdict: the lesson it applied to (null: no lesson waits for this trace id). */
export interface Applied {
  lessonId: string | null
  verdict: MediaVerdict['verdict']
}

/** Sends the lesson back to its composer as a draft refused for its files, out of every feed. */
async function sendBack(lesson: LessonDoc, verdict: MediaVerdict, now: Date): Promise<void> {
  // Out of sight first: a run that dies after this leaves the trace id, and a repeated push finishes.
  if (lesson.state !== 'draft') await removeFromFeeds(lesson._id)
  const reason = `${FILES_REFUSED}${verdict.reason ? `：${verdict.reason}` : ''}，请更换后再提交`
  await updateLesson(lesson, { review: 'risky', reviewReason: reason, filesReview: 'risky', mediaTraceIds: [], state: 'draft' }, now)
}

/** Applies a passing verdict: the files pass once their last check does, and a lesson held for them alone goes out. */
async function pass(lesson: LessonDoc, left: string[], traceId: string, now: Date, deadline: number): Promise<void> {
  const lessons = database().collection(L.lessons)
  if (left.length) {
    await lessons.where({ _id: lesson._id, mediaTraceIds: traceId }).update({ mediaTraceIds: left, updatedAt: now })
    return
  }
  const heldForFilesOnly = lesson.review === 'review' && lesson.textReview === 'pass' && lesson.filesReview === 'review'
  if (!heldForFilesOnly) {
    await lessons.where({ _id: lesson._id, mediaTraceIds: traceId }).update({ mediaTraceIds: [], filesReview: lesson.filesReview === 'review' ? 'pass' : lesson.filesReview, updatedAt: now })
    return
  }
  const passed: Partial<LessonDoc> = { review: 'pass', reviewReason: null, filesReview: 'pass', mediaTraceIds: [] }
  // As the branch's pass: a lesson waiting in review goes out, a draft may now be published.
  if (lesson.state === 'reviewing') await goOut(lesson, passed, now, deadline)
  else await updateLesson(lesson, passed, now)
}

/** Applies one verdict to the lesson waiting for its trace id; an unknown trace id changes nothing. */
export async function applyMediaVerdict(verdict: MediaVerdict, now: Date, deadline: number): Promise<Applied> {
  const { data } = await database().collection(L.lessons).where({ mediaTraceIds: verdict.traceId }).limit(1).get()
  const lesson = data[0] as LessonDoc | undefined
  if (!lesson) return { lessonId: null, verdict: verdict.verdict }
  const left = (lesson.mediaTraceIds ?? []).filter((t) => t !== verdict.traceId)
  if (verdict.verdict === 'risky') await sendBack(lesson, verdict, now)
  else if (verdict.verdict === 'pass') await pass(lesson, left, verdict.traceId, now, deadline)
  else await database().collection(L.lessons).where({ _id: lesson._id, mediaTraceIds: verdict.traceId }).update({ mediaTraceIds: left, updatedAt: now })
  return { lessonId: lesson._id, verdict: verdict.verdict }
}

/**
 * The `wxa_media_check` push: WeChat's verdict on a file (the dispatcher admits it only
 * without a user). 消息推送 sends every verdict of the environment to this one function, so
 * a trace id no lesson waits for goes to the check-ins' and volunteer records' photos.
 */
export const mediaChecked: PushHandler = async (event, { now, deadline }) => {
  const verdict = mediaVerdictOf(event)
  if (!verdict) return { lessonId: null, verdict: null }
  const applied = await applyMediaVerdict(verdict, now, deadline)
  return applied.lessonId ? applied : { ...applied, heldPhotos: await applyHeldPhotoVerdict(verdict, now) }
}
