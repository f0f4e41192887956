/** Questions as their readers see them: whole (asker, advisor asked, branch), or as the group reads a shared one. */
import type { z } from 'zod'
import type { questionAnswer, questionView, sharedQuestion } from '../../types/actions/question'
import { isOverdue, waitedDays } from '../../types/questions'
import type { QuestionDoc, StoredAnswer } from './model'

type QuestionView = z.input<typeof questionView>
type SharedQuestion = z.input<typeof sharedQuestion>

/** Who reads the view, and what they may do with it. */
export interface Reader {
  personId: string
  /** the caller answers questions of others (the branch) */
  admin: boolean
}

const iso = (at: Date): string => new Date(at).toISOString()

function answerOf(q: QuestionDoc, a: StoredAnswer): z.input<typeof questionAnswer> {
  return { body: a.body, answeredAt: iso(a.answeredAt), byName: a.byName, byRole: a.by === q.advisorId ? '指导教师' : '党总支' }
}

/**
 * A question whole. `overdueAfterDays` is the branch's setting; a view of an answered
 * question needs none (only an open question can be overdue).
 */
export function questionViewOf(q: QuestionDoc, reader: Reader, now: Date, overdueAfterDays: number | null): QuestionView {
  const open = q.status === 'open'
  if (open && overdueAfterDays === null) throw new Error('an open question is viewed with the overdue setting')
  return {
    id: q._id,
    kind: q.kind,
    visibility: q.visibility,
    status: q.status,
    body: q.body,
    asker: { id: q.askerId, name: q.askerName },
    advisor: { id: q.advisorId, name: q.advisorName },
    groupId: q.groupId,
    askedAt: iso(q.askedAt),
    waitedDays: waitedDays(q.askedAt, q.answeredAt ?? now),
    overdue: open && isOverdue(q.askedAt, now, overdueAfterDays!),
    answer: q.answer ? answerOf(q, q.answer) : null,
    canAnswer: open && (reader.admin || q.advisorId === reader.personId),
    mine: q.askerId === reader.personId
  }
}

/** An answered shared question as the group reads it: built field by field, so nothing of the asker can slip in. */
export function sharedQuestionOf(q: QuestionDoc): SharedQuestion {
  if (!q.answer) throw new Error('only an answered question is shared')
  return { id: q._id, kind: q.kind, body: q.body, advisorName: q.advisorName, answer: answerOf(q, q.answer) }
}
