/**
 * Putting a lesson in front of its readers: a feed document per feed key (what their list
 * reads, one indexed query), a figures row per group, and the lesson's totals, kept equal
 * to the sum of the rows of its audience. Writes go in bulk: a fixed number of requests
 * per 500 groups, whatever the number of readers.
 */
import { database } from '../common/app'
import { readAll } from '../common/db'
import { AudienceGroup, resolveAudience } from './audience'
import { updateLesson } from './lessons'
import { FeedDoc, feedId, L, LessonDoc, STAFF_FEED, StatsDoc, statsId, timeKey, TOTAL_ROW } from './model'
import { dispatchDue } from './reminders'

const WRITE_CHUNK = 500

/** What a feed document copies from its lesson (all of it changes with an edit, in one request). */
export function feedFields(lesson: LessonDoc): Omit<FeedDoc, '_id' | 'groupId' | 'lessonId'> {
  const publishAt = lesson.publishAt ?? lesson.createdAt
  return {
    key: timeKey(publishAt, lesson._id),
    publishAt,
    title: lesson.title,
    summary: lesson.summary,
    cover: lesson.cover,
    mediaKind: lesson.media?.kind ?? null,
    hasQuiz: !!lesson.quiz,
    authorName: lesson.authorName,
    editedAt: lesson.editedAt
  }
}

async function addInChunks(collection: string, docs: object[]): Promise<void> {
  for (let i = 0; i < docs.length; i += WRITE_CHUNK) await database().collection(collection).add(docs.slice(i, i + WRITE_CHUNK))
}

/** Copies the lesson's listed fields to every feed holding it: one request. */
export async function updateFeeds(lesson: LessonDoc): Promise<void> {
  await database().collection(L.feed).where({ lessonId: lesson._id }).update(feedFields(lesson))
}

/** Takes the lesson out of every feed: one request. */
export async function removeFromFeeds(lessonId: string): Promise<void> {
  await database().collection(L.feed).where({ lessonId }).remove()
}

/**
 * Puts the lesson in the feeds of `keys` and the staff feed, and takes it out of any other:
 * the feeds that hold it are read, the others removed, the missing added, the rest updated.
 */
async function placeInFeeds(lesson: LessonDoc, keys: string[]): Promise<void> {
  const db = database()
  const _ = db.command
  const wanted = [...new Set([...keys, STAFF_FEED])]
  const held = await readAll<Pick<FeedDoc, '_id' | 'groupId'>>(L.feed, { lessonId: lesson._id }, { groupId: true })
  const heldKeys = new Set(held.map((f) => f.groupId))
  if (held.some((f) => !wanted.includes(f.groupId))) await db.collection(L.feed).where({ lessonId: lesson._id, groupId: _.nin(wanted) }).remove()
  if (held.length) await updateFeeds(lesson)
  const fields = feedFields(lesson)
  await addInChunks(L.feed, wanted.filter((k) => !heldKeys.has(k)).map((groupId) => ({ _id: feedId(groupId, lesson._id), groupId, lessonId: lesson._id, ...fields })))
}

type Figures = Pick<StatsDoc, 'read' | 'answered' | 'scoreSum' | 'scoreMax'>
const FIGURES: (keyof Figures)[] = ['read', 'answered', 'scoreSum', 'scoreMax']

/**
 * Figures rows for the groups of the audience (a group reached before keeps its row and
 * what it counted), and the totals moved from the rows of `before` to those of `groups`.
 */
async function keepStats(lessonId: string, before: string[], groups: AudienceGroup[]): Promise<void> {
  const rows = new Map((await readAll<StatsDoc>(L.stats, { lessonId })).map((r) => [r.groupId, r]))
  const sum = (keys: string[]): Figures => {
    const s: Figures = { read: 0, answered: 0, scoreSum: 0, scoreMax: 0 }
    for (const k of new Set(keys)) for (const f of FIGURES) s[f] += rows.get(k)?.[f] ?? 0
    return s
  }
  const targeted = groups.reduce((n, g) => n + (rows.get(g.key)?.targeted ?? g.targeted), 0)
  const added: StatsDoc[] = groups.filter((g) => !rows.has(g.key)).map((g) => ({
    _id: statsId(lessonId, g.key), lessonId, groupId: g.key, groupName: g.name, province: g.province, targeted: g.targeted,
    read: 0, answered: 0, scoreSum: 0, scoreMax: 0
  }))
  const after = sum(groups.map((g) => g.key))
  const total = rows.get(TOTAL_ROW)
  if (!total) {
    // Inserted with the last rows, so the totals exist only once every row does.
    await addInChunks(L.stats, [...added, { _id: statsId(lessonId, TOTAL_ROW), lessonId, groupId: TOTAL_ROW, groupName: '', province: '', targeted, ...after }])
    return
  }
  await addInChunks(L.stats, added)
  const inc = database().command.inc
  const was = sum(before)
  const change = Object.fromEntries(FIGURES.filter((f) => after[f] !== was[f]).map((f) => [f, inc(after[f] - was[f])]))
  if (targeted !== total.targeted || Object.keys(change).length) {
    await database().collection(L.stats).doc(statsId(lessonId, TOTAL_ROW)).update({ targeted, ...change })
  }
}

/**
 * Resolves the lesson's target and puts it in its readers' feeds, with their figures
 * rows; answers the new audience (feed keys, the staff feed included). Written before the
 * lesson itself is marked as out, so a retry after a failure finishes the job.
 */
export async function sendOut(lesson: LessonDoc): Promise<string[]> {
  const groups = await resolveAudience(lesson.target, lesson.year)
  const keys = groups.map((g) => g.key)
  await keepStats(lesson._id, lesson.audience.filter((k) => k !== STAFF_FEED), groups)
  await placeInFeeds(lesson, keys)
  return [...keys, STAFF_FEED]
}

/** Whether the lesson's readers have seen it: its reminders were claimed, which happens only once it is out and due. */
const seenByReaders = (lesson: LessonDoc, now: Date): boolean => !!lesson.remindedAt && !!lesson.publishAt && new Date(lesson.publishAt) <= now

/**
 * Sends a lesson out (from a draft, or once it passes review) with `change` applied: at
 * its publish time, or now when that has passed; reminders go at once when it is due. A
 * lesson its readers had seen before it was held keeps its publish time (and its place in
 * their lists) unless `change` sets a new one.
 */
export async function goOut(lesson: LessonDoc, change: Partial<LessonDoc>, now: Date, deadline: number): Promise<LessonDoc> {
  const requested = change.publishAt ?? lesson.publishAt
  const publishAt = change.publishAt === undefined && seenByReaders(lesson, now) ? new Date(lesson.publishAt!)
    : !requested || new Date(requested) < now ? now : new Date(requested)
  const next: LessonDoc = { ...lesson, ...change, publishAt }
  const audience = await sendOut(next)
  const saved = await updateLesson(lesson, { ...change, publishAt, audience, state: publishAt <= now ? 'published' : 'scheduled' }, now)
  if (publishAt <= now) await dispatchDue(now, deadline)
  return saved
}
