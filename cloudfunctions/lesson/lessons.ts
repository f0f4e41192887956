/** Reading and writing lesson documents. */
import { randomBytes } from 'node:crypto'
import { database } from '../common/app'
import { notFound } from '../common/errors'
import { L, LessonDoc } from './model'

/** A lesson by id, or NOT_FOUND. One request. */
export async function loadLesson(lessonId: string): Promise<LessonDoc> {
  const lesson = (await database().collection(L.lessons).doc(lessonId).get()).data[0] as LessonDoc | undefined
  if (!lesson) throw notFound('微党课')
  return lesson
}

/**
 * An update that replaces each field whole: the SDK would otherwise merge an object into
 * the stored one field by field (a target's old groupIds would stay).
 */
export function replacing(change: Record<string, unknown>): Record<string, unknown> {
  const set = database().command.set
  return Object.fromEntries(Object.entries(change).map(([k, v]) =>
    [k, v !== null && typeof v === 'object' && !(v instanceof Date) && !Array.isArray(v) ? set(v) : v]))
}

/** Writes fields of a lesson (with `updatedAt`) and answers the lesson as it now is. One request. */
export async function updateLesson(lesson: LessonDoc, change: Partial<Omit<LessonDoc, '_id'>>, now: Date): Promise<LessonDoc> {
  const next = { ...change, updatedAt: now }
  await database().collection(L.lessons).doc(lesson._id).update(replacing(next))
  return { ...lesson, ...next }
}

/** A new lesson's id: 32 hex characters. */
export const newLessonId = (): string => randomBytes(16).toString('hex')
