/**
 * What a study-journal note may hold, declared once without zod, so that the app can show
 * and check the limits without bundling the schemas. `types/actions/journal.ts` builds its
 * schemas from these and re-exports them.
 */

/** Limits of a note, shown on the device and enforced by the function. */
export const JOURNAL_LIMITS = {
  body: 5000,
  comment: 500,
  photos: 9,
  photoBytes: 5 * 1024 * 1024,
  keyword: 30
} as const
