/**
 * Timer triggers (cloudbaserc.json `triggers`): CloudBase calls the function with
 * `{ Type: 'Timer', TriggerName, Time }` and no WeChat user. A stand-in for the
 * dispatcher's own timer routing (`createMain(name, registry, { timers })`), kept here
 * until it lands.
 */
import { openidOf } from '../common/caller'
import type { Envelope } from '../../types/errors'

/** What a timer runs: it gets the time and when the platform stops the invocation. */
export type TimerHandler = (run: { now: Date; deadline: number }) => Promise<unknown>

type Main = (event: unknown, context: unknown) => Promise<Envelope<unknown>>

const DEFAULT_TIME_LIMIT_MS = 3000

const isTimerEvent = (event: unknown): event is { Type: 'Timer'; TriggerName: string } =>
  !!event && typeof event === 'object' && (event as { Type?: unknown }).Type === 'Timer' && typeof (event as { TriggerName?: unknown }).TriggerName === 'string'

/**
 * `main` with timers: a timer event (never one carrying a WeChat user, whom a timer never
 * has) runs the timer of its name; anything else goes to the actions.
 */
export function withTimers(main: Main, timers: Record<string, TimerHandler>): Main {
  return async (event, context) => {
    if (!isTimerEvent(event) || openidOf(context) !== null) return main(event, context)
    const started = Date.now()
    const timer = Object.prototype.hasOwnProperty.call(timers, event.TriggerName) ? timers[event.TriggerName] : undefined
    if (!timer) return { ok: false, error: { code: 'INVALID_ARGUMENT', message: `未知定时任务：${event.TriggerName}` } }
    const limit = Number((context as { time_limit_in_ms?: unknown } | null)?.time_limit_in_ms)
    try {
      const data = await timer({ now: new Date(), deadline: started + (Number.isFinite(limit) && limit > 0 ? limit : DEFAULT_TIME_LIMIT_MS) })
      console.log(JSON.stringify({ timer: event.TriggerName, ok: true, ms: Date.now() - started }))
      return { ok: true, data }
    } catch (e) {
      console.log(JSON.stringify({ timer: event.TriggerName, code: 'INTERNAL', error: (e as Error)?.message, ms: Date.now() - started }))
      return { ok: false, error: { code: 'INTERNAL', message: '服务器开小差了，请稍后再试' } }
    }
  }
}
