/**
 * One dispatcher for every function: validate -> authorise -> run -> uniform envelope.
 * Each action is registered once, against its contract (schemas and access), with its
 * handler; the registry is what the permission tests are generated from.
 *
 * A function may also register timer handlers, run when a CloudBase timer trigger
 * (cloudbaserc.json `triggers`) fires, and handlers of WeChat message-push events (消息推送,
 * e.g. `wxa_media_check`). Neither is reachable from a client: see `timerEventOf`,
 * `pushEventOf` and `carriesUserIdentity`.
 */
import tcb from '@cloudbase/node-sdk'
import { z } from 'zod'
import type { ActionContract } from '../../types/schema'
import type { Envelope, ErrorBody } from '../../types/errors'
import { admittedRoles, Caller, loadCaller, openidOf, roleReachesGroup } from './caller'
import { AppError, denied } from './errors'

export interface ActionContext {
  caller: Caller
  /** the caller's person document (actions for bound callers only) */
  person(): NonNullable<Caller['person']>
  /**
   * Checks that the caller may act on group `groupId` under the action's access rules.
   * Handlers of group-scoped actions whose group is not in the input call this before
   * writing anything.
   */
  authorizeGroup(groupId: string | null): void
  /** whether the caller reaches `groupId` with one of `roles` (for shaping what is shown) */
  reaches(groupId: string | null, roles: string[]): boolean
  now: Date
  /** when the platform stops this invocation (its time limit), in ms since the epoch */
  deadline: number
}

export interface ActionDefinition<C extends ActionContract> {
  contract: C
  /** the group the action is about, when the input names it directly */
  group?: (input: z.output<C['input']>) => string
  handler: (input: z.output<C['input']>, ctx: ActionContext) => Promise<z.input<C['output']>>
}

export const defineAction = <C extends ActionContract>(def: ActionDefinition<C>): ActionDefinition<C> => def

/**
 * A domain's registry as the compiler checks it: exactly one definition for each action
 * the domain's contract declares, each defined against that action's contract. Use as
 * `export const registry = { ... } satisfies DomainRegistry<typeof userActions>`.
 */
export type DomainRegistry<D extends Record<string, ActionContract>> = { [A in keyof D]: ActionDefinition<D[A]> }

export type ActionRegistry = Record<string, ActionDefinition<any>>

function zodMessage(error: z.ZodError): string {
  const first = error.issues[0]
  const where = first?.path.length ? `${first.path.join('.')}：` : ''
  return `参数不正确：${where}${first?.message ?? '格式错误'}`
}

function log(entry: Record<string, unknown>): void {
  // Action names, codes and timings only: never personal data.
  console.log(JSON.stringify(entry))
}

/** CloudBase's default time limit, for a context that does not state one. */
const DEFAULT_TIME_LIMIT_MS = 3000

const timeLimitOf = (context: unknown): number => {
  const ms = Number((context as { time_limit_in_ms?: unknown } | null)?.time_limit_in_ms)
  return Number.isFinite(ms) && ms > 0 ? ms : DEFAULT_TIME_LIMIT_MS
}

/** What a timer handler is told about its run. */
export interface TimerContext {
  /** the trigger's name, as cloudbaserc.json declares it */
  trigger: string
  /** when the platform fired it (the event's `Time`) */
  firedAt: Date
  /** the trigger's optional message (the event's `Message`), '' without one */
  message: string
  now: Date
  /** when the platform stops this invocation (its time limit), in ms since the epoch */
  deadline: number
}

/** A timer handler: runs with no caller and no contract input; what it returns is logged, never sent to anyone. */
export type TimerHandler = (ctx: TimerContext) => Promise<unknown>

/** What a message-push handler is told about its run. */
export interface PushContext {
  now: Date
  /** when the platform stops this invocation (its time limit), in ms since the epoch */
  deadline: number
}

/**
 * A handler of a WeChat message-push event (云开发 消息推送, e.g. `wxa_media_check`): gets
 * the event as WeChat sent it; runs with no caller; what it returns is logged, never sent.
 */
export type PushHandler = (event: Record<string, unknown>, ctx: PushContext) => Promise<unknown>

export interface MainOptions {
  /** handlers by trigger name, one for each timer trigger cloudbaserc.json declares for the function */
  timers?: Record<string, TimerHandler>
  /** handlers of message-push events by their `Event`, each pushed to this function by the environment's 消息推送 settings */
  pushes?: Record<string, PushHandler>
}

/** The event CloudBase sends when a timer trigger fires: `{ Type: 'Timer', TriggerName, Time, Message }`. */
interface TimerEvent {
  trigger: string
  firedAt: Date
  message: string
}

/**
 * The timer event `event` is, or null. Documents name the type `Timer` (and `timer` in
 * older pages), so the type is compared without case; the trigger name is required.
 */
export function timerEventOf(event: unknown): TimerEvent | null {
  if (!event || typeof event !== 'object') return null
  const e = event as { Type?: unknown; TriggerName?: unknown; Time?: unknown; Message?: unknown }
  if (typeof e.Type !== 'string' || e.Type.toLowerCase() !== 'timer' || typeof e.TriggerName !== 'string') return null
  const time = typeof e.Time === 'string' ? new Date(e.Time) : new Date(NaN)
  return { trigger: e.TriggerName, firedAt: Number.isNaN(time.getTime()) ? new Date() : time, message: typeof e.Message === 'string' ? e.Message : '' }
}

/**
 * Context fields through which CloudBase names an end user: a WeChat user, or a web
 * login (CloudBase's own user id, a custom login, an anonymous login). The app id is not
 * one: it names the mini program, which may be set for any invocation.
 */
const USER_IDENTITY_KEYS = ['WX_OPENID', 'WX_UNIONID', 'TCB_UUID', 'TCB_CUSTOM_USER_ID', 'TCB_ISANONYMOUS_USER'] as const

/**
 * Whether an invocation comes from an end user. A client call always carries its caller
 * in the invocation context, which the platform sets and no client can remove (the mini
 * program's `callFunction` also puts `userInfo` in the event). A timer carries no user,
 * nor does server code holding the environment's credentials (which may write the
 * database directly anyway). So a timer handler runs only for an invocation without any
 * user: a client sending an event shaped like a timer's is refused.
 */
export function carriesUserIdentity(event: unknown, context: unknown): boolean {
  return isClientCall(event, context, USER_IDENTITY_KEYS)
}

/** Context fields of a web login (CloudBase's own user id, a custom login, an anonymous login). */
const WEB_LOGIN_KEYS = ['TCB_UUID', 'TCB_CUSTOM_USER_ID', 'TCB_ISANONYMOUS_USER'] as const

/**
 * Whether an invocation is a client's call rather than a WeChat message push. A push names
 * the WeChat user it is about in its context (WX_OPENID, as WeChat's own examples read it),
 * so that alone cannot tell; but a mini program's `callFunction` always carries `userInfo`
 * in the event (the platform adds it to the client's data), and a web client carries its
 * login in the context. Push handlers must still act only on what the platform alone knows
 * (a check's trace id), never on ids a client could guess.
 */
export function isClientCallNotPush(event: unknown, context: unknown): boolean {
  return isClientCall(event, context, WEB_LOGIN_KEYS)
}

function isClientCall(event: unknown, context: unknown, userKeys: readonly string[]): boolean {
  if (event && typeof event === 'object' && 'userInfo' in event) return true
  // The platform always passes a context object; without one the SDK would read process.env instead.
  if (!context || typeof context !== 'object') return true
  let ctx: Record<string, unknown>
  try {
    ctx = tcb.getCloudbaseContext(context as any) as unknown as Record<string, unknown>
  } catch {
    // A context the SDK cannot read is not the platform's timer.
    return true
  }
  return userKeys.some((key) => {
    const value = ctx[key]
    return value !== undefined && value !== null && value !== '' && value !== 'false'
  })
}

/**
 * The `Event` of a WeChat message-push event (`{ MsgType: 'event', Event, ... }`, the JSON
 * WeChat pushes to a cloud function), or null for anything else.
 */
export function pushEventOf(event: unknown): string | null {
  if (!event || typeof event !== 'object') return null
  const e = event as { MsgType?: unknown; Event?: unknown }
  return e.MsgType === 'event' && typeof e.Event === 'string' ? e.Event : null
}

/**
 * Runs a message-push handler, never for a client's call (`isClientCallNotPush`): a client
 * that sends an event shaped like WeChat's (a forged verdict) is refused.
 */
async function runPush(fn: string, pushes: Record<string, PushHandler>, name: string, event: unknown, context: unknown, started: number): Promise<Envelope<unknown>> {
  try {
    if (isClientCallNotPush(event, context)) throw denied('消息推送只能由微信平台发起')
    const handler = Object.prototype.hasOwnProperty.call(pushes, name) ? pushes[name] : undefined
    if (!handler) throw new AppError('INVALID_ARGUMENT', `未知消息推送：${fn}.${name}`)
    const data = await handler(event as Record<string, unknown>, { now: new Date(), deadline: started + timeLimitOf(context) })
    log({ fn, push: name, ok: true, ms: Date.now() - started })
    return { ok: true, data: data ?? null }
  } catch (e) {
    const error: ErrorBody = e instanceof AppError ? { code: e.code, message: e.message } : { code: 'INTERNAL', message: '服务器开小差了，请稍后再试' }
    log({ fn, push: name.slice(0, 40), code: error.code, ...(e instanceof AppError ? {} : { error: (e as Error)?.message }), ms: Date.now() - started })
    return { ok: false, error }
  }
}

async function runTimer(fn: string, timers: Record<string, TimerHandler>, timer: TimerEvent, event: unknown, context: unknown, started: number): Promise<Envelope<unknown>> {
  try {
    if (carriesUserIdentity(event, context)) throw denied('定时任务只能由平台触发')
    const handler = Object.prototype.hasOwnProperty.call(timers, timer.trigger) ? timers[timer.trigger] : undefined
    if (!handler) throw new AppError('INVALID_ARGUMENT', `未知定时任务：${fn}.${timer.trigger}`)
    const data = await handler({ trigger: timer.trigger, firedAt: timer.firedAt, message: timer.message, now: new Date(), deadline: started + timeLimitOf(context) })
    log({ fn, timer: timer.trigger, ok: true, ms: Date.now() - started })
    return { ok: true, data: data ?? null }
  } catch (e) {
    const error: ErrorBody = e instanceof AppError ? { code: e.code, message: e.message } : { code: 'INTERNAL', message: '服务器开小差了，请稍后再试' }
    log({ fn, timer: timer.trigger, code: error.code, ...(e instanceof AppError ? {} : { error: (e as Error)?.message }), ms: Date.now() - started })
    return { ok: false, error }
  }
}

/**
 * Builds a function's `main` from its registry of actions and, optionally, its timer
 * handlers (`{ timers: { publishDue: handler } }`, names as the function's timer triggers
 * in cloudbaserc.json) and message-push handlers (`{ pushes: { wxa_media_check: handler } }`).
 */
export function createMain(fn: string, registry: ActionRegistry, options: MainOptions = {}) {
  const timers = options.timers ?? {}
  return async function main(event: unknown, context: unknown): Promise<Envelope<unknown>> {
    const started = Date.now()
    // An event shaped like a timer's never reaches an action, whoever sent it.
    const timer = timerEventOf(event)
    if (timer) return runTimer(fn, timers, timer, event, context, started)
    // Nor does one shaped like a WeChat message push.
    const push = pushEventOf(event)
    if (push !== null) return runPush(fn, options.pushes ?? {}, push, event, context, started)
    const ev = (event ?? {}) as { action?: unknown; data?: unknown }
    const actionName = typeof ev.action === 'string' ? ev.action : ''
    try {
      const def = Object.prototype.hasOwnProperty.call(registry, actionName) ? registry[actionName] : undefined
      if (!def) throw new AppError('INVALID_ARGUMENT', `未知操作：${fn}.${actionName || '(空)'}`)
      const parsed = def.contract.input.safeParse(ev.data ?? {})
      if (!parsed.success) {
        throw new AppError('INVALID_ARGUMENT', zodMessage(parsed.error), parsed.error.issues.map((i: z.core.$ZodIssue) => ({ path: i.path, message: i.message })))
      }
      const caller = await loadCaller(openidOf(context))
      const admitted = admittedRoles(caller, def.contract.access)
      const unscoped = admitted.some(([, scope]) => scope === 'any')
      let authorized = unscoped
      const ctx: ActionContext = {
        caller,
        now: new Date(),
        deadline: started + timeLimitOf(context),
        person() {
          if (!caller.person) throw new AppError('NOT_BOUND', '请先完成身份绑定')
          return caller.person
        },
        authorizeGroup(groupId) {
          if (unscoped) return
          if (groupId && admitted.some(([role]) => roleReachesGroup(caller, role, groupId))) {
            authorized = true
            return
          }
          throw denied('只能操作自己所在或负责的党小组')
        },
        reaches(groupId, roles) {
          if (caller.roles.includes('admin')) return true
          return !!groupId && caller.roles.some((r) => roles.includes(r) && roleReachesGroup(caller, r, groupId))
        }
      }
      if (!unscoped && def.group) ctx.authorizeGroup(def.group(parsed.data))
      const result = await def.handler(parsed.data, ctx)
      if (!authorized) throw new AppError('INTERNAL', `${fn}.${actionName} did not check group access`)
      const out = def.contract.output.safeParse(result)
      if (!out.success) {
        log({ fn, action: actionName, code: 'INTERNAL', issue: out.error.issues[0]?.path.join('.'), ms: Date.now() - started })
        throw new AppError('INTERNAL', '服务器返回的数据格式有误，请联系管理员')
      }
      log({ fn, action: actionName, ok: true, ms: Date.now() - started })
      return { ok: true, data: out.data }
    } catch (e) {
      const error: ErrorBody = e instanceof AppError
        ? { code: e.code, message: e.message, ...(e.details === undefined ? {} : { details: e.details }) }
        : { code: 'INTERNAL', message: '服务器开小差了，请稍后再试' }
      if (!(e instanceof AppError)) log({ fn, action: actionName, code: 'INTERNAL', error: (e as Error)?.message, ms: Date.now() - started })
      else log({ fn, action: actionName, code: error.code, ms: Date.now() - started })
      return { ok: false, error }
    }
  }
}
