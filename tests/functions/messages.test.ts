/**
 * The messages port: the outbox queue (bulk queuing, keyed messages added once, oldest-first delivery until the
 * deadline, outcomes recorded, overlapping runs, a run dying mid-delivery) through the
 * real SDK against the emulator, and the WeChat sender's mapping (template ids from the
 * environment, field limits, WeChat's error codes) against a stand-in openapi call.
 */
import fc from 'fast-check'
import { Message, MESSAGE_TEMPLATES, templateData } from '../../cloudfunctions/common/ports/messages'
import { deliverQueued, INTERRUPTED, OUTBOX, OutboxDoc, queueMessages, Sender, STALE_CLAIM_MS } from '../../cloudfunctions/common/ports/outbox'
import { wechatMessenger, wechatSender } from '../../cloudfunctions/common/ports/wechatMessages'
import type { WxApiCall } from '../../cloudfunctions/common/ports/wxOpenApi'
import { usePortsEnv } from './portsEnv'

const env = usePortsEnv()
const db = () => env().app.database()
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

const message = (i: number): Message => ({
  personId: `p${i}`, openid: `o${i}`, template: 'lessonPublished', page: `packages/lesson/pages/read/index?lessonId=l${i}`,
  data: { thing1: `第${i}课`, thing2: '李老师', time3: '2026年10月1日 08:00' }
})

async function clearOutbox(): Promise<void> {
  await db().collection(OUTBOX).where({ _id: db().command.exists(true) }).remove()
}

async function outbox(): Promise<OutboxDoc[]> {
  const out: OutboxDoc[] = []
  for (;;) {
    const { data } = await db().collection(OUTBOX).orderBy('_id', 'asc').skip(out.length).limit(1000).get()
    out.push(...(data as OutboxDoc[]))
    if (data.length < 1000) return out
  }
}

/** Queues `sizes` groups of messages, each group at a later time than the one before. */
async function queueGroups(sizes: number[]): Promise<void> {
  let i = 0
  for (const n of sizes) {
    await queueMessages(Array.from({ length: n }, () => message(i++)))
    await sleep(3)
  }
}

const far = () => Date.now() + 60_000

beforeEach(clearOutbox)

describe('queuing', () => {
  it('writes thousands of messages in one request per 500, never one per message', async () => {
    await fc.assert(fc.asyncProperty(fc.integer({ min: 1, max: 3000 }), async (n) => {
      await clearOutbox()
      const before = env().dbRequests()
      expect(await queueMessages(Array.from({ length: n }, (_, i) => message(i)))).toBe(n)
      expect(env().dbRequests() - before).toBe(Math.ceil(n / 500))
      const docs = await outbox()
      expect(docs).toHaveLength(n)
      expect(docs.every((d) => d.status === 'queued' && d.attempts === 0 && d.claim === null)).toBe(true)
    }), { numRuns: 6 })
  })

  it('keeps each field as WeChat will show it, so callers pass whole texts and the outbox holds what the person reads', async () => {
    await clearOutbox()
    const long = '关于实习期间如何在科室里坚持理论学习并带动身边同学的问题'
    await queueMessages([{ ...message(0), template: 'questionAnswered', data: { thing1: long, name2: '欧阳东方明珠塔下的老师们', thing3: '好', time4: '2026年10月1日 08:00' } }])
    const [doc] = await outbox()
    expect(doc.data).toEqual({ thing1: `${[...long].slice(0, 19).join('')}…`, name2: '欧阳东方明珠塔下的老', thing3: '好', time4: '2026年10月1日 08:00' })
    expect(templateData(doc.data)).toEqual(templateData({ thing1: long, name2: '欧阳东方明珠塔下的老师们', thing3: '好', time4: '2026年10月1日 08:00' }))
  })

  it('adds a keyed message once, however many times it is queued and whatever part of it a failed add left written', async () => {
    // `written`: what an earlier, failed queueing left in the outbox (CloudBase may keep the part of a bulk add before a duplicate).
    const scenario = fc.integer({ min: 1, max: 700 }).chain((n) => fc.record({
      n: fc.constant(n),
      written: fc.uniqueArray(fc.integer({ min: 0, max: n - 1 }), { maxLength: n }),
      unkeyed: fc.integer({ min: 0, max: 3 })
    }))
    await fc.assert(fc.asyncProperty(scenario, async ({ n, written, unkeyed }) => {
      await clearOutbox()
      const keyed = (i: number): Message => ({ ...message(i), key: `lesson:l:p${i}` })
      const earlier = new Date('2026-01-01T00:00:00Z')
      if (written.length) {
        await db().collection(OUTBOX).add(written.map((i) => {
          const { key, ...m } = keyed(i)
          return { _id: key, ...m, status: 'sent', queuedAt: earlier, notBefore: earlier, claim: null, claimedAt: null, attemptedAt: null, attempts: 0, sentAt: earlier, error: null }
        }))
      }
      const all = [...Array.from({ length: n }, (_, i) => keyed(i)), ...Array.from({ length: unkeyed }, (_, i) => message(n + i))]
      expect(await queueMessages(all)).toBe(all.length)
      expect(await queueMessages(all.slice(0, n))).toBe(n)
      const docs = await outbox()
      const byPerson = new Map<string, OutboxDoc[]>()
      for (const d of docs) byPerson.set(d.personId, [...(byPerson.get(d.personId) ?? []), d])
      expect(docs).toHaveLength(n + unkeyed)
      for (let i = 0; i < n; i++) {
        const mine = byPerson.get(`p${i}`) ?? []
        expect(mine.map((d) => d._id)).toEqual([`lesson:l:p${i}`])
        // What was there before stays as it was (a message already sent is not queued again).
        expect(mine[0].status).toBe(written.includes(i) ? 'sent' : 'queued')
      }
    }), { numRuns: 12, seed: 81 })
  })
})

type Verdict = 'sent' | 'retry' | 'failed' | 'throw'
const verdictArb = fc.constantFrom<Verdict>('sent', 'sent', 'retry', 'failed', 'throw')

/** A sender answering each message by its person, recording what it was asked in order. */
function scriptedSender(verdicts: Map<string, Verdict>, log: OutboxDoc[]): Sender {
  return async (m) => {
    log.push(m)
    const v = verdicts.get(m.personId) ?? 'sent'
    if (v === 'throw') throw Object.assign(new Error('network'), { code: 'ECONNRESET' })
    return v === 'sent' ? { sent: true } : v === 'retry' ? { retry: '-1' } : { failed: '43101' }
  }
}

describe('delivering', () => {
  it('sends oldest first and records each outcome: sent, failed for good, or queued again to retry later', async () => {
    await fc.assert(fc.asyncProperty(fc.array(fc.integer({ min: 1, max: 60 }), { minLength: 1, maxLength: 4 }), fc.array(verdictArb, { minLength: 1, maxLength: 20 }), async (sizes, pattern) => {
      await clearOutbox()
      await queueGroups(sizes)
      const total = sizes.reduce((a, b) => a + b, 0)
      const verdicts = new Map(Array.from({ length: total }, (_, i) => [`p${i}`, pattern[i % pattern.length]]))
      const log: OutboxDoc[] = []
      const report = await deliverQueued(scriptedSender(verdicts, log), { deadline: far() })
      // Each message asked once, in the order queued (groups in order; within a group any order).
      expect(log).toHaveLength(total)
      const times = log.map((m) => new Date(m.queuedAt).getTime())
      expect(times).toEqual([...times].sort((a, b) => a - b))
      const count = (v: Verdict[]) => [...verdicts.values()].filter((x) => v.includes(x)).length
      expect(report).toEqual({ sent: count(['sent']), failed: count(['failed']), retried: count(['retry', 'throw']) })
      for (const d of await outbox()) {
        const v = verdicts.get(d.personId)
        if (v === 'sent') expect(d).toMatchObject({ status: 'sent', claim: null, attemptedAt: null, sentAt: expect.anything() })
        else if (v === 'failed') expect(d).toMatchObject({ status: 'failed', claim: null, attempts: 1, error: '43101' })
        else {
          expect(d).toMatchObject({ status: 'queued', claim: null, attempts: 1, error: v === 'throw' ? 'ECONNRESET' : '-1' })
          expect(new Date(d.notBefore).getTime()).toBeGreaterThan(Date.now())
        }
      }
      // A retried message waits: an immediate second run sends nothing.
      expect(await deliverQueued(scriptedSender(verdicts, []), { deadline: far() })).toEqual({ sent: 0, failed: 0, retried: 0 })
    }), { numRuns: 8 })
  })

  it('gives up a message WeChat keeps refusing for passing reasons after five attempts', async () => {
    await queueMessages([message(0)])
    const coll = db().collection(OUTBOX)
    for (let attempt = 1; attempt <= 5; attempt++) {
      await coll.where({ status: 'queued' }).update({ notBefore: new Date(0) })
      await deliverQueued(async () => ({ retry: '45009' }), { deadline: far() })
      expect((await outbox())[0]).toMatchObject({ attempts: attempt, status: attempt < 5 ? 'queued' : 'failed', error: '45009' })
    }
  })

  it('stops at the deadline: what it did not begin goes back to the queue untouched, the oldest went first', async () => {
    await fc.assert(fc.asyncProperty(fc.integer({ min: 25, max: 220 }), fc.integer({ min: 0, max: 30 }), async (n, slowAt) => {
      await clearOutbox()
      await queueGroups(Array.from({ length: Math.ceil(n / 25) }, (_, g) => Math.min(25, n - g * 25)))
      // The run has 400 ms beyond the margin; one send takes longer, so no wave starts after its own.
      const deadline = Date.now() + 3000 + 400
      const log: string[] = []
      // The slow send falls in a wave of 20 before the claimed batch's last, so some wave never starts.
      const slowIndex = Math.min(slowAt, Math.floor((Math.min(n, 200) - 1) / 20) * 20 - 1)
      const report = await deliverQueued(async (m) => {
        log.push(m._id)
        if (log.length === slowIndex + 1) await sleep(Math.max(0, deadline - 3000 - Date.now()) + 20)
        return { sent: true }
      }, { deadline })
      const docs = await outbox()
      const sent = docs.filter((d) => d.status === 'sent')
      expect(sent.map((d) => d._id).sort()).toEqual([...log].sort())
      // Only the claimed batch (200 at most) is put back; the rest was never taken.
      expect(report).toEqual({ sent: sent.length, failed: 0, retried: Math.min(n, 200) - sent.length })
      expect(sent.length).toBeLessThan(n)
      for (const d of docs.filter((x) => x.status !== 'sent')) expect(d).toMatchObject({ status: 'queued', attempts: 0, claim: null, attemptedAt: null })
      const newestSent = Math.max(...sent.map((d) => new Date(d.queuedAt).getTime()))
      const oldestLeft = Math.min(...docs.filter((d) => d.status !== 'sent').map((d) => new Date(d.queuedAt).getTime()))
      expect(newestSent).toBeLessThanOrEqual(oldestLeft)
    }), { numRuns: 5, examples: [[25, 20], [40, 30], [220, 30]] })
  })

  it('overlapping runs never send one message twice, and together send them all', async () => {
    await fc.assert(fc.asyncProperty(fc.integer({ min: 1, max: 300 }), fc.integer({ min: 2, max: 4 }), async (n, runs) => {
      await clearOutbox()
      await queueMessages(Array.from({ length: n }, (_, i) => message(i)))
      const sends = new Map<string, number>()
      const sender: Sender = async (m) => {
        sends.set(m._id, (sends.get(m._id) ?? 0) + 1)
        await sleep(m._id.charCodeAt(m._id.length - 1) % 3)
        return { sent: true }
      }
      const reports = await Promise.all(Array.from({ length: runs }, () => deliverQueued(sender, { deadline: far() })))
      expect([...sends.values()].every((c) => c === 1)).toBe(true)
      expect(sends.size).toBe(n)
      expect(reports.reduce((a, r) => a + r.sent, 0)).toBe(n)
      expect((await outbox()).every((d) => d.status === 'sent')).toBe(true)
    }), { numRuns: 5 })
  })

  it('after a run dies mid-delivery, the next never sends a message twice nor loses one', async () => {
    await fc.assert(fc.asyncProperty(fc.integer({ min: 1, max: 260 }), fc.nat(), async (n, at) => {
      await clearOutbox()
      await queueMessages(Array.from({ length: n }, (_, i) => message(i)))
      const crashAt = at % n
      const sends = new Map<string, number>()
      let asked = 0
      let died!: () => void
      const dead = new Promise<void>((resolve) => { died = resolve })
      // The dying run: its crashAt-th send reaches WeChat, then the instance is gone (nothing after it runs).
      void deliverQueued(async (m) => {
        sends.set(m._id, (sends.get(m._id) ?? 0) + 1)
        if (++asked === crashAt + 1) {
          died()
          return new Promise(() => undefined)
        }
        return { sent: true }
      }, { deadline: far() })
      await dead
      await sleep(30) // the rest of its wave settles, then waits on the dead send forever
      const heldBefore = (await outbox()).filter((d) => d.status === 'sending')
      // Time passes: the dead run's claim grows stale.
      await db().collection(OUTBOX).where({ status: 'sending' }).update({ claimedAt: new Date(Date.now() - STALE_CLAIM_MS - 1000) })
      await deliverQueued(async (m) => {
        sends.set(m._id, (sends.get(m._id) ?? 0) + 1)
        return { sent: true }
      }, { deadline: far() })
      const docs = await outbox()
      expect([...sends.values()].every((c) => c === 1)).toBe(true)
      for (const d of docs) {
        // Every message ends sent (asked exactly once) or failed as interrupted (asked once, by the dead run).
        expect(['sent', 'failed']).toContain(d.status)
        if (d.status === 'failed') expect(d.error).toBe(INTERRUPTED)
        expect(sends.get(d._id) ?? 0).toBe(d.status === 'sent' ? 1 : 1)
      }
      // Only messages the dead run had begun to send are interrupted; those it merely held were sent by the next.
      const interrupted = new Set(docs.filter((d) => d.status === 'failed').map((d) => d._id))
      for (const d of heldBefore) expect(interrupted.has(d._id)).toBe(d.attemptedAt !== null)
      expect(interrupted.size).toBeGreaterThan(0)
      expect(interrupted.size).toBeLessThanOrEqual(20)
    }), { numRuns: 8 })
  })
})

describe('WeChat subscription messages (stand-in openapi)', () => {
  const templateEnv = { [MESSAGE_TEMPLATES.lessonPublished]: 'tmpl-lesson-123' } as NodeJS.ProcessEnv

  it('cuts every field to its type\'s limit, free text ending with an ellipsis', () => {
    const key = fc.tuple(fc.constantFrom('thing', 'phrase', 'name', 'character_string', 'number', 'time', 'date'), fc.integer({ min: 1, max: 30 })).map(([t, i]) => `${t}${i}`)
    const LIMITS: Record<string, number> = { thing: 20, phrase: 5, name: 10, character_string: 32, number: 32 }
    fc.assert(fc.property(fc.dictionary(key, fc.string({ unit: fc.constantFrom('课', 'a', '😀', ' ', '1'), maxLength: 40 })), (data) => {
      const out = templateData(data)
      expect(Object.keys(out).sort()).toEqual(Object.keys(data).sort())
      for (const [k, raw] of Object.entries(data)) {
        const type = k.replace(/\d+$/, '')
        const value = out[k].value
        const limit = LIMITS[type]
        if (!limit || [...raw].length <= limit) expect(value).toBe(raw)
        else {
          expect([...value]).toHaveLength(limit)
          if (type === 'thing') expect(value).toBe(`${[...raw].slice(0, limit - 1).join('')}…`)
          else expect(value).toBe([...raw].slice(0, limit).join(''))
        }
      }
    }))
  })

  it('sends subscribeMessage.send with the template id from the environment; busy is retried, refusals fail, no id fails', async () => {
    const errcode = fc.oneof(fc.constant(0), fc.constantFrom(-1, 45009, 45011, 43101, 40003, 47003, 40037))
    await fc.assert(fc.asyncProperty(errcode, fc.constantFrom(undefined, 'developer', 'trial', 'formal', 'bogus'), fc.boolean(), async (code, state, configured) => {
      const calls: { api: string; data: Record<string, unknown> }[] = []
      const call: WxApiCall = async (api, data) => {
        calls.push({ api, data })
        return { errcode: code, errmsg: code ? 'error' : 'ok' }
      }
      const e: NodeJS.ProcessEnv = { ...(configured ? templateEnv : {}), ...(state ? { MINIPROGRAM_STATE: state } : {}) }
      const m = { ...message(7), _id: 'm7' } as OutboxDoc
      const outcome = await wechatSender(call, e)(m)
      if (!configured) {
        expect(outcome).toEqual({ failed: `no ${MESSAGE_TEMPLATES.lessonPublished}` })
        expect(calls).toEqual([])
        return
      }
      expect(calls).toEqual([{
        api: 'subscribeMessage.send',
        data: { touser: 'o7', template_id: 'tmpl-lesson-123', page: m.page, data: templateData(m.data), miniprogram_state: state && state !== 'bogus' ? state : 'formal', lang: 'zh_CN' }
      }])
      if (code === 0) expect(outcome).toEqual({ sent: true })
      else if ([-1, 45009, 45011].includes(code)) expect(outcome).toEqual({ retry: String(code) })
      else expect(outcome).toEqual({ failed: String(code) })
    }), { numRuns: 80 })
  })

  it('delivers the queue through WeChat; a platform failure (thrown) is retried, never marked sent', async () => {
    await queueMessages([message(1), message(2)])
    const messenger = wechatMessenger(async (_api, data) => {
      if (data.touser === 'o2') throw Object.assign(new Error('no permission'), { code: 'PERMISSION_DENIED' })
      return { errcode: 0, errmsg: 'ok' }
    }, templateEnv)
    expect(await messenger.deliver({ deadline: far() })).toEqual({ sent: 1, failed: 0, retried: 1 })
    const byPerson = new Map((await outbox()).map((d) => [d.personId, d]))
    expect(byPerson.get('p1')).toMatchObject({ status: 'sent' })
    expect(byPerson.get('p2')).toMatchObject({ status: 'queued', error: 'PERMISSION_DENIED', attempts: 1 })
  })
})
