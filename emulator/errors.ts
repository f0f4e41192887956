/**
 * Errors the emulator returns, in CloudBase's own reply format: HTTP 200 with a
 * top-level `{ code, message, requestId }`. The SDK turns such a reply into a thrown
 * error carrying the same `code`.
 */
export type EmulatorErrorCode =
  | 'INVALID_PARAM'
  | 'INVALID_ACTION'
  | 'INVALID_ENV'
  | 'EXCEED_REQUEST_SIZE_LIMIT'
  | 'SYS_ERR'
  | 'PERMISSION_DENIED'
  | 'DATABASE_COLLECTION_NOT_EXIST'
  | 'DATABASE_COLLECTION_ALREADY_EXIST'
  | 'DATABASE_REQUEST_FAILED'
  | 'DATABASE_DUPLICATE_WRITE'
  | 'DATABASE_TRANSACTION_CONFLICT'
  | 'DATABASE_TRANSACTION_FAIL'
  | 'STORAGE_FILE_NONEXIST'
  | 'STORAGE_REQUEST_FAIL'
  | 'STORAGE_SIGN_PARAM_INVALID'
  | 'FUNCTIONS_NOT_FOUND'
  | 'FUNCTIONS_EXECUTE_FAIL'
  | 'FUNCTIONS_TIME_LIMIT_EXCEEDED'

export class EmulatorError extends Error {
  readonly code: EmulatorErrorCode

  constructor(code: EmulatorErrorCode, message: string) {
    super(message)
    this.code = code
  }
}

export const invalidParam = (message: string): EmulatorError => new EmulatorError('INVALID_PARAM', message)
