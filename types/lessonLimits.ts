/**
 * What a micro Party lesson may hold, declared once without zod, so that the app can show
 * and check the limits without bundling the schemas. `types/actions/lesson.ts` builds its
 * schemas from these and re-exports them.
 */

/** Limits of what a lesson holds, shown to the composer and enforced by the function. */
export const LESSON_LIMITS = {
  title: 60,
  summary: 200,
  /** the body's source text (Markdown) */
  body: 20_000,
  questions: 10,
  optionsMin: 2,
  optionsMax: 6,
  questionText: 200,
  optionText: 100,
  explanation: 300,
  groups: 200
} as const

/** Files a lesson carries, their types and sizes (bytes). */
export const LESSON_FILES = {
  cover: { types: ['image/jpeg', 'image/png', 'image/webp'], maxBytes: 2 * 1024 * 1024 },
  audio: { types: ['audio/mpeg', 'audio/mp4', 'audio/x-m4a', 'audio/aac'], maxBytes: 20 * 1024 * 1024 },
  video: { types: ['video/mp4'], maxBytes: 50 * 1024 * 1024 }
} as const
export type LessonFileKind = keyof typeof LESSON_FILES
