/**
 * Who may do what with a lesson: its composers (the author and the branch), its readers
 * (the interns it was pushed to; teachers, unit contacts and the branch read every
 * published lesson), and who may look at it before readers can (a preview).
 */
import type { ActionContext } from '../common/dispatcher'
import { denied, notFound } from '../common/errors'
import { LessonDoc, LessonState, noGroupKey, STAFF_FEED } from './model'

/** The state readers and composers see: a scheduled lesson whose time has come is published. */
export function effectiveState(lesson: Pick<LessonDoc, 'state' | 'publishAt'>, now: Date): LessonState {
  return lesson.state === 'scheduled' && lesson.publishAt && new Date(lesson.publishAt) <= now ? 'published' : lesson.state
}

/** Whether the lesson's readers see it now: published, due, and passed the content check. */
export const isVisible = (lesson: Pick<LessonDoc, 'state' | 'publishAt' | 'review'>, now: Date): boolean =>
  effectiveState(lesson, now) === 'published' && lesson.review === 'pass'

const isStudent = (ctx: ActionContext): boolean => ctx.caller.person?.kind === 'student'

/**
 * The feed a caller reads: an intern's group, or for an intern without a group their
 * year's; teachers, unit contacts and the branch read the staff feed. Null: none.
 */
export function feedKeyOf(ctx: ActionContext): string | null {
  const p = ctx.person()
  if (!isStudent(ctx)) return STAFF_FEED
  if (p.groupId) return p.groupId
  return p.year ? noGroupKey(p.year) : null
}

/** The feed key a caller's reading counts for in the figures: an intern's, when the lesson went to it. */
export function countedKey(ctx: ActionContext, lesson: Pick<LessonDoc, 'audience'>): string | null {
  const key = isStudent(ctx) ? feedKeyOf(ctx) : null
  return key && lesson.audience.includes(key) ? key : null
}

export const isComposer = (ctx: ActionContext, lesson: Pick<LessonDoc, 'authorId'>): boolean =>
  ctx.caller.roles.includes('admin') || lesson.authorId === ctx.person()._id

/** Refuses anyone but the lesson's author and the branch. */
export function assertComposer(ctx: ActionContext, lesson: Pick<LessonDoc, 'authorId'>): void {
  if (!isComposer(ctx, lesson)) throw denied('只有作者和党总支可以修改这节微党课')
}

/** Whether the lesson's target takes in a group the caller advises (before it is resolved: by year, province or id). */
function targetsMyGroups(ctx: ActionContext, lesson: Pick<LessonDoc, 'target' | 'year'>): boolean {
  const mine = ctx.caller.lookedAfter.filter((g) => ctx.caller.advisorOf.includes(g._id) && g.year === lesson.year)
  const t = lesson.target
  if (t.kind === 'all') return mine.length > 0
  if (t.kind === 'provinces') return mine.some((g) => t.provinces.includes(g.province))
  return mine.some((g) => t.groupIds.includes(g._id))
}

/**
 * Whether the caller may open the lesson, and whether as a preview (before its readers
 * can). Readers: an intern whose feed it went to, staff once it is published. Previews:
 * the author and the branch always, advisors when it is meant for a group of theirs.
 * A lesson the caller may not see is "not found" until readers can see it.
 */
export function readAccess(ctx: ActionContext, lesson: LessonDoc, now: Date): { preview: boolean } {
  const visible = isVisible(lesson, now)
  if (visible) {
    const key = feedKeyOf(ctx)
    if (key === STAFF_FEED || (key !== null && lesson.audience.includes(key))) return { preview: false }
  }
  if (isComposer(ctx, lesson) || targetsMyGroups(ctx, lesson)) return { preview: !visible }
  if (visible) throw denied('这节微党课没有推送给你所在的党小组')
  throw notFound('微党课')
}

/** The group keys of an audience (what figures and reminders are about), without the staff feed. */
export const readerKeys = (audience: string[]): string[] => audience.filter((k) => k !== STAFF_FEED)
