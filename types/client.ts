/**
 * The typed way to call an action, shared by the mini program and Node (seed, scripts,
 * tests): `call('group', 'detail', { groupId })`. Input and output types come from the
 * contract, the `{ ok, data | error }` envelope is unwrapped, and a failure is raised as a
 * `CallError` carrying the action's stable code and its Chinese message. Each side brings
 * only a transport: how `{ action, data }` reaches a function and its reply comes back.
 */
import type { ActionInput, ActionName, ActionOutput, FunctionName } from './contract'
import type { Envelope, ErrorBody } from './errors'

/** A failed call: an action's error (`code` from ERROR_CODES) or a transport failure (e.g. NETWORK_ERROR). */
export class CallError extends Error {
  constructor(readonly code: string, message: string, readonly details?: unknown, readonly requestId?: string) {
    super(message)
    this.name = 'CallError'
  }
}

/** Delivers one event to cloud function `fn` and resolves with what its `main` returned. */
export type Transport = (fn: string, event: object) => Promise<unknown>

/** The input argument, optional when the action takes nothing required. */
type InputArg<F extends FunctionName, A extends ActionName<F>> =
  Record<string, never> extends ActionInput<F, A> ? [input?: ActionInput<F, A>] : [input: ActionInput<F, A>]

export type Call = <F extends FunctionName, A extends ActionName<F>>(fn: F, action: A, ...input: InputArg<F, A>) => Promise<ActionOutput<F, A>>

function isEnvelope(reply: unknown): reply is Envelope<unknown> {
  if (!reply || typeof reply !== 'object') return false
  const r = reply as { ok?: unknown; error?: Partial<ErrorBody> }
  return r.ok === true || (r.ok === false && typeof r.error?.code === 'string' && typeof r.error?.message === 'string')
}

/** The data of a successful envelope; throws a CallError for a failed or unrecognisable one. */
function unwrap<T>(fn: string, action: string, reply: unknown): T {
  if (!isEnvelope(reply)) throw new CallError('INTERNAL', `${fn}.${action} 返回了无法识别的结果`)
  if (reply.ok) return reply.data as T
  throw new CallError(reply.error.code, reply.error.message, reply.error.details)
}

/** A typed `call` over a transport. */
export function createCall(transport: Transport): Call {
  const call = async (fn: string, action: string, input?: unknown): Promise<unknown> =>
    unwrap(fn, action, await transport(fn, { action, data: input ?? {} }))
  // The one place the generic signature meets the untyped transport.
  return call as unknown as Call
}
