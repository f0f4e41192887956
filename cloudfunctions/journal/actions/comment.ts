import { journalActions } from '../../../types/actions/journal'
import { database } from '../../common/app'
import { defineAction } from '../../common/dispatcher'
import { invalid, notFound, precondition } from '../../common/errors'
import { messenger, screenContent, takeSubscription } from '../../common/ports'
import { relationTo } from '../access'
import { commentId, COMMENTS_MAX, J, NoteDoc, StoredComment } from '../model'
import { findNote } from '../notes'
import { excerptOf } from '../views'

const TEMPLATE = 'noteCommented'
/** The page a comment's message opens. */
const NOTE_PAGE = 'packages/journal/pages/note/index'
const ROLE = '指导教师'

const viewOf = (c: StoredComment) => ({ id: c.id, authorName: c.authorName, authorRole: c.authorRole, body: c.body, createdAt: new Date(c.createdAt).toISOString() })

/** Tells the author, when they have a subscription left: one acceptance taken per comment, the message keyed by the comment. */
async function tellAuthor(note: NoteDoc, comment: StoredComment): Promise<void> {
  if (!note.authorOpenid) return
  const dispatch = `noteComment:${comment.id}`
  if (!(await takeSubscription(note.authorId, TEMPLATE, dispatch))) return
  await messenger().send([{
    personId: note.authorId, openid: note.authorOpenid, template: TEMPLATE,
    page: `${NOTE_PAGE}?noteId=${encodeURIComponent(note._id)}`,
    data: { thing1: excerptOf(note.body), name2: comment.authorName, thing3: comment.body },
    key: dispatch
  }])
}

/**
 * An advisor comments on a note of a group they advise that is shared with advisors or
 * the group: one conditional write adds the comment (once per request id: the id is made
 * from it), counts it and counts it unread for the author; then the author is told when
 * they accepted to be. Four requests with the caller; a retry answers the comment made.
 */
export const comment = defineAction({
  contract: journalActions.comment,
  handler: async (input, ctx) => {
    const me = ctx.person()
    const _ = database().command
    const screened = await screenContent({ texts: [input.body], scene: 'comment' }, ctx.caller.openid, '评论')
    if (screened.verdict !== 'pass') throw invalid('评论内容需人工审核，请修改后再发表')
    const made: StoredComment = { id: commentId(input.noteId, me._id, input.requestId), authorId: me._id, authorName: me.name, authorRole: ROLE, body: input.body, createdAt: ctx.now }
    const { doc } = await database().collection(J.notes).where({
      _id: input.noteId, removed: false, review: 'pass', visibility: _.in(['advisor', 'group']), groupId: _.in(ctx.caller.advisorOf),
      commentIds: _.neq(made.id), commentCount: _.lt(COMMENTS_MAX)
    }).updateAndReturn({ comments: _.push([made]), commentIds: _.push([made.id]), commentCount: _.inc(1), unread: _.inc(1) }) as { doc: NoteDoc | null }
    if (doc) {
      await tellAuthor(doc, made)
      return viewOf(made)
    }
    const note = await findNote(input.noteId)
    const earlier = note?.comments.find((c) => c.id === made.id)
    if (earlier) {
      // A first try that died after the comment was written did not tell the author: the dispatch and the message's key make this once.
      await tellAuthor(note!, earlier)
      return viewOf(earlier)
    }
    if (!note || relationTo(ctx, note) !== 'advisor') throw notFound('学习笔记')
    throw precondition(`这篇笔记的评论已达上限（${COMMENTS_MAX}条）`)
  }
})
