/**
 * One dispatcher for every function: validate -> authorise -> run -> uniform envelope.
 * Each action is registered once, against its contract (schemas and access), with its
 * handler; the registry is what the permission tests are generated from.
 */
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

/** Builds a function's `main` from its registry of actions. */
export function createMain(fn: string, registry: ActionRegistry) {
  return async function main(event: unknown, context: unknown): Promise<Envelope<unknown>> {
    const started = Date.now()
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
