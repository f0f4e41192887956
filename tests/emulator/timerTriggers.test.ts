/**
 * Timer triggers, as CloudBase runs them: read from each function's `triggers` in
 * cloudbaserc.json (7-field cron, China time), fired on schedule while the emulator runs
 * with CloudBase's timer event and a context with no user, or at once through
 * POST /_emulator/triggers/<fn>/<trigger>. A malformed trigger stops the emulator from
 * starting, as it would stop a deploy. Uses the `clock` fixture function, which logs
 * every invocation to a file.
 */
import fc from 'fast-check'
import fs from 'node:fs'
import path from 'node:path'
import { start } from '../../emulator'
import { timerSchedule } from '../../emulator/functions/triggers'
import { openTestEnv, tempDir, TestEnv } from '../helpers/cloudbase'

const FUNCTIONS = path.join(__dirname, 'fixtures/functions')

interface Fire {
  event: Record<string, unknown>
  environment: Record<string, string>
  timeLimit: number
  at: number
}

/** A project whose `clock` function has the given triggers; its fires are logged to `log`. */
function project(triggers: readonly unknown[]): { rc: string; log: string; fires(): Fire[] } {
  const dir = tempDir('cb-timers-')
  const log = path.join(dir, 'clock.log')
  const rc = path.join(dir, 'cloudbaserc.json')
  fs.writeFileSync(rc, JSON.stringify({ version: '2.0', envId: 'local', functions: [{ name: 'clock', timeout: 7, handler: 'index.main', envVariables: { CLOCK_LOG: log }, triggers }] }))
  return {
    rc,
    log,
    fires: () => (fs.existsSync(log) ? fs.readFileSync(log, 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as Fire) : [])
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

async function until(check: () => boolean, ms = 8000): Promise<void> {
  const end = Date.now() + ms
  while (!check()) {
    if (Date.now() > end) throw new Error('condition not met in time')
    await sleep(50)
  }
}

/** What every fire must look like: CloudBase's timer event, and no user in the context. */
function expectTimerFire(fire: Fire, trigger: string): void {
  expect(fire.event).toEqual({ Type: 'Timer', TriggerName: trigger, Time: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/), Message: '' })
  expect(fire.environment).toMatchObject({ TCB_SOURCE: 'timer', TRIGGER_SRC: 'timer' })
  for (const key of ['WX_OPENID', 'WX_UNIONID', 'TCB_UUID', 'TCB_CUSTOM_USER_ID']) expect(fire.environment[key]).toBeUndefined()
  expect(fire.timeLimit).toBe(7000)
}

describe('on schedule', () => {
  const p = project([
    { name: 'everySecond', type: 'timer', config: '* * * * * * *' },
    { name: 'newYear2099', type: 'timer', config: '0 0 0 1 1 * 2099' }
  ])
  let env: TestEnv
  beforeAll(async () => {
    env = await openTestEnv({ cloudbaseRc: p.rc, functionsRoot: FUNCTIONS, timerTriggers: 'schedule' })
  })
  afterAll(() => env?.close())

  it('fires each trigger at its times, with the timer event and no user; a trigger not yet due never fires', async () => {
    await until(() => p.fires().length >= 2)
    const fires = p.fires()
    for (const f of fires) expectTimerFire(f, 'everySecond')
    // The event's Time is the scheduled second, and the function ran at or after it.
    const times = fires.map((f) => Date.parse(f.event.Time as string))
    expect(new Set(times).size).toBe(times.length)
    for (const [i, f] of fires.entries()) expect(f.at).toBeGreaterThanOrEqual(times[i])
    expect(env.emulator!.getInfo().triggers).toEqual([
      { function: 'clock', name: 'everySecond', config: '* * * * * * *', next: expect.any(String) },
      { function: 'clock', name: 'newYear2099', config: '0 0 0 1 1 * 2099', next: '2098-12-31T16:00:00.000Z' }
    ])
  })

  it('stops firing when the emulator stops', async () => {
    await env.close()
    const count = p.fires().length
    await sleep(1300)
    expect(p.fires().length).toBe(count)
  })
})

describe('fired on demand', () => {
  const p = project([
    { name: 'everySecond', type: 'timer', config: '* * * * * * *' },
    { name: 'nightly', type: 'timer', config: '0 0 2 * * * *' }
  ])
  let env: TestEnv
  beforeAll(async () => {
    env = await openTestEnv({ cloudbaseRc: p.rc, functionsRoot: FUNCTIONS })
  })
  afterAll(() => env?.close())

  const fire = (fn: string, trigger: string, init: RequestInit = {}) =>
    fetch(`${env.emulator!.url}/_emulator/triggers/${encodeURIComponent(fn)}/${encodeURIComponent(trigger)}`, { method: 'POST', ...init })

  it('fires the named trigger now, exactly as its schedule would, and answers what the function returned', async () => {
    const before = env.emulator!.stats.functionInvocations
    const reply = await fire('clock', 'nightly')
    expect(reply.status).toBe(200)
    expect(await reply.json()).toEqual({ requestId: expect.any(String), result: { fired: 'nightly' } })
    const fires = p.fires()
    expect(fires).toHaveLength(1)
    expectTimerFire(fires[0], 'nightly')
    expect(env.emulator!.stats.functionInvocations).toBe(before + 1)
    expect(await env.emulator!.fireTrigger('clock', 'everySecond')).toEqual({ fired: 'everySecond' })
  })

  // '.' and '..' are left out: a URL client resolves them (even percent-encoded) before sending,
  // so they never reach the emulator as a trigger name.
  it('refuses a trigger or function that is not declared, and runs nothing', async () => {
    const count = p.fires().length
    await fc.assert(fc.asyncProperty(fc.constantFrom('clock', 'nope', 'ping'), fc.string({ minLength: 1, maxLength: 12 }).filter((t) => !['everySecond', 'nightly', '.', '..'].includes(t)), async (fn, trigger) => {
      const body = await (await fire(fn, trigger)).json()
      expect(body).toEqual({ code: fn === 'clock' ? 'INVALID_PARAM' : 'FUNCTIONS_NOT_FOUND', message: expect.any(String), requestId: expect.any(String) })
    }), { numRuns: 40 })
    for (const path of ['clock', 'clock/', 'clock/nightly/extra', '/nightly']) expect((await (await fetch(`${env.emulator!.url}/_emulator/triggers/${path}`, { method: 'POST' })).json()).code).toBe('INVALID_PARAM')
    expect((await fetch(`${env.emulator!.url}/_emulator/triggers/clock/nightly`)).status).toBe(405)
    expect(p.fires()).toHaveLength(count)
  })

  it('in manual mode (as tests run) a schedule never fires by itself', async () => {
    const count = p.fires().length
    await sleep(1300)
    expect(p.fires()).toHaveLength(count)
    expect(env.emulator!.getInfo().triggers.map((t) => t.next)).toEqual([null, null])
  })
})

describe('declaring triggers', () => {
  it('refuses to start on a trigger CloudBase would refuse, naming the function and the trigger', async () => {
    const bad = fc.oneof(
      fc.constant([{ name: 'six', type: 'timer', config: '0 0 2 1 * *' }]),
      fc.constant([{ name: 'range', type: 'timer', config: '61 0 0 * * * *' }]),
      fc.constant([{ name: 'year', type: 'timer', config: '0 0 0 * * * 1969' }]),
      fc.constant([{ name: 'kind', type: 'cos', config: '0 0 0 * * * *' }]),
      fc.constant([{ name: '9lives', type: 'timer', config: '0 0 0 * * * *' }]),
      fc.constant([{ name: 'twice', type: 'timer', config: '0 0 0 * * * *' }, { name: 'twice', type: 'timer', config: '0 0 1 * * * *' }]),
      fc.constant([{ name: 'noConfig', type: 'timer' }]),
      fc.string({ maxLength: 30 }).filter((s) => s.trim().split(/\s+/).length !== 7).map((config) => [{ name: 'gen', type: 'timer', config }])
    )
    await fc.assert(fc.asyncProperty(bad, async (triggers) => {
      const p = project(triggers)
      const dataDir = tempDir()
      await expect(start({ port: 0, dataDir, cloudbaseRc: p.rc, functionsRoot: FUNCTIONS, functionLog: () => undefined })).rejects.toThrow(/function clock, triggers\[\d\]/)
      // Nothing was left holding the data folder.
      const em = await start({ port: 0, dataDir, functionsRoot: FUNCTIONS, functionLog: () => undefined, cloudbaseRc: project([]).rc })
      await em.stop()
    }), { numRuns: 20 })
  })
})

/** The fields of `at` as China reads it. */
function chinaFields(at: number): number[] {
  const t = new Date(at + 8 * 3600_000)
  return [t.getUTCSeconds(), t.getUTCMinutes(), t.getUTCHours(), t.getUTCDate(), t.getUTCMonth() + 1, t.getUTCDay(), t.getUTCFullYear()]
}

describe('reading a schedule', () => {
  /** A field and the values it allows: `*`, one value, a range, a step, a list. */
  const field = (min: number, max: number) => fc.oneof(
    fc.constant<[string, (v: number) => boolean]>(['*', () => true]),
    fc.integer({ min, max }).map((n): [string, (v: number) => boolean] => [String(n), (v) => v === n]),
    fc.tuple(fc.integer({ min, max }), fc.integer({ min, max })).map(([a, b]): [string, (v: number) => boolean] => [`${Math.min(a, b)}-${Math.max(a, b)}`, (v) => v >= Math.min(a, b) && v <= Math.max(a, b)]),
    fc.integer({ min: 2, max: 15 }).map((k): [string, (v: number) => boolean] => [`*/${k}`, (v) => (v - min) % k === 0]),
    fc.uniqueArray(fc.integer({ min, max }), { minLength: 2, maxLength: 3 }).map((ns): [string, (v: number) => boolean] => [ns.join(','), (v) => ns.includes(v)])
  )

  it('the next fire is the first second after the given time that every field allows, in China time', () => {
    fc.assert(fc.property(field(0, 59), field(0, 59), fc.oneof(fc.constant<[string, (v: number) => boolean]>(['*', () => true]), field(0, 23)), fc.date({ min: new Date('2026-01-01'), max: new Date('2027-12-01'), noInvalidDate: true }), (sec, min, hour, after) => {
      const config = `${sec[0]} ${min[0]} ${hour[0]} * * * *`
      const next = timerSchedule(config).next(after)!
      expect(next.getTime()).toBeGreaterThan(after.getTime())
      const allows = (at: number) => {
        const [s, m, h] = chinaFields(at)
        return sec[1](s) && min[1](m) && hour[1](h)
      }
      expect(allows(next.getTime())).toBe(true)
      for (let t = Math.floor(after.getTime() / 1000) * 1000 + 1000; t < next.getTime(); t += 1000) if (allows(t)) throw new Error(`${config}: ${new Date(t).toISOString()} comes before ${next.toISOString()}`)
    }), { numRuns: 60 })
  })

  it('keeps to the years the year field allows, and has no next fire once they are past', () => {
    fc.assert(fc.property(fc.integer({ min: 2024, max: 2096 }), fc.integer({ min: 0, max: 3 }), fc.date({ min: new Date('2026-01-01'), max: new Date('2031-01-01'), noInvalidDate: true }), (year, span, after) => {
      const config = `0 30 8 1 * * ${span ? `${year}-${year + span}` : year}`
      // Every fire the expression allows: 08:30 China time (00:30 UTC) on the first of each month of those years.
      const candidates = Array.from({ length: (span + 1) * 12 }, (_, i) => Date.UTC(year + Math.floor(i / 12), i % 12, 1, 0, 30))
      const expected = candidates.find((t) => t > after.getTime()) ?? null
      expect(timerSchedule(config).next(after)?.getTime() ?? null).toBe(expected)
    }), { numRuns: 100 })
  })
})
