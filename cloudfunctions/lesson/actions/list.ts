import { lessonActions } from '../../../types/actions/lesson'
import { database } from '../../common/app'
import { Keyset, keysetPage, readByIds } from '../../common/db'
import { defineAction } from '../../common/dispatcher'
import { feedKeyOf } from '../access'
import { temporaryUrls } from '../../common/storage'
import { FeedDoc, invertedTime, L, ReadDoc, readId, TIME_KEY } from '../model'
import { listItemOf } from '../views'

const feedKeyset: Keyset = { list: 'lesson.list', collection: L.feed, field: 'key', key: TIME_KEY }

/**
 * The caller's lessons, newest first: one indexed query on their feed (`groupId_1_key_1`),
 * where keys from now's on are the lessons already due, so a scheduled one appears at its
 * time with nothing written; then the caller's readings of the page's lessons by id, and
 * the feed's count from the index. Four requests with the caller, whatever the numbers of
 * lessons and readings; the covers' URLs come from storage.
 */
export const list = defineAction({
  contract: lessonActions.list,
  handler: async (input, ctx) => {
    const me = ctx.person()
    const feed = feedKeyOf(ctx)
    if (!feed) return { items: [], nextCursor: null, total: 0 }
    const dueFrom = invertedTime(ctx.now)
    const [page, counted] = await Promise.all([
      keysetPage<FeedDoc>(feedKeyset, input, [{ where: { groupId: feed }, keyFrom: dueFrom }]),
      database().collection(L.feed).where({ groupId: feed, key: database().command.gte(dueFrom) }).count()
    ])
    const [reads, urls] = await Promise.all([
      page.docs.length ? readByIds<ReadDoc>(L.reads, page.docs.map((f) => readId(f.lessonId, me._id)), { lessonId: true, readAt: true, quiz: true }) : [],
      temporaryUrls(page.docs.map((f) => f.cover))
    ])
    const byLesson = new Map(reads.map((r) => [r.lessonId, r]))
    return { items: page.docs.map((f) => listItemOf(f, byLesson.get(f.lessonId), urls)), nextCursor: page.nextCursor, total: counted.total }
  }
})
