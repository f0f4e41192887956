/**
 * Photos whose content check finishes later (WeChat's `mediaCheckAsync`), on a document
 * that holds `photos`, `review` and, per photo still being checked, its trace id
 * (`mediaTraceIds`, indexed, and `photoChecks`, which photo each id is for). The verdict
 * arrives as a `wxa_media_check` push (to the `lesson` function, see
 * `applyHeldPhotoVerdict`): a pass takes the photo's id off the list and, with
 * the last one, the document's review becomes 'pass'; a risky photo is deleted and taken
 * off the document, which stays as it is otherwise; a check WeChat could not finish
 * leaves the document held. Each verdict is one conditional write on the list as read, so
 * verdicts arriving together, in any order or again, apply once each.
 */
import { database } from './app'
import type { MediaVerdict, Screened } from './ports'
import { deleteFiles } from './storage'

/** Which photo a pending check is for. */
export interface PhotoCheck {
  fileID: string
  traceId: string
}

/** The fields a document with held photos keeps. */
export interface HeldPhotos {
  _id: string
  photos: string[]
  review: 'pass' | 'review'
  /** trace ids of the checks still running (absent: none) */
  mediaTraceIds?: string[]
  photoChecks?: PhotoCheck[]
  /** a check WeChat could not finish: held until a person looks */
  heldPhotos?: boolean
}

/** What a new document stores of its photos' checks: the review and the checks still running. */
export function heldPhotosOf(screened: Screened): Pick<HeldPhotos, 'review' | 'mediaTraceIds' | 'photoChecks'> {
  return { review: screened.verdict, mediaTraceIds: screened.traceIds.map((t) => t.traceId), photoChecks: screened.traceIds }
}

/** What one verdict did: the document it applied to (null: none waits for the trace id). */
export interface PhotoVerdictApplied {
  id: string | null
  verdict: MediaVerdict['verdict']
  removed: string | null
}

/** Tries before a verdict racing others on one document gives up (the push is sent again). */
const TRIES = 8

/** The change one verdict makes to `doc`. */
function changeOf(doc: HeldPhotos, verdict: MediaVerdict): { change: Record<string, unknown>; removed: string | null } {
  const checks = doc.photoChecks ?? []
  const fileID = checks.find((c) => c.traceId === verdict.traceId)?.fileID ?? null
  const left = (doc.mediaTraceIds ?? []).filter((t) => t !== verdict.traceId)
  const change: Record<string, unknown> = { mediaTraceIds: left, photoChecks: checks.filter((c) => c.traceId !== verdict.traceId) }
  // A check WeChat could not finish keeps the document held for a person to look at.
  if (verdict.verdict === 'review') change.heldPhotos = true
  else if (!left.length && !doc.heldPhotos) change.review = 'pass'
  const removed = verdict.verdict === 'risky' && fileID ? fileID : null
  if (removed) change.photos = doc.photos.filter((p) => p !== removed)
  return { change, removed }
}

/** Applies one verdict to the document of `collection` waiting for its trace id; an unknown trace id changes nothing. */
async function applyPhotoVerdict(collection: string, verdict: MediaVerdict, now: Date): Promise<PhotoVerdictApplied> {
  const coll = database().collection(collection)
  for (let attempt = 0; attempt < TRIES; attempt++) {
    const doc = (await coll.where({ mediaTraceIds: verdict.traceId }).limit(1).get()).data[0] as HeldPhotos | undefined
    if (!doc) return { id: null, verdict: verdict.verdict, removed: null }
    const { change, removed } = changeOf(doc, verdict)
    // Out of storage first: a run that dies after this leaves the trace id, and the push sent again finishes.
    if (removed) await deleteFiles([removed])
    const { updated } = await coll.where({ _id: doc._id, mediaTraceIds: doc.mediaTraceIds }).update({ ...change, updatedAt: now })
    if (updated) return { id: doc._id, verdict: verdict.verdict, removed }
  }
  throw new Error(`media verdict ${verdict.traceId}: the document kept changing`)
}

/**
 * The collections whose documents hold photos checked this way: check-ins (activity) and
 * volunteer records. WeChat pushes every verdict of the environment to one function (the
 * one 消息推送 names, `lesson`), which hands those that are not its own to
 * `applyHeldPhotoVerdict`.
 */
const HELD_PHOTO_COLLECTIONS = ['checkins', 'volunteerRecords'] as const

/** Applies one verdict to whichever held-photo document waits for its trace id (collection null: none does). */
export async function applyHeldPhotoVerdict(verdict: MediaVerdict, now: Date): Promise<PhotoVerdictApplied & { collection: string | null }> {
  for (const collection of HELD_PHOTO_COLLECTIONS) {
    const applied = await applyPhotoVerdict(collection, verdict, now)
    if (applied.id) return { collection, ...applied }
  }
  return { collection: null, id: null, verdict: verdict.verdict, removed: null }
}
