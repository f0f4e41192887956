/**
 * Who reads a note: its author always; once it passed the content check, the advisors of
 * its group when it is shared with advisors or the group, and the members of its group
 * when it is shared with the group. Anyone else is told it does not exist.
 */
import type { ActionContext } from '../common/dispatcher'
import { notFound } from '../common/errors'
import type { NoteDoc } from './model'

export type Relation = 'author' | 'advisor' | 'member'

/** How the caller may read the note, or null when they may not. */
export function relationTo(ctx: ActionContext, note: NoteDoc): Relation | null {
  const me = ctx.person()
  if (note.removed) return null
  if (note.authorId === me._id) return 'author'
  if (note.review !== 'pass' || note.visibility === 'private' || !note.groupId) return null
  if (ctx.caller.advisorOf.includes(note.groupId)) return 'advisor'
  if (note.visibility === 'group' && me.kind === 'student' && me.groupId === note.groupId) return 'member'
  return null
}

/** The relation, or NOT_FOUND (a note one may not read is not revealed to exist). */
export function assertReader(ctx: ActionContext, note: NoteDoc | null): Relation {
  const relation = note ? relationTo(ctx, note) : null
  if (!relation) throw notFound('学习笔记')
  return relation
}
