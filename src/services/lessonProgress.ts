/**
 * What the reader did to lessons since the 微党课 list was loaded (read one, answered its
 * quiz), shared by the reading page and the list: the list lays it over the items it
 * already holds, so going back shows the lesson as read without calling the list again.
 */
import { useEffect, useState } from 'react'

export interface LessonProgress {
  read: boolean
  quizDone: boolean
}

const progress = new Map<string, LessonProgress>()
const listeners = new Set<() => void>()
let version = 0

function record(lessonId: string, change: Partial<LessonProgress>): void {
  const before = progress.get(lessonId) ?? { read: false, quizDone: false }
  const after = { read: before.read || !!change.read, quizDone: before.quizDone || !!change.quizDone }
  if (after.read === before.read && after.quizDone === before.quizDone) return
  progress.set(lessonId, after)
  version++
  for (const l of listeners) l()
}

/** The reader has read the lesson (lesson.markRead answered). */
export const recordRead = (lessonId: string): void => record(lessonId, { read: true })

/** The reader's quiz answers were scored (lesson.answerQuiz answered). */
export const recordQuizDone = (lessonId: string): void => record(lessonId, { quizDone: true })

/**
 * Starts over, as the list loads its first page: what was recorded before is in the
 * function's answer (another identity's reads, on H5, must not show as this one's).
 */
export function forgetLessonProgress(): void {
  if (!progress.size) return
  progress.clear()
  version++
  for (const l of listeners) l()
}

/** A list item with what the reader has done since it was loaded. */
export function withProgress<T extends { id: string; read: boolean; quizDone: boolean }>(item: T): T {
  const p = progress.get(item.id)
  if (!p || ((item.read || !p.read) && (item.quizDone || !p.quizDone))) return item
  return { ...item, read: item.read || p.read, quizDone: item.quizDone || p.quizDone }
}

/** Re-renders when the reader's progress changes; returns a number that changes with it. */
export function useLessonProgress(): number {
  const [seen, setSeen] = useState(version)
  useEffect(() => {
    const listener = () => setSeen(version)
    listeners.add(listener)
    setSeen(version)
    return () => { listeners.delete(listener) }
  }, [])
  return seen
}
