/**
 * Who reads a question: its asker, the advisor asked and the branch read it whole; once a
 * question shared with the group is answered, the members and advisors of the asker's
 * group read it as the group does, without the asker. Anyone else is told it does not
 * exist. Only the advisor asked, or the branch, answers it.
 */
import type { ActionContext } from '../common/dispatcher'
import { notFound } from '../common/errors'
import type { QuestionDoc } from './model'

export type Reading = 'full' | 'shared'

const isAdmin = (ctx: ActionContext): boolean => ctx.caller.roles.includes('admin')

/** How the caller may read the question, or null when they may not. */
function readingOf(ctx: ActionContext, q: QuestionDoc): Reading | null {
  const me = ctx.person()
  if (isAdmin(ctx) || q.askerId === me._id || q.advisorId === me._id) return 'full'
  if (q.visibility === 'group' && q.status === 'answered' && ctx.reaches(q.groupId, ['intern', 'advisor'])) return 'shared'
  return null
}

/** The reading, or NOT_FOUND (a question one may not read is not revealed to exist). */
export function assertReader(ctx: ActionContext, q: QuestionDoc | null): Reading {
  const reading = q ? readingOf(ctx, q) : null
  if (!reading) throw notFound('提问')
  return reading
}

/** Whether the caller is one who answers the question (the advisor asked, or the branch), whatever its state. */
export const answersIt = (ctx: ActionContext, q: Pick<QuestionDoc, 'advisorId'>): boolean =>
  isAdmin(ctx) || q.advisorId === ctx.caller.person?._id
