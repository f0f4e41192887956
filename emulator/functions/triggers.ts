/**
 * Timer triggers, as CloudBase runs them: each function's `triggers` in cloudbaserc.json
 * (`{ name, type: 'timer', config: '<second minute hour day month week year>' }`) fire on
 * their schedule while the emulator runs, invoking the function with CloudBase's timer
 * event (`{ Type: 'Timer', TriggerName, Time, Message }`) and a context with no user —
 * so the same function code runs locally and in the cloud. A trigger can also be fired at
 * once (`fire`), so that tests and scripts need not wait for its time.
 *
 * Schedules are read in China Standard Time (UTC+8), as CloudBase reads them; the day and
 * week fields, when both are given, match either (CloudBase's rule and cron's).
 */
import { CronExpressionParser } from 'cron-parser'
import { EmulatorError, invalidParam } from '../errors'

/** A trigger as cloudbaserc.json declares it. */
export interface TriggerDecl {
  name: string
  type: string
  config: string
}

/** A timer trigger of one function. */
export interface TimerTrigger {
  function: string
  name: string
  /** the 7-field cron expression */
  config: string
}

/** CloudBase's rule for trigger names. */
const TRIGGER_NAME = /^[A-Za-z][A-Za-z0-9_-]{0,59}$/
/** CloudBase reads timer schedules in this zone. */
const SCHEDULE_ZONE = 'Asia/Shanghai'
const MIN_YEAR = 1970
const MAX_YEAR = 2099
/** setTimeout's longest delay; a later fire is reached in steps. */
const MAX_DELAY_MS = 2 ** 31 - 1

/** The years a year field (`*`, `2026`, `2026-2028`, `2026,2030`, `2026/2`, `*\/2`) allows. */
function yearsOf(field: string, where: string): (year: number) => boolean {
  if (field === '*' || field === '?') return () => true
  const allowed = new Set<number>()
  for (const part of field.split(',')) {
    const m = /^(\*|\d{4})(?:-(\d{4}))?(?:\/(\d+))?$/.exec(part)
    if (!m) throw new Error(`${where}: invalid year field "${field}"`)
    const from = m[1] === '*' ? MIN_YEAR : Number(m[1])
    const to = m[2] ? Number(m[2]) : m[1] === '*' || m[3] ? MAX_YEAR : from
    const step = m[3] ? Number(m[3]) : 1
    if (from < MIN_YEAR || to > MAX_YEAR || from > to || step < 1) throw new Error(`${where}: year field "${field}" outside ${MIN_YEAR}-${MAX_YEAR}`)
    for (let y = from; y <= to; y += step) allowed.add(y)
  }
  return (year) => allowed.has(year)
}

/** The year of `at` in the schedule's zone. */
const yearIn = (at: Date): number => Number(new Intl.DateTimeFormat('en', { timeZone: SCHEDULE_ZONE, year: 'numeric' }).format(at))

/**
 * The schedule a 7-field CloudBase cron expression describes: `next(after)` is the first
 * fire strictly after `after`, or null when there is none (its years are past).
 */
export function timerSchedule(config: string, where = 'timer'): { next(after: Date): Date | null } {
  const fields = config.trim().split(/\s+/)
  if (fields.length !== 7) throw new Error(`${where}: "${config}" is not a 7-field cron expression (second minute hour day month week year)`)
  const yearAllowed = yearsOf(fields[6], where)
  const sixFields = fields.slice(0, 6).join(' ')
  try {
    CronExpressionParser.parse(sixFields, { tz: SCHEDULE_ZONE, strict: false })
  } catch (e) {
    throw new Error(`${where}: invalid cron expression "${config}": ${(e as Error).message}`)
  }
  return {
    next(after) {
      let from = after
      for (;;) {
        let at: Date
        try {
          at = CronExpressionParser.parse(sixFields, { tz: SCHEDULE_ZONE, currentDate: from }).next().toDate()
        } catch {
          return null // a date that never comes (e.g. the 31st of February)
        }
        const year = yearIn(at)
        if (year > MAX_YEAR) return null
        if (yearAllowed(year)) return at
        // Not this year: go on from just before the next one begins (midnight UTC+8).
        from = new Date(Date.UTC(year + 1, 0, 1) - 8 * 3600_000 - 1)
      }
    }
  }
}

/** The timer triggers a function config declares, checked as CloudBase checks them. */
export function timerTriggersOf(fn: string, decls: unknown): TimerTrigger[] {
  if (decls === undefined) return []
  if (!Array.isArray(decls)) throw new Error(`function ${fn}: triggers must be an array`)
  const seen = new Set<string>()
  return decls.map((d: Partial<TriggerDecl>, i) => {
    const where = `function ${fn}, triggers[${i}]`
    if (d?.type !== 'timer') throw new Error(`${where}: type must be "timer" (the only trigger type CloudBase has)`)
    if (typeof d.name !== 'string' || !TRIGGER_NAME.test(d.name)) throw new Error(`${where}: name must start with a letter and have at most 60 of a-z A-Z 0-9 - _`)
    if (seen.has(d.name)) throw new Error(`${where}: a second trigger named ${d.name}`)
    seen.add(d.name)
    if (typeof d.config !== 'string') throw new Error(`${where}: config must be a cron expression`)
    timerSchedule(d.config, where)
    return { function: fn, name: d.name, config: d.config }
  })
}

/** The event CloudBase sends a function when its timer trigger fires. */
export function timerEvent(trigger: string, at: Date): Record<string, string> {
  return { Type: 'Timer', TriggerName: trigger, Time: at.toISOString().replace(/\.\d{3}Z$/, 'Z'), Message: '' }
}

export interface TimerRunnerOptions {
  triggers: readonly TimerTrigger[]
  /** runs the function with the timer event (and a context with no user); resolves with what it returned */
  invoke(fn: string, event: Record<string, string>): Promise<unknown>
  /** where a scheduled fire's failure is told */
  log(fn: string, line: string): void
}

/** Fires timer triggers: on their schedules once `schedule()` is called, and on demand. */
export class TimerRunner {
  private readonly timeouts = new Map<string, NodeJS.Timeout>()
  private stopped = false

  constructor(private readonly opts: TimerRunnerOptions) {}

  /** Every trigger, with its next scheduled fire. */
  list(now = new Date()): (TimerTrigger & { next: string | null })[] {
    return this.opts.triggers.map((t) => ({ ...t, next: timerSchedule(t.config).next(now)?.toISOString() ?? null }))
  }

  /** Fires `fn`'s trigger `name` now and resolves with what the function returned. */
  fire(fn: string, name: string): Promise<unknown> {
    const trigger = this.opts.triggers.find((t) => t.function === fn && t.name === name)
    if (!trigger) {
      const known = this.opts.triggers.some((t) => t.function === fn)
      throw known ? invalidParam(`function ${fn} has no timer trigger named ${name}`) : new EmulatorError('FUNCTIONS_NOT_FOUND', `no timer trigger named ${name} on function ${fn}`)
    }
    return this.opts.invoke(fn, timerEvent(name, new Date()))
  }

  /** Starts firing every trigger on its schedule, until `stop()`. */
  schedule(): void {
    for (const t of this.opts.triggers) this.arm(t, new Date())
  }

  stop(): void {
    this.stopped = true
    for (const timeout of this.timeouts.values()) clearTimeout(timeout)
    this.timeouts.clear()
  }

  /** Sets the timeout for the first fire of `t` after `after`. */
  private arm(t: TimerTrigger, after: Date): void {
    if (this.stopped) return
    const at = timerSchedule(t.config).next(after)
    if (!at) return
    const key = `${t.function}/${t.name}`
    const delay = at.getTime() - Date.now()
    const timeout = setTimeout(() => {
      if (delay > MAX_DELAY_MS) return this.arm(t, after)
      // Next fire first: a slow run does not delay the schedule (CloudBase does not wait for it either).
      this.arm(t, at)
      this.opts.invoke(t.function, timerEvent(t.name, at)).catch((e: Error) => this.opts.log(t.function, `timer ${t.name} failed: ${e.message}`))
    }, Math.max(0, Math.min(delay, MAX_DELAY_MS)))
    // A pending timer alone does not keep the process alive (the server does, while it listens).
    timeout.unref()
    this.timeouts.set(key, timeout)
  }
}
