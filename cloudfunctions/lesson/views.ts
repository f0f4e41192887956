/** How lessons are shown: to their composers (everything), to readers (no answers), in lists, and their figures. */
import type { z } from 'zod'
import type { lessonDraft, lessonListItem, lessonManageItem, lessonView, readFigures } from '../../types/actions/lesson'
import { effectiveState } from './access'
import type { FeedDoc, LessonDoc, LessonTarget, ReadDoc, StatsDoc } from './model'
import { quizForReader, quizResultView } from './quiz'

type Draft = z.input<typeof lessonDraft>
type View = z.input<typeof lessonView>
type ListItem = z.input<typeof lessonListItem>
type ManageItem = z.input<typeof lessonManageItem>
type ReadFigures = z.input<typeof readFigures>

const iso = (d: Date | string | null | undefined): string | null => (d ? new Date(d).toISOString() : null)

/** The lesson as its composer edits it. */
export function draftOf(lesson: LessonDoc, urls: Map<string, string>, now: Date): Draft {
  return {
    id: lesson._id,
    state: effectiveState(lesson, now),
    review: lesson.review,
    reviewReason: lesson.reviewReason,
    title: lesson.title,
    summary: lesson.summary,
    body: lesson.body,
    cover: lesson.cover,
    coverUrl: (lesson.cover && urls.get(lesson.cover)) || null,
    media: lesson.media,
    quiz: lesson.quiz,
    target: lesson.target,
    // Lessons saved before names were kept have none.
    targetGroups: lesson.targetGroups ?? [],
    year: lesson.year,
    publishAt: iso(lesson.publishAt),
    editedAt: iso(lesson.editedAt),
    authorName: lesson.authorName,
    createdAt: iso(lesson.createdAt)!,
    updatedAt: iso(lesson.updatedAt)!
  }
}

/** The lesson as a reader opens it, with their own reading and answers. */
export function viewOf(lesson: LessonDoc, read: ReadDoc | null, urls: Map<string, string>, preview: boolean): View {
  const mediaUrl = lesson.media ? urls.get(lesson.media.fileID) : undefined
  return {
    id: lesson._id,
    title: lesson.title,
    summary: lesson.summary,
    bodyHtml: lesson.bodyHtml,
    coverUrl: (lesson.cover && urls.get(lesson.cover)) || null,
    media: lesson.media && mediaUrl ? { kind: lesson.media.kind, name: lesson.media.name, url: mediaUrl } : null,
    quiz: quizForReader(lesson.quiz),
    authorName: lesson.authorName,
    publishedAt: preview ? null : iso(lesson.publishAt),
    editedAt: iso(lesson.editedAt),
    preview,
    my: { readAt: iso(read?.readAt), quiz: read?.quiz ? quizResultView(read.quiz) : null }
  }
}

/** A lesson in a reader's list, from its feed document and the reader's reading. */
export function listItemOf(feed: FeedDoc, read: Pick<ReadDoc, 'readAt' | 'quiz'> | undefined, urls: Map<string, string>): ListItem {
  return {
    id: feed.lessonId,
    title: feed.title,
    summary: feed.summary,
    coverUrl: (feed.cover && urls.get(feed.cover)) || null,
    mediaKind: feed.mediaKind,
    hasQuiz: feed.hasQuiz,
    authorName: feed.authorName,
    publishedAt: iso(feed.publishAt)!,
    editedAt: iso(feed.editedAt),
    read: !!read,
    quizDone: !!read?.quiz
  }
}

type Counted = Pick<StatsDoc, 'targeted' | 'read' | 'answered' | 'scoreSum' | 'scoreMax'>

/** Read figures of counted rows: rates from the sums. */
export function figuresOf(rows: Counted[]): ReadFigures {
  const s = { targeted: 0, read: 0, answered: 0, scoreSum: 0, scoreMax: 0 }
  for (const r of rows) for (const k of Object.keys(s) as (keyof typeof s)[]) s[k] += r[k] ?? 0
  return {
    targeted: s.targeted,
    read: s.read,
    // Members who joined after it went out may read it too: the rate stops at 1.
    readRate: s.targeted ? Math.min(1, s.read / s.targeted) : 0,
    answered: s.answered,
    quizAverage: s.answered && s.scoreMax ? Math.round((s.scoreSum / s.scoreMax) * 1000) / 10 : null
  }
}

/** Who a lesson is for, in words: 全体实习生, 河南省、湖北省, 3个党小组. */
export function targetLabel(target: LessonTarget): string {
  if (target.kind === 'all') return '全体实习生'
  if (target.kind === 'provinces') return target.provinces.join('、')
  return `${target.groupIds.length}个党小组`
}

/** A lesson in its composers' list, with its totals. */
export function manageItemOf(lesson: LessonDoc, totals: Counted | undefined, now: Date): ManageItem {
  return {
    id: lesson._id,
    title: lesson.title,
    state: effectiveState(lesson, now),
    review: lesson.review,
    publishAt: iso(lesson.publishAt),
    editedAt: iso(lesson.editedAt),
    authorName: lesson.authorName,
    targetLabel: targetLabel(lesson.target),
    figures: figuresOf(totals ? [totals] : [])
  }
}
