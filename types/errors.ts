/**
 * Stable error codes every action may return, and the envelope all actions answer with.
 * Programs branch on `code`; people read `message` (Chinese).
 */
export const ERROR_CODES = [
  'UNAUTHENTICATED', // no WeChat identity on the call
  'NOT_BOUND', // a WeChat identity that is not bound to a roster entry yet
  'PERMISSION_DENIED',
  'INVALID_ARGUMENT',
  'NOT_FOUND',
  'CONFLICT',
  'RATE_LIMITED',
  'FAILED_PRECONDITION',
  'INTERNAL'
] as const
export type ErrorCode = (typeof ERROR_CODES)[number]

export interface ErrorBody {
  code: ErrorCode
  message: string
  /** machine-readable detail, e.g. the fields that failed validation */
  details?: unknown
}

export type Envelope<T> = { ok: true; data: T } | { ok: false; error: ErrorBody }
