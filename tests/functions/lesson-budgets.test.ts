/**
 * Database requests of the lesson screens, measured: listing my lessons and opening one
 * take at most 4 requests, the same at 20 lessons as at hundreds with tens of thousands of
 * readings; the figures of a lesson for every group take at most 8.
 */
import { feedId, FeedDoc, LessonDoc, readId, StatsDoc, statsId, timeKey } from '../../cloudfunctions/lesson/model'
import { countMembers } from '../../cloudfunctions/common/people'
import { OPENID } from './fixture'
import type { Harness } from './harness'
import { addPeople, groupDoc, interns, publishLesson, RIGHT, uploadLessonFile, useLessonHarness } from './lessonWorld'

const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex')
const DAY = 86_400_000
/** A distinct six-letter invite code per index. */
const inviteCode = (i: number): string => Array.from({ length: 6 }, (_, k) => String.fromCharCode(65 + (Math.floor(i / 26 ** k) % 26))).join('')

async function addAll(h: Harness, collection: string, docs: object[]): Promise<void> {
  for (let i = 0; i < docs.length; i += 500) await h.app.database().collection(collection).add(docs.slice(i, i + 500))
}

/**
 * `n` more lessons like `template` (its feeds and figures rows too), published over the
 * past year, each read by `readersEach` of `readers` (`lessonReads` grows with them).
 */
async function cloneLessons(h: Harness, template: string, n: number, readers: string[], readersEach: number): Promise<string[]> {
  const db = h.app.database()
  const lesson = (await db.collection('lessons').doc(template).get()).data[0] as LessonDoc
  const feeds = (await db.collection('lessonFeed').where({ lessonId: template }).get()).data as FeedDoc[]
  const stats = (await db.collection('lessonStats').where({ lessonId: template }).get()).data as StatsDoc[]
  const ids: string[] = []
  const lessons: LessonDoc[] = []
  const feedDocs: FeedDoc[] = []
  const statsDocs: StatsDoc[] = []
  const reads: object[] = []
  for (let i = 0; i < n; i++) {
    const id = `clone${String(i).padStart(5, '0')}`
    const publishAt = new Date(Date.now() - (i + 1) * (365 * DAY / n))
    ids.push(id)
    lessons.push({ ...lesson, _id: id, title: `第${i}课`, publishAt, key: timeKey(publishAt, id), remindedAt: publishAt })
    feedDocs.push(...feeds.map((f) => ({ ...f, _id: feedId(f.groupId, id), lessonId: id, key: timeKey(publishAt, id), publishAt, title: `第${i}课` })))
    statsDocs.push(...stats.map((s) => ({ ...s, _id: statsId(id, s.groupId), lessonId: id })))
    for (let k = 0; k < readersEach; k++) {
      const personId = readers[(i * readersEach + k) % readers.length]
      reads.push({ _id: readId(id, personId), lessonId: id, personId, groupId: 'group-a', readAt: publishAt, quiz: null })
    }
  }
  await addAll(h, 'lessons', lessons)
  await addAll(h, 'lessonFeed', feedDocs)
  await addAll(h, 'lessonStats', statsDocs)
  await addAll(h, 'lessonReads', reads)
  return ids
}

describe('lesson: request budgets', () => {
  const h = useLessonHarness()

  const requestsOf = async (run: () => Promise<unknown>): Promise<number> => {
    h.resetCounters()
    await run()
    return h.dbRequests()
  }

  /** Requests of a reader's screens: the first page, the next page, a lesson with a cover, the lesson they answered. */
  async function screens(opened: string, answered: string): Promise<Record<string, number>> {
    let cursor: string | null = null
    const first = await requestsOf(async () => { cursor = (await h.ok(OPENID.internA, 'lesson', 'list', { pageSize: 10 })).nextCursor })
    expect(cursor).not.toBeNull()
    return {
      listFirst: first,
      listNext: await requestsOf(() => h.ok(OPENID.internA, 'lesson', 'list', { pageSize: 10, cursor: cursor! })),
      get: await requestsOf(() => h.ok(OPENID.internA, 'lesson', 'get', { lessonId: opened })),
      getAnswered: await requestsOf(() => h.ok(OPENID.internA, 'lesson', 'get', { lessonId: answered })),
      staffList: await requestsOf(() => h.ok(OPENID.advisorA, 'lesson', 'list', { pageSize: 10 }))
    }
  }

  it('lists and opens lessons in at most 4 requests each, as many at 20 lessons as at 500 with 100,000 readings', async () => {
    const cover = await uploadLessonFile(h, 'cover', PNG)
    const first = await publishLesson(h, { cover })
    await h.ok(OPENID.internA, 'lesson', 'answerQuiz', { lessonId: first.id, answers: RIGHT })
    const crowd = interns('budget', 200, 'group-a')
    await addPeople(h, crowd)
    const readers = crowd.map((p) => p._id)
    await cloneLessons(h, first.id, 19, readers, 5)
    const small = await screens(first.id, first.id)
    const docsBefore = h.emulator!.store.stats.docsExamined
    await h.ok(OPENID.internA, 'lesson', 'list', { pageSize: 10 })
    const examinedSmall = h.emulator!.store.stats.docsExamined - docsBefore

    const db = h.app.database()
    await db.collection('lessons').where({ _id: db.command.neq(first.id) }).remove()
    await db.collection('lessonFeed').where({ lessonId: db.command.neq(first.id) }).remove()
    await db.collection('lessonStats').where({ lessonId: db.command.neq(first.id) }).remove()
    await db.collection('lessonReads').where({ lessonId: db.command.neq(first.id) }).remove()
    await cloneLessons(h, first.id, 499, readers, 200)
    const { total: readings } = await db.collection('lessonReads').count()
    expect(readings).toBeGreaterThanOrEqual(99_800)
    const large = await screens(first.id, first.id)
    const docsAfter = h.emulator!.store.stats.docsExamined
    await h.ok(OPENID.internA, 'lesson', 'list', { pageSize: 10 })
    const examinedLarge = h.emulator!.store.stats.docsExamined - docsAfter

    expect(large).toEqual(small)
    for (const n of Object.values(large)) expect(n).toBeLessThanOrEqual(4)
    // Documents read stay those of a page, whatever the collections hold.
    expect(examinedLarge).toBeLessThanOrEqual(examinedSmall + 2)
    expect(examinedLarge).toBeLessThan(40)
  }, 60_000)

  it('answers the figures of a lesson for every group in at most 8 requests, whatever the number of groups', async () => {
    const measure = async (): Promise<number> => {
      const lesson = await publishLesson(h, { target: { kind: 'all' } })
      await h.ok(OPENID.internA, 'lesson', 'markRead', { lessonId: lesson.id })
      return requestsOf(async () => {
        const f = await h.ok(OPENID.admin, 'lesson', 'figures', { lessonId: lesson.id })
        expect(f.totals.read).toBe(1)
      })
    }
    const few = await measure()
    const groups = Array.from({ length: 1200 }, (_, i) => groupDoc(`gx-${String(i).padStart(4, '0')}`, i % 2 ? '湖北省' : '湖南省', `第${i}实习党小组`, { inviteCode: inviteCode(100_000 + i), counts: { ...countMembers([]), total: 5 } }))
    await addAll(h, 'groups', groups)
    const many = await measure()
    const latest = (await h.ok(OPENID.admin, 'lesson', 'manage', { pageSize: 1 })).items[0]
    expect((await h.ok(OPENID.admin, 'lesson', 'figures', { lessonId: latest.id })).groups.length).toBe(1203)
    expect(few).toBeLessThanOrEqual(8)
    expect(many).toBeLessThanOrEqual(8)
  }, 60_000)
})
