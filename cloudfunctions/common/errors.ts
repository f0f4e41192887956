import type { ErrorCode } from '../../types/errors'

/** An error meant for the caller: a stable code and a message a person can act on. */
export class AppError extends Error {
  constructor(readonly code: ErrorCode, message: string, readonly details?: unknown) {
    super(message)
  }
}

export const invalid = (message: string, details?: unknown): AppError => new AppError('INVALID_ARGUMENT', message, details)
export const denied = (message = '没有权限进行此操作'): AppError => new AppError('PERMISSION_DENIED', message)
export const notFound = (what: string): AppError => new AppError('NOT_FOUND', `${what}不存在`)
export const conflict = (message: string, details?: unknown): AppError => new AppError('CONFLICT', message, details)
export const precondition = (message: string): AppError => new AppError('FAILED_PRECONDITION', message)
