/** Read figures of lessons by group, as the caller may see them: all for the author and the branch, an advisor's own groups otherwise. */
import type { ActionContext } from '../common/dispatcher'
import { denied } from '../common/errors'
import { isComposer, readerKeys } from './access'
import type { LessonDoc, StatsDoc } from './model'
import { TOTAL_ROW } from './model'

/** The groups (feed keys) of the lesson whose figures the caller sees: all for its author and the branch, an advisor's own otherwise. */
export function keysSeenBy(ctx: ActionContext, lesson: Pick<LessonDoc, 'authorId' | 'audience'>): Set<string> {
  const keys = readerKeys(lesson.audience)
  return new Set(isComposer(ctx, lesson) ? keys : keys.filter((k) => ctx.caller.advisorOf.includes(k)))
}

/** Like `keysSeenBy`, refusing a lesson with none of the caller's groups. */
export function visibleKeys(ctx: ActionContext, lesson: Pick<LessonDoc, 'authorId' | 'audience'>): Set<string> {
  const keys = keysSeenBy(ctx, lesson)
  if (!keys.size) throw denied('这节微党课没有推送给你负责的党小组')
  return keys
}

/** A lesson's group rows the caller sees, by province and name; an empty row for interns without a group is left out. */
export function rowsFor(rows: StatsDoc[], keys: Set<string>): StatsDoc[] {
  return rows
    .filter((r) => r.groupId !== TOTAL_ROW && keys.has(r.groupId) && (r.targeted > 0 || r.read > 0))
    .sort((a, b) => (a.province === b.province ? (a.groupName < b.groupName ? -1 : a.groupName > b.groupName ? 1 : 0) : a.province === '' ? 1 : b.province === '' ? -1 : a.province < b.province ? -1 : 1))
}
