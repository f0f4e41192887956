/**
 * Timer triggers through the dispatcher (`createMain(fn, registry, { timers })`): a
 * CloudBase timer event runs its handler; an unknown trigger is refused; an event shaped
 * like a timer's that carries a user (userInfo in the event, a user in the context, or a
 * context the SDK cannot read) never runs a timer; actions run as before and never reach
 * a timer handler.
 */
import fc from 'fast-check'
import { z } from 'zod'
import { createMain, defineAction, TimerContext } from '../../cloudfunctions/common/dispatcher'
import { action } from '../../types/schema'
import { usePortsEnv } from './portsEnv'

// Actions load their caller from the database: the real SDK against an emulator.
usePortsEnv()

const echo = action({
  summary: 'echo',
  input: z.object({ say: z.string() }).strict(),
  output: z.object({ said: z.string(), openid: z.string().nullable() }),
  access: { anonymous: 'any', unbound: 'any' }
})

const TRIGGERS = ['deliverMessages', 'publishDue', 'nightly-report']

function world() {
  const runs: TimerContext[] = []
  const actions: string[] = []
  const timers = Object.fromEntries(TRIGGERS.map((t) => [t, async (ctx: TimerContext) => {
    runs.push(ctx)
    return { ran: ctx.trigger }
  }]))
  const registry = {
    echo: defineAction({
      contract: echo,
      handler: async ({ say }, ctx) => {
        actions.push(say)
        return { said: say, openid: ctx.caller.openid }
      }
    })
  }
  return { runs, actions, main: createMain('demo', registry, { timers }) }
}

/** The context CloudBase gives an invocation: its identity fields in `environment`. */
const contextOf = (environment: Record<string, string>, timeLimitMs = 5000) => ({
  request_id: 'r1', function_name: 'demo', time_limit_in_ms: timeLimitMs, environment: JSON.stringify(environment)
})

/** A context with no user: what a timer (or server code) gets. */
const userlessEnvironment = fc.record({
  TCB_ENV: fc.constant('local'),
  TCB_SOURCE: fc.constantFrom('timer', 'scf', ''),
  TRIGGER_SRC: fc.constantFrom('timer', 'scf'),
  WX_APPID: fc.constantFrom('', 'wx-appid'),
  WX_OPENID: fc.constant(''),
  TCB_ISANONYMOUS_USER: fc.constantFrom('', 'false')
}, { requiredKeys: ['TCB_ENV'] })

const timerType = fc.constantFrom('Timer', 'timer', 'TIMER')
const isoTime = fc.date({ min: new Date('2020-01-01'), max: new Date('2030-01-01'), noInvalidDate: true }).map((d) => d.toISOString().replace(/\.\d{3}Z$/, 'Z'))
const timerEvent = (trigger: fc.Arbitrary<string>) => fc.record({ Type: timerType, TriggerName: trigger, Time: isoTime, Message: fc.constantFrom('', 'custom') }, { requiredKeys: ['Type', 'TriggerName', 'Time'] })

describe('a timer event', () => {
  it('runs its handler once, with the trigger, its time and the invocation\'s deadline', async () => {
    await fc.assert(fc.asyncProperty(timerEvent(fc.constantFrom(...TRIGGERS)), userlessEnvironment, fc.integer({ min: 1000, max: 900_000 }), async (event, environment, limit) => {
      const { runs, actions, main } = world()
      const before = Date.now()
      const reply = await main(event, contextOf(environment, limit))
      expect(reply).toEqual({ ok: true, data: { ran: event.TriggerName } })
      expect(runs).toHaveLength(1)
      expect(actions).toEqual([])
      const ctx = runs[0]
      expect(ctx).toMatchObject({ trigger: event.TriggerName, message: event.Message ?? '' })
      expect(ctx.firedAt.toISOString()).toBe(new Date(event.Time).toISOString())
      expect(ctx.deadline).toBeGreaterThanOrEqual(before + limit)
      expect(ctx.deadline).toBeLessThanOrEqual(Date.now() + limit)
    }), { numRuns: 60 })
  })

  it('naming a trigger the function does not have is refused, and runs nothing', async () => {
    const unknown = fc.oneof(fc.string({ minLength: 1, maxLength: 20 }), fc.constantFrom('__proto__', 'constructor', 'toString', 'hasOwnProperty', 'DeliverMessages', 'deliverMessages ', 'echo'))
      .filter((t) => !TRIGGERS.includes(t))
    await fc.assert(fc.asyncProperty(timerEvent(unknown), userlessEnvironment, async (event, environment) => {
      const { runs, actions, main } = world()
      const reply = await main(event, contextOf(environment))
      expect(reply).toEqual({ ok: false, error: { code: 'INVALID_ARGUMENT', message: expect.stringContaining('未知定时任务') } })
      expect(runs).toEqual([])
      expect(actions).toEqual([])
    }), { numRuns: 60 })
  })

  it('that carries a user — userInfo in the event, a user in the context, or a context that cannot be read — never runs a timer', async () => {
    const userKey = fc.constantFrom('WX_OPENID', 'WX_UNIONID', 'TCB_UUID', 'TCB_CUSTOM_USER_ID', 'TCB_ISANONYMOUS_USER')
    const carrier = fc.oneof(
      // the mini program's callFunction: userInfo beside the data, the user in the context
      fc.tuple(userlessEnvironment, fc.record({ appId: fc.constant('wx-appid'), openId: fc.string({ minLength: 1 }) })).map(([environment, userInfo]) => ({ extra: { userInfo }, context: contextOf({ ...environment, WX_OPENID: userInfo.openId }) })),
      // userInfo in the event alone (even empty), whatever the context says
      fc.tuple(userlessEnvironment, fc.constantFrom<unknown>({}, null, { openId: '' })).map(([environment, userInfo]) => ({ extra: { userInfo }, context: contextOf(environment) })),
      // a user in the context alone
      fc.tuple(userlessEnvironment, userKey, fc.constantFrom('o-user', 'true', '1', 'uuid-1')).map(([environment, key, value]) => ({ extra: {}, context: contextOf({ ...environment, [key]: value }) })),
      // a context the SDK cannot read
      fc.constantFrom<unknown>({}, null, undefined, { environment: 'not json' }, 'context').map((context) => ({ extra: {}, context }))
    )
    await fc.assert(fc.asyncProperty(timerEvent(fc.constantFrom(...TRIGGERS)), carrier, async (event, { extra, context }) => {
      const { runs, actions, main } = world()
      const reply = await main({ ...event, ...extra, action: 'echo', data: { say: 'x' } }, context)
      expect(reply).toEqual({ ok: false, error: { code: 'PERMISSION_DENIED', message: expect.any(String) } })
      expect(runs).toEqual([])
      expect(actions).toEqual([])
    }), { numRuns: 100 })
  })

  it('a handler that fails answers INTERNAL without its message', async () => {
    const main = createMain('demo', {}, { timers: { boom: async () => { throw new Error('secret detail') } } })
    jest.spyOn(console, 'log').mockImplementation(() => undefined)
    const reply = await main({ Type: 'Timer', TriggerName: 'boom', Time: '2026-01-01T00:00:00Z' }, contextOf({ TCB_SOURCE: 'timer' }))
    expect(reply).toEqual({ ok: false, error: { code: 'INTERNAL', message: expect.not.stringContaining('secret') } })
  })
})

describe('actions beside timers', () => {
  it('run as before, for any caller, and an action never reaches a timer handler', async () => {
    const caller = fc.oneof(userlessEnvironment, userlessEnvironment.map((e) => ({ ...e, WX_OPENID: 'o-someone' })))
    await fc.assert(fc.asyncProperty(fc.string({ maxLength: 10 }), caller, async (say, environment) => {
      const { runs, actions, main } = world()
      expect(await main({ action: 'echo', data: { say } }, contextOf(environment))).toEqual({ ok: true, data: { said: say, openid: environment.WX_OPENID || null } })
      expect(actions).toEqual([say])
      for (const name of TRIGGERS) {
        expect(await main({ action: name, data: {} }, contextOf(environment))).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } })
      }
      // Shaped almost like a timer's (no trigger name, another type): an ordinary call.
      expect(await main({ Type: 'Timer', action: 'echo', data: { say } }, contextOf(environment))).toMatchObject({ ok: true })
      expect(await main({ Type: 'Cos', TriggerName: TRIGGERS[0], action: 'echo', data: { say } }, contextOf(environment))).toMatchObject({ ok: true })
      expect(runs).toEqual([])
    }), { numRuns: 25 })
  })
})

describe('a WeChat message push (消息推送)', () => {
  const pushed: Record<string, unknown>[] = []
  const main = createMain('demo', {}, { pushes: { wxa_media_check: async (event) => { pushed.push(event); return { applied: true } } } })
  const mediaEvent = { ToUserName: 'gh_1', FromUserName: 'o-user', CreateTime: 1, MsgType: 'event', Event: 'wxa_media_check', trace_id: 't-1', result: { suggest: 'pass' } }

  it('runs its handler when the platform pushes it, naming the WeChat user it is about as WeChat does', async () => {
    await fc.assert(fc.asyncProperty(fc.constantFrom('', 'o-user'), async (openid) => {
      pushed.length = 0
      const reply = await main(mediaEvent, contextOf({ TCB_ENV: 'local', WX_OPENID: openid, WX_APPID: 'wx-appid' }))
      expect(reply).toEqual({ ok: true, data: { applied: true } })
      expect(pushed).toEqual([mediaEvent])
    }))
  })

  it('is refused from a client: a mini program call (userInfo in the event), a web login, or an unreadable context', async () => {
    const forged = fc.oneof(
      fc.record({ event: fc.constant({ ...mediaEvent, userInfo: { appId: 'wx-appid', openId: 'o-user' } }), context: fc.constant(contextOf({ TCB_ENV: 'local', WX_OPENID: 'o-user' })) }),
      fc.record({ event: fc.constant(mediaEvent), context: fc.constantFrom('TCB_UUID', 'TCB_CUSTOM_USER_ID', 'TCB_ISANONYMOUS_USER').map((k) => contextOf({ TCB_ENV: 'local', [k]: k === 'TCB_ISANONYMOUS_USER' ? 'true' : 'u-1' })) }),
      fc.record({ event: fc.constant(mediaEvent), context: fc.constantFrom<unknown>(null, undefined, 'x') })
    )
    await fc.assert(fc.asyncProperty(forged, async ({ event, context }) => {
      pushed.length = 0
      expect(await main(event, context)).toMatchObject({ ok: false, error: { code: 'PERMISSION_DENIED' } })
      expect(pushed).toEqual([])
    }))
  })
})
